import { describe, expect, it } from 'vitest';
import { answerTotalOre } from '../../electron/shared/domain/quoteAnswer';
import type { QuoteDetail } from '../../electron/shared/ipc/quotes';
import { mutationArgs } from '../../electron/shared/sync/mutations';
import { formatDayMonth, formatPercentBp } from '../../src/app/format';
import { evaluateAnswer, formatBpInput, formatOreInput, parseHundredths, parsePercentBp, parseValidityDays } from '../../src/features/quotes/answerForm';
import { initialDraft, setExtraDiscount, setOfferedPrice, type QuoteDraft } from '../../src/features/quotes/draftStore';

// The editor's figures come from the shared pricing rules (electron/shared/domain/quoteAnswer.ts);
// these tests pin what the consultant sees for what they type.

function detail(): QuoteDetail {
  const line = (id: string, position: number, qty: number, listPriceOre: number, costPriceOre: number | null) => ({
    id,
    position,
    productId: `p-${id}`,
    articleNumber: `ART-${position}`,
    name: `Produkt ${position}`,
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
    },
    // Out of order on purpose: the editor shows them by position.
    lines: [line('l3', 3, 1, 9_990, null), line('l1', 1, 10, 12_500, 9_000), line('l2', 2, 2, 450_000, 300_000)],
    comments: [],
    events: [],
  };
}

function typed(): QuoteDraft {
  let draft = initialDraft(detail());
  draft = setExtraDiscount(draft, 'l1', '5');
  draft = setOfferedPrice(draft, 'l2', '2 800,00');
  return draft;
}

describe('input parsing', () => {
  it('reads percentages as Norwegians type them', () => {
    expect(parsePercentBp('')).toBe(0);
    expect(parsePercentBp('12,5')).toBe(1250);
    expect(parsePercentBp('12.25 %')).toBe(1225);
    expect(parsePercentBp('100')).toBe(10_000);
    expect(parsePercentBp('100,01')).toBeNull();
    expect(parsePercentBp('-5')).toBeNull();
    expect(parsePercentBp('1,234')).toBeNull();
    expect(parsePercentBp('fem')).toBeNull();
  });

  it('reads kroner with spaces, NBSP, a comma or a dot, and "kr"', () => {
    expect(parseHundredths('1 234,50')).toBe(123_450);
    expect(parseHundredths('1\u00a0234,5 kr')).toBe(123_450);
    expect(parseHundredths('1.234,50')).toBe(123_450);
    expect(parseHundredths('1234.5')).toBe(123_450);
    expect(parseHundredths('0')).toBe(0);
    expect(parseHundredths('12,345')).toBeNull();
    expect(parseHundredths('')).toBeNull();
  });

  it('writes stored figures back the way they are typed', () => {
    expect(formatBpInput(1250)).toBe('12,5');
    expect(formatOreInput(123_405)).toBe('1234,05');
    expect(parseHundredths(formatOreInput(123_405))).toBe(123_405);
    expect(parsePercentBp(formatBpInput(733))).toBe(733);
  });

  it('shows discounts and chart days as nb-NO writes them', () => {
    expect(formatPercentBp(1250)).toBe('12,5\u00a0%');
    expect(formatPercentBp(0)).toBe('0\u00a0%');
    expect(formatPercentBp(733)).toBe('7,33\u00a0%');
    expect(() => formatPercentBp(12.5)).toThrow(RangeError);
    expect(formatDayMonth('2026-11-05')).toBe('05.11');
  });

  it('accepts validity of 1–365 whole days', () => {
    expect(parseValidityDays('30')).toBe(30);
    expect(parseValidityDays(' 365 ')).toBe(365);
    expect(parseValidityDays('0')).toBeNull();
    expect(parseValidityDays('366')).toBeNull();
    expect(parseValidityDays('7,5')).toBeNull();
  });
});

