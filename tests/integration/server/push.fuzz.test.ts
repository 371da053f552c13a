import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../electron/shared/protocol/errors';
import { pushResponseSchema } from '../../../electron/shared/protocol/sync';
import { addDays, osloDate } from '../../../electron/shared/domain/calendar';
import { isMutationName, type MutationName } from '../../../electron/shared/sync/mutations';
import type { AuthInstance } from './authFixture';
import { BACKENDS } from './backends';
import { counts, createQuote, OSLO, pushRaw, usePushWorld, type PushStaffKey } from './pushFixture';
import { addQuoteLines } from './pushQuoteFixture';

const RUNS = 200;

// Values that break naive code: wrong types, the edges of numbers, and strings PostgreSQL or
// JSON handle specially (U+0000, lone surrogates, very long).
const nasty = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, '', '\u0000', '\ud800', 'x'.repeat(20_000), [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

// A new client every time, so every seq of a batch is new and must be stored (or refused whole).
const freshClientId = fc.constant(null).map(() => randomUUID());

type Json = Record<string, unknown>;

// A push the server must take: real or made-up quote ids, seqs 1, 2, 3 … (now and then with a
// gap), comments, answers and decline reasons that may break the rules, mutations of a newer
// client (names this server does not know, args of any content).
function validPush(quoteIds: readonly string[], lineIds: readonly string[]): fc.Arbitrary<Json> {
  const quoteId = fc.oneof(fc.constantFrom(...quoteIds), fc.string({ minLength: 1, maxLength: 100 }));
  const body = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('Hei!', '   ', 'a\u0001b', 'a\u0000b', 'x'.repeat(10_001)));
  // Answers of real and made-up lines, with numbers in, at and past the limits.
  const answerLine = fc.record({
    lineId: fc.oneof(fc.constantFrom(...lineIds), fc.string({ minLength: 1, maxLength: 100 })),
    extraDiscountBp: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(-1, 10_001, 1.5)),
    offeredPriceOre: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(-1, 2 ** 31, 0.5)),
  });
  const answer = fc.record({
    quoteId,
    lines: fc.array(answerLine, { maxLength: 4 }),
    validityDays: fc.oneof(fc.integer({ min: 1, max: 365 }), fc.constantFrom(0, 366, 2.5)),
    message: body,
  });
  const staffId = fc.oneof(fc.constantFrom('ps-kari', 'ps-ola', 'ps-berit', 'ps-avd', 'ps-adm'), fc.string({ minLength: 1, maxLength: 100 }));
  // Customer mutations on the push world's customers and made-up ones, with tiers, actions and
  // deferral dates in and out of the rules (a reused history id now and then).
  const customerId = fc.oneof(fc.constantFrom('pc-oslo', 'pc-bergen'), fc.string({ minLength: 1, maxLength: 100 }));
  const historyId = fc.oneof(fc.uuid(), fc.constantFrom('h-1', 'h-2'));
  const tier = fc.oneof(fc.constantFrom('silver', 'gold', 'platinum'), fc.constantFrom('bronze', '', 1));
  const until = fc.oneof(fc.integer({ min: -3, max: 40 }).map((days) => addDays(osloDate(new Date()), days)), fc.constantFrom('2026-02-30', '31.12.2026', ''));
  const setMigration = fc.oneof(
    fc.record({ customerId, eventId: historyId, action: fc.constantFrom('switchOn', 'switchOff', 'resendInvitation', 'resendActivation', 'defer', 'nudge') }),
    fc.record({ customerId, eventId: historyId, action: fc.constant('defer'), until, reason: body }),
    fc.record({ customerId, eventId: historyId, action: fc.constantFrom('registerInterest', 'reactivateOldShop'), reason: body }),
  );
  const mutation = fc.oneof(
    fc.record({ name: fc.constantFrom<MutationName>('quote.claim', 'quote.release', 'quote.markRead'), args: fc.record({ quoteId }) }),
    fc.record({ name: fc.constant('customer.setTier'), args: fc.record({ customerId, changeId: historyId, fromTier: tier, toTier: tier, reason: body }) }),
    fc.record({ name: fc.constant('customer.setMigration'), args: setMigration }),
    fc.record({ name: fc.constant('quote.comment'), args: fc.record({ quoteId, commentId: fc.uuid(), body }) }),
    fc.record({ name: fc.constant('quote.answer'), args: answer }),
    fc.record({ name: fc.constant('quote.decline'), args: fc.record({ quoteId, reason: body }) }),
    fc.record({ name: fc.constant('quote.reassign'), args: fc.record({ quoteId, assigneeId: staffId }) }),
    fc.record({ name: fc.constantFrom('customer.setTier', 'order.cancelLines', 'quote.delete'), args: fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 3 }) }),
  );
  const seqs = fc.tuple(fc.array(mutation, { maxLength: 6 }), fc.option(fc.nat({ max: 5 }), { freq: 4 }));
  return fc.tuple(freshClientId, seqs).map(([clientId, [list, gapAt]]) => ({
    clientId,
    schemaVersion: 1,
    mutations: list.map((item, index) => ({
      seq: index + 1 + (gapAt !== null && index >= gapAt ? 1 : 0),
      ...item,
      at: new Date().toISOString(),
    })),
  }));
}

