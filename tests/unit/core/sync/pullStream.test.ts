import { describe, expect, it } from 'vitest';
import { openCache } from '../../../../electron/core/cache/open';
import { PageWriter, type RowCodec } from '../../../../electron/core/sync/ingest';
import { readPullStream, PullStreamError } from '../../../../electron/core/sync/pullStream';

const branch = { id: 'b1', name: 'Oslo', city: 'Oslo' };
const product = { id: 'p1', article_number: 'LED-1', name_nb: 'Downlight «Bris» 10 W', category: 'downlights', list_price_ore: 49900, cost_price_ore: 21000, bulky: false, active: true };

function lines(...objects: unknown[]): string {
  return objects.map((object) => (typeof object === 'string' ? object : JSON.stringify(object))).join('\n') + '\n';
}

// Splits `text` into chunks of `size` bytes, so lines and multi-byte characters break across chunks.
async function* chunks(text: string, size: number): AsyncIterable<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

// Zod alone decides here (no fast path); rowReader.test.ts covers the fast path against it.
const toValues = { readRow: (): undefined => undefined, values: (_table: string, row: Record<string, unknown>): unknown[] => Object.values(row) };

// The cache's own codec: the fast row check first, zod for what it does not accept.
const writer = new PageWriter(openCache({ file: ':memory:' }).sqlite);

async function failure(text: string, codec: RowCodec = toValues): Promise<PullStreamError> {
  try {
    await readPullStream(chunks(text, 7), codec);
  } catch (error) {
    if (error instanceof PullStreamError) return error;
    throw error;
  }
  throw new Error('the stream was accepted');
}

describe('readPullStream', () => {
  it('reads a page whose lines and characters are split across chunks, with its ack and cursor', async () => {
    const text = lines(
      { t: 'begin', snapshot: true, total: 3 },
      { t: 'put', table: 'branches', row: branch },
      { t: 'put', table: 'products', row: product },
      { t: 'del', table: 'customers', id: 'c9' },
      { t: 'ack', lastSeq: 4 },
      { t: 'end', cursor: 'v1.all.42', more: true },
    );
    const progress: Array<[number, number]> = [];
    const page = await readPullStream(chunks(text, 5), toValues, (p) => progress.push([p.received, p.total]));
    expect(page).toEqual({
      snapshot: true,
      cursor: 'v1.all.42',
      more: true,
      ack: 4,
      changes: [
        { kind: 'put', table: 'branches', values: ['b1', 'Oslo', 'Oslo'] },
        { kind: 'put', table: 'products', values: Object.values(product) },
        { kind: 'del', table: 'customers', id: 'c9' },
      ],
    });
    expect((await readPullStream(chunks(text, 5), writer)).changes).toEqual([
      { kind: 'put', table: 'branches', values: ['b1', 'Oslo', 'Oslo'] },
      { kind: 'put', table: 'products', values: [...Object.values(product).slice(0, 6), 0, 1] },
      { kind: 'del', table: 'customers', id: 'c9' },
    ]);
    expect(progress[0]).toEqual([0, 3]);
    expect(progress.at(-1)).toEqual([3, 3]);
  });

  it('calls a stream without its end line incomplete (cut off by the server or the network)', async () => {
    const error = await failure(lines({ t: 'begin', snapshot: false, total: 1 }, { t: 'put', table: 'branches', row: branch }));
    expect(error.code).toBe('PULL_INCOMPLETE');
    expect((await failure('')).code).toBe('PULL_INCOMPLETE');
  });

  it.each([
    ['a line that is not JSON', lines({ t: 'begin', snapshot: false, total: 0 }, '{"t":"put",', { t: 'end', cursor: 'c', more: false }), /line 2: not JSON/],
    ['a row that breaks its table’s schema', lines({ t: 'begin', snapshot: false, total: 1 }, { t: 'put', table: 'products', row: { ...product, list_price_ore: -1 } }, { t: 'end', cursor: 'c', more: false }), /line 2: products row: list_price_ore/],
    ['a row with a column the app does not know', lines({ t: 'begin', snapshot: false, total: 1 }, { t: 'put', table: 'branches', row: { ...branch, extra: 1 } }, { t: 'end', cursor: 'c', more: false }), /line 2: branches row/],
    ['an unknown table', lines({ t: 'begin', snapshot: false, total: 1 }, { t: 'put', table: 'secrets', row: branch }, { t: 'end', cursor: 'c', more: false }), /line 2/],
    ['a put line with an extra field', lines({ t: 'begin', snapshot: false, total: 1 }, { t: 'put', table: 'branches', row: branch, x: 1 }, { t: 'end', cursor: 'c', more: false }), /line 2/],
    ['rows before the begin line', lines({ t: 'put', table: 'branches', row: branch }, { t: 'end', cursor: 'c', more: false }), /line 1: the first line must be the begin line/],
    ['a line after the end line', lines({ t: 'begin', snapshot: false, total: 0 }, { t: 'end', cursor: 'c', more: false }, { t: 'put', table: 'branches', row: branch }), /line 3: a line after the end line/],
    ['fewer rows than announced', lines({ t: 'begin', snapshot: false, total: 2 }, { t: 'put', table: 'branches', row: branch }, { t: 'end', cursor: 'c', more: false }), /announced 2 rows but 1 came/],
  ])('refuses %s, naming the line', async (_name, text, message) => {
    const error = await failure(text);
    expect(error.code).toBe('PULL_INVALID');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/nothing of it was applied/);
    // With the fast row check in front, the same line is refused with the same words.
    expect((await failure(text, writer)).message).toBe(error.message);
  });
});
