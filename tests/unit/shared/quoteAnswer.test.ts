import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, osloDate } from '../../../electron/shared/domain/calendar';
import {
  answerLineProblem,
  answerLineTotalOre,
  answerTotalOre,
  answerUnitPriceOre,
  decideAnswer,
  discountedPriceOre,
  isBelowCost,
  pairAnswerLines,
  validUntil,
  type AnswerQuoteLine,
  type AnswerQuoteState,
  type QuoteLinePricing,
} from '../../../electron/shared/domain/quoteAnswer';
import { mutationArgs } from '../../../electron/shared/sync/mutations';
import { DEFAULT_PRICING, quoteUnitPriceOre } from '../../../server/shop/pricing';
import * as shopRules from '../../../server/shop/rules';

const ME = 'st-me';
const OTHER = 'st-other';
const AT = '2026-11-21T09:30:00.000Z';

function pricing(changes: Partial<QuoteLinePricing> = {}): QuoteLinePricing {
  return { qty: 1, listPriceOre: 10_000, tierDiscountBp: 0, extraDiscountBp: 0, offeredPriceOre: null, ...changes };
}

describe('answer prices', () => {
  it('rounds a discounted price to the nearest whole øre, halves up', () => {
    // 333 × 0.85 = 283.05 → 283; 333 × 0.95 = 316.35 → 316; 999 × 0.995 = 994.005 → 994; 10 × 0.95 = 9.5 → 10.
    expect(discountedPriceOre(333, 1_500)).toBe(283);
    expect(discountedPriceOre(333, 500)).toBe(316);
    expect(discountedPriceOre(999, 50)).toBe(994);
    expect(discountedPriceOre(10, 500)).toBe(10);
    expect(discountedPriceOre(49_900, 0)).toBe(49_900);
    expect(discountedPriceOre(49_900, 10_000)).toBe(0);
  });

  it('adds the tier and the extra discount and rounds once, not one discount after the other', () => {
    // Gold 10 % and 7.5 % extra on 49 900: 17.5 % off = 41 167.5 → 41 168. Applied one after the
    // other it would be 49 900 × 0.9 × 0.925 = 41 541.75 → 41 542.
    const line = pricing({ listPriceOre: 49_900, tierDiscountBp: 1_000, extraDiscountBp: 750 });
    expect(answerUnitPriceOre(line)).toBe(41_168);
    expect(answerUnitPriceOre({ ...line, qty: 12 })).toBe(41_168);
    expect(answerLineTotalOre({ ...line, qty: 12 })).toBe(12 * 41_168);
  });

  it('charges a fixed price as it is, whatever the discounts say', () => {
    expect(answerUnitPriceOre(pricing({ tierDiscountBp: 1_000, offeredPriceOre: 7_777 }))).toBe(7_777);
    expect(answerUnitPriceOre(pricing({ offeredPriceOre: 0 }))).toBe(0);
    expect(answerLineTotalOre(pricing({ qty: 3, offeredPriceOre: 7_777 }))).toBe(23_331);
  });

  it('totals the lines (each rounded per unit, then × qty)', () => {
    const lines = [pricing({ qty: 3, listPriceOre: 333, tierDiscountBp: 1_500 }), pricing({ qty: 2, offeredPriceOre: 1_000 }), pricing({ qty: 1 })];
    expect(answerTotalOre(lines)).toBe(3 * 283 + 2 * 1_000 + 10_000);
    expect(answerTotalOre([])).toBe(0);
  });

  it('warns below cost only when the cost is known and the price is under it', () => {
    expect(isBelowCost(20_999, 21_000)).toBe(true);
    expect(isBelowCost(21_000, 21_000)).toBe(false);
    expect(isBelowCost(0, null)).toBe(false);
  });

  it('refuses a fixed price together with an extra discount, and more than 100 % discount', () => {
    expect(answerLineProblem(pricing({ extraDiscountBp: 1, offeredPriceOre: 5_000 }))).toBe('BOTH_DISCOUNT_AND_PRICE');
    expect(answerLineProblem(pricing({ tierDiscountBp: 1_500, extraDiscountBp: 8_501 }))).toBe('DISCOUNT_OVER_100');
    expect(answerLineProblem(pricing({ tierDiscountBp: 1_500, extraDiscountBp: 8_500 }))).toBeNull();
    // A fixed price with the tier discount alone is fine: the tier is the customer's, not a choice.
    expect(answerLineProblem(pricing({ tierDiscountBp: 1_500, offeredPriceOre: 5_000 }))).toBeNull();
  });

  it('never gives a negative or fractional price for any line the rules accept', () => {
    const line = fc.record({
      qty: fc.integer({ min: 1, max: 10_000 }),
      listPriceOre: fc.integer({ min: 0, max: 100_000_000 }),
      tierDiscountBp: fc.integer({ min: 0, max: 10_000 }),
      extraDiscountBp: fc.integer({ min: 0, max: 10_000 }),
      offeredPriceOre: fc.option(fc.integer({ min: 0, max: 2_147_483_647 })),
    });
    fc.assert(
      fc.property(line, (l) => {
        if (answerLineProblem(l) !== null) return;
        const unit = answerUnitPriceOre(l);
        expect(Number.isInteger(unit)).toBe(true);
        expect(unit).toBeGreaterThanOrEqual(0);
        if (l.offeredPriceOre === null) expect(unit).toBeLessThanOrEqual(l.listPriceOre);
      }),
    );
  });

  it('is the rule the shop prices quote lines with (server/shop/pricing.ts)', () => {
    const row = { list_price_ore: 49_900, tier_discount_bp: DEFAULT_PRICING.tierDiscountBp.gold, extra_discount_bp: 750, offered_price_ore: null };
    expect(quoteUnitPriceOre(row)).toBe(answerUnitPriceOre(pricing({ listPriceOre: 49_900, tierDiscountBp: row.tier_discount_bp, extraDiscountBp: 750 })));
    expect(quoteUnitPriceOre({ ...row, offered_price_ore: 12_345 })).toBe(12_345);
  });
});