describe('evaluateAnswer', () => {
  it('prices each line by the shared rules and totals them', () => {
    const result = evaluateAnswer(detail(), typed());
    expect(result.lines.map((line) => line.position)).toEqual([1, 2, 3]);
    // 125 kr less 10 % tier and 5 % extra together = 106,25 kr.
    expect(result.lines[0]).toMatchObject({ unitPriceOre: 10_625, lineTotalOre: 106_250, belowCost: false });
    // Fixed price 2 800 kr under the 3 000 kr cost: a warning, not a refusal.
    expect(result.lines[1]).toMatchObject({ unitPriceOre: 280_000, lineTotalOre: 560_000, belowCost: true, offeredPriceOre: 280_000, extraDiscountBp: 0 });
    // Untouched: the tier discount alone; no cost known, so no warning.
    expect(result.lines[2]).toMatchObject({ unitPriceOre: 8_991, lineTotalOre: 8_991, belowCost: false });
    expect(result.totalOre).toBe(675_241);
    expect(result.totalOre).toBe(
      answerTotalOre([
        { qty: 10, listPriceOre: 12_500, tierDiscountBp: 1000, extraDiscountBp: 500, offeredPriceOre: null },
        { qty: 2, listPriceOre: 450_000, tierDiscountBp: 1000, extraDiscountBp: 0, offeredPriceOre: 280_000 },
        { qty: 1, listPriceOre: 9_990, tierDiscountBp: 1000, extraDiscountBp: 0, offeredPriceOre: null },
      ]),
    );
  });

  it('builds quote.answer args the mutation schema accepts', () => {
    const result = evaluateAnswer(detail(), { ...typed(), message: '  Takk for forespørselen!  ' });
    expect(result.args).toEqual({
      quoteId: 'q1',
      lines: [
        { lineId: 'l1', extraDiscountBp: 500, offeredPriceOre: null },
        { lineId: 'l2', extraDiscountBp: 0, offeredPriceOre: 280_000 },
        { lineId: 'l3', extraDiscountBp: 0, offeredPriceOre: null },
      ],
      validityDays: 30,
      message: 'Takk for forespørselen!',
    });
    expect(mutationArgs['quote.answer'].safeParse(result.args).success).toBe(true);
  });

  it('refuses a discount that with the tier discount passes 100 %', () => {
    const result = evaluateAnswer(detail(), setExtraDiscount(initialDraft(detail()), 'l1', '95'));
    expect(result.lines[0]).toMatchObject({ lineError: 'discountOver100', unitPriceOre: null });
    expect(result.totalOre).toBeNull();
    expect(result.args).toBeNull();
  });

  it('refuses a stored draft with both a discount and a fixed price on one line', () => {
    const draft = initialDraft(detail());
    const both: QuoteDraft = { ...draft, lines: { ...draft.lines, l1: { extraDiscount: '5', offeredPrice: '100' } } };
    expect(evaluateAnswer(detail(), both).lines[0]?.lineError).toBe('bothDiscountAndPrice');
  });

  it('marks badly typed inputs, validity and an over-long message', () => {
    let draft = setOfferedPrice(initialDraft(detail()), 'l3', '12,345');
    draft = setExtraDiscount(draft, 'l1', 'ti');
    const result = evaluateAnswer(detail(), { ...draft, validityDays: '0', message: 'x'.repeat(5_001) });
    expect(result.lines[0]?.discountError).toBe('discountFormat');
    expect(result.lines[2]?.priceError).toBe('priceFormat');
    expect(result.validityError).toBe('validity');
    expect(result.messageError).toBe('messageTooLong');
    expect(result.args).toBeNull();
  });

  it('refuses a fixed price above what an invoice can hold', () => {
    const result = evaluateAnswer(detail(), setOfferedPrice(initialDraft(detail()), 'l1', '30000000'));
    expect(result.lines[0]?.priceError).toBe('priceTooHigh');
  });
});
