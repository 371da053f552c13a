import { z } from 'zod';
import { addDays, osloDate } from './calendar';
import { hasForbiddenControlCharacter, type QuoteStatus, type QuoteWorkState } from './quotes';

/**
 * The prices of a quote's answer (domain.md "Project lists and quotes"), shared by the editor, the
 * client's optimistic effect and the server. A line's unit price is the consultant's fixed
 * price when given, else the list price less the customer's tier discount and the consultant's
 * extra discount together (basis points, 1 % = 100), rounded to whole øre.
 */

/** The default validity of an answer, in days (the customer may accept it until then). */
export const QUOTE_DEFAULT_VALIDITY_DAYS = 30;
/** The longest validity an answer may give. */
export const QUOTE_MAX_VALIDITY_DAYS = 365;
/** The longest message to the customer, in UTF-16 code units. */
export const QUOTE_MESSAGE_MAX_LENGTH = 5_000;
/** The longest decline reason. */
export const QUOTE_DECLINE_REASON_MAX_LENGTH = 1_000;
/** The highest unit price a line may be offered at (an invoice holds at most 2^31 − 1 øre). */
export const QUOTE_MAX_OFFERED_PRICE_ORE = 2_147_483_647;

const basisPoints = z.number().int().min(0).max(10_000);

/** One line of an answer as the consultant sets it: an extra discount, or a fixed unit price. */
export const quoteAnswerLineSchema = z.strictObject({
  extraDiscountBp: basisPoints,
  offeredPriceOre: z.number().int().min(0).max(QUOTE_MAX_OFFERED_PRICE_ORE).nullable(),
});

/** The message to the customer: trimmed, may be empty; no control characters but tab and newlines. */
export const quoteMessageSchema = z
  .string()
  .trim()
  .max(QUOTE_MESSAGE_MAX_LENGTH, { error: `The message is longer than ${QUOTE_MESSAGE_MAX_LENGTH} characters.` })
  .refine((message) => !hasForbiddenControlCharacter(message), { error: 'The message contains control characters.' });

/** Why staff decline a request: trimmed, 1–1 000 characters; no control characters but tab and newlines. */
export const quoteDeclineReasonSchema = z
  .string()
  .trim()
  .min(1, { error: 'A reason is required.' })
  .max(QUOTE_DECLINE_REASON_MAX_LENGTH, { error: `The reason is longer than ${QUOTE_DECLINE_REASON_MAX_LENGTH} characters.` })
  .refine((reason) => !hasForbiddenControlCharacter(reason), { error: 'The reason contains control characters.' });

/** What a line's price is made of (the quote line's own figures and the consultant's choice). */
export interface QuoteLinePricing {
  qty: number;
  listPriceOre: number;
  tierDiscountBp: number;
  extraDiscountBp: number;
  offeredPriceOre: number | null;
}

/** `listOre` less `discountBp`, rounded to whole øre; never below zero. */
export function discountedPriceOre(listOre: number, discountBp: number): number {
  return Math.max(0, Math.round((listOre * (10_000 - discountBp)) / 10_000));
}

/** The unit price a line charges: the fixed price, else list less tier and extra discount together. */
export function answerUnitPriceOre(line: QuoteLinePricing): number {
  return line.offeredPriceOre ?? discountedPriceOre(line.listPriceOre, line.tierDiscountBp + line.extraDiscountBp);
}

/** Unit price × quantity. */
export function answerLineTotalOre(line: QuoteLinePricing): number {
  return answerUnitPriceOre(line) * line.qty;
}

/** The sum of the lines' totals. */
export function answerTotalOre(lines: readonly QuoteLinePricing[]): number {
  return lines.reduce((sum, line) => sum + answerLineTotalOre(line), 0);
}

/** True when the unit price is below the product's cost (a warning, not a refusal). */
export function isBelowCost(unitPriceOre: number, costPriceOre: number | null): boolean {
  return costPriceOre !== null && unitPriceOre < costPriceOre;
}

/** Why the rules refuse a line's choice. */
export type AnswerLineProblem = 'BOTH_DISCOUNT_AND_PRICE' | 'DISCOUNT_OVER_100';

/** Why a line's choice is refused, or null: a fixed price and an extra discount exclude each other, and discounts cannot pass 100 %. */
export function answerLineProblem(line: QuoteLinePricing): AnswerLineProblem | null {
  if (line.offeredPriceOre !== null && line.extraDiscountBp > 0) return 'BOTH_DISCOUNT_AND_PRICE';
  if (line.tierDiscountBp + line.extraDiscountBp > 10_000) return 'DISCOUNT_OVER_100';
  return null;
}

/**
 * The last day an answer given at `at` (ISO time) is valid: the Norwegian calendar date of `at`
 * plus `days`, `YYYY-MM-DD`. At 2026-11-21T23:30Z it is already 22 November in Oslo, so 30 days
 * give 2026-12-22. Computed from the staff member's time of the action on both sides, so the
 * client's optimistic row and the server's agree.
 */
export function validUntil(at: string, days: number): string {
  return addDays(osloDate(new Date(at)), days);
}

/** What the answer rules look at of a quote besides its work state (a `quotes` row has it all). */
export interface AnswerQuoteState extends QuoteWorkState {
  valid_until: string | null;
  message_to_customer: string | null;
}

/** What the answer rules look at of a quote line (a `quote_lines` row, wire or database, has it all). */
export interface AnswerQuoteLine {
  id: string;
  position: number;
  qty: number;
  list_price_ore: number;
  tier_discount_bp: number;
  extra_discount_bp: number;
  offered_price_ore: number | null;
}

