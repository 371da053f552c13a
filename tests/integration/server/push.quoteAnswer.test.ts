import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerUnitPriceOre } from '../../../electron/shared/domain/quoteAnswer';
import type { QuoteStatus } from '../../../electron/shared/domain/quotes';
import { shopOrderSchema, shopQuoteSchema } from '../../../electron/shared/protocol/shop';
import { applyLocalEffect, localEffects } from '../../../electron/shared/sync/localEffects';
import { quoteRefusalText } from '../../../electron/shared/sync/localEffectsText';
import { mutationArgs, type MutationArgs } from '../../../electron/shared/sync/mutations';
import { BACKENDS } from './backends';
import { expectStatus } from './httpFixture';
import { createQuote, mutation, OSLO, pushOk, PUSH_STAFF, quoteEvents, quoteRow, snapshot, type PushStaffKey } from './pushFixture';
import {
  addQuoteLines,
  comparable,
  currentCursor,
  MemoryRows,
  OSLO_BILLING,
  OSLO_DELIVERY,
  PUSH_PRODUCTS,
  pulledSince,
  quoteLineRows,
  useQuoteWorkWorld,
  type LineSpec,
  type QuoteWorkWorld,
} from './pushQuoteFixture';
import { shop } from './shopFixture';

// A downlight at gold (10 %) with 7.5 % extra, a panel at a fixed price, an odd price at 15 %.
const LINES: LineSpec[] = [
  { product: 'downlight', qty: 12, tierBp: 1_000 },
  { product: 'panel', qty: 2, tierBp: 1_000 },
  { product: 'odd', qty: 3, tierBp: 1_500 },
];
// 49 900 less 17.5 % = 41 167.5 → 41 168; 99 000 as it is; 333 less 15 % = 283.05 → 283.
const UNIT_PRICES = [41_168, 99_000, 283];
const TOTAL = 12 * 41_168 + 2 * 99_000 + 3 * 283;

