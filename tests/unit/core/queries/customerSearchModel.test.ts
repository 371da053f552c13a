import { describe, expect, it } from 'vitest';
import { readCustomerSearch } from '../../../../electron/core/queries/customerSearch';
import { parseSearch } from '../../../../electron/core/queries/customerSearchQuery';
import type { SyncRow } from '../../../../electron/shared/sync/rows';
import type { TestChange } from '../outbox/outboxFixture';
import { address, customer, KARI, user, useCustomerWorld, type CustomerWorld } from './customersFixture';

// The search checked against a model: a plain JS filter over the same rows (every word the start
// of a token of the name, numbers, business cities or e-mails; an e-mail's tokens in a row in one
// e-mail) must give exactly the customers FTS5 gives, for many random queries, also after random
// pulls and local effects have changed, replaced, moved and deleted rows under the index.

const NOW = new Date('2026-11-21T12:00:00Z');
const WORDS = ['Bergen', 'Elektro', 'Lys', 'Lyskilde', 'Strøm', 'Tromsø', 'Ålesund', 'Ås', 'Aas', 'Bø', 'Bygg', 'Æra', 'Øst', 'Nord', 'Nordlys', 'Installasjon', 'Teknikk', 'Hansen', 'Berg', 'Lie', '&', 'Sør'];
const CITIES = ['Oslo', 'Bergen', 'Tromsø', 'Ålesund', 'Bodø', 'Ås', 'Lillestrøm', 'Stavanger'];
const FIRST = ['per', 'kari', 'ola', 'åse', 'øystein', 'ærlig', 'nils', 'berit'];

// A small seeded generator (mulberry32), so a failure can be replayed.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Model {
  customers: Map<string, SyncRow<'customers'>>;
  users: Map<string, SyncRow<'company_users'>>;
  addresses: Map<string, SyncRow<'addresses'>>;
}

const fold = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];

/** The customers the model says `query` finds. */
function expected(model: Model, query: string): string[] {
  const terms = parseSearch(query);
  const hits: string[] = [];
  for (const c of model.customers.values()) {
    const users = [...model.users.values()].filter((u) => u.customer_id === c.id);
    const cities = [...model.addresses.values()].filter((a) => a.customer_id === c.id && a.kind === 'business').map((a) => a.city);
    const tokens = [c.name, c.customer_number, c.org_number, ...cities, ...users.map((u) => u.email)].flatMap(fold);
    const words = terms.words.every((word) => tokens.some((token) => token.startsWith(word.toLowerCase())));
    const emails = terms.emails.every((phrase) =>
      users.some((u) => {
        const t = fold(u.email);
        const p = phrase.map((token) => token.toLowerCase());
        return t.some((_, start) => p.every((token, i) => (i === p.length - 1 ? (t[start + i] ?? '').startsWith(token) : t[start + i] === token)));
      }),
    );
    if (words && emails) hits.push(c.id);
  }
  return hits.sort();
}

function found(world: CustomerWorld, query: string): { ids: string[]; total: number } {
  const answer = readCustomerSearch(world.cache.sqlite, { query, limit: 1_000 }, NOW);
  return { ids: answer.rows.map((row) => row.id).sort(), total: answer.total };
}

interface Picker {
  pick: <T>(list: readonly T[]) => T;
  int: (max: number) => number;
}

function generator(rand: () => number): Picker {
  return { pick: (list) => list[Math.floor(rand() * list.length)] as (typeof list)[number], int: (max) => Math.floor(rand() * max) };
}

function makeWorld(rand: () => number, count: number): Model {
  const { pick, int } = generator(rand);
  const model: Model = { customers: new Map(), users: new Map(), addresses: new Map() };
  for (let i = 0; i < count; i++) {
    const id = `c${i}`;
    const name = `${pick(WORDS)} ${pick(WORDS)}${rand() < 0.3 ? ` ${pick(WORDS)}` : ''} AS`;
    model.customers.set(id, customer(id, { name, customer_number: String(100_000 + int(900_000)), org_number: String(800_000_000 + int(199_999_999)) }));
    for (let u = int(4); u > 0; u--) model.users.set(`u${i}-${u}`, user(`u${i}-${u}`, id, `${pick(FIRST)}.${pick(FIRST)}@${pick(WORDS).toLowerCase().replace('&', 'og')}-${i}.no`));
    for (let a = int(3); a > 0; a--) model.addresses.set(`a${i}-${a}`, address(`a${i}-${a}`, id, pick(CITIES), { kind: a === 1 || rand() < 0.2 ? 'business' : 'delivery' }));
  }
  return model;
}

function snapshotOf(model: Model): TestChange[] {
  return [
    ...[...model.customers.values()].map((row): TestChange => ['put', 'customers', row]),
    ...[...model.users.values()].map((row): TestChange => ['put', 'company_users', row]),
    ...[...model.addresses.values()].map((row): TestChange => ['put', 'addresses', row]),
  ];
}

