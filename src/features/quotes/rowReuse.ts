import type { QuoteQueueRow } from '../../../electron/shared/ipc/quotes';

function sameRow(a: QuoteQueueRow, b: QuoteQueueRow): boolean {
  for (const key of Object.keys(b) as (keyof QuoteQueueRow)[]) {
    if (a[key] !== b[key]) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

/**
 * The new rows, each replaced by the previous object of the same id when nothing in it changed.
 * A refresh arrives as fresh objects for all 100 000 rows; AG Grid updates (and, with delta sort,
 * re-sorts) only rows whose object changed, so a one-quote change costs one row, not the queue.
 */
export function reuseUnchangedRows(previous: ReadonlyMap<string, QuoteQueueRow>, next: readonly QuoteQueueRow[]): QuoteQueueRow[] {
  return next.map((row) => {
    const old = previous.get(row.id);
    return old !== undefined && sameRow(old, row) ? old : row;
  });
}

/** The rows by id, for the next `reuseUnchangedRows`. */
export function rowsById(rows: readonly QuoteQueueRow[]): Map<string, QuoteQueueRow> {
  return new Map(rows.map((row) => [row.id, row]));
}

/** What changed between two row sets, as an AG Grid transaction. */
export interface RowDelta {
  add: QuoteQueueRow[];
  update: QuoteQueueRow[];
  remove: QuoteQueueRow[];
}

/** The rows added, changed (a different object) and removed since `previous`. */
export function rowDelta(previous: ReadonlyMap<string, QuoteQueueRow>, next: readonly QuoteQueueRow[]): RowDelta {
  const add: QuoteQueueRow[] = [];
  const update: QuoteQueueRow[] = [];
  const seen = new Set<string>();
  for (const row of next) {
    seen.add(row.id);
    const old = previous.get(row.id);
    if (old === undefined) add.push(row);
    else if (old !== row) update.push(row);
  }
  const remove = [...previous.values()].filter((row) => !seen.has(row.id));
  return { add, update, remove };
}