describe.each(BACKENDS)('POST /v1/sync/push: quote.answer (%s)', (kind) => {
  let world: QuoteWorkWorld;
  useQuoteWorkWorld(kind, (ready) => (world = ready));
  const clients = new Map<PushStaffKey, { id: string; seq: number }>();

  async function act(staff: PushStaffKey, name: 'quote.answer', args: MutationArgs<'quote.answer'>, at = new Date().toISOString()) {
    const client = clients.get(staff) ?? { id: randomUUID(), seq: 0 };
    clients.set(staff, client);
    const response = await pushOk(world.instance, world.tokens[staff], client.id, [{ ...mutation(++client.seq, name, args), at }]);
    const [result] = response.results;
    if (result === undefined) throw new Error('no result');
    return result;
  }

  /** A quote of Oslo in `status`, held by `assignee`, with {@link LINES}. */
  async function quoteWithLines(status: QuoteStatus = 'in_progress', assignee: PushStaffKey | null = 'kari') {
    const assigneeId = assignee === null ? null : PUSH_STAFF[assignee].id;
    const quoteId = await createQuote(world.instance.db, { status, assigneeId, answered: status === 'answered' || status === 'revision_requested' });
    const lineIds = await addQuoteLines(world.instance.db, quoteId, OSLO, LINES);
    return { quoteId, lineIds };
  }

  function answerArgs(quoteId: string, lineIds: string[], changes: Partial<MutationArgs<'quote.answer'>> = {}): MutationArgs<'quote.answer'> {
    return {
      quoteId,
      lines: [
        { lineId: lineIds[0]!, extraDiscountBp: 750, offeredPriceOre: null },
        { lineId: lineIds[1]!, extraDiscountBp: 0, offeredPriceOre: 99_000 },
        { lineId: lineIds[2]!, extraDiscountBp: 0, offeredPriceOre: null },
      ],
      validityDays: 30,
      message: '  Takk for forespørselen. Prisene gjelder ved bestilling innen fristen.  ',
      ...changes,
    };
  }

  /** Nothing of the quote changed: row, lines, history. */
  async function expectUnchanged(quoteId: string, before: { row: unknown; lines: unknown }) {
    expect(await quoteRow(world.instance.db, quoteId)).toEqual(before.row);
    expect(await quoteLineRows(world.instance.db, quoteId)).toEqual(before.lines);
    expect(await quoteEvents(world.instance.db, quoteId)).toEqual([]);
  }

  async function state(quoteId: string) {
    return { row: await quoteRow(world.instance.db, quoteId), lines: await quoteLineRows(world.instance.db, quoteId) };
  }

  it('answers the quote: line prices, status, validity, message, history; a pull carries it; the shop shows the same prices', async () => {
    const { quoteId, lineIds } = await quoteWithLines();
    const cursor = await currentCursor(world.instance, world.tokens.kari);
    const before = await quoteRow(world.instance.db, quoteId);
    const at = new Date().toISOString();
    expect(await act('kari', 'quote.answer', answerArgs(quoteId, lineIds), at)).toEqual({ seq: expect.any(Number) as unknown, status: 'applied' });

    const row = await quoteRow(world.instance.db, quoteId);
    expect(row).toMatchObject({
      status: 'answered',
      assignee_id: PUSH_STAFF.kari.id,
      answered_at: at,
      valid_until: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(Date.parse(at) + 30 * 86_400_000)),
      message_to_customer: 'Takk for forespørselen. Prisene gjelder ved bestilling innen fristen.',
      unread_customer_comments: before.unread_customer_comments,
    });
    expect(Date.parse(row.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    expect((await quoteLineRows(world.instance.db, quoteId)).map((line) => [line.id, line.extra_discount_bp, line.offered_price_ore])).toEqual([
      [lineIds[0], 750, null],
      [lineIds[1], 0, 99_000],
      [lineIds[2], 0, null],
    ]);
    const events = await quoteEvents(world.instance.db, quoteId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'answered', actor_kind: 'staff', actor_id: PUSH_STAFF.kari.id, branch_id: OSLO });
    expect(events[0]?.detail).toEqual({ totalOre: TOTAL, validUntil: row.valid_until, lines: 3, clientAt: at });

    // The pull brings the quote, its lines and the history entry as the database has them.
    const pulled = await pulledSince(world.instance, world.tokens.kari, cursor);
    expect(comparable(pulled.get(`quotes:${quoteId}`))).toEqual(comparable(row));
    for (const line of await quoteLineRows(world.instance.db, quoteId)) expect(comparable(pulled.get(`quote_lines:${line.id}`))).toEqual(comparable(line));
    expect(pulled.get(`quote_events:${events[0]!.id}`)).toMatchObject({ kind: 'answered', detail: events[0]!.detail });

    // The customer's view prices every line with the same rule.
    const view = shopQuoteSchema.parse(expectStatus(await shop(world.instance, 'GET', `/v1/shop/quotes/${quoteId}`), 200));
    expect(view).toMatchObject({ status: 'answered', validUntil: row.valid_until, messageToCustomer: row.message_to_customer, totalOre: TOTAL });
    expect(view.lines.map((line) => line.unitPriceOre)).toEqual(UNIT_PRICES);
    expect(view.lines.map((line) => line.lineTotalOre)).toEqual(LINES.map((spec, i) => spec.qty * UNIT_PRICES[i]!));
    for (const line of view.lines) {
      expect(line.unitPriceOre).toBe(
        answerUnitPriceOre({ qty: line.qty, listPriceOre: line.listPriceOre, tierDiscountBp: line.tierDiscountBp, extraDiscountBp: line.extraDiscountBp, offeredPriceOre: line.offeredPriceOre }),
      );
    }
    expect(view.lines.map((line) => line.listPriceOre)).toEqual([PUSH_PRODUCTS.downlight.listOre, PUSH_PRODUCTS.panel.listOre, PUSH_PRODUCTS.odd.listOre]);

    // And the checkout charges exactly those prices.
    const body = { paymentMethod: 'invoice', billingAddressId: OSLO_BILLING, deliveryAddressId: OSLO_DELIVERY };
    const order = shopOrderSchema.parse(expectStatus(await shop(world.instance, 'POST', `/v1/shop/quotes/${quoteId}/accept`, body), 201));
    expect(order.lines.map((line) => line.unitPriceOre)).toEqual(UNIT_PRICES);
    expect(order.totalOre).toBe(TOTAL);
  });

  it('makes the same rows on the server as the client\'s optimistic effect (but the server\'s own updated_at)', async () => {
    const { quoteId, lineIds } = await quoteWithLines();
    const cursor = await currentCursor(world.instance, world.tokens.kari);
    // The client's cache: what a pull of everything brings.
    const cache = new MemoryRows(await pulledSince(world.instance, world.tokens.kari));
    const at = new Date().toISOString();
    // As the outbox queues it: the args as the schema leaves them (message trimmed).
    const args = mutationArgs['quote.answer'].parse(answerArgs(quoteId, lineIds));
    const local = applyLocalEffect(localEffects, cache, 'quote.answer', args, { id: PUSH_STAFF.kari.id, role: 'consultant', branchId: OSLO }, at);
    expect(local).toMatchObject({ status: 'applied' });
    await act('kari', 'quote.answer', args, at);
    const pulled = await pulledSince(world.instance, world.tokens.kari, cursor);
    const { updated_at: _server, ...serverQuote } = comparable(pulled.get(`quotes:${quoteId}`)) ?? {};
    expect(comparable(cache.get('quotes', quoteId))).toEqual({ ...serverQuote, updated_at: Date.parse(at) });
    for (const lineId of lineIds) expect(cache.get('quote_lines', lineId)).toEqual(pulled.get(`quote_lines:${lineId}`));
  });

  it('counts validity from the Oslo date of the action: at 23:30 UTC on 21 November it is already the 22nd', async () => {
    const { quoteId, lineIds } = await quoteWithLines();
    expect(await act('kari', 'quote.answer', answerArgs(quoteId, lineIds), '2026-11-21T23:30:00Z')).toMatchObject({ status: 'applied' });
    expect(await quoteRow(world.instance.db, quoteId)).toMatchObject({ answered_at: '2026-11-21T23:30:00.000Z', valid_until: '2026-12-22' });
  });

  it('stores an empty message as none', async () => {
    const { quoteId, lineIds } = await quoteWithLines();
    await act('kari', 'quote.answer', answerArgs(quoteId, lineIds, { message: '   ' }));
    expect((await quoteRow(world.instance.db, quoteId)).message_to_customer).toBeNull();
  });

  it('applies the same answer again without a change or a second event; another answer is refused', async () => {
    const { quoteId, lineIds } = await quoteWithLines();
    const at = new Date().toISOString();
    await act('kari', 'quote.answer', answerArgs(quoteId, lineIds), at);
    const before = await snapshot(world.instance.db);
    const linesBefore = await quoteLineRows(world.instance.db, quoteId);
    // Queued twice (a new seq), or retried by a client that lost the answer.
    expect(await act('kari', 'quote.answer', answerArgs(quoteId, lineIds), at)).toMatchObject({ status: 'applied' });
    const after = await snapshot(world.instance.db);
    expect(after.quotes).toEqual(before.quotes);
    expect(after.quote_events).toEqual(before.quote_events);
    expect(await quoteLineRows(world.instance.db, quoteId)).toEqual(linesBefore);

    const [first] = await quoteEvents(world.instance.db, quoteId);
    const other = await act('kari', 'quote.answer', answerArgs(quoteId, lineIds, { validityDays: 14 }), at);
    expect(other).toMatchObject({
      status: 'rejected',
      code: 'QUOTE_NOT_OPEN',
      message: `Tilbud T-${quoteId} er allerede besvart med et annet svar. Et nytt svar kan gis når kunden ber om revisjon.`,
    });
    expect(await quoteEvents(world.instance.db, quoteId)).toEqual([first]);
  });

  it('lets an admin answer a quote a consultant holds; the assignee stays', async () => {
    const { quoteId, lineIds } = await quoteWithLines('in_progress', 'ola');
    expect(await act('admin', 'quote.answer', answerArgs(quoteId, lineIds))).toMatchObject({ status: 'applied' });
    expect(await quoteRow(world.instance.db, quoteId)).toMatchObject({ status: 'answered', assignee_id: PUSH_STAFF.ola.id });
    expect((await quoteEvents(world.instance.db, quoteId))[0]).toMatchObject({ kind: 'answered', actor_id: PUSH_STAFF.admin.id });
  });

  it('refuses a quote someone else holds, naming them, and one nobody holds', async () => {
    const held = await quoteWithLines('in_progress', 'ola');
    const before = await state(held.quoteId);
    const refused = await act('kari', 'quote.answer', answerArgs(held.quoteId, held.lineIds));
    expect(refused).toMatchObject({
      status: 'rejected',
      code: 'QUOTE_NOT_CLAIMED_BY_YOU',
      message: `Tilbud T-${held.quoteId} er tatt av Ola Konsulent, ikke av deg. Bare Ola Konsulent eller en administrator kan besvare det.`,
    });
    await expectUnchanged(held.quoteId, before);

    const nobody = await quoteWithLines('in_progress', null);
    expect(await act('kari', 'quote.answer', answerArgs(nobody.quoteId, nobody.lineIds))).toMatchObject({
      status: 'rejected',
      code: 'QUOTE_NOT_CLAIMED_BY_YOU',
      message: quoteRefusalText.notClaimedByYou(`T-${nobody.quoteId}`, 'quote.answer'),
    });
  });

  it.each<[QuoteStatus, string]>([
    ['requested', 'er forespurt og må tas før det kan besvares. Ta tilbudet, og send svaret på nytt.'],
    ['revision_requested', 'er sendt tilbake for revisjon og må tas før det kan besvares. Ta tilbudet, og send svaret på nytt.'],
    ['accepted', 'er akseptert og kan ikke besvares. Oppdater listen for å se tilbudet slik det er nå.'],
    ['declined', 'er avslått og kan ikke besvares. Oppdater listen for å se tilbudet slik det er nå.'],
    ['expired', 'er utløpt og kan ikke besvares. Oppdater listen for å se tilbudet slik det er nå.'],
    ['answered', 'er allerede besvart med et annet svar. Et nytt svar kan gis når kunden ber om revisjon.'],
  ])('refuses a quote that is %s with QUOTE_NOT_OPEN', async (status, text) => {
    const { quoteId, lineIds } = await quoteWithLines(status, status === 'requested' || status === 'revision_requested' ? null : 'kari');
    const before = await state(quoteId);
    expect(await act('kari', 'quote.answer', answerArgs(quoteId, lineIds))).toMatchObject({ status: 'rejected', code: 'QUOTE_NOT_OPEN', message: `Tilbud T-${quoteId} ${text}` });
    await expectUnchanged(quoteId, before);
  });

  it('refuses lines that are not exactly the quote\'s (missing, of another quote, twice)', async () => {
    const { quoteId, lineIds } = await quoteWithLines();
    const stranger = await quoteWithLines();
    const before = await state(quoteId);
    const full = answerArgs(quoteId, lineIds).lines;
    const cases = [full.slice(0, 2), [...full, { lineId: stranger.lineIds[0]!, extraDiscountBp: 0, offeredPriceOre: null }], [full[0]!, full[0]!, full[1]!, full[2]!]];
    for (const lines of cases) {
      expect(await act('kari', 'quote.answer', { ...answerArgs(quoteId, lineIds), lines })).toMatchObject({
        status: 'rejected',
        code: 'QUOTE_LINES_CHANGED',
        message: `Svaret passer ikke til linjene i tilbud T-${quoteId} (en linje mangler, er ukjent eller står to ganger). Åpne tilbudet på nytt og send svaret igjen.`,
      });
    }
    await expectUnchanged(quoteId, before);
  });

  it('refuses a line with both an extra discount and a fixed price, or over 100 % discount, naming the line', async () => {
    const { quoteId, lineIds } = await quoteWithLines();
    const before = await state(quoteId);
    const args = answerArgs(quoteId, lineIds);
    const both = { ...args, lines: [args.lines[0]!, { ...args.lines[1]!, extraDiscountBp: 100 }, args.lines[2]!] };
    expect(await act('kari', 'quote.answer', both)).toMatchObject({
      status: 'rejected',
      code: 'QUOTE_ANSWER_INVALID',
      message: `Linje 2 i svaret på tilbud T-${quoteId} har både ekstra rabatt og fast pris. Velg det ene av dem, og send svaret på nytt.`,
    });
    // The odd line has 15 % from its tier: 85.01 % extra passes 100 %.
    const over = { ...args, lines: [args.lines[0]!, args.lines[1]!, { ...args.lines[2]!, extraDiscountBp: 8_501 }] };
    expect(await act('kari', 'quote.answer', over)).toMatchObject({ status: 'rejected', code: 'QUOTE_ANSWER_INVALID', message: quoteRefusalText.answerInvalid(`T-${quoteId}`, 3, 'DISCOUNT_OVER_100') });
    await expectUnchanged(quoteId, before);
  });
});