describe('validUntil', () => {
  it('counts from the Oslo calendar day of the action', () => {
    expect(validUntil(AT, 30)).toBe('2026-12-21');
    // 23:30 UTC on 21 November is 00:30 on 22 November in Oslo (UTC+1 in winter).
    expect(validUntil('2026-11-21T23:30:00Z', 30)).toBe('2026-12-22');
    expect(validUntil('2026-11-21T22:59:59.999Z', 30)).toBe('2026-12-21');
    expect(validUntil('2026-11-21T23:00:00.000Z', 30)).toBe('2026-12-22');
    // Summer time: UTC+2, so 22:00 UTC on 30 June is already 1 July.
    expect(validUntil('2026-06-30T22:00:00Z', 1)).toBe('2026-07-02');
    // An offset in the time is the same instant.
    expect(validUntil('2026-11-22T00:30:00+01:00', 30)).toBe('2026-12-22');
  });

  it('crosses months, years and leap days', () => {
    expect(validUntil('2027-12-31T12:00:00Z', 1)).toBe('2028-01-01');
    expect(validUntil('2028-02-28T12:00:00Z', 1)).toBe('2028-02-29');
    expect(validUntil('2026-11-21T12:00:00Z', 365)).toBe('2027-11-21');
  });

  it('is the calendar the shop side uses (re-exported, not copied)', () => {
    expect(shopRules.osloDate).toBe(osloDate);
    expect(shopRules.addDays).toBe(addDays);
  });
});

function line(id: string, position: number, changes: Partial<AnswerQuoteLine> = {}): AnswerQuoteLine {
  return { id, position, qty: 2, list_price_ore: 10_000, tier_discount_bp: 1_000, extra_discount_bp: 0, offered_price_ore: null, ...changes };
}

const LINES = [line('l2', 2), line('l1', 1, { qty: 3, list_price_ore: 333 })];

function quote(changes: Partial<AnswerQuoteState> = {}): AnswerQuoteState {
  return { status: 'in_progress', assignee_id: ME, answered_at: null, valid_until: null, message_to_customer: null, ...changes };
}

