import { ThemeProvider } from '@mui/material/styles';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { customerDetailSchema, type CustomerDetail } from '../../electron/shared/ipc/customers';
import { createI18n } from '../../src/app/i18n';
import type { KeyValueStore } from '../../src/app/storage';
import { theme } from '../../src/app/theme';
import type { SessionStaff } from '../../src/features/customers/customerModel';
import { CustomerPageView } from '../../src/features/customers/CustomerPageView';
import { TierChangeForm, type TierChangeFormProps } from '../../src/features/customers/TierChangeDialog';
import { checkTierForm } from '../../src/features/customers/tierChange';

// The customer page and the tier dialog's form rendered to markup (no DOM here): every section
// from a fixture, who gets the change action, pending markers, and the form's messages. The
// wiring to the core (submitting) is in customerTier.test.ts; the whole flow in the browser tests.

const consultant: SessionStaff = { id: 's1', username: 'kari', name: 'Kari Konsulent', role: 'consultant', branchId: 'b-oslo' };
const otherConsultant: SessionStaff = { id: 's2', username: 'per', name: 'Per Bergen', role: 'consultant', branchId: 'b-bergen' };
const service: SessionStaff = { id: 's3', username: 'siv', name: 'Siv Service', role: 'customer_service', branchId: null };
const branchStaff: SessionStaff = { id: 's4', username: 'bo', name: 'Bo Branch', role: 'branch', branchId: 'b-oslo' };
const admin: SessionStaff = { id: 's5', username: 'ada', name: 'Ada Admin', role: 'admin', branchId: null };

function fixture(): CustomerDetail {
  // Parsed by the contract's schema, so the fixture is what the core may really send.
  return customerDetailSchema.parse({
    customer: {
      id: 'c1',
      customerNumber: '10042',
      orgNumber: '923456789',
      name: 'Lysverket AS',
      phone: '+47 22 33 44 55',
      email: 'post@lysverket.no',
      loyaltyTier: 'gold',
      branchId: 'b-oslo',
      branchName: 'Oslo',
      consultantId: 's1',
      consultantName: 'Kari Konsulent',
      migrationState: 'switched_on',
      migrationDeferredUntil: null,
      oldShopAccess: true,
      createdAt: '2019-03-04T10:00:00.000Z',
      pending: false,
    },
    addresses: [
      { id: 'a1', kind: 'business', name: null, line1: 'Storgata 1', line2: null, postalCode: '0155', city: 'Oslo', country: 'NO' },
      { id: 'a2', kind: 'billing', name: 'Lysverket AS c/o Regnskap', line1: 'Postboks 12', line2: null, postalCode: '0101', city: 'Oslo', country: 'NO' },
      { id: 'a3', kind: 'delivery', name: 'Byggeplass Bjørvika', line1: 'Dronning Eufemias gate 30', line2: 'Port 3', postalCode: '0191', city: 'Oslo', country: 'NO' },
      { id: 'a4', kind: 'delivery', name: 'Lager Alnabru', line1: 'Strømsveien 250', line2: null, postalCode: '0668', city: 'Oslo', country: 'NO' },
    ],
    users: [
      { id: 'u1', name: 'Ola Innkjøper', email: 'ola@lysverket.no', role: 'purchaser', oldShopUsername: 'olai', newShopActivatedAt: '2026-10-01T12:30:00.000Z' },
      { id: 'u2', name: 'Eva Admin', email: 'eva@lysverket.no', role: 'admin', oldShopUsername: null, newShopActivatedAt: null },
    ],
    orders: {
      total: 57,
      last12Months: 42,
      value12MonthsOre: 123_456_789,
      open: 2,
      lastPlacedAt: '2026-11-20T09:15:00.000Z',
      recent: [{ id: 'o1', orderNumber: 'O-5001', placedAt: '2026-11-20T09:15:00.000Z', lineCount: 3, valueOre: 1_250_000, openLines: 1 }],
    },
    quotes: {
      total: 9,
      open: 1,
      recent: [{ id: 'q1', quoteNumber: 'T-1001', status: 'in_progress', requestedAt: '2026-11-21T08:00:00.000Z' }],
    },
    tierHistory: [
      { id: 'h1', at: '2025-01-10T08:00:00.000Z', fromTier: 'silver', toTier: 'gold', reason: 'Stor rammeavtale', changedByName: 'Kari Konsulent', pending: false },
      { id: 'h2', at: '2026-11-21T09:00:00.000Z', fromTier: 'gold', toTier: 'platinum', reason: 'Over 1 mill. i år', changedByName: 'Kari Konsulent', pending: true },
    ],
    tierSuggestion: { tier: 'platinum', orders: 42, valueOre: 123_456_789, explanation: '42 ordrer, NOK 1,2 mill. siste 12 mnd. → platina' },
    migrationHistory: [],
  });
}

