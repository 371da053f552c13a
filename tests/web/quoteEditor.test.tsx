import { ThemeProvider } from '@mui/material/styles';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { QuoteDetail } from '../../electron/shared/ipc/quotes';
import { createI18n } from '../../src/app/i18n';
import type { KeyValueStore } from '../../src/app/storage';
import { theme } from '../../src/app/theme';
import { initialDraft, setExtraDiscount, setOfferedPrice, type QuoteDraft } from '../../src/features/quotes/draftStore';
import { QuoteEditorView } from '../../src/features/quotes/QuoteEditorView';
import type { SessionStaff } from '../../src/features/quotes/quoteModel';

// The quote editor rendered to markup (no DOM here) in the states a consultant meets: their own
// quote in progress (editable, priced), someone else's, an answered one (read-only), and the
// below-cost warning. Its wiring to the core is covered end to end in the browser tests.

const me: SessionStaff = { id: 'me', username: 'kari', name: 'Kari Konsulent', role: 'consultant', branchId: 'b1' };
const admin: SessionStaff = { id: 'boss', username: 'ada', name: 'Ada Admin', role: 'admin', branchId: null };
const now = Date.parse('2026-11-21T10:00:00.000Z');

function detail(overrides: Partial<QuoteDetail['quote']> = {}): QuoteDetail {
  const line = (id: string, position: number, qty: number, listPriceOre: number, costPriceOre: number | null) => ({
    id,
    position,
    productId: `p-${id}`,
    articleNumber: `LED-${position}00`,
    name: `Downlight ${position}`,
    qty,
    listPriceOre,
    costPriceOre,
    tierDiscountBp: 1000,
    extraDiscountBp: 0,
    offeredPriceOre: null,
  });
  return {
    quote: {
      id: 'q1',
      quoteNumber: 'T-1001',
      customerId: 'c1',
      customerName: 'Lysverket AS',
      customerNumber: '10001',
      loyaltyTier: 'gold',
      branchId: 'b1',
      branchName: 'Oslo',
      lineCount: 3,
      listValueOre: 1_034_990,
      requestedAt: '2026-11-21T08:00:00.000Z',
      // 2 h 30 min left at `now`: amber.
      dueAt: '2026-11-21T12:30:00.000Z',
      status: 'in_progress',
      assigneeId: 'me',
      assigneeName: 'Kari Konsulent',
      unreadComments: 0,
      pending: false,
      projectListName: 'Kontorbygg Bjørvika',
      answeredAt: null,
      validUntil: null,
      messageToCustomer: null,
      declineReason: null,
      orderId: null,
      ...overrides,
    },
    lines: [line('l1', 1, 10, 12_500, 9_000), line('l2', 2, 2, 450_000, 300_000), line('l3', 3, 1, 9_990, null)],
    comments: [
      { id: 'c2', authorKind: 'staff', authorName: 'Kari Konsulent', body: 'Vi ser på det.', createdAt: '2026-11-21T09:10:00.000Z', pending: true },
      { id: 'c1', authorKind: 'customer', authorName: 'Ola Kunde', body: 'Kan dere gi bedre pris?', createdAt: '2026-11-21T09:00:00.000Z', pending: false },
    ],
    events: [
      { id: 'e2', at: '2026-11-21T08:30:00.000Z', actorKind: 'staff', actorName: 'Kari Konsulent', kind: 'claimed', detail: {} },
      { id: 'e1', at: '2026-11-21T08:00:00.000Z', actorKind: 'customer', actorName: 'Ola Kunde', kind: 'requested', detail: {} },
      { id: 'e3', at: '2026-11-21T08:40:00.000Z', actorKind: 'staff', actorName: 'Ada Admin', kind: 'reassigned', detail: { assigneeName: 'Kari Konsulent' } },
    ],
  };
}

function typed(quote: QuoteDetail): QuoteDraft {
  return setOfferedPrice(setExtraDiscount(initialDraft(quote), 'l1', '5'), 'l2', '2800');
}

const noop = (): void => undefined;
const actions = { onClaim: noop, onRelease: noop, onDecline: noop, onReassign: noop, onClose: noop };

