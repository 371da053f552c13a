import { describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../../electron/core/cache/open';
import { CURSOR_KEY, PageWriter, type PullPage } from '../../../../electron/core/sync/ingest';
import { useTempFiles } from '../cache/cacheFixture';

const branch = (id: string, name: string): Record<string, unknown> => ({ id, name, city: 'Oslo' });
const event = { id: 'e1', quote_id: 'q1', branch_id: 'b1', at: '2026-11-21T08:00:00.000Z', actor_kind: 'system', actor_id: null, kind: 'expired', detail: { from: 'answered' } };
const product = { id: 'p1', article_number: 'LED-1', name_nb: 'Downlight', category: 'downlights', list_price_ore: 49900, cost_price_ore: 21000, bulky: true, active: false };

function page(writer: PageWriter, changes: Array<['put', string, Record<string, unknown>] | ['del', string, string]>, snapshot = false, cursor = 'c'): PullPage {
  return {
    snapshot,
    cursor,
    more: false,
    changes: changes.map(([kind, table, value]) =>
      kind === 'put'
        ? { kind, table: table as 'branches', values: writer.values(table as 'branches', value) }
        : { kind, table: table as 'branches', id: value },
    ),
  };
}

function names(cache: Cache): string[] {
  return (cache.sqlite.prepare('SELECT name FROM branches ORDER BY id').all() as Array<{ name: string }>).map((row) => row.name);
}

describe('PageWriter', () => {
  const temp = useTempFiles();

  it('stores booleans as 0/1 and JSON objects as text, in the wire column order', () => {
    const cache = openCache({ file: temp.file() });
    const writer = new PageWriter(cache.sqlite);
    writer.apply(page(writer, [['put', 'products', product], ['put', 'quote_events', event]]));
    expect(cache.sqlite.prepare('SELECT bulky, active FROM products').get()).toEqual({ bulky: 1, active: 0 });
    expect(cache.sqlite.prepare('SELECT detail, actor_id FROM quote_events').get()).toEqual({ detail: '{"from":"answered"}', actor_id: null });
    cache.sqlite.close();
  });

  it('replaces rows, deletes rows, and keeps the cursor of the page in the same transaction', () => {
    const cache = openCache({ file: temp.file() });
    const writer = new PageWriter(cache.sqlite);
    writer.apply(page(writer, [['put', 'branches', branch('b1', 'Oslo')], ['put', 'branches', branch('b2', 'Bergen')]], true, 'first'));
    writer.apply(page(writer, [['put', 'branches', branch('b1', 'Oslo sentrum')], ['del', 'branches', 'b2'], ['del', 'branches', 'never-there']], false, 'second'));
    expect(names(cache)).toEqual(['Oslo sentrum']);
    expect(cache.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(CURSOR_KEY)).toBe('second');
    cache.sqlite.close();
  });

  it('empties every synced table on a snapshot’s first page, keeping the outbox', () => {
    const cache = openCache({ file: temp.file() });
    const writer = new PageWriter(cache.sqlite);
    writer.apply(page(writer, [['put', 'branches', branch('b1', 'Oslo')], ['put', 'products', product]]));
    cache.sqlite.prepare("INSERT INTO outbox (seq, name, args, created_at) VALUES (1, 'quote.claim', '{}', 'now')").run();
    writer.apply(page(writer, [['put', 'branches', branch('b3', 'Trondheim')]], true));
    expect(names(cache)).toEqual(['Trondheim']);
    expect(cache.sqlite.prepare('SELECT count(*) FROM products').pluck().get()).toBe(0);
    expect(cache.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    cache.sqlite.close();
  });

  it('applies nothing of a page that fails midway: rows, after-hook and cursor roll back together', () => {
    const cache = openCache({ file: temp.file() });
    const writer = new PageWriter(cache.sqlite);
    writer.apply(page(writer, [['put', 'branches', branch('b1', 'Oslo')]], false, 'kept'));
    const broken = page(writer, [['put', 'branches', branch('b2', 'Bergen')], ['put', 'products', product]], true, 'lost');
    // A value SQLite's STRICT table refuses, as a corrupt page would carry.
    (broken.changes[1] as { values: unknown[] }).values[4] = 'dyr';
    expect(() => writer.apply(broken, () => cache.sqlite.prepare("INSERT INTO sync_state VALUES ('hook', 'ran')").run())).toThrow(/INTEGER/);
    expect(names(cache)).toEqual(['Oslo']);
    expect(cache.sqlite.prepare('SELECT key, value FROM sync_state ORDER BY key').all()).toEqual([{ key: CURSOR_KEY, value: 'kept' }]);
    cache.sqlite.close();
  });
});