const PLACES = ['clientId', 'schemaVersion', 'mutations', 'top', 'seq', 'name', 'args', 'at', 'mutation', 'quoteId', 'argsKey', 'order'] as const;

// One thing wrong with an otherwise valid push: a value of the wrong type or range, an unknown
// key at some level, or the batch out of order.
function corrupt(push: Json, place: (typeof PLACES)[number], index: number, value: unknown, key: string): Json {
  const copy = structuredClone(push);
  const mutations = copy.mutations as Json[];
  const target = mutations.length > 0 ? mutations[index % mutations.length] : undefined;
  switch (place) {
    case 'clientId':
    case 'schemaVersion':
    case 'mutations':
      copy[place] = value;
      break;
    case 'top':
      copy[key] = value;
      break;
    case 'seq':
    case 'name':
    case 'args':
    case 'at':
      if (target) target[place] = value;
      break;
    case 'mutation':
      if (target) target[key] = value;
      break;
    case 'quoteId':
      if (target) (target.args as Json).quoteId = value;
      break;
    case 'argsKey':
      if (target) (target.args as Json)[key] = value;
      break;
    case 'order':
      mutations.reverse();
      break;
  }
  return copy;
}

function nearValidPush(quoteIds: readonly string[], lineIds: readonly string[]): fc.Arbitrary<unknown> {
  const corruption = fc.record({ place: fc.constantFrom(...PLACES), index: fc.nat(), value: nasty, key: fc.string({ maxLength: 8 }) });
  return fc
    .tuple(validPush(quoteIds, lineIds), fc.option(corruption, { freq: 2 }))
    .map(([push, wrong]) => (wrong === null ? push : corrupt(push, wrong.place, wrong.index, wrong.value, wrong.key)));
}

function seqsOf(body: unknown): unknown[] {
  return fieldOf(body, 'seq');
}

// Each pushed mutation's `field`, in batch order.
function fieldOf(body: unknown, field: string): unknown[] {
  if (typeof body !== 'object' || body === null || !('mutations' in body) || !Array.isArray(body.mutations)) return [];
  return (body.mutations as unknown[]).map((item) => (typeof item === 'object' && item !== null && field in item ? (item as Json)[field] : undefined));
}

// How many outcomes a fresh client's batch may store before a gap: its run of seqs 1, 2, 3 …
function contiguousPrefix(body: unknown): number {
  if (typeof body !== 'object' || body === null || !('mutations' in body) || !Array.isArray(body.mutations)) return 0;
  let expected = 1;
  for (const item of body.mutations as unknown[]) {
    if (typeof item !== 'object' || item === null || !('seq' in item) || item.seq !== expected) break;
    expected += 1;
  }
  return expected - 1;
}