// Queries of the kinds staff type: starts of words of the world, several words, numbers whole,
// started or in groups, e-mails whole or started, other casing, and words nothing has.
function randomQuery(model: Model, rand: () => number): string {
  const { pick, int } = generator(rand);
  const customers = [...model.customers.values()];
  const users = [...model.users.values()];
  const c = pick(customers);
  const start = (text: string): string => text.slice(0, 1 + int(text.length));
  const word = (): string => start(pick(fold(`${c.name} ${pick(CITIES)} ${pick(FIRST)}`)));
  switch (int(9)) {
    case 0:
      return word();
    case 1:
      return `${word()} ${word()}`;
    case 2:
      return start(c.customer_number);
    case 3:
      return `${c.org_number.slice(0, 3)} ${c.org_number.slice(3, 6)} ${c.org_number.slice(6, 3 + int(7))}`.trim();
    case 4:
      return users.length > 0 ? start(pick(users).email) : word();
    case 5:
      return users.length > 0 ? pick(users).email.toUpperCase() : word();
    case 6:
      return word().toUpperCase();
    case 7:
      return `${word()} zzq`;
    default:
      return `${pick(['"', '(', '*', 'NEAR ', '-', ''])}${word()}${pick(['"', ')', '*', ' AND', ''])}`;
  }
}

function check(world: CustomerWorld, model: Model, rand: () => number, queries: number): void {
  for (let i = 0; i < queries; i++) {
    const query = randomQuery(model, rand);
    const want = expected(model, query);
    const got = found(world, query);
    expect({ query, ids: got.ids }).toEqual({ query, ids: want });
    expect({ query, total: got.total }).toEqual({ query, total: want.length });
  }
}

describe('customers.search against a model', () => {
  const worlds = useCustomerWorld();

  it.each([1, 2, 3])('finds exactly the customers the model finds, for 300 random queries (seed %i)', (seed) => {
    const rand = random(seed);
    const model = makeWorld(rand, 150);
    const world = worlds.open(snapshotOf(model));
    check(world, model, rand, 300);
  });

  it('stays right while pulls and local effects change, replace, move and delete rows', () => {
    const rand = random(42);
    const { pick, int } = generator(rand);
    const model = makeWorld(rand, 60);
    const world = worlds.open(snapshotOf(model));
    let next = 1_000;
    for (let step = 0; step < 60; step++) {
      const changes: TestChange[] = [];
      for (let n = 1 + int(4); n > 0; n--) {
        const customers = [...model.customers.values()];
        const c = pick(customers);
        const u = pick([...model.users.values()]);
        const a = pick([...model.addresses.values()]);
        switch (int(9)) {
          case 0: {
            const row = { ...c, name: `${pick(WORDS)} ${pick(WORDS)} AS` };
            model.customers.set(c.id, row);
            changes.push(['put', 'customers', row]);
            break;
          }
          case 1: {
            model.customers.delete(c.id);
            changes.push(['del', 'customers', c.id]);
            break;
          }
          case 2: {
            const row = customer(`c${next++}`, { name: `${pick(WORDS)} Ny AS`, customer_number: String(100_000 + int(900_000)) });
            model.customers.set(row.id, row);
            changes.push(['put', 'customers', row]);
            break;
          }
          case 3: {
            if (u === undefined) break;
            const row = { ...u, email: `${pick(FIRST)}@${pick(WORDS).toLowerCase().replace('&', 'og')}.no` };
            model.users.set(u.id, row);
            changes.push(['put', 'company_users', row]);
            break;
          }
          case 4: {
            // A user moved to another customer: the old one's e-mails lose it.
            if (u === undefined) break;
            const row = { ...u, customer_id: pick(customers).id };
            model.users.set(u.id, row);
            changes.push(['put', 'company_users', row]);
            break;
          }
          case 5: {
            if (u === undefined) break;
            model.users.delete(u.id);
            changes.push(['del', 'company_users', u.id]);
            break;
          }
          case 6: {
            if (a === undefined) break;
            const row = { ...a, city: pick(CITIES), kind: rand() < 0.5 ? ('business' as const) : ('billing' as const), customer_id: rand() < 0.3 ? pick(customers).id : a.customer_id };
            model.addresses.set(a.id, row);
            changes.push(['put', 'addresses', row]);
            break;
          }
          case 7: {
            if (a === undefined) break;
            model.addresses.delete(a.id);
            changes.push(['del', 'addresses', a.id]);
            break;
          }
          default: {
            // The same row again: a REPLACE that gives the customer row a new rowid.
            changes.push(['put', 'customers', c]);
          }
        }
      }
      world.pull(changes);
      // A local effect rewrites the customer row (REPLACE) now and again on every rebase.
      const target = pick([...model.customers.values()]).id;
      const tier = world.cache.sqlite.prepare('SELECT loyalty_tier FROM customers WHERE id = ?').pluck().get(target) as SyncRow<'customers'>['loyalty_tier'];
      world.outbox.submit('customer.setTier', { customerId: target, changeId: `t${step}`, fromTier: tier, toTier: tier === 'gold' ? 'silver' : 'gold', reason: 'Test' }, KARI, NOW.toISOString());
      check(world, model, rand, 15);
    }
    // Rejecting the queued effects restores the server's rows (REPLACE again): still right.
    world.outbox.applyResults(world.outbox.pending(100).map((entry) => ({ seq: entry.seq, status: 'rejected' as const, code: 'FORBIDDEN', message: 'Nei.' })));
    check(world, model, rand, 50);
    // A snapshot replaces everything: the index is rebuilt from the new rows alone.
    const fresh = makeWorld(rand, 40);
    world.pull(snapshotOf(fresh), { snapshot: true });
    check(world, fresh, rand, 100);
  });
});