/** The consultant's choice for one line, as `quote.answer` carries it. */
export interface AnswerLineChoice {
  lineId: string;
  extraDiscountBp: number;
  offeredPriceOre: number | null;
}

/** A `quote.answer` as its schema leaves it (message trimmed). */
export interface AnswerInput {
  lines: readonly AnswerLineChoice[];
  validityDays: number;
  message: string;
}

/** What answering writes to one quote line. */
export interface AnswerLineUpdate {
  id: string;
  extra_discount_bp: number;
  offered_price_ore: number | null;
}

/** What answering a quote would do. */
export type AnswerDecision =
  | { outcome: 'answer'; lines: AnswerLineUpdate[]; validUntil: string; message: string | null; totalOre: number }
  | { outcome: 'already_answered' }
  | { outcome: 'not_claimed' }
  | { outcome: 'claimed_by_other'; assigneeId: string }
  | { outcome: 'not_open'; status: QuoteStatus }
  | { outcome: 'lines_changed' }
  | { outcome: 'invalid'; lineId: string; position: number; problem: AnswerLineProblem };

/** A line's pricing facts with the consultant's choice for it. */
export function linePricing(line: AnswerQuoteLine, choice: { extraDiscountBp: number; offeredPriceOre: number | null }): QuoteLinePricing {
  return {
    qty: line.qty,
    listPriceOre: line.list_price_ore,
    tierDiscountBp: line.tier_discount_bp,
    extraDiscountBp: choice.extraDiscountBp,
    offeredPriceOre: choice.offeredPriceOre,
  };
}

/** A quote line's pricing facts as stored (the choice it was answered with, if any). */
export function storedLinePricing(line: AnswerQuoteLine): QuoteLinePricing {
  return linePricing(line, { extraDiscountBp: line.extra_discount_bp, offeredPriceOre: line.offered_price_ore });
}

/**
 * Pairs each of the quote's lines with its choice, in the quote's order; null when the choices
 * are not exactly the quote's lines (an id twice, an id of no line of the quote, or, when
 * `complete`, a line without a choice). `complete` is false when the caller cannot list all of
 * the quote's lines and passes only those the choices name (the client's cache view): then a
 * missing line is the server's to find.
 */
export function pairAnswerLines(
  quoteLines: readonly AnswerQuoteLine[],
  choices: readonly AnswerLineChoice[],
  complete: boolean,
): Array<{ line: AnswerQuoteLine; choice: AnswerLineChoice }> | null {
  const byId = new Map(choices.map((choice) => [choice.lineId, choice]));
  if (byId.size !== choices.length) return null;
  const known = new Set(quoteLines.map((line) => line.id));
  if (choices.some((choice) => !known.has(choice.lineId))) return null;
  if (complete && quoteLines.length !== choices.length) return null;
  return [...quoteLines]
    .sort((a, b) => a.position - b.position)
    .flatMap((line) => {
      const choice = byId.get(line.id);
      return choice === undefined ? [] : [{ line, choice }];
    });
}

/**
 * Decides what `staffId` answering `quote` (with its lines `quoteLines`) with `input` at `at`
 * does. Only an in-progress quote is answered, by its assignee or (with `mayAnswerOthers`, an
 * admin) by anyone allowed on it; the choices must be exactly the quote's lines, each one
 * passing {@link answerLineProblem}.
 *
 * Idempotency: an `answered` quote whose stored answer is the one `input` would give (the same
 * line choices, the same message, the same `valid_until` for this `at`) is answered again
 * without a change, when the actor could have given it (assignee or admin). A retried or
 * twice-queued answer is so harmless; any other answer to an answered quote is refused, as a
 * new answer needs a revision request first. Comparing the content rather than who answered
 * when needs nothing the client's cache lacks (quote_events are the server's).
 */
export function decideAnswer(
  quote: AnswerQuoteState,
  quoteLines: readonly AnswerQuoteLine[],
  input: AnswerInput,
  staffId: string,
  mayAnswerOthers: boolean,
  at: string,
  options: { linesComplete?: boolean } = {},
): AnswerDecision {
  const complete = options.linesComplete ?? true;
  const until = validUntil(at, input.validityDays);
  const message = input.message === '' ? null : input.message;
  const entitled = quote.assignee_id === staffId || mayAnswerOthers;
  if (quote.status === 'answered') {
    const pairs = pairAnswerLines(quoteLines, input.lines, complete);
    const same =
      entitled &&
      pairs !== null &&
      pairs.every(({ line, choice }) => line.extra_discount_bp === choice.extraDiscountBp && line.offered_price_ore === choice.offeredPriceOre) &&
      quote.message_to_customer === message &&
      quote.valid_until === until;
    return same ? { outcome: 'already_answered' } : { outcome: 'not_open', status: quote.status };
  }
  if (quote.status !== 'in_progress') return { outcome: 'not_open', status: quote.status };
  if (!entitled) return quote.assignee_id === null ? { outcome: 'not_claimed' } : { outcome: 'claimed_by_other', assigneeId: quote.assignee_id };
  const pairs = pairAnswerLines(quoteLines, input.lines, complete);
  if (pairs === null) return { outcome: 'lines_changed' };
  for (const { line, choice } of pairs) {
    const problem = answerLineProblem(linePricing(line, choice));
    if (problem !== null) return { outcome: 'invalid', lineId: line.id, position: line.position, problem };
  }
  return {
    outcome: 'answer',
    lines: pairs.map(({ line, choice }) => ({ id: line.id, extra_discount_bp: choice.extraDiscountBp, offered_price_ore: choice.offeredPriceOre })),
    validUntil: until,
    message,
    totalOre: answerTotalOre(pairs.map(({ line, choice }) => linePricing(line, choice))),
  };
}