describe.each(BACKENDS)('POST /v1/sync/push under arbitrary input (%s)', (kind) => {
  let instance: AuthInstance;
  let tokens: Record<PushStaffKey, string>;
  const quoteIds: string[] = [];
  const lineIds: string[] = [];
  usePushWorld(kind, (world) => ({ instance, tokens } = world));

  beforeAll(async () => {
    // Kari is the Oslo customer's consultant and it has moved, so her re-opening of the old shop
    // gets past the permission to the rules.
    await instance.db.updateTable('customers').set({ consultant_id: 'ps-kari', migration_state: 'activated', old_shop_access: false }).where('id', '=', 'pc-oslo').execute();
    for (let i = 0; i < 4; i++) quoteIds.push(await createQuote(instance.db));
    // Two of them held by the pusher (Kari), so answers get past the claim check to the lines.
    for (const [index, quoteId] of quoteIds.entries()) {
      if (index < 2) await instance.db.updateTable('quotes').set({ status: 'in_progress', assignee_id: 'ps-kari' }).where('id', '=', quoteId).execute();
      lineIds.push(...(await addQuoteLines(instance.db, quoteId, OSLO, [{ product: 'downlight', qty: 2 }, { product: 'odd', qty: 1, tierBp: 1_000 }])));
    }
  });

  it(`never answers 5xx, and a 4xx writes nothing (${RUNS} runs)`, async () => {
    const payloads = fc.oneof(
      { weight: 4, arbitrary: nearValidPush(quoteIds, lineIds).map((body) => ({ body, text: JSON.stringify(body) })) },
      { weight: 1, arbitrary: fc.jsonValue().map((body) => ({ body, text: JSON.stringify(body) })) },
      { weight: 1, arbitrary: fc.anything().map((value) => toJsonText(value)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ body: undefined, text })) },
    );
    await fc.assert(
      fc.asyncProperty(payloads, async ({ body, text }) => {
        const before = await counts(instance.db);
        const customersBefore = await customerCounts(instance);
        const answer = await pushRaw(instance, tokens.kari, text);
        const after = await counts(instance.db);
        const customersAfter = await customerCounts(instance);
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
        if (answer.status === 200) {
          const response = pushResponseSchema.parse(answer.body);
          expect(response.results.map((result) => result.seq)).toEqual(seqsOf(body));
          const names = fieldOf(body, 'name');
          response.results.forEach((result, index) => {
            if (!isMutationName(String(names[index]))) expect(result).toMatchObject({ status: 'rejected', code: 'UNKNOWN_MUTATION' });
          });
          expect(after.outcomes - before.outcomes).toBe(response.results.length);
          // Every customer mutation with valid args is audited, whatever its outcome; only an
          // applied one may add a history entry.
          const customerResults = response.results.filter((_, index) => isMutationName(String(names[index])) && String(names[index]).startsWith('customer.'));
          const audited = customerResults.filter((result) => result.code !== 'INVALID_ARGS').length;
          expect(customersAfter.audits - customersBefore.audits).toBe(audited);
          const applied = customerResults.filter((result) => result.status === 'applied').length;
          expect(customersAfter.history - customersBefore.history).toBeLessThanOrEqual(applied);
          return;
        }
        expect(answer.status).toBeGreaterThanOrEqual(400);
        const error = errorBodySchema.parse(answer.body).error;
        expect(after.quotes).toBe(before.quotes);
        if (answer.status === 409 && error.code === 'SEQ_GAP') {
          // Only what came before the gap may have been stored (each client id here is fresh).
          expect(after.outcomes - before.outcomes).toBe(contiguousPrefix(body));
          return;
        }
        expect(after).toEqual(before);
        expect(customersAfter).toEqual(customersBefore);
      }),
      { numRuns: RUNS },
    );
  });
});

// The customer mutations' history entries and audit rows.
async function customerCounts(instance: AuthInstance): Promise<{ history: number; audits: number }> {
  const result = await sql<{ history: string; audits: string }>`select
    (select count(*) from loyalty_tier_changes) + (select count(*) from migration_events) as history,
    (select count(*) from audit_log where action like 'customer.%') as audits`.execute(instance.db);
  return { history: Number(result.rows[0]?.history), audits: Number(result.rows[0]?.audits) };
}

// fc.anything() may hold values JSON cannot carry (undefined, -0, symbols as keys …);
// whatever JSON.stringify makes of it is what a careless client would send.
function toJsonText(value: unknown): { body: unknown; text: string } {
  const text = JSON.stringify(value) ?? 'null';
  return { body: JSON.parse(text) as unknown, text };
}
