import { describe, expect, it } from 'vitest';
import { readCustomerSearch } from '../../../../electron/core/queries/customerSearch';
import { parseSearch } from '../../../../electron/core/queries/customerSearchQuery';
import { customerSearchSchema } from '../../../../electron/shared/ipc/customers';
import type { TestChange } from '../outbox/outboxFixture';
import { address, customer, user, useCustomerWorld, type CustomerWorld } from './customersFixture';

// customers.search on a real cache file: the words staff type, and the order of the hits.

const NOW = new Date('2026-11-21T12:00:00Z');

const WORLD: TestChange[] = [
  ['put', 'customers', customer('c1', { customer_number: '100001', org_number: '923456789', name: 'Bergen Elektro AS', branch_id: 'b-bergen', consultant_id: 's-berit' })],
  ['put', 'customers', customer('c2', { customer_number: '100002', org_number: '987654321', name: 'Lys og Strøm AS' })],
  ['put', 'customers', customer('c3', { customer_number: '100010', org_number: '912345674', name: 'Tromsø Lysdesign AS' })],
  ['put', 'customers', customer('c4', { customer_number: '200001', org_number: '998877665', name: 'Ålesund Belysning AS' })],
  ['put', 'customers', customer('c5', { customer_number: '100001 0', org_number: '810000002', name: 'Aas Installasjon AS' })],
  ['put', 'customers', customer('c6', { customer_number: '300100', org_number: '923000001', name: 'Ås Elektriske AS' })],
  ['put', 'company_users', user('u1', 'c2', 'per.hansen@lysogstrom.no')],
  ['put', 'company_users', user('u2', 'c2', 'kari@lysogstrom.no')],
  ['put', 'company_users', user('u3', 'c3', 'ola@tromso-lys.no')],
  ['put', 'addresses', address('a1', 'c1', 'Bergen')],
  ['put', 'addresses', address('a2', 'c2', 'Oslo')],
  ['put', 'addresses', address('a2b', 'c2', 'Drammen', { kind: 'delivery' })],
  ['put', 'addresses', address('a3', 'c3', 'Tromsø')],
  ['put', 'addresses', address('a4', 'c4', 'Ålesund')],
];

function search(world: CustomerWorld, query: string, limit?: number): ReturnType<typeof readCustomerSearch> {
  const answer = readCustomerSearch(world.cache.sqlite, { query, ...(limit !== undefined && { limit }) }, NOW);
  // Every answer is one the contract lets through.
  expect(customerSearchSchema.safeParse(answer).success).toBe(true);
  return answer;
}

const names = (answer: ReturnType<typeof readCustomerSearch>): string[] => answer.rows.map((row) => row.name);