function render(element: ReactElement, language = 'nb'): string {
  const store: KeyValueStore = { getItem: (key) => (key === 'lysdesk.language' ? language : null), setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(store)}>
      <ThemeProvider theme={theme}>{element}</ThemeProvider>
    </I18nextProvider>,
  ).replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
}

const noop = (): void => undefined;

function page(detail: CustomerDetail | null | undefined, staff: SessionStaff = consultant, language = 'nb'): string {
  return render(<CustomerPageView detail={detail} staff={staff} onBack={noop} onChangeTier={noop} migration={<div data-testid="fake-migration-panel">panel</div>} />, language);
}

/** The opening tag of the element with `testId`. */
function tag(html: string, testId: string): string {
  const found = html.match(new RegExp(`<[a-z0-9]+[^>]*data-testid="${testId}"[^>]*>`));
  if (found === null) throw new Error(`no element with data-testid="${testId}"`);
  return found[0];
}

/** The text inside the element that starts at `start` (nested elements included, markup stripped). */
function textFrom(html: string, start: number): string {
  const open = /^<([a-z0-9]+)/.exec(html.slice(start))?.[1] ?? 'div';
  const pattern = new RegExp(`<(/?)${open}(?=[\\s>])[^>]*>`, 'g');
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
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n\u00a0\u200b]+/g, ' ')
    .trim();
}

/** The text of the first element with `testId`. */
function text(html: string, testId: string): string {
  return textFrom(html, html.indexOf(tag(html, testId)));
}

/** The texts of every element with `testId`, in document order. */
function texts(html: string, testId: string): string[] {
  const found: string[] = [];
  const pattern = new RegExp(`<[a-z0-9]+[^>]*data-testid="${testId}"[^>]*>`, 'g');
  for (let match = pattern.exec(html); match !== null; match = pattern.exec(html)) found.push(textFrom(html, match.index));
  return found;
}

function tags(html: string, testId: string): string[] {
  return [...html.matchAll(new RegExp(`<[a-z0-9]+[^>]*data-testid="${testId}"[^>]*>`, 'g'))].map((match) => match[0]);
}

