import { ThemeProvider } from '@mui/material/styles';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n';
import type { KeyValueStore } from '../../../src/app/storage';
import { theme } from '../../../src/app/theme';

// Markup helpers of the render tests: there is no DOM here, so a component is rendered to HTML
// (in the app's theme and language) and read back by its data-testids.

/** `element` as HTML, in `language`, without MUI's style tags. */
export function render(element: ReactElement, language = 'nb'): string {
  const store: KeyValueStore = { getItem: (key) => (key === 'lysdesk.language' ? language : null), setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(store)}>
      <ThemeProvider theme={theme}>{element}</ThemeProvider>
    </I18nextProvider>,
  ).replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
}

/** The opening tags of the elements with `testId`. */
export function tags(html: string, testId: string): string[] {
  return [...html.matchAll(new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`, 'g'))].map((match) => match[0]);
}

/** The opening tag of the first element with `testId`; throws when there is none. */
export function tag(html: string, testId: string): string {
  const found = tags(html, testId)[0];
  if (found === undefined) throw new Error(`no element with data-testid="${testId}"`);
  return found;
}

/** Attribute `name` of an opening tag, or null. */
export function attr(openTag: string, name: string): string | null {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(openTag)?.[1] ?? null;
}

/** The text inside each element with `testId` (markup stripped). */
export function texts(html: string, testId: string): string[] {
  return tags(html, testId).map((open) => {
    const start = html.indexOf(open);
    const name = /^<([a-z0-9]+)/.exec(open)?.[1] ?? 'div';
    const pattern = new RegExp(`<(/?)${name}(?=[\\s>])[^>]*>`, 'g');
    pattern.lastIndex = start;
    let depth = 0;
    let end = html.length;
    for (let match = pattern.exec(html); match !== null; match = pattern.exec(html)) {
      depth += match[1] === '/' ? -1 : 1;
      if (depth === 0) {
        end = match.index;
        break;
      }
    }
    return html.slice(start, end).replace(/<[^>]+>/g, ' ').replace(/[ \t\r\n\u200b]+/g, ' ').trim();
  });
}

export function text(html: string, testId: string): string {
  const found = texts(html, testId)[0];
  if (found === undefined) throw new Error(`no element with data-testid="${testId}"`);
  return found;
}
