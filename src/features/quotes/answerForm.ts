import {
  answerLineProblem,
  answerLineTotalOre,
  answerTotalOre,
  answerUnitPriceOre,
  isBelowCost,
  quoteMessageSchema,
  QUOTE_MAX_OFFERED_PRICE_ORE,
  QUOTE_MAX_VALIDITY_DAYS,
  QUOTE_MESSAGE_MAX_LENGTH,
  type QuoteLinePricing,
} from '../../../electron/shared/domain/quoteAnswer';
import type { QuoteDetail } from '../../../electron/shared/ipc/quotes';
import type { MutationArgs } from '../../../electron/shared/sync/mutations';
import type { QuoteDraft } from './draftStore';

/** Why an input is refused; each has a Norwegian and an English text under `quotes.editor.errors`. */
export type AnswerError = 'discountFormat' | 'discountOver100' | 'priceFormat' | 'priceTooHigh' | 'bothDiscountAndPrice' | 'validity' | 'messageTooLong';

/** A line of the editor with its computed prices. */
export interface EvaluatedLine {
  lineId: string;
  position: number;
  /** Null while an input of the line is refused. */
  unitPriceOre: number | null;
  lineTotalOre: number | null;
  belowCost: boolean;
  discountError: AnswerError | null;
  priceError: AnswerError | null;
  /** A problem of the line as a whole (the shared rules'). */
  lineError: AnswerError | null;
  extraDiscountBp: number;
  offeredPriceOre: number | null;
}

/** The editor's figures: per line, the total, and the `quote.answer` args when everything is valid. */
export interface EvaluatedAnswer {
  lines: EvaluatedLine[];
  /** Null while a line is invalid. */
  totalOre: number | null;
  validityDays: number | null;
  validityError: AnswerError | null;
  messageError: AnswerError | null;
  args: MutationArgs<'quote.answer'> | null;
}

/** Spaces (also the NBSP of nb-NO formatting), "kr" and "%" are decoration, not part of the number. */
function clean(text: string): string {
  return text.replace(/[\s\u00a0\u202f]/g, '').replace(/kr$/i, '').replace(/%$/, '');
}

/**
 * A decimal with at most two decimals in hundredths: "12,5" → 1250, "1 234,50 kr" → 123450.
 * With a comma, dots are thousands separators ("1.234,50"); without one, a dot is the decimal point.
 */
export function parseHundredths(text: string): number | null {
  let value = clean(text);
  value = value.includes(',') ? value.replace(/\./g, '').replace(',', '.') : value;
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** An extra discount typed in percent, in basis points; empty is 0; null when not a percentage of 0–100. */
export function parsePercentBp(text: string): number | null {
  if (text.trim() === '') return 0;
  const bp = parseHundredths(text);
  return bp !== null && bp <= 10_000 ? bp : null;
}

/** A basis-point discount as a staff member would type it: 1250 → "12,5". */
export function formatBpInput(bp: number): string {
  return (bp / 100).toLocaleString('nb-NO', { maximumFractionDigits: 2, useGrouping: false });
}

/** Øre as typed in kroner, without grouping: 123450 → "1234,50". */
export function formatOreInput(ore: number): string {
  return `${Math.trunc(ore / 100)},${String(ore % 100).padStart(2, '0')}`;
}

function evaluateLine(line: QuoteDetail['lines'][number], draft: QuoteDraft): EvaluatedLine {
  const input = draft.lines[line.id] ?? { extraDiscount: '', offeredPrice: '' };
  const extraDiscountBp = parsePercentBp(input.extraDiscount);
  const discountError: AnswerError | null = extraDiscountBp === null ? 'discountFormat' : null;
  let offeredPriceOre: number | null = null;
  let priceError: AnswerError | null = null;
  if (input.offeredPrice.trim() !== '') {
    offeredPriceOre = parseHundredths(input.offeredPrice);
    if (offeredPriceOre === null) priceError = 'priceFormat';
    else if (offeredPriceOre > QUOTE_MAX_OFFERED_PRICE_ORE) priceError = 'priceTooHigh';
  }
  const base = { lineId: line.id, position: line.position, discountError, priceError, extraDiscountBp: extraDiscountBp ?? 0, offeredPriceOre };
  if (discountError !== null || priceError !== null) return { ...base, unitPriceOre: null, lineTotalOre: null, belowCost: false, lineError: null };
  const pricing: QuoteLinePricing = {
    qty: line.qty,
    listPriceOre: line.listPriceOre,
    tierDiscountBp: line.tierDiscountBp,
    extraDiscountBp: extraDiscountBp ?? 0,
    offeredPriceOre,
  };
  const problem = answerLineProblem(pricing);
  if (problem !== null) {
    const lineError: AnswerError = problem === 'BOTH_DISCOUNT_AND_PRICE' ? 'bothDiscountAndPrice' : 'discountOver100';
    return { ...base, unitPriceOre: null, lineTotalOre: null, belowCost: false, lineError };
  }
  const unitPriceOre = answerUnitPriceOre(pricing);
  return { ...base, unitPriceOre, lineTotalOre: answerLineTotalOre(pricing), belowCost: isBelowCost(unitPriceOre, line.costPriceOre), lineError: null };
}

/** Validity typed in days: a whole number from 1 to 365, or null. */
export function parseValidityDays(text: string): number | null {
  const value = text.trim();
  if (!/^\d{1,3}$/.test(value)) return null;
  const days = Number(value);
  return days >= 1 && days <= QUOTE_MAX_VALIDITY_DAYS ? days : null;
}

/** Everything the editor shows and sends, computed from the quote and the draft with the shared pricing rules. */
export function evaluateAnswer(detail: QuoteDetail, draft: QuoteDraft): EvaluatedAnswer {
  const lines = [...detail.lines].sort((a, b) => a.position - b.position).map((line) => evaluateLine(line, draft));
  const linesValid = lines.every((line) => line.unitPriceOre !== null);
  const byId = new Map(detail.lines.map((line) => [line.id, line]));
  const totalOre = linesValid
    ? answerTotalOre(
        lines.flatMap((line) => {
          const source = byId.get(line.lineId);
          return source ? [{ qty: source.qty, listPriceOre: source.listPriceOre, tierDiscountBp: source.tierDiscountBp, extraDiscountBp: line.extraDiscountBp, offeredPriceOre: line.offeredPriceOre }] : [];
        }),
      )
    : null;
  const validityDays = parseValidityDays(draft.validityDays);
  const validityError: AnswerError | null = validityDays === null ? 'validity' : null;
  const message = quoteMessageSchema.safeParse(draft.message);
  const messageError: AnswerError | null = message.success ? null : 'messageTooLong';
  const args =
    linesValid && lines.length > 0 && validityDays !== null && message.success
      ? {
          quoteId: detail.quote.id,
          lines: lines.map((line) => ({ lineId: line.lineId, extraDiscountBp: line.extraDiscountBp, offeredPriceOre: line.offeredPriceOre })),
          validityDays,
          message: message.data,
        }
      : null;
  return { lines, totalOre, validityDays, validityError, messageError, args };
}

/** The longest message, for the counter under the field. */
export const messageMaxLength = QUOTE_MESSAGE_MAX_LENGTH;
