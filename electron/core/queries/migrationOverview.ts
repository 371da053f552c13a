import type BetterSqlite3 from 'better-sqlite3';
import { MOVED_STATES, STUCK_FORM_DAYS, STUCK_INVITED_DAYS, type MigrationState } from '../../shared/domain/migration';
import type { MigrationOverview, StuckCustomer } from '../../shared/ipc/customers';
import type { BusinessSettings } from '../../shared/protocol/settings';
import { ENTERED_STATE, isoFromSeconds } from './migrationSql';
import { addDays, osloDate, osloDayStart } from './osloDays';
import { instantOf, seconds } from './quoteSql';

// The branch staff's picture of the move to the new webshop (migration.overview), from the cache:
// customers per branch and state, the progress against the planned period (business settings),
// and the customers stuck on the way.

const DAY = 86_400_000;
/** A plan far in the past would give years of weekly points: the chart gets at most this many. */
const MAX_POINTS = 520;

/** The statements (with or without a branch); exported so a test can check their plans. */
export function migrationOverviewSql(branch: boolean): { counts: string; activations: string; stuck: string } {
  return {
    // Grouped in the order of customers_migration_idx (state, branch): no sort.
    counts: `SELECT c.branch_id, coalesce(b.name, ''), c.migration_state, count(*) FROM customers c LEFT JOIN branches b ON b.id = c.branch_id
      ${branch ? 'WHERE c.branch_id = ?' : ''} GROUP BY c.migration_state, c.branch_id`,
    // Each customer's first activation (entering `activated`), from migration_events_state_idx.
    activations: `SELECT min(${instantOf('e.at')}) FROM migration_events e
      WHERE e.to_state = 'activated' AND e.from_state <> e.to_state${branch ? ' AND e.branch_id = ?' : ''} GROUP BY e.customer_id`,
    stuck: `SELECT c.id, c.customer_number, c.name, coalesce(b.name, ''), c.migration_state, ${ENTERED_STATE}
      FROM customers c LEFT JOIN branches b ON b.id = c.branch_id
      WHERE c.migration_state IN ('switched_on', 'form_submitted')${branch ? ' AND c.branch_id = ?' : ''}`,
  };
}

type StuckTuple = [id: string, customerNumber: string, name: string, branchName: string, state: StuckCustomer['state'], since: number | null];

/** The overview of `branchId` (or every branch) at `now`, under the business settings in force. */
export function readMigrationOverview(sqlite: BetterSqlite3.Database, branchId: string | null, settings: BusinessSettings, now: Date): MigrationOverview {
  const sql = migrationOverviewSql(branchId !== null);
  const params = branchId === null ? [] : [branchId];
  const counts = (sqlite.prepare(sql.counts).raw(true).all(...params) as Array<[string, string, MigrationState, number]>).map(([id, branchName, state, count]) => ({
    branchId: id,
    branchName,
    state,
    count,
  }));
  const total = counts.reduce((sum, cell) => sum + cell.count, 0);
  const moved = counts.filter((cell) => MOVED_STATES.includes(cell.state)).reduce((sum, cell) => sum + cell.count, 0);
  const activations = (sqlite.prepare(sql.activations).pluck().all(...params) as Array<number | null>).filter((at): at is number => at !== null).sort((a, b) => a - b);
  const stuck = (sqlite.prepare(sql.stuck).raw(true).all(...params) as StuckTuple[]).flatMap((tuple) => stuckOf(tuple, now));
  // Longest stuck first. `since` is one ISO spelling throughout, so text order is time order.
  stuck.sort((a, b) => compare(a.since, b.since) || compare(a.customerNumber, b.customerNumber));
  return { counts, total, moved, plan: settings.migrationPlan, progress: progressOf(activations, total, settings.migrationPlan, now), stuck, asOf: now.toISOString() };
}

// Invited (switched on) over 7 days without a form, or a form over 2 days without activation.
function stuckOf([customerId, customerNumber, name, branchName, state, since]: StuckTuple, now: Date): StuckCustomer[] {
  if (since === null) return [];
  const elapsed = now.getTime() - since * 1000;
  const limit = (state === 'switched_on' ? STUCK_INVITED_DAYS : STUCK_FORM_DAYS) * DAY;
  return elapsed > limit ? [{ customerId, customerNumber, name, branchName, state, since: isoFromSeconds(since), days: Math.floor(elapsed / DAY) }] : [];
}

/**
 * One point a week from the plan's start to its end (or today, if later), that last day, and today:
 * the customers first activated on or before the date (Oslo), and the plan's straight line
 * from none at the start to all at the end.
 */
export function progressOf(activations: readonly number[], total: number, plan: BusinessSettings['migrationPlan'], now: Date): MigrationOverview['progress'] {
  const today = osloDate(now);
  const last = today > plan.end ? today : plan.end;
  const planDays = daysBetween(plan.start, plan.end);
  const dates: string[] = [];
  for (let date = plan.start; date <= last && dates.length < MAX_POINTS; date = addDays(date, 7)) dates.push(date);
  if (dates.at(-1) !== last) dates.push(last);
  // Today as a point of its own, so the moved line reaches today rather than last week's date.
  if (today > plan.start && today < last && !dates.includes(today)) dates.push(today);
  dates.sort(compare);
  let moved = 0;
  return dates.map((date) => {
    const end = seconds(osloDayStart(addDays(date, 1)));
    while (moved < activations.length && (activations[moved] ?? Infinity) < end) moved++;
    const share = Math.min(1, Math.max(0, daysBetween(plan.start, date) / planDays));
    return { date, moved, planned: Math.round(total * share) };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}
