import { addDays } from '../../../electron/shared/domain/calendar';
import {
  actionsFrom,
  DEFER_MAX_DAYS,
  DEFER_MIN_DAYS,
  mayActOnMigration,
  migrationReasonSchema,
  MIGRATION_REASON_MAX,
  type MigrationAction,
  type MigrationRequest,
  type MigrationState,
} from '../../../electron/shared/domain/migration';
import type { StaffRole } from '../../../electron/shared/protocol/auth';
import type { CustomerDetail } from '../../../electron/shared/ipc/customers';
import type { MutationArgs } from '../../../electron/shared/sync/mutations';
import { migrationStateSchema, type SyncTableName } from '../../../electron/shared/sync/rows';

// The migration screens' decisions that need no React: which buttons show, what a dialog
// accepts, and the exact mutation args. The rules themselves are the shared domain's.

/** Every state, in the machine's order (the order of the schema). */
export const migrationStates: readonly MigrationState[] = migrationStateSchema.options;

/** The cached tables the migration reads are made of: a change among them reads again. */
export const migrationTables = ['customers', 'migration_events', 'branches'] as const satisfies readonly SyncTableName[];

/** The staff member acting, as the panel needs them. */
export interface MigrationStaff {
  id: string;
  role: StaffRole;
  branchId: string | null;
}

/** The customer facts the panel shows and the rules look at. */
export type MigrationCustomer = CustomerDetail['customer'];

/** The actions that make sense from the customer's state and that `staff` may take, in the machine's order. */
export function visibleActions(customer: Pick<MigrationCustomer, 'migrationState' | 'branchId' | 'consultantId'>, staff: MigrationStaff): MigrationAction[] {
  const facts = { branch_id: customer.branchId, consultant_id: customer.consultantId };
  return actionsFrom(customer.migrationState).filter((action) => mayActOnMigration(staff, action, facts));
}

/** Actions that need a dialog (a reason, and for defer a date). */
export type DialogAction = Extract<MigrationAction, 'defer' | 'registerInterest' | 'reactivateOldShop'>;

/** True for an action that asks for a reason (and for defer a date) in a dialog before it is sent. */
export function isDialogAction(action: MigrationAction): action is DialogAction {
  return action === 'defer' || action === 'registerInterest' || action === 'reactivateOldShop';
}

/** The dates a deferral asked for on `today` (Oslo) may name: today+14 … today+28. */
export function deferBounds(today: string): { min: string; max: string } {
  return { min: addDays(today, DEFER_MIN_DAYS), max: addDays(today, DEFER_MAX_DAYS) };
}

/** What a dialog's inputs hold. */
export interface DialogValues {
  /** `YYYY-MM-DD` from the date input (defer only). */
  until: string;
  reason: string;
}

/** Why a dialog's input is refused (keys of `migration.dialog`, with what they need). */
export interface DialogErrors {
  until?: { key: 'dateRange'; min: string; max: string };
  reason?: { key: 'reasonRequired' } | { key: 'reasonTooLong'; max: number };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date `YYYY-MM-DD` (not 2026-02-31). */
function isCalendarDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * The request a dialog's values make, or why not: a reason is required (the shared schema), and a
 * deferral's date must lie 14–28 days from `today`. The server decides again from its own today.
 */
export function dialogRequest(action: DialogAction, values: DialogValues, today: string): { ok: true; request: MigrationRequest } | { ok: false; errors: DialogErrors } {
  const errors: DialogErrors = {};
  const reason = migrationReasonSchema.safeParse(values.reason);
  if (!reason.success) errors.reason = values.reason.trim() === '' ? { key: 'reasonRequired' } : { key: 'reasonTooLong', max: MIGRATION_REASON_MAX };
  if (action === 'defer') {
    const { min, max } = deferBounds(today);
    if (!isCalendarDate(values.until) || values.until < min || values.until > max) errors.until = { key: 'dateRange', min, max };
  }
  if (!reason.success || errors.until) return { ok: false, errors };
  if (action === 'defer') return { ok: true, request: { action, until: values.until, reason: reason.data } };
  return { ok: true, request: { action, reason: reason.data } };
}

/** `customer.setMigration`'s args for `request`, with the client-made event id (a retried push cannot act twice). */
export function migrationArgs(customerId: string, request: MigrationRequest, eventId: string): MutationArgs<'customer.setMigration'> {
  switch (request.action) {
    case 'defer':
      return { customerId, eventId, action: request.action, until: request.until, reason: request.reason };
    case 'registerInterest':
    case 'reactivateOldShop':
      return { customerId, eventId, action: request.action, reason: request.reason };
    default:
      return { customerId, eventId, action: request.action };
  }
}

/** A history entry. */
export type MigrationEvent = CustomerDetail['migrationHistory'][number];

/** The history newest first (ties keep their order), whatever order it came in. */
export function historyNewestFirst(history: readonly MigrationEvent[]): MigrationEvent[] {
  return history
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.at === b.event.at ? a.index - b.index : a.event.at < b.event.at ? 1 : -1))
    .map(({ event }) => event);
}

/** True for a known state name (history rows carry plain strings). */
export function isMigrationState(value: string): value is MigrationState {
  return (migrationStates as readonly string[]).includes(value);
}

/** One branch's row of the counts table. */
export interface CountsRow {
  branchId: string;
  branchName: string;
  /** Per state, in `migrationStates` order. */
  counts: number[];
  total: number;
}

/** The counts table: a row per branch (by name), a total per state, and the grand total. */
export function countsTable(counts: readonly { branchId: string; branchName: string; state: MigrationState; count: number }[]): { rows: CountsRow[]; totals: number[]; total: number } {
  const byBranch = new Map<string, CountsRow>();
  for (const cell of counts) {
    let row = byBranch.get(cell.branchId);
    if (!row) {
      row = { branchId: cell.branchId, branchName: cell.branchName, counts: migrationStates.map(() => 0), total: 0 };
      byBranch.set(cell.branchId, row);
    }
    row.counts[migrationStates.indexOf(cell.state)] = (row.counts[migrationStates.indexOf(cell.state)] ?? 0) + cell.count;
    row.total += cell.count;
  }
  const rows = [...byBranch.values()].sort((a, b) => a.branchName.localeCompare(b.branchName, 'nb'));
  const totals = migrationStates.map((_state, index) => rows.reduce((sum, row) => sum + (row.counts[index] ?? 0), 0));
  return { rows, totals, total: totals.reduce((sum, value) => sum + value, 0) };
}

/** A whole share as nb-NO writes a percentage: 0.255 → "26 %" (NBSP before the sign). */
export function shareText(part: number, whole: number): string {
  return new Intl.NumberFormat('nb-NO', { style: 'percent', maximumFractionDigits: 0 }).format(whole === 0 ? 0 : part / whole);
}