describe('customers.search', () => {
  const worlds = useCustomerWorld();

  it('needs every word as the start of a word of the customer: "berg elek" finds Bergen Elektro AS', () => {
    const world = worlds.open(WORLD);
    expect(names(search(world, 'berg elek'))).toEqual(['Bergen Elektro AS']);
    expect(names(search(world, 'BERGEN   elektro'))).toEqual(['Bergen Elektro AS']);
    // "erg" is inside a word, not at its start.
    expect(search(world, 'erg').total).toBe(0);
    // Both words must match: no customer is both in Bergen and named Lys.
    expect(search(world, 'bergen lys').total).toBe(0);
  });

  it('finds customers by the city of their business address, not of other addresses', () => {
    const world = worlds.open(WORLD);
    expect(names(search(world, 'oslo'))).toEqual(['Lys og Strøm AS']);
    expect(search(world, 'drammen').total).toBe(0);
    expect(search(world, 'lys oslo').rows.map((row) => [row.name, row.city])).toEqual([['Lys og Strøm AS', 'Oslo']]);
  });

  it('takes Norwegian letters as letters, in either case, and keeps å apart from a', () => {
    const world = worlds.open(WORLD);
    expect(names(search(world, 'tromsø'))).toEqual(['Tromsø Lysdesign AS']);
    expect(names(search(world, 'TROMSØ'))).toEqual(['Tromsø Lysdesign AS']);
    expect(names(search(world, 'Ålesund'))).toEqual(['Ålesund Belysning AS']);
    expect(names(search(world, 'ålesund'))).toEqual(['Ålesund Belysning AS']);
    expect(names(search(world, 'strøm'))).toEqual(['Lys og Strøm AS']);
    // "Ås" is a town, "AS" is in every name: the two must not meet.
    expect(names(search(world, 'ås'))).toEqual(['Ås Elektriske AS']);
    expect(search(world, 'as').total).toBe(6);
    // "tromso" is not "tromsø": only the e-mail ola@tromso-lys.no has it.
    expect(search(world, 'tromso').rows.map((row) => [row.name, row.matchedEmail])).toEqual([['Tromsø Lysdesign AS', 'ola@tromso-lys.no']]);
  });

  it('finds customer and org numbers by their start, org numbers also typed in groups', () => {
    const world = worlds.open(WORLD);
    expect(names(search(world, '10000')).sort()).toEqual(['Aas Installasjon AS', 'Bergen Elektro AS', 'Lys og Strøm AS']);
    expect(names(search(world, '1000')).sort()).toEqual(['Aas Installasjon AS', 'Bergen Elektro AS', 'Lys og Strøm AS', 'Tromsø Lysdesign AS']);
    expect(names(search(world, '100002'))).toEqual(['Lys og Strøm AS']);
    expect(names(search(world, '923456789'))).toEqual(['Bergen Elektro AS']);
    expect(names(search(world, '923 456 789'))).toEqual(['Bergen Elektro AS']);
    expect(names(search(world, '923.456.789'))).toEqual(['Bergen Elektro AS']);
    expect(names(search(world, '923 456'))).toEqual(['Bergen Elektro AS']);
    expect(names(search(world, '923')).sort()).toEqual(['Bergen Elektro AS', 'Ås Elektriske AS']);
    expect(search(world, '923 4567').total).toBe(0);
  });

  it('puts an exact customer-number match first, before hits bm25 ranks higher', () => {
    const world = worlds.open(WORLD);
    // "100001" starts the numbers of c1 and (as its own token) c5; c1's is exact.
    const answer = search(world, '100001');
    expect(answer.rows.map((row) => row.customerNumber)).toEqual(['100001', '100001 0']);
    expect(answer.total).toBe(2);
    // 300100 is exact for c6, and "300100" starts no other number.
    expect(search(world, '300100').rows.map((row) => row.customerNumber)).toEqual(['300100']);
    // The exact one stays first when the page is one row long.
    expect(search(world, '100001', 1).rows.map((row) => row.id)).toEqual(['c1']);
  });

  it('ranks a hit in the name above one in an e-mail (bm25 weights)', () => {
    const world = worlds.open([...WORLD, ['put', 'company_users', user('u9', 'c1', 'lys@bergen-elektro.no')]]);
    expect(names(search(world, 'lys')).slice(-1)).toEqual(['Bergen Elektro AS']);
    expect(search(world, 'lys').total).toBe(3);
  });

  it('finds a company user by a full e-mail address and says which e-mail matched', () => {
    const world = worlds.open(WORLD);
    const answer = search(world, 'per.hansen@lysogstrom.no');
    expect(answer.rows.map((row) => [row.name, row.matchedEmail])).toEqual([['Lys og Strøm AS', 'per.hansen@lysogstrom.no']]);
    expect(search(world, 'kari@lysogstrom').rows.map((row) => row.matchedEmail)).toEqual(['kari@lysogstrom.no']);
    // The parts of an e-mail must follow each other: per and kari's domain, but not as one address.
    expect(search(world, 'hansen@tromso-lys.no').total).toBe(0);
    // A word only an e-mail explains shows that e-mail; a word the name explains shows none.
    expect(search(world, 'per').rows.map((row) => row.matchedEmail)).toEqual(['per.hansen@lysogstrom.no']);
    expect(search(world, 'lys og').rows.map((row) => row.matchedEmail)).toEqual([null]);
  });

  it('answers any input with hits or none, never an error', () => {
    const world = worlds.open(WORLD);
    const inputs = [
      '"',
      '""',
      '"bergen',
      '*',
      'berg*',
      '**',
      'NEAR(bergen elektro)',
      'bergen NEAR elektro',
      '(bergen',
      'bergen)',
      'bergen AND',
      'OR',
      'NOT bergen',
      'name:bergen',
      '{name}: bergen',
      '^bergen',
      'bergen + elektro',
      '-',
      "'; DROP TABLE customers; --",
      '\u0000',
      '\uD800',
      '\uFFFF\uFFFE',
      '😀 bergen',
      'a\u030Alesund',
      'Ｂｅｒｇｅｎ',
      '@',
      '@@@',
      'x'.repeat(200),
      'a '.repeat(100),
      '1 '.repeat(100),
    ];
    for (const input of inputs) {
      expect(() => search(world, input), JSON.stringify(input)).not.toThrow();
    }
    expect(names(search(world, '"bergen'))).toEqual(['Bergen Elektro AS']);
    expect(names(search(world, 'NEAR(bergen elektro)'))).toEqual([]);
    expect(names(search(world, 'bergen)'))).toEqual(['Bergen Elektro AS']);
    expect(names(search(world, 'berg*'))).toEqual(['Bergen Elektro AS']);
    // Unicode's full-width letters are letters: they give a word (no hit here), not an error.
    expect(search(world, 'Ｂｅｒｇｅｎ').total).toBe(0);
  });

  it('without a query lists the first customers by name and counts them all', () => {
    const world = worlds.open(WORLD);
    const answer = search(world, '   ', 3);
    expect(names(answer)).toEqual(['Aas Installasjon AS', 'Bergen Elektro AS', 'Lys og Strøm AS']);
    expect(answer.total).toBe(6);
    expect(answer.rows.map((row) => row.matchedEmail)).toEqual([null, null, null]);
    // A query of nothing but separators is no query either.
    expect(search(world, '*** ()').total).toBe(6);
  });

  it('counts every hit in `total` and returns at most `limit` rows', () => {
    const world = worlds.open(WORLD);
    const answer = search(world, 'as', 2);
    expect(answer.rows).toHaveLength(2);
    expect(answer.total).toBe(6);
  });

  it('gives each row its branch, consultant, tier, state and business city', () => {
    const world = worlds.open(WORLD);
    expect(search(world, 'bergen elektro').rows).toEqual([
      {
        id: 'c1',
        customerNumber: '100001',
        orgNumber: '923456789',
        name: 'Bergen Elektro AS',
        city: 'Bergen',
        loyaltyTier: 'silver',
        branchId: 'b-bergen',
        branchName: 'Bergen',
        consultantName: 'Berit Bergen',
        migrationState: 'not_started',
        matchedEmail: null,
      },
    ]);
    expect(search(world, 'aas').rows.map((row) => row.city)).toEqual([null]);
  });
});

describe('parseSearch', () => {
  it('joins digit groups of up to three into one number, and only those', () => {
    expect(parseSearch('923 456 789')).toEqual({ words: ['923456789'], emails: [], number: '923456789' });
    expect(parseSearch('100001 923456789')).toEqual({ words: ['100001', '923456789'], emails: [], number: null });
    expect(parseSearch('bergen 2')).toEqual({ words: ['bergen', '2'], emails: [], number: null });
    expect(parseSearch('per@lys.no 12 34')).toEqual({ words: ['1234'], emails: [['per', 'lys', 'no']], number: null });
  });

  it('keeps only tokens, so no FTS5 syntax gets through', () => {
    expect(parseSearch('NEAR("a" b*) OR -c:^d')).toEqual({ words: ['NEAR', 'a', 'b', 'OR', 'c', 'd'], emails: [], number: null });
    expect(parseSearch('"""***')).toEqual({ words: [], emails: [], number: null });
  });
});
