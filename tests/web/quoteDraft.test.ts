import { describe, expect, it } from 'vitest';
import type { QuoteDetail } from '../../electron/shared/ipc/quotes';
import type { KeyValueStore } from '../../src/app/storage';
import {
  clearDraft,
  draftFor,
  draftKey,
  initialDraft,
  readDraft,
  reconcileDraft,
  setExtraDiscount,
  setOfferedPrice,
  writeDraft,
  type QuoteDraft,
} from '../../src/features/quotes/draftStore';

// An answer in progress is kept per quote until the server takes it: through a reload, and
// through a rejected answer (Needs attention).

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

function detail(lines: { id: string; extraDiscountBp?: number; offeredPriceOre?: number | null }[], overrides: Partial<QuoteDetail['quote']> = {}): QuoteDetail {
  return {
    quote: {
      id: 'q1',
      quoteNumber: 'T-1',
      customerId: 'c',
      customerName: 'Kunde AS',
      customerNumber: '1',
      loyaltyTier: 'silver',
      branchId: 'b',
      branchName: 'Bergen',
      lineCount: lines.length,
      listValueOre: 0,
      requestedAt: '2026-11-21T08:00:00.000Z',
      dueAt: '2026-11-22T08:00:00.000Z',
      status: 'in_progress',
      assigneeId: 'me',
      assigneeName: 'Kari',
      unreadComments: 0,
      pending: false,
      projectListName: null,
      answeredAt: null,
      validUntil: null,
      messageToCustomer: null,
      declineReason: null,
      orderId: null,
      ...overrides,
    },
    lines: lines.map((line, index) => ({
      id: line.id,
      position: index + 1,
      productId: 'p',
      articleNumber: 'A',
      name: 'N',
      qty: 1,
      listPriceOre: 10_000,
      costPriceOre: null,
      tierDiscountBp: 0,
      extraDiscountBp: line.extraDiscountBp ?? 0,
      offeredPriceOre: line.offeredPriceOre ?? null,
    })),
    comments: [],
    events: [],
  };
}

const sample: QuoteDraft = {
  lines: { l1: { extraDiscount: '7,5', offeredPrice: '' }, l2: { extraDiscount: '', offeredPrice: 'abc' } },
  validityDays: '14',
  message: 'Hei!',
  submitted: null,
};

describe('the draft store', () => {
  it('round-trips a draft per quote, invalid inputs included', () => {
    const store = memoryStore();
    writeDraft(store, 'q1', sample);
    expect(readDraft(store, 'q1')).toEqual(sample);
    expect(readDraft(store, 'q2')).toBeNull();
    expect(store.data.has(draftKey('q1'))).toBe(true);
  });

  it('forgets a cleared draft, and ignores unreadable ones', () => {
    const store = memoryStore();
    writeDraft(store, 'q1', sample);
    clearDraft(store, 'q1');
    expect(readDraft(store, 'q1')).toBeNull();
    store.data.set(draftKey('q3'), '{"lines": 5}');
    expect(readDraft(store, 'q3')).toBeNull();
    store.data.set(draftKey('q4'), 'not json');
    expect(readDraft(store, 'q4')).toBeNull();
    expect(readDraft(null, 'q1')).toBeNull();
  });

  it('starts from the quote: default validity 30 days, the last answer’s figures on a revision', () => {
    const fresh = initialDraft(detail([{ id: 'l1', extraDiscountBp: 1250 }, { id: 'l2', offeredPriceOre: 99_950 }, { id: 'l3' }], { messageToCustomer: 'Forrige svar' }));
    expect(fresh).toEqual({
      lines: { l1: { extraDiscount: '12,5', offeredPrice: '' }, l2: { extraDiscount: '', offeredPrice: '999,50' }, l3: { extraDiscount: '', offeredPrice: '' } },
      validityDays: '30',
      message: 'Forrige svar',
      submitted: null,
    });
  });

  it('fits a stored draft to lines that changed since', () => {
    const fitted = draftFor(detail([{ id: 'l1' }, { id: 'l9', extraDiscountBp: 300 }]), sample);
    expect(Object.keys(fitted.lines)).toEqual(['l1', 'l9']);
    expect(fitted.lines.l1).toEqual({ extraDiscount: '7,5', offeredPrice: '' });
    expect(fitted.lines.l9).toEqual({ extraDiscount: '3', offeredPrice: '' });
    expect(fitted.validityDays).toBe('14');
  });

  it('lets a discount clear the fixed price and the other way round', () => {
    const withPrice = setOfferedPrice(sample, 'l1', '100');
    expect(withPrice.lines.l1).toEqual({ extraDiscount: '', offeredPrice: '100' });
    expect(setExtraDiscount(withPrice, 'l1', '5').lines.l1).toEqual({ extraDiscount: '5', offeredPrice: '' });
    // Emptying one field does not empty the other.
    expect(setExtraDiscount(withPrice, 'l1', '').lines.l1).toEqual({ extraDiscount: '', offeredPrice: '100' });
  });
});

describe('reconcileDraft', () => {
  const first: QuoteDraft = { ...sample, submitted: { answeredAtBefore: null } };
  const revision: QuoteDraft = { ...sample, submitted: { answeredAtBefore: '2026-11-21T09:00:00.000Z' } };

  it('keeps a submitted draft while its answer is queued', () => {
    expect(reconcileDraft(first, { pending: true, answeredAt: '2026-11-21T10:00:00.000Z' })).toBe('keep');
  });

  it('clears it once the quote carries a new answer time, whatever happened since', () => {
    expect(reconcileDraft(first, { pending: false, answeredAt: '2026-11-21T10:00:00.000Z' })).toBe('clear');
    expect(reconcileDraft(revision, { pending: false, answeredAt: '2026-11-21T11:00:00.000Z' })).toBe('clear');
  });

  it('reopens it when the queue is empty and the answer time is still the old one (refused)', () => {
    expect(reconcileDraft(first, { pending: false, answeredAt: null })).toBe('reopen');
    expect(reconcileDraft(revision, { pending: false, answeredAt: '2026-11-21T09:00:00.000Z' })).toBe('reopen');
  });

  it('survives the store with its answer time', () => {
    const store = memoryStore();
    writeDraft(store, 'q1', revision);
    expect(readDraft(store, 'q1')?.submitted).toEqual({ answeredAtBefore: '2026-11-21T09:00:00.000Z' });
  });

  it('leaves unsent drafts and missing ones alone', () => {
    expect(reconcileDraft(sample, { pending: false, answeredAt: '2026-11-21T10:00:00.000Z' })).toBe('keep');
    expect(reconcileDraft(null, { pending: false, answeredAt: null })).toBe('keep');
  });
});