function render(element: ReactElement, language = 'nb'): string {
  const store: KeyValueStore = { getItem: (key) => (key === 'lysdesk.language' ? language : null), setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(store)}>
      <ThemeProvider theme={theme}>{element}</ThemeProvider>
    </I18nextProvider>,
  ).replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
}

function editor(quote: QuoteDetail, options: { staff?: SessionStaff; draft?: QuoteDraft; rejected?: boolean; language?: string } = {}): string {
  return render(
    <QuoteEditorView
      detail={quote}
      staff={options.staff ?? me}
      draft={options.draft ?? typed(quote)}
      now={now}
      rejected={options.rejected ?? false}
      onDraftChange={noop}
      onSend={noop}
      onComment={async () => true}
      actions={actions}
    />,
    options.language,
  );
}

/** The opening tag of the element with `testId`. */
function tag(html: string, testId: string): string {
  const found = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`));
  if (found === null) throw new Error(`no element with data-testid="${testId}"`);
  return found[0];
}

/** The text inside the element with `testId`, nested elements included (markup stripped, NBSP kept). */
function text(html: string, testId: string): string {
  const open = tag(html, testId);
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
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \t\r\n\u200b]+/g, ' ')
    .trim();
}

const nbsp = '\u00a0';

describe('the quote editor, my quote in progress', () => {
  const html = editor(detail());

  it('is editable, with every input and Send enabled', () => {
    expect(tag(html, 'quote-editor')).toContain('data-editable="true"');
    for (const id of ['quote-extra-discount-1', 'quote-offered-price-2', 'quote-validity', 'quote-message', 'quote-send']) {
      expect(tag(html, id), id).not.toMatch(/\sdisabled=""/);
    }
    expect(html).not.toContain('data-testid="quote-read-only"');
  });

  it('shows the total by the shared rules, in NOK', () => {
    expect(text(html, 'quote-total')).toBe(`6${nbsp}752,41${nbsp}kr`);
    expect(text(html, 'quote-line-1')).toContain(`106,25${nbsp}kr`);
    expect(text(html, 'quote-line-1')).toContain(`1${nbsp}062,50${nbsp}kr`);
  });

  it('shows what was typed, validity 30 days by default', () => {
    expect(tag(html, 'quote-extra-discount-1')).toContain('value="5"');
    expect(tag(html, 'quote-offered-price-2')).toContain('value="2800"');
    expect(tag(html, 'quote-validity')).toContain('value="30"');
  });

  it('has the header: number, customer, tier chip, status, assignee and an amber countdown', () => {
    expect(text(html, 'quote-number')).toBe('T-1001');
    expect(tag(html, 'quote-tier')).toContain('data-tier="gold"');
    expect(tag(html, 'quote-status')).toContain('data-status="in_progress"');
    expect(html).toContain('Under arbeid');
    expect(html).toContain('Ansvarlig: Kari Konsulent');
    expect(tag(html, 'quote-sla')).toContain('data-tone="amber"');
    expect(text(html, 'quote-sla')).toBe('Frist: 2 t 30 min');
  });

  it('lets me release and decline, not claim, and shows no reassign to a consultant', () => {
    expect(tag(html, 'quote-release')).not.toMatch(/\sdisabled=""/);
    expect(tag(html, 'quote-decline')).not.toMatch(/\sdisabled=""/);
    expect(html).not.toContain('data-testid="quote-editor-claim"');
    expect(html).not.toContain('data-testid="quote-reassign"');
  });

  it('shows the thread oldest first, customer and staff apart, pending marked', () => {
    const thread = html.slice(html.indexOf('data-testid="quote-thread"'));
    expect(thread.indexOf('Kan dere gi bedre pris?')).toBeLessThan(thread.indexOf('Vi ser på det.'));
    expect(thread).toMatch(/data-author="customer"/);
    expect(thread).toMatch(/data-author="staff" data-pending="true"/);
    expect(thread).toContain('Venter på serveren');
    expect(tag(html, 'quote-comment-input')).toContain('aria-keyshortcuts="Control+Enter"');
    expect(html).toContain('data-testid="quote-comment-send"');
  });

  it('tells the history in Norwegian words, oldest first', () => {
    const timeline = html.slice(html.indexOf('data-testid="quote-timeline"')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(timeline).toContain('Ola Kunde ba om tilbud 21.11.2026 09:00 Kari Konsulent tok tilbudet 21.11.2026 09:30 Ada Admin tildelte tilbudet til Kari Konsulent');
  });
});

describe('the below-cost warning', () => {
  it('shows on a line priced under cost, and only there', () => {
    const html = editor(detail());
    expect(text(html, 'quote-below-cost-2')).toBe(`Under kostpris (3${nbsp}000,00${nbsp}kr)`);
    expect(html).not.toContain('data-testid="quote-below-cost-1"');
    expect(html).not.toContain('data-testid="quote-below-cost-3"');
  });

  it('goes away when the price is at cost', () => {
    const quote = detail();
    const html = editor(quote, { draft: setOfferedPrice(initialDraft(quote), 'l2', '3000') });
    expect(html).not.toContain('data-testid="quote-below-cost-2"');
  });
});

describe('a read-only quote', () => {
  it('answered: inputs and Send disabled, no countdown, says why', () => {
    const quote = detail({ status: 'answered', answeredAt: '2026-11-21T09:45:00.000Z', validUntil: '2026-12-21' });
    const html = editor(quote, { draft: initialDraft(quote) });
    expect(tag(html, 'quote-editor')).toContain('data-editable="false"');
    for (const id of ['quote-extra-discount-1', 'quote-offered-price-2', 'quote-validity', 'quote-message', 'quote-send', 'quote-release']) {
      expect(tag(html, id), id).toMatch(/\sdisabled=""/);
    }
    expect(text(html, 'quote-read-only')).toBe('Tilbudet er besvart og kan ikke redigeres.');
    expect(html).not.toContain('data-testid="quote-sla"');
    expect(html).toContain('Besvart 21.11.2026 10:45 · Gyldig til 21.12.2026');
  });

  it('someone else’s: read-only, and says whose', () => {
    const html = editor(detail({ assigneeId: 'other', assigneeName: 'Per Pris' }));
    expect(tag(html, 'quote-editor')).toContain('data-editable="false"');
    expect(text(html, 'quote-read-only')).toBe('Tilbudet er tatt av Per Pris; bare den ansvarlige kan redigere.');
    expect(tag(html, 'quote-release')).toMatch(/\sdisabled=""/);
  });

  it('a new request: Claim offered, editing waits for it', () => {
    const html = editor(detail({ status: 'requested', assigneeId: null, assigneeName: null }));
    expect(html).toContain('data-testid="quote-editor-claim"');
    expect(text(html, 'quote-read-only')).toBe('Ta tilbudet for å redigere svaret.');
    expect(tag(html, 'quote-send')).toMatch(/\sdisabled=""/);
  });

  it('a sent answer waits for the server before it can be edited again', () => {
    const quote = detail();
    const html = editor(quote, { draft: { ...typed(quote), submitted: { answeredAtBefore: null } } });
    expect(tag(html, 'quote-editor')).toContain('data-editable="false"');
    expect(html).toContain('Sendt, venter på serveren');
  });
});

describe('errors, admins and English', () => {
  it('a refused input disables Send and says what to type', () => {
    const quote = detail();
    const html = editor(quote, { draft: { ...setExtraDiscount(initialDraft(quote), 'l1', '95'), validityDays: '400' } });
    expect(tag(html, 'quote-send')).toMatch(/\sdisabled=""/);
    expect(html).toContain('Nivårabatt og ekstra rabatt blir til sammen over 100 %.');
    expect(html).toContain('Skriv et helt antall dager fra 1 til 365.');
    expect(text(html, 'quote-total')).toBe('–');
  });

  it('a refused answer comes back with the draft and a warning', () => {
    expect(text(editor(detail(), { rejected: true }), 'quote-draft-rejected')).toContain('Utkastet ditt er beholdt');
  });

  it('an admin gets Reassign', () => {
    expect(editor(detail(), { staff: admin })).toContain('data-testid="quote-reassign"');
  });

  it('speaks English', () => {
    const html = editor(detail(), { language: 'en' });
    expect(html).toContain('Send quote');
    expect(text(html, 'quote-below-cost-2')).toBe(`Below cost (3${nbsp}000,00${nbsp}kr)`);
    expect(text(html, 'quote-sla')).toBe('Due: 2 h 30 min');
  });
});
