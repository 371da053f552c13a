import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { columnKind } from '../../../../electron/core/sync/ingest';
import { compileRowReader, compileRowReaders } from '../../../../electron/core/sync/rowReader';
import { syncRowSchemas, syncTableNames, type SyncTableName } from '../../../../electron/shared/sync/rows';
import { openCache } from '../../../../electron/core/cache/open';
import { PageWriter } from '../../../../electron/core/sync/ingest';

// The fast row check must accept exactly what the zod schemas accept (it may only be faster),
// and give the same cache values. Every table's valid row is mutated field by field into
// values of every kind the wire could carry, and both sides must agree on each.

// A valid value for one zod type (the regexes the wire rows use are few and known).
interface SampleDef {
  type: string;
  format?: string;
  entries?: Record<string, string>;
  innerType?: { _zod: { def: SampleDef } };
  checks?: { _zod: { def: { check: string; pattern?: RegExp } } }[];
}

function sample(def: SampleDef | undefined): unknown {
  if (def === undefined) throw new Error('no definition');
  switch (def.type) {
    case 'nullable':
      return sample(def.innerType?._zod.def);
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'record':
      return { from: 'gold', n: 2 };
    case 'number':
      return 7;
    case 'string': {
      if (def.format === 'datetime') return '2026-11-21T09:15:00.123+01:00';
      if (def.format === 'date') return '2026-11-21';
      const pattern = def.checks?.find((check) => check._zod.def.check === 'string_format')?._zod.def.pattern?.source;
      if (pattern === '^\\d{9}$') return '912345678';
      if (pattern === '^\\d{4}$') return '0150';
      if (pattern !== undefined) throw new Error(`no sample for /${pattern}/`);
      return 'Lys «Nord» AS';
    }
    default:
      throw new Error(`no sample for ${def.type}`);
  }
}

function validRow(table: SyncTableName): Record<string, unknown> {
  const shape = syncRowSchemas[table].shape as unknown as Record<string, { _zod: { def: SampleDef } }>;
  return Object.fromEntries(Object.entries(shape).map(([column, schema]) => [column, sample(schema._zod.def)]));
}

const MISSING = Symbol('missing');
const candidates: unknown[] = [
  MISSING, null, undefined, '', 'x', 'Lys', '2026-11-21', '2026-02-30', '2026-11-21T09:15:00Z', '2026-11-21T09:15:00', '2026-11-21 09:15:00+01:00',
  '2024-02-29T00:00:00+00:00', '2025-02-29T00:00:00+00:00', '912345678', '91234567', '0150', '015', ' 0150', '0150\n',
  0, -1, 1, 1.5, 7, 10_000, 10_001, -0, 2 ** 53, 2 ** 53 - 1, Number.NaN, Number.POSITIVE_INFINITY, true, false, {}, { a: 1 }, [], [1], new Date(0),
  'silver', 'gold', 'platinum', 'requested', 'open', 'business', 'invoice', 'customer', 'staff', 'consultant', 'new', 'return', 'cancellation', 'warranty', 'admin',
];

describe('fast row reader', () => {
  const readers = compileRowReaders(columnKind);
  const cache = openCache({ file: ':memory:' });
  const writer = new PageWriter(cache.sqlite);

  it('covers every synced table', () => {
    expect([...readers.keys()].sort()).toEqual([...syncTableNames].sort());
  });

  for (const table of syncTableNames) {
    it(`agrees with zod on every mutation of a ${table} row, with the same cache values`, () => {
      const schema = syncRowSchemas[table];
      const reader = readers.get(table);
      if (reader === undefined) throw new Error(`no reader for ${table}`);
      const base = validRow(table);
      const rows: Record<string, unknown>[] = [base, { ...base, extra: 1 }, {}];
      for (const column of Object.keys(base)) {
        for (const value of candidates) {
          const row = { ...base };
          if (value === MISSING) delete row[column];
          else row[column] = value;
          rows.push(row);
        }
      }
      let accepted = 0;
      for (const row of rows) {
        const checked = schema.safeParse(row);
        const fast = reader(row);
        expect({ row, fast: fast !== undefined }).toEqual({ row, fast: checked.success });
        if (checked.success) {
          accepted++;
          expect(fast).toEqual(writer.values(table, checked.data as Record<string, unknown>));
        }
      }
      expect(accepted).toBeGreaterThan(Object.keys(base).length); // the base row and many mutations pass
    });
  }

  it('gives up on zod constructs it does not know, so zod decides those rows', () => {
    const kinds = ['plain', 'plain'] as const;
    expect(compileRowReader(z.strictObject({ id: z.string(), email: z.email() }), kinds)).toBeUndefined();
    expect(compileRowReader(z.strictObject({ id: z.string(), n: z.number().multipleOf(5) }), kinds)).toBeUndefined();
    expect(compileRowReader(z.object({ id: z.string(), n: z.number() }), kinds)).toBeUndefined(); // not strict
    expect(compileRowReader(z.strictObject({ id: z.string(), n: z.string().max(3) }), kinds)).toBeUndefined();
    expect(compileRowReader(z.strictObject({ id: z.string(), n: z.number() }), kinds)).toBeDefined();
  });
});
