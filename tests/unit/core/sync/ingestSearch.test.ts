import { afterEach, describe, expect, it } from 'vitest';
import { SEARCH_REBUILD_KEY } from '../../../../electron/core/cache/customerSearchIndex';
import { openCache, type Cache } from '../../../../electron/core/cache/open';
import { readCustomerSearch } from '../../../../electron/core/queries/customerSearch';
import { PageWriter } from '../../../../electron/core/sync/ingest';
import { useTempFiles } from '../cache/cacheFixture';
import { page } from '../outbox/outboxFixture';
import { address, customer, user } from '../queries/customersFixture';

// The pull keeps the customer search index: a snapshot rebuilds it whole at its end (also when
// the snapshot was cut off and finished by a later pull), an incremental pull rewrites the
// documents of the customers it touched.

const NOW = new Date('2026-11-21T12:00:00Z');

describe('the pull and the customer search index', () => {
  const temp = useTempFiles();
  const opened: Cache[] = [];
  afterEach(() => {
    for (const cache of opened.splice(0)) cache.sqlite.close();
  });

  function open(): Cache {
    const cache = openCache({ file: temp.file() });
    opened.push(cache);
    return cache;
  }

  const ids = (cache: Cache, query: string): string[] => readCustomerSearch(cache.sqlite, { query }, NOW).rows.map((row) => row.id);
  const docs = (cache: Cache): number => Number(cache.sqlite.prepare('SELECT count(*) FROM customer_search_docsize').pluck().get());

  it('writes a snapshot’s documents once, at its last page, even when a later pull brings that page', () => {
    const cache = open();
    const first = new PageWriter(cache.sqlite);
    first.apply(page(first, [['put', 'customers', customer('c1', { name: 'Bergen Lys AS' })], ['put', 'customers', customer('c2', { name: 'Oslo Bygg AS' })]], { snapshot: true, more: true }));
    expect(docs(cache)).toBe(0);
    expect(cache.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(SEARCH_REBUILD_KEY)).toBe('1');
    // The app stopped here; the next pull goes on from the cursor with a writer of its own.
    const next = new PageWriter(cache.sqlite);
    next.apply(page(next, [['put', 'company_users', user('u1', 'c1', 'per@bergenlys.no')], ['put', 'addresses', address('a1', 'c2', 'Drammen')]]));
    expect(docs(cache)).toBe(2);
    expect(cache.sqlite.prepare('SELECT count(*) FROM sync_state WHERE key = ?').pluck().get(SEARCH_REBUILD_KEY)).toBe(0);
    expect(ids(cache, 'per@bergenlys.no')).toEqual(['c1']);
    expect(ids(cache, 'drammen')).toEqual(['c2']);
  });

  it('leaves the rebuild to the snapshot’s last page when staff search in the middle of it', () => {
    const cache = open();
    const writer = new PageWriter(cache.sqlite);
    writer.apply(page(writer, [['put', 'customers', customer('c1', { name: 'Bergen Lys AS' })]], { snapshot: true, more: true }));
    // Half a snapshot: nothing to find yet, and the index is not built from half the rows.
    expect(ids(cache, 'bergen')).toEqual([]);
    expect(docs(cache)).toBe(0);
    expect(cache.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(SEARCH_REBUILD_KEY)).toBe('1');
    writer.apply(page(writer, [['put', 'customers', customer('c2', { name: 'Bergen Bygg AS' })]]));
    expect(ids(cache, 'bergen').sort()).toEqual(['c1', 'c2']);
    expect(cache.sqlite.prepare('SELECT count(*) FROM customer_search_queue').pluck().get()).toBe(0);
  });

  it('rewrites only what an incremental pull touched: a renamed customer, a deleted user, a moved address', () => {
    const cache = open();
    const writer = new PageWriter(cache.sqlite);
    writer.apply(
      page(
        writer,
        [
          ['put', 'customers', customer('c1', { name: 'Bergen Lys AS' })],
          ['put', 'customers', customer('c2', { name: 'Oslo Bygg AS' })],
          ['put', 'company_users', user('u1', 'c1', 'per@bergenlys.no')],
          ['put', 'addresses', address('a1', 'c1', 'Bergen')],
        ],
        { snapshot: true },
      ),
    );
    expect(ids(cache, 'per')).toEqual(['c1']);
    writer.apply(
      page(writer, [
        ['put', 'customers', customer('c2', { name: 'Oslo Elektro AS' })],
        ['del', 'company_users', 'u1'],
        ['put', 'addresses', address('a1', 'c2', 'Bergen')],
      ]),
    );
    expect(ids(cache, 'bygg')).toEqual([]);
    expect(ids(cache, 'oslo elektro bergen')).toEqual(['c2']);
    expect(ids(cache, 'per')).toEqual([]);
    // A name hit ranks above a city hit.
    expect(ids(cache, 'bergen')).toEqual(['c1', 'c2']);
    expect(docs(cache)).toBe(2);
  });
});
