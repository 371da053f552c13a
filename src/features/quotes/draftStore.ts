import { z } from 'zod';
import type { QuoteDetail } from '../../../electron/shared/ipc/quotes';
import { readKey, writeKey, type KeyValueStore } from '../../app/storage';
import { QUOTE_DEFAULT_VALIDITY_DAYS } from '../../../electron/shared/domain/quoteAnswer';
import { formatBpInput, formatOreInput } from './answerForm';

/** A line's inputs as typed: an extra discount in percent, or a fixed unit price in kroner. */
export interface DraftLine {
  extraDiscount: string;
  offeredPrice: string;
}

/**
 * A consultant's answer in progress, as typed (so an invalid entry survives a reload with its
 * error). Kept per quote until the server accepts the answer: a rejected answer comes back.
 */
export interface QuoteDraft {
  /** By quote line id. */
  lines: Record<string, DraftLine>;
  validityDays: string;
  message: string;
  /**
   * Sent as `quote.answer` and not yet confirmed or refused, with the quote's answer time when it
   * was sent: a new answer time means the server took it, the old one after the queue emptied
   * means it was refused.
   */
  submitted: { answeredAtBefore: string | null } | null;
}

const draftSchema = z.strictObject({
  lines: z.record(z.string(), z.strictObject({ extraDiscount: z.string().max(50), offeredPrice: z.string().max(50) })),
  validityDays: z.string().max(20),
  message: z.string().max(20_000),
  submitted: z.strictObject({ answeredAtBefore: z.string().nullable() }).nullable(),
});

/** localStorage key of the draft of quote `quoteId`. */
export function draftKey(quoteId: string): string {
  return `lysdesk.quotes.draft.${quoteId}`;
}

/** The stored draft of a quote, or null (none, or unreadable). */
export function readDraft(store: KeyValueStore | null, quoteId: string): QuoteDraft | null {
  const text = readKey(store, draftKey(quoteId));
  if (text === null || text === '') return null;
  try {
    const parsed = draftSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stores the draft of a quote. */
export function writeDraft(store: KeyValueStore | null, quoteId: string, draft: QuoteDraft): void {
  writeKey(store, draftKey(quoteId), JSON.stringify(draft));
}

/** Forgets the draft of a quote (its answer was accepted). `KeyValueStore` has no removal, so it is emptied. */
export function clearDraft(store: KeyValueStore | null, quoteId: string): void {
  if (readKey(store, draftKey(quoteId)) !== null) writeKey(store, draftKey(quoteId), '');
}

/** A fresh draft from the quote as cached: its current line figures (a revision starts from the last answer). */
export function initialDraft(detail: QuoteDetail): QuoteDraft {
  const lines: Record<string, DraftLine> = {};
  for (const line of detail.lines) {
    lines[line.id] = {
      extraDiscount: line.offeredPriceOre === null && line.extraDiscountBp > 0 ? formatBpInput(line.extraDiscountBp) : '',
      offeredPrice: line.offeredPriceOre === null ? '' : formatOreInput(line.offeredPriceOre),
    };
  }
  return { lines, validityDays: String(QUOTE_DEFAULT_VALIDITY_DAYS), message: detail.quote.messageToCustomer ?? '', submitted: null };
}

/** The stored draft fitted to the quote's current lines (new lines start fresh, removed ones go), or a fresh one. */
export function draftFor(detail: QuoteDetail, stored: QuoteDraft | null): QuoteDraft {
  const fresh = initialDraft(detail);
  if (stored === null) return fresh;
  const lines: Record<string, DraftLine> = {};
  for (const line of detail.lines) lines[line.id] = stored.lines[line.id] ?? fresh.lines[line.id] ?? { extraDiscount: '', offeredPrice: '' };
  return { ...stored, lines };
}

/**
 * What the quote says about a submitted draft: still queued (keep), taken by the server (a new
 * answer time: forget the draft), or refused (the queue is empty and the answer time is the old
 * one: the draft comes back for editing).
 */
export function reconcileDraft(draft: QuoteDraft | null, quote: Pick<QuoteDetail['quote'], 'pending' | 'answeredAt'>): 'keep' | 'clear' | 'reopen' {
  if (draft === null || draft.submitted === null || quote.pending) return 'keep';
  return quote.answeredAt !== draft.submitted.answeredAtBefore ? 'clear' : 'reopen';
}

/** The draft with line `lineId`'s extra discount set; a discount clears the fixed price. */
export function setExtraDiscount(draft: QuoteDraft, lineId: string, value: string): QuoteDraft {
  const offeredPrice = value.trim() === '' ? (draft.lines[lineId]?.offeredPrice ?? '') : '';
  return { ...draft, lines: { ...draft.lines, [lineId]: { extraDiscount: value, offeredPrice } } };
}

/** The draft with line `lineId`'s fixed price set; a price clears the extra discount. */
export function setOfferedPrice(draft: QuoteDraft, lineId: string, value: string): QuoteDraft {
  const extraDiscount = value.trim() === '' ? (draft.lines[lineId]?.extraDiscount ?? '') : '';
  return { ...draft, lines: { ...draft.lines, [lineId]: { extraDiscount, offeredPrice: value } } };
}
