import type BetterSqlite3 from 'better-sqlite3';
import type { HomeSummary } from '../../shared/ipc/contract';
import { instantOf, seconds, sqlList, WAITING_STATUSES } from './quoteSql';

// The overview's figures, read from the cache (so they work offline). Open quote requests are
// those a consultant still has to answer: requested, claimed, or sent back by the customer.
// Due times are compared as instants (quoteSql.ts), as the quote dashboard does, so the two
// never disagree about a quote due this very second.

const OPEN = sqlList(WAITING_STATUSES);
const due = instantOf('due_at');

/** The SQL of each figure; exported so a test can check every plan uses an index. */
export const homeSummarySql = {
  openQuotes: `SELECT count(*) FROM quotes WHERE status IN ${OPEN}`,
  unclaimed: "SELECT count(*) FROM quotes WHERE status = 'requested'",
  dueWithin4h: `SELECT count(*) FROM quotes WHERE status IN ${OPEN} AND ${due} >= ? AND ${due} < ?`,
  breached: `SELECT count(*) FROM quotes WHERE status IN ${OPEN} AND ${due} < ?`,
  newMessages: "SELECT count(*) FROM contact_messages WHERE status = 'new'",
} as const;

/** Reads the overview's figures at `now`. */
export function readHomeSummary(sqlite: BetterSqlite3.Database, now: Date): HomeSummary {
  const at = now.getTime();
  const count = (query: string, ...params: number[]): number => Number(sqlite.prepare(query).pluck().get(...params) ?? 0);
  return {
    openQuotes: count(homeSummarySql.openQuotes),
    unclaimed: count(homeSummarySql.unclaimed),
    dueWithin4h: count(homeSummarySql.dueWithin4h, seconds(at), seconds(at + 4 * 3_600_000)),
    breached: count(homeSummarySql.breached, seconds(at)),
    newMessages: count(homeSummarySql.newMessages),
    asOf: now.toISOString(),
  };
}
