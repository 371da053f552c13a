import type { QuoteStatus } from '../../shared/domain/quotes';

// SQL pieces the quote queries share. Times are compared as instants, never as text: the cache
// holds the server's `…+00:00` with microseconds beside the local effects' `…Z` with
// milliseconds (migration 0004 says more), and the indexes of migration 0004 are on exactly
// these expressions, so a comparison written with them is an index range search.

/** The instant of an ISO time column, in seconds (millisecond precision); NULL if unreadable. */
export function instantOf(column: string): string {
  return `unixepoch(${column}, 'subsec')`;
}

/**
 * The time in `column` as the wire spells UTC: `2026-11-21T11:30:00.000Z` whatever the offset and
 * precision it was stored with, so the renderer may sort and compare times as text. Microseconds
 * are rounded to the millisecond, as {@link instantOf} rounds them. An unreadable value passes
 * unchanged.
 */
export function isoOf(column: string): string {
  return `coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', ${column}), ${column})`;
}

/** `at` in the unit of {@link instantOf}: the same division, so equal instants compare equal. */
export function seconds(at: Date | number): number {
  return (typeof at === 'number' ? at : at.getTime()) / 1000;
}

/** Requests a consultant still has to answer: new, claimed, or sent back by the customer. */
export const WAITING_STATUSES = ['requested', 'in_progress', 'revision_requested'] as const satisfies readonly QuoteStatus[];

/** What the queue shows when no state is chosen: the waiting ones and those answered (the customer's turn). */
export const QUEUE_DEFAULT_STATUSES = [...WAITING_STATUSES, 'answered'] as const satisfies readonly QuoteStatus[];

/** `('a', 'b', …)`: for constant lists of states only, never for input. */
export function sqlList(values: readonly QuoteStatus[]): string {
  return `(${values.map((value) => `'${value}'`).join(', ')})`;
}
