import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../electron/shared/protocol/errors';
import { BACKENDS, useTestDatabases } from './backends';
import { send, type Answer } from './httpFixture';
import {
  checkout,
  createProjectList,
  CUSTOMERS,
  deliverShipment,
  domainCounts,
  ids,
  placeOrder,
  PRODUCTS,
  seedShopWorld,
  shipLines,
  shop,
  SHOP_KEY,
  startShopInstance,
  WAREHOUSE_KEY,
  type ShopInstance,
} from './shopFixture';

const POST_RUNS = 100;
const GET_RUNS = 40;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Values that break naive code: wrong types, edges of numbers (huge, negative, fractional),
// and strings PostgreSQL or JSON treat specially.
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, -10_000, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, '', ' ', '\u0000', '\ud800', 'x'.repeat(20_000), [], {}, '2026-02-30', 'NaN'),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** One endpoint under test: how to make its path and a body the server should accept. */
interface Endpoint {
  name: string;
  side: 'shop' | 'warehouse';
  method: 'GET' | 'POST';
  path: fc.Arbitrary<string>;
  body?: fc.Arbitrary<Json>;
}

// Every place in `value` a corruption can hit: each key path to an object member or array item.
function placesIn(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, index) => placesIn(item, [...at, index]))];
  if (typeof value === 'object' && value !== null) return [at, ...Object.entries(value).flatMap(([key, item]) => placesIn(item, [...at, key]))];
  return [at];
}

// One thing wrong with an otherwise valid body: a member replaced by a nasty value, removed, or
// an unknown key added to some object.
function corrupt(body: Json, pick: number, action: 'replace' | 'delete' | 'add', value: unknown, key: string): unknown {
  const copy = structuredClone(body) as unknown;
  const places = placesIn(copy);
  const place = places[pick % places.length] ?? [];
  if (place.length === 0) return action === 'replace' ? value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const step of place.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = place[place.length - 1] as string | number;
  if (action === 'replace') parent[last] = value;
  else if (action === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) (target as Record<string, unknown>)[key] = value;
    else parent[`${String(last)}${key}`] = value;
  }
  return copy;
}

function nearValid(body: fc.Arbitrary<Json>): fc.Arbitrary<string> {
  const wrong = fc.record({ pick: fc.nat(), action: fc.constantFrom<'replace' | 'delete' | 'add'>('replace', 'delete', 'add'), value: nasty, key: fc.string({ maxLength: 8 }) });
  return fc
    .tuple(body, fc.option(wrong, { freq: 3 }))
    .map(([valid, w]) => JSON.stringify(w === null ? valid : corrupt(valid, w.pick, w.action, w.value, w.key)) ?? 'null');
}

function payloads(body: fc.Arbitrary<Json> | undefined): fc.Arbitrary<string | undefined> {
  const anything = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );
  if (body === undefined) return fc.option(anything, { freq: 2 }).map((text) => text ?? undefined);
  return fc.oneof({ weight: 4, arbitrary: nearValid(body) }, { weight: 2, arbitrary: anything }, { weight: 1, arbitrary: fc.constant(undefined) });
}

function segment(real: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }).map(encodeURIComponent);
}