const ANSWER = {
  lines: [
    { lineId: 'l1', extraDiscountBp: 500, offeredPriceOre: null },
    { lineId: 'l2', extraDiscountBp: 0, offeredPriceOre: 8_000 },
  ],
  validityDays: 30,
  message: 'Takk for forespørselen.',
};

describe('pairAnswerLines', () => {
  it('pairs each line with its choice in the quote\'s order', () => {
    expect(pairAnswerLines(LINES, ANSWER.lines, true)?.map(({ line: l, choice }) => [l.id, choice.lineId])).toEqual([
      ['l1', 'l1'],
      ['l2', 'l2'],
    ]);
  });

  it('refuses a missing line, an unknown one and one named twice', () => {
    expect(pairAnswerLines(LINES, ANSWER.lines.slice(0, 1), true)).toBeNull();
    expect(pairAnswerLines(LINES, [...ANSWER.lines, { lineId: 'lx', extraDiscountBp: 0, offeredPriceOre: null }], true)).toBeNull();
    expect(pairAnswerLines(LINES, [ANSWER.lines[0]!, ANSWER.lines[0]!], true)).toBeNull();
    expect(pairAnswerLines(LINES, [ANSWER.lines[0]!, { ...ANSWER.lines[0]!, extraDiscountBp: 1 }, ANSWER.lines[1]!], true)).toBeNull();
  });

  it('leaves a missing line to the caller that cannot list all lines', () => {
    expect(pairAnswerLines(LINES.slice(1), ANSWER.lines.slice(0, 1), false)).toHaveLength(1);
    expect(pairAnswerLines(LINES.slice(1), [...ANSWER.lines.slice(0, 1), { lineId: 'lx', extraDiscountBp: 0, offeredPriceOre: null }], false)).toBeNull();
  });
});

describe('decideAnswer', () => {
  it('answers one\'s own in-progress quote: the lines\' choices, validity, message and total', () => {
    expect(decideAnswer(quote(), LINES, ANSWER, ME, false, AT)).toEqual({
      outcome: 'answer',
      lines: [
        { id: 'l1', extra_discount_bp: 500, offered_price_ore: null },
        { id: 'l2', extra_discount_bp: 0, offered_price_ore: 8_000 },
      ],
      validUntil: '2026-12-21',
      message: 'Takk for forespørselen.',
      // l1: 333 less 15 % = 283.05 → 283, × 3; l2: 8 000 × 2.
      totalOre: 3 * 283 + 2 * 8_000,
    });
  });

  it('stores an empty message as none', () => {
    const decision = decideAnswer(quote(), LINES, { ...ANSWER, message: '' }, ME, false, AT);
    expect(decision).toMatchObject({ outcome: 'answer', message: null });
  });

  it('lets an admin answer anyone\'s in-progress quote, and nobody\'s', () => {
    expect(decideAnswer(quote({ assignee_id: OTHER }), LINES, ANSWER, ME, true, AT).outcome).toBe('answer');
    expect(decideAnswer(quote({ assignee_id: null }), LINES, ANSWER, ME, true, AT).outcome).toBe('answer');
  });

  it('refuses a quote someone else holds, naming them, and one nobody holds', () => {
    expect(decideAnswer(quote({ assignee_id: OTHER }), LINES, ANSWER, ME, false, AT)).toEqual({ outcome: 'claimed_by_other', assigneeId: OTHER });
    expect(decideAnswer(quote({ assignee_id: null }), LINES, ANSWER, ME, false, AT)).toEqual({ outcome: 'not_claimed' });
  });

  it.each(['requested', 'revision_requested', 'accepted', 'declined', 'expired'] as const)('refuses a quote that is %s, even for an admin', (status) => {
    expect(decideAnswer(quote({ status }), LINES, ANSWER, ME, true, AT)).toEqual({ outcome: 'not_open', status });
  });

  it('refuses lines that are not the quote\'s, before the line rules', () => {
    const both = { ...ANSWER.lines[0]!, offeredPriceOre: 100 };
    expect(decideAnswer(quote(), LINES, { ...ANSWER, lines: [both] }, ME, false, AT)).toEqual({ outcome: 'lines_changed' });
  });

  it('refuses the first line (by position) the line rules refuse', () => {
    const lines = [
      { lineId: 'l2', extraDiscountBp: 9_500, offeredPriceOre: null },
      { lineId: 'l1', extraDiscountBp: 100, offeredPriceOre: 100 },
    ];
    expect(decideAnswer(quote(), LINES, { ...ANSWER, lines }, ME, false, AT)).toEqual({ outcome: 'invalid', lineId: 'l1', position: 1, problem: 'BOTH_DISCOUNT_AND_PRICE' });
    expect(decideAnswer(quote(), LINES, { ...ANSWER, lines: [lines[0]!, ANSWER.lines[0]!] }, ME, false, AT)).toEqual({
      outcome: 'invalid',
      lineId: 'l2',
      position: 2,
      problem: 'DISCOUNT_OVER_100',
    });
  });

  it('answers the same answer again without a change (a retry), and refuses any other to an answered quote', () => {
    const decision = decideAnswer(quote(), LINES, ANSWER, ME, false, AT);
    if (decision.outcome !== 'answer') throw new Error('expected an answer');
    const answered = quote({ status: 'answered', answered_at: AT, valid_until: decision.validUntil, message_to_customer: decision.message });
    const stored = LINES.map((l) => ({ ...l, ...decision.lines.find((u) => u.id === l.id) }));
    expect(decideAnswer(answered, stored, ANSWER, ME, false, AT)).toEqual({ outcome: 'already_answered' });
    // The admin retrying an answer they gave on Kari's claim.
    expect(decideAnswer({ ...answered, assignee_id: OTHER }, stored, ANSWER, ME, true, AT)).toEqual({ outcome: 'already_answered' });
    const notOpen = { outcome: 'not_open', status: 'answered' };
    expect(decideAnswer(answered, stored, { ...ANSWER, message: 'Annet' }, ME, false, AT)).toEqual(notOpen);
    expect(decideAnswer(answered, stored, { ...ANSWER, validityDays: 14 }, ME, false, AT)).toEqual(notOpen);
    expect(decideAnswer(answered, stored, { ...ANSWER, lines: [{ ...ANSWER.lines[0]!, extraDiscountBp: 600 }, ANSWER.lines[1]!] }, ME, false, AT)).toEqual(notOpen);
    expect(decideAnswer(answered, stored, ANSWER, ME, false, '2026-11-25T09:30:00.000Z')).toEqual(notOpen);
    // Someone else's answer, even with the same content, is not theirs to repeat.
    expect(decideAnswer({ ...answered, assignee_id: OTHER }, stored, ANSWER, ME, false, AT)).toEqual(notOpen);
  });
});

