import type BetterSqlite3 from 'better-sqlite3';
import type { HomeSummary } from '../../shared/ipc/contract';

// The overview's figures, read from the cache (so they work offline). Open quote requests are
// those a consultant still has to answer: requested, claimed, or sent back by the customer.

const OPEN = "('requested', 'in_progress', 'revision_requested')";

/** The SQL of each figure; exported so a test can check every plan uses an index. */
export const homeSummarySql = {
  openQuotes: `SELECT count(*) FROM quotes WHERE status IN ${OPEN}`,
  unclaimed: "SELECT count(*) FROM quotes WHERE status = 'requested'",
  dueWithin4h: `SELECT count(*) FROM quotes WHERE status IN ${OPEN} AND due_at >= ? AND due_at < ?`,
  breached: `SELECT count(*) FROM quotes WHERE status IN ${OPEN} AND due_at < ?`,
  newMessages: "SELECT count(*) FROM contact_messages WHERE status = 'new'",
} as const;

/** Reads the overview's figures at `now`. */
export function readHomeSummary(sqlite: BetterSqlite3.Database, now: Date): HomeSummary {
  const at = now.toISOString();
  const in4h = new Date(now.getTime() + 4 * 3_600_000).toISOString();
  const count = (query: string, ...params: string[]): number => Number(sqlite.prepare(query).pluck().get(...params) ?? 0);
  return {
    openQuotes: count(homeSummarySql.openQuotes),
    unclaimed: count(homeSummarySql.unclaimed),
    dueWithin4h: count(homeSummarySql.dueWithin4h, at, in4h),
    breached: count(homeSummarySql.breached, at),
    newMessages: count(homeSummarySql.newMessages),
    asOf: at,
  };
}
