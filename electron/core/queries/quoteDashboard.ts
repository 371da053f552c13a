import type BetterSqlite3 from 'better-sqlite3';
import type { QuoteDashboard } from '../../shared/ipc/quotes';
import { addDays, osloDate, osloDayStart } from './osloDays';
import { instantOf, seconds, sqlList, WAITING_STATUSES } from './quoteSql';

// The home screen's quote card, from the cache. Every time comparison is on instants (see
// quoteSql.ts) through migration 0004's indexes; days are Oslo calendar days, so the chart
// matches what staff call "yesterday" even in the week the clocks change.

const HOUR = 3_600_000;
const WAITING = sqlList(WAITING_STATUSES);
const due = instantOf('due_at');
const answered = instantOf('answered_at');

/** The dashboard's statements; exported so a test can check every plan uses an index. */
export const quoteDashboardSql = {
  openRequests: `SELECT count(*) FROM quotes WHERE status IN ${WAITING}`,
  dueWithin4h: `SELECT count(*) FROM quotes WHERE status IN ${WAITING} AND ${due} >= ? AND ${due} < ?`,
  // Due today before now, and the promise broken: still waiting for an answer, or answered after
  // the due time. A request declined without an answer is decided, not late.
  breachedToday: `SELECT count(*) FROM quotes WHERE ${due} >= ? AND ${due} < ? AND (status IN ${WAITING} OR (answered_at IS NOT NULL AND ${answered} > ${due}))`,
  // `answered_at IS NOT NULL` lets the planner use the partial index of answered quotes.
  answered: `SELECT ${answered} AS answered, ${instantOf('requested_at')} AS requested FROM quotes
    WHERE answered_at IS NOT NULL AND ${answered} >= ?`,
} as const;

/** The quote card's figures at `now`. */
export function readQuoteDashboard(sqlite: BetterSqlite3.Database, now: Date): QuoteDashboard {
  const at = now.getTime();
  const count = (query: string, ...params: number[]): number => Number(sqlite.prepare(query).pluck().get(...params) ?? 0);
  const today = osloDate(now);
  const dates = [-6, -5, -4, -3, -2, -1, 0].map((offset) => addDays(today, offset));
  // Day bounds in seconds, the unit of instantOf: an answer exactly at midnight compares equal.
  const bounds = [...dates, addDays(today, 1)].map((date) => seconds(osloDayStart(date)));
  const weekAgo = seconds(at - 7 * 24 * HOUR);

  // One read for the rolling week and the seven days; each answer falls in at most one day.
  // No upper bound: an answer stamped a moment ahead of this machine's clock still counts.
  const answers = sqlite.prepare(quoteDashboardSql.answered).all(Math.min(weekAgo, bounds[0] ?? weekAgo)) as Array<{ answered: number | null; requested: number | null }>;
  const week: number[] = [];
  const perDay: number[][] = dates.map(() => []);
  for (const { answered: answeredAt, requested } of answers) {
    if (answeredAt === null || requested === null) continue;
    const minutes = Math.max(0, (answeredAt - requested) / 60);
    if (answeredAt >= weekAgo) week.push(minutes);
    for (let day = 0; day < dates.length; day++) {
      if (answeredAt >= (bounds[day] ?? Infinity) && answeredAt < (bounds[day + 1] ?? -Infinity)) perDay[day]?.push(minutes);
    }
  }

  return {
    openRequests: count(quoteDashboardSql.openRequests),
    dueWithin4h: count(quoteDashboardSql.dueWithin4h, seconds(at), seconds(at + 4 * HOUR)),
    breachedToday: count(quoteDashboardSql.breachedToday, bounds[6] ?? seconds(at), seconds(at)),
    medianAnswerMinutes7d: median(week),
    days: dates.map((date, i) => ({ date, answered: perDay[i]?.length ?? 0, medianAnswerMinutes: median(perDay[i] ?? []) })),
    asOf: now.toISOString(),
  };
}

/** The median of `values` (mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