describe('quote.answer args', () => {
  const args = { quoteId: 'q1', lines: [{ lineId: 'l1', extraDiscountBp: 0, offeredPriceOre: null }], validityDays: 30, message: '  Hei  ' };

  it('trims the message and keeps validity within 1–365 days', () => {
    expect(mutationArgs['quote.answer'].parse(args).message).toBe('Hei');
    expect(mutationArgs['quote.answer'].safeParse({ ...args, validityDays: 0 }).success).toBe(false);
    expect(mutationArgs['quote.answer'].safeParse({ ...args, validityDays: 366 }).success).toBe(false);
    expect(mutationArgs['quote.answer'].safeParse({ ...args, validityDays: 365 }).success).toBe(true);
    expect(mutationArgs['quote.answer'].safeParse({ ...args, lines: [] }).success).toBe(false);
  });

  it('refuses control characters PostgreSQL cannot store, in the message and the decline reason', () => {
    expect(mutationArgs['quote.answer'].safeParse({ ...args, message: 'a\u0000b' }).success).toBe(false);
    expect(mutationArgs['quote.answer'].safeParse({ ...args, message: 'Linje 1\nLinje 2\tok' }).success).toBe(true);
    expect(mutationArgs['quote.decline'].safeParse({ quoteId: 'q1', reason: 'Utgått\u0007' }).success).toBe(false);
    expect(mutationArgs['quote.decline'].safeParse({ quoteId: 'q1', reason: '   ' }).success).toBe(false);
    expect(mutationArgs['quote.decline'].parse({ quoteId: 'q1', reason: ' Utgått vare ' }).reason).toBe('Utgått vare');
  });
});
