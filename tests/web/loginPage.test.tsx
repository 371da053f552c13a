import { ThemeProvider } from '@mui/material/styles';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/app/i18n';
import type { KeyValueStore } from '../../src/app/storage';
import { theme } from '../../src/app/theme';
import { LoginPage, type LoginPageProps } from '../../src/features/auth/LoginPage';
import { blamesPassword, loginErrorText } from '../../src/features/auth/loginError';

// The login page rendered to markup (no DOM here): labels in the UI language, the form's
// wiring, and the demo buttons. Signing in itself is covered end to end through the core.

function store(language: string): KeyValueStore {
  return { getItem: (key) => (key === 'lysdesk.language' ? language : null), setItem: () => undefined };
}

function render(auth: LoginPageProps['auth'], language = 'nb'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(store(language))}>
      <ThemeProvider theme={theme}>
        <LoginPage auth={auth} />
      </ThemeProvider>
    </I18nextProvider>,
  );
}

/** The opening tag of the element with `testId` (emotion's style tags removed). */
function tag(html: string, testId: string): string {
  const found = html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '').match(new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`));
  if (found === null) throw new Error(`no element with data-testid="${testId}"`);
  return found[0];
}

const demoLogins = [
  { username: 'consultant@demo', role: 'consultant' },
  { username: 'branch@demo', role: 'branch' },
  { username: 'service@demo', role: 'customer_service' },
  { username: 'admin@demo', role: 'admin' },
] as const;

describe('LoginPage', () => {
  it('is a Norwegian form by default: username (focused), password, a submit button that Enter triggers', () => {
    const html = render({ demoLogins: [], canRemember: true });
    expect(html).toContain('>Logg inn</h1>');
    expect(html).toContain('Brukernavn');
    expect(html).toContain('Passord');
    expect(tag(html, 'login-form')).toMatch(/^<form/);
    const username = tag(html, 'login-username');
    expect(username).toMatch(/autocomplete="username"/i);
    expect(username).toMatch(/autofocus=""/i);
    const password = tag(html, 'login-password');
    expect(password).toMatch(/type="password"/);
    expect(password).toMatch(/autocomplete="current-password"/i);
    // Inside the form, a submit button is what Enter presses; with empty fields it is disabled.
    const submit = tag(html, 'login-submit');
    expect(submit).toMatch(/type="submit"/);
    expect(submit).toMatch(/disabled=""/);
    expect(html.indexOf('data-testid="login-submit"')).toBeLessThan(html.indexOf('</form>'));
    expect(html).not.toContain('data-testid="login-demo"');
    expect(html).not.toContain('data-testid="login-cannot-remember"');
    expect(html).not.toContain('data-testid="login-error"');
  });

  it('offers one button per demo login, labelled with the role and the username', () => {
    const html = render({ demoLogins: [...demoLogins], canRemember: true });
    for (const login of demoLogins) {
      expect(html).toContain(`data-testid="login-demo-${login.role}"`);
      expect(html).toContain(login.username);
    }
    expect(html).toContain('Logg inn som Belysningskonsulent');
    expect(html).toContain('Logg inn som Kundeservice');
    expect(html).toContain('Demo-innlogginger');
  });

  it('speaks English when that is the chosen language, and says when the login cannot be remembered', () => {
    const html = render({ demoLogins: [...demoLogins], canRemember: false }, 'en');
    expect(html).toContain('Username');
    expect(html).toContain('Sign in as Customer service');
    expect(html).toContain('data-testid="login-cannot-remember"');
    expect(html).toContain('no secure keyring');
  });
});

describe('loginErrorText', () => {
  const t = createI18n(store('nb')).t;

  it('words the codes it knows in the UI language', () => {
    expect(loginErrorText({ code: 'INVALID_CREDENTIALS', message: 'x' }, t)).toBe('Feil brukernavn eller passord.');
    expect(loginErrorText({ code: 'OFFLINE', message: 'x' }, t)).toMatch(/^Får ikke kontakt med serveren/);
    expect(loginErrorText({ code: 'BRIDGE_DISCONNECTED', message: 'x' }, t)).toMatch(/appkjernen/);
  });

  it("shows the core's own message otherwise (RATE_LIMITED carries the wait)", () => {
    const message = 'For mange mislykkede innlogginger. Vent 15 minutter og prøv igjen.';
    expect(loginErrorText({ code: 'RATE_LIMITED', message }, t)).toBe(message);
    expect(loginErrorText({ code: 'SOMETHING', message: ' ' }, t)).toBe('Innloggingen mislyktes (SOMETHING). Prøv igjen.');
  });

  it('sends the cursor back to the password only for a wrong password', () => {
    expect(blamesPassword({ code: 'INVALID_CREDENTIALS', message: '' })).toBe(true);
    expect(blamesPassword({ code: 'OFFLINE', message: '' })).toBe(false);
  });
});