describe('the customer page', () => {
  const html = page(fixture());

  it('has a header: name, numbers (org number grouped), tier chip in its colour, branch, consultant, phone and e-mail', () => {
    expect(tag(html, 'customer-page')).toContain('data-state="ready"');
    expect(text(html, 'customer-name')).toBe('Lysverket AS');
    expect(text(html, 'customer-number')).toBe('10042');
    expect(text(html, 'customer-org-number')).toBe('923 456 789');
    expect(tag(html, 'customer-tier')).toContain('data-tier="gold"');
    expect(text(html, 'customer-tier')).toBe('Gull');
    expect(text(html, 'customer-branch')).toBe('Oslo');
    expect(text(html, 'customer-consultant')).toBe('Kari Konsulent');
    expect(text(html, 'customer-phone')).toBe('+47 22 33 44 55');
    expect(text(html, 'customer-email')).toBe('post@lysverket.no');
    expect(html).toContain('data-testid="customer-back"');
    expect(html).not.toContain('data-testid="customer-pending"');
  });

  it('lists the business and billing address and every delivery address', () => {
    expect(text(html, 'customer-address-business')).toBe('Storgata 1 0155 Oslo');
    expect(text(html, 'customer-address-billing')).toBe('Lysverket AS c/o Regnskap Postboks 12 0101 Oslo');
    expect(texts(html, 'customer-address-delivery')).toEqual(['Byggeplass Bjørvika Dronning Eufemias gate 30 Port 3 0191 Oslo', 'Lager Alnabru Strømsveien 250 0668 Oslo']);
  });

  it('shows the company users with role, old-shop username and activation in the new shop', () => {
    expect(text(html, 'customer-users')).toContain('Firmabrukere (2)');
    expect(texts(html, 'customer-user-row')).toEqual([
      'Ola Innkjøper ola@lysverket.no Innkjøper olai 01.10.2026 14:30',
      'Eva Admin eva@lysverket.no Administrator – Ikke aktivert',
    ]);
  });

  it('sums up the orders: totals, last 12 months in NOK, open, last order, recent orders', () => {
    expect(text(html, 'customer-orders-total')).toBe('57');
    expect(text(html, 'customer-orders-12m')).toBe('42');
    expect(text(html, 'customer-orders-value-12m')).toBe('1 234 567,89 kr');
    expect(text(html, 'customer-orders-open')).toBe('2');
    expect(text(html, 'customer-orders-last')).toBe('20.11.2026');
    expect(texts(html, 'customer-order-row')).toEqual(['O-5001 20.11.2026 3 12 500,00 kr 1']);
  });

  it('sums up the quotes: open, total, recent with status', () => {
    expect(text(html, 'customer-quotes-open')).toBe('1');
    expect(text(html, 'customer-quotes-total')).toBe('9');
    expect(texts(html, 'customer-quote-row')).toEqual(['T-1001 Under arbeid 21.11.2026 09:00']);
  });

  it('shows the suggestion with its explanation, never applied: a button only prefills the dialog', () => {
    expect(tag(html, 'tier-suggestion')).toContain('data-suggested-tier="platinum"');
    expect(text(html, 'tier-suggestion-explanation')).toBe('42 ordrer, NOK 1,2 mill. siste 12 mnd. → platina');
    expect(text(html, 'tier-suggestion')).toContain('brukes aldri av seg selv');
    expect(text(html, 'tier-suggestion-use')).toBe('Bruk forslaget');
    // The tier shown is still the customer's own.
    expect(tag(html, 'customer-tier')).toContain('data-tier="gold"');
  });

  it('lists the tier history newest first, with who, when, from → to, the reason and a pending marker', () => {
    const rows = tags(html, 'tier-history-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('data-pending="true"');
    expect(rows[1]).toContain('data-pending="false"');
    expect(texts(html, 'tier-history-row')).toEqual([
      '21.11.2026 10:00 venter Kari Konsulent Gull → Platina Over 1 mill. i år',
      '10.01.2025 09:00 Kari Konsulent Sølv → Gull Stor rammeavtale',
    ]);
    expect(tags(html, 'tier-history-pending')).toHaveLength(1);
  });

  it('embeds the migration panel in its own section', () => {
    expect(text(html, 'customer-migration')).toBe('panel');
  });

  it('marks a customer with a queued action as pending', () => {
    const detail = fixture();
    const pending = page({ ...detail, customer: { ...detail.customer, pending: true } });
    expect(text(pending, 'customer-pending')).toBe('Venter på serveren');
  });

  it('says the tier was never changed when the history is empty', () => {
    expect(text(page({ ...fixture(), tierHistory: [] }), 'tier-history')).toBe('Kundenivået er ikke endret.');
  });

  it('says the suggestion matches when it does, and offers no button', () => {
    const detail = fixture();
    const same = page({ ...detail, tierSuggestion: { ...detail.tierSuggestion, tier: 'gold', explanation: '42 ordrer, NOK 1,2 mill. siste 12 mnd. → gull' } });
    expect(tag(same, 'tier-suggestion')).toContain('data-differs="false"');
    expect(text(same, 'tier-suggestion')).toContain('Forslaget er samme nivå som kunden har.');
    expect(same).not.toContain('data-testid="tier-suggestion-use"');
  });
});

describe('who may change the tier', () => {
  it('the consultant of the customer’s branch, and an admin', () => {
    for (const staff of [consultant, admin]) {
      const html = page(fixture(), staff);
      expect(text(html, 'tier-change-open'), staff.role).toBe('Endre kundenivå');
      expect(html).not.toContain('data-testid="tier-change-not-allowed"');
    }
  });

  it('not a consultant of another branch, customer service or branch staff: no button, no "use the suggestion", and a reason why', () => {
    for (const staff of [otherConsultant, service, branchStaff]) {
      const html = page(fixture(), staff);
      expect(html, staff.username).not.toContain('data-testid="tier-change-open"');
      expect(html, staff.username).not.toContain('data-testid="tier-suggestion-use"');
      expect(text(html, 'tier-change-not-allowed')).toBe('Bare belysningskonsulentene i avdeling Oslo kan endre kundenivået.');
      // The suggestion is still there to read.
      expect(text(html, 'tier-suggestion-explanation')).toContain('42 ordrer');
    }
  });
});

describe('loading and not found', () => {
  it('shows a loading state before the first answer', () => {
    const html = page(undefined);
    expect(tag(html, 'customer-page')).toContain('data-state="loading"');
    expect(text(html, 'customer-page')).toBe('Henter kunden …');
  });

  it('says clearly when the customer is not found', () => {
    const html = page(null);
    expect(tag(html, 'customer-page')).toContain('data-state="not-found"');
    expect(text(html, 'customer-not-found')).toContain('Fant ikke kunden');
    expect(html).toContain('data-testid="customer-back"');
  });
});

describe('in English', () => {
  it('translates the page and builds the suggestion’s explanation from its facts', () => {
    const html = page(fixture(), consultant, 'en');
    expect(text(html, 'tier-change-open')).toBe('Change tier');
    expect(text(html, 'tier-suggestion-explanation')).toBe('42 orders, NOK 1,2 mill. in the last 12 months → platinum');
    expect(texts(html, 'tier-history-row')[0]).toBe('21.11.2026 10:00 pending Kari Konsulent Gold → Platinum Over 1 mill. i år');
  });
});

describe('the tier change form', () => {
  const base: TierChangeFormProps = {
    customerName: 'Lysverket AS',
    currentTier: 'gold',
    form: { toTier: '', reason: '' },
    problem: null,
    refusal: null,
    submitting: false,
    onChange: noop,
    onCancel: noop,
    onSubmit: noop,
  };

  it('offers the tiers in a select, the current one disabled, a required reason and a submit button', () => {
    const html = render(<TierChangeForm {...base} />);
    expect(tag(html, 'tier-select')).toMatch(/^<select/);
    expect(html).toMatch(/<option value="" disabled="" selected="">Velg nivå<\/option>/);
    expect(html).toMatch(/<option value="silver">Sølv<\/option>/);
    expect(html).toMatch(/<option value="gold" disabled="">Gull \(nåværende\)<\/option>/);
    expect(html).toMatch(/<option value="platinum">Platina<\/option>/);
    expect(tag(html, 'tier-reason')).toMatch(/^<textarea/);
    expect(tag(html, 'tier-reason')).toMatch(/required=""/);
    expect(tag(html, 'tier-change-submit')).toMatch(/type="submit"/);
    expect(html.indexOf('data-testid="tier-change-submit"')).toBeLessThan(html.indexOf('</form>'));
    expect(text(html, 'tier-change-form')).toContain('Lysverket AS har nå nivå gull.');
  });

  it('shows the shared rule’s Norwegian message for an empty reason', () => {
    const check = checkTierForm('gold', { toTier: 'platinum', reason: '   ' });
    if (check.ok) throw new Error('an empty reason must be refused');
    const html = render(<TierChangeForm {...base} form={{ toTier: 'platinum', reason: '   ' }} problem={check} />);
    expect(html).toContain('Skriv en begrunnelse for endringen.');
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*data-testid="tier-reason"|<textarea[^>]*data-testid="tier-reason"[^>]*aria-invalid="true"/);
  });

  it('shows the core’s refusal with its code', () => {
    const html = render(<TierChangeForm {...base} form={{ toTier: 'platinum', reason: 'Avtalt' }} refusal={{ code: 'FORBIDDEN', message: 'Du kan bare endre nivået til kunder i din avdeling.' }} />);
    expect(tag(html, 'tier-change-error')).toContain('data-code="FORBIDDEN"');
    expect(text(html, 'tier-change-error')).toBe('Endringen ble ikke lagret: Du kan bare endre nivået til kunder i din avdeling. (FORBIDDEN)');
  });

  it('disables submit while sending', () => {
    expect(tag(render(<TierChangeForm {...base} submitting />), 'tier-change-submit')).toMatch(/\sdisabled=""/);
  });
});
