import { sql, type Kysely } from 'kysely';
import { run } from './support';

/** The channel every change notification goes to (see server/sync/events.ts). */
const CHANNEL = 'lysdesk_changes';

// The synced tables as of this migration. Frozen here on purpose: a later synced table adds its
// own triggers in its own migration (with the same three functions), it does not edit this list.
const GLOBAL_TABLES = ['branches', 'staff', 'products'];
const BRANCH_TABLES = [
  'customers',
  'company_users',
  'addresses',
  'project_lists',
  'project_list_items',
  'quotes',
  'quote_lines',
  'quote_comments',
  'quote_events',
  'orders',
  'order_lines',
  'shipments',
  'invoices',
  'returns',
  'return_lines',
  'contact_messages',
  'loyalty_tier_changes',
  'migration_events',
];

/**
 * Live pokes (protocol.md, "Live events"): after each statement that changes a synced table,
 * `pg_notify('lysdesk_changes', payload)` where payload is the sorted, comma-separated distinct
 * branch ids the statement touched, or `*` for a global table or a row without a branch.
 * Statement-level triggers with transition tables: one notification per statement, not per row,
 * and PostgreSQL drops identical payloads within one transaction. Every service instance
 * LISTENs, so a change made through any of them (or straight in the database) pokes all.
 *
 * Also makes the version stamp take the transaction id first, which a pull's high-water mark
 * relies on (server/sync/pull.ts, "settle").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // An INSERT's BEFORE ROW trigger runs before the row gets its transaction id, so without this
  // a version could be taken by a transaction that no snapshot yet lists as in progress; a pull
  // reading the sequence in that instant would step over the version once it commits.
  await sql`
    create or replace function sync_stamp_version() returns trigger language plpgsql as $$
    begin
      perform pg_current_xact_id();
      new.version := nextval('sync_version_seq');
      return new;
    end $$`.execute(db);

  // pg_notify payloads are limited to 8000 bytes; a statement touching that many branches
  // pokes everyone instead.
  await run(db, [
    `create function sync_notify_global() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from changed_rows) then
        perform pg_notify('${CHANNEL}', '*');
      end if;
      return null;
    end $$`,
    `create function sync_notify_branches() returns trigger language plpgsql as $$
    declare
      payload text;
    begin
      select case when bool_or(branch_id is null) then '*'
                  else string_agg(distinct branch_id, ',' order by branch_id) end
        into payload from changed_rows;
      if payload is not null then
        perform pg_notify('${CHANNEL}', case when length(payload) > 7000 then '*' else payload end);
      end if;
      return null;
    end $$`,
    // An update may move rows between branches: both the old and the new branch must hear of it.
    `create function sync_notify_branches_update() returns trigger language plpgsql as $$
    declare
      payload text;
    begin
      select case when bool_or(branch_id is null) then '*'
                  else string_agg(distinct branch_id, ',' order by branch_id) end
        into payload from (select branch_id from old_rows union all select branch_id from new_rows) touched;
      if payload is not null then
        perform pg_notify('${CHANNEL}', case when length(payload) > 7000 then '*' else payload end);
      end if;
      return null;
    end $$`,
  ]);

  for (const table of GLOBAL_TABLES) {
    await run(db, [
      notifyTrigger(table, 'insert', 'new table as changed_rows', 'sync_notify_global'),
      notifyTrigger(table, 'update', 'new table as changed_rows', 'sync_notify_global'),
      notifyTrigger(table, 'delete', 'old table as changed_rows', 'sync_notify_global'),
    ]);
  }
  for (const table of BRANCH_TABLES) {
    await run(db, [
      notifyTrigger(table, 'insert', 'new table as changed_rows', 'sync_notify_branches'),
      notifyTrigger(table, 'update', 'old table as old_rows new table as new_rows', 'sync_notify_branches_update'),
      notifyTrigger(table, 'delete', 'old table as changed_rows', 'sync_notify_branches'),
    ]);
  }
}

// PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
function notifyTrigger(table: string, event: 'insert' | 'update' | 'delete', referencing: string, fn: string): string {
  return `create trigger ${table}_notify_${event} after ${event} on ${table}
    referencing ${referencing} for each statement execute function ${fn}()`;
}