function query(keys: readonly string[], values: readonly string[]): fc.Arbitrary<string> {
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })), fc.oneof(fc.constantFrom(...values), fc.string({ unit: 'binary', maxLength: 12 })));
  return fc.array(pair, { maxLength: 3 }).map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`));
}

function sendTo(instance: ShopInstance, endpoint: Endpoint, path: string, text: string | undefined): Promise<Answer> {
  return send(instance, endpoint.method, path, { token: endpoint.side === 'shop' ? SHOP_KEY : WAREHOUSE_KEY, ...(text !== undefined && { text }) });
}

describe.each(BACKENDS)('shop and warehouse endpoints under arbitrary input (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance;
  const endpoints: Endpoint[] = [];

  beforeAll(async () => {
    instance = await startShopInstance(databases.config());
    await seedShopWorld(instance.db);
    const lists = [await createProjectList(instance.db, 'silver', { downlight: 2, mast: 1 }), await createProjectList(instance.db, 'gold', { panel: 3 })];
    const quotes: string[] = [];
    for (const list of lists) {
      const quote = (await shop(instance, 'POST', `/v1/shop/project-lists/${list}/quote-request`, {})).body as { id: string };
      quotes.push(quote.id);
    }
    await instance.db.updateTable('quotes').set({ status: 'answered', answered_at: new Date().toISOString(), valid_until: '2099-12-31' }).where('id', '=', quotes[0]!).execute();
    const delivered = await placeOrder(instance, 'silver', { downlight: 3, panel: 2 });
    const { shipment } = await shipLines(instance, delivered.id, delivered.lines.map((line) => line.id));
    await deliverShipment(instance, shipment.id);
    const open = await placeOrder(instance, 'gold', { mast: 1, downlight: 1 });
    const shipped = await shipLines(instance, open.id, [open.lines[0]!.id]);
    const lineIds = [...delivered.lines, ...open.lines].map((line) => line.id);
    const customerNumbers = Object.values(CUSTOMERS).map((c) => c.number);
    const articles = Object.values(PRODUCTS).map((p) => p.article);
    const qty = fc.integer({ min: 1, max: 5 });
    const articleLines = fc.array(fc.record({ articleNumber: fc.constantFrom(...articles), qty }), { minLength: 1, maxLength: 3 });
    const comment = fc.constantFrom('Hei, kan dere se på prisen?', 'Takk!');

    endpoints.push(
      { name: 'quote request', side: 'shop', method: 'POST', path: segment(lists).map((id) => `/v1/shop/project-lists/${id}/quote-request`), body: fc.record({ comment }, { requiredKeys: [] }) },
      { name: 'quote comment', side: 'shop', method: 'POST', path: segment(quotes).map((id) => `/v1/shop/quotes/${id}/comments`), body: fc.record({ body: comment }) },
      { name: 'quote accept', side: 'shop', method: 'POST', path: segment(quotes).map((id) => `/v1/shop/quotes/${id}/accept`), body: fc.constant(checkout('silver') as Json) },
      { name: 'place order', side: 'shop', method: 'POST', path: fc.constant('/v1/shop/orders'), body: articleLines.map((lines) => ({ customerNumber: CUSTOMERS.gold.number, ...checkout('gold'), lines })) },
      {
        name: 'contact message',
        side: 'shop',
        method: 'POST',
        path: fc.constant('/v1/shop/contact-messages'),
        body: fc.record({ category: fc.constantFrom('general', 'return'), senderName: fc.constant('Ina'), senderEmail: fc.constant('ina@lys.test'), subject: fc.constant('Hei'), body: comment, customerNumber: fc.constantFrom(...customerNumbers), orderNumber: fc.constantFrom(delivered.number, open.number) }, { requiredKeys: ['category', 'senderName', 'senderEmail', 'subject', 'body'] }),
      },
      {
        name: 'return request',
        side: 'shop',
        method: 'POST',
        path: fc.constant('/v1/shop/returns'),
        body: fc.record({ orderId: fc.constantFrom(delivered.id, open.id), kind: fc.constantFrom('return', 'warranty'), reason: comment, lines: fc.constant<Json>([{ orderLineId: delivered.lines[0]!.id, qty: 1 }]) }),
      },
      { name: 'migration form', side: 'shop', method: 'POST', path: segment(customerNumbers).map((n) => `/v1/shop/customers/${n}/migration-form`), body: fc.constant({ userId: ids('silver').user }) },
      { name: 'activation', side: 'shop', method: 'POST', path: segment(customerNumbers).map((n) => `/v1/shop/customers/${n}/activation`), body: fc.constant({}) },
      { name: 'prepare lines', side: 'warehouse', method: 'POST', path: fc.constant('/v1/warehouse/lines/prepare'), body: fc.subarray(lineIds, { minLength: 1 }).map((ids) => ({ lineIds: ids })) },
      { name: 'ship', side: 'warehouse', method: 'POST', path: fc.constant('/v1/warehouse/shipments'), body: fc.constant({ orderId: open.id, lineIds: [open.lines[1]!.id], carrier: 'DSV', trackingNumber: 'DSV123' }) },
      { name: 'deliver', side: 'warehouse', method: 'POST', path: segment([shipped.shipment.id, shipment.id]).map((id) => `/v1/warehouse/shipments/${id}/deliver`), body: fc.constant({}) },
      { name: 'customers', side: 'shop', method: 'GET', path: query(['sample', 'migrationState'], ['5', 'switched_on', '0', '201']).map((q) => `/v1/shop/customers${q}`) },
      { name: 'account', side: 'shop', method: 'GET', path: segment(customerNumbers).map((n) => `/v1/shop/customers/${n}`) },
      { name: 'products', side: 'shop', method: 'GET', path: query(['sample'], ['3', '-1', '1e3']).map((q) => `/v1/shop/products${q}`) },
      { name: 'quotes', side: 'shop', method: 'GET', path: query(['sample', 'status'], ['2', 'answered', 'x']).map((q) => `/v1/shop/quotes${q}`) },
      { name: 'quote', side: 'shop', method: 'GET', path: segment(quotes).map((id) => `/v1/shop/quotes/${id}`) },
      { name: 'order', side: 'shop', method: 'GET', path: segment([delivered.id, open.id]).map((id) => `/v1/shop/orders/${id}`) },
      { name: 'line queue', side: 'warehouse', method: 'GET', path: query(['status', 'limit'], ['open', 'in_preparation', '10', '9999']).map((q) => `/v1/warehouse/lines${q}`) },
      { name: 'shipments', side: 'warehouse', method: 'GET', path: query(['delivered', 'limit'], ['true', 'false', '3']).map((q) => `/v1/warehouse/shipments${q}`) },
    );
  });
  afterAll(async () => {
    await instance?.close();
  });

  it(`never answers 5xx, and a 4xx writes nothing (${POST_RUNS} runs per write, ${GET_RUNS} per read)`, async () => {
    for (const endpoint of endpoints) {
      await fc.assert(
        fc.asyncProperty(endpoint.path, payloads(endpoint.body), async (path, text) => {
          const before = await domainCounts(instance.db);
          const answer = await sendTo(instance, endpoint, path, text);
          const context = `${endpoint.name}: ${endpoint.method} ${path} ${text?.slice(0, 300) ?? ''} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
          expect(answer.status, context).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(errorBodySchema.safeParse(answer.body).success, context).toBe(true);
            expect(await domainCounts(instance.db), context).toEqual(before);
          } else {
            expect(answer.status, context).toBeGreaterThanOrEqual(200);
          }
        }),
        { numRuns: endpoint.method === 'POST' ? POST_RUNS : GET_RUNS },
      );
    }
  });
});
