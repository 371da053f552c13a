import type { CacheMigration } from '../migrate';

// The quote queue's indexes (issue 5). Times arrive in more than one spelling of ISO UTC: the
// server's `2026-10-24T06:00:13.123456+00:00` (PostgreSQL, microseconds, trailing zeros and a
// zero fraction left out) and the local effects' `2026-10-24T06:00:13.123Z`, and the wire schema
// accepts any offset. As text they do not sort as instants, so the queue compares and orders by
// `unixepoch(column, 'subsec')` (seconds, millisecond precision), and these indexes are on that
// same expression so the comparisons stay index range searches.
//
// Two indexes of migration 1 are replaced rather than kept beside the new ones: every index
// costs on each row of a snapshot ingest. quotes (status, due_at) gives way to the same on the
// instant; quote_lines (quote_id, position) to one that also covers list price and quantity, so
// a line count and list value are read from the index alone. Dropping an index loses no data.

/** Migration 4: indexes on instants for the quote queue and its dashboard; covering line index. */
export const migration0004: CacheMigration = {
  version: 4,
  name: 'quote_queue_indexes',
  statements: [
    'DROP INDEX quotes_status_due_idx',
    // The queue by state in due order, breached (due before now), due within 4 hours.
    "CREATE INDEX quotes_status_due_time_idx ON quotes (status, unixepoch(due_at, 'subsec'))",
    // Today's breaches whatever the state: a quote answered late is answered by now.
    "CREATE INDEX quotes_due_time_idx ON quotes (unixepoch(due_at, 'subsec'))",
    // Mine (assignee = me) and unassigned (assignee IS NULL), by state and due time.
    "CREATE INDEX quotes_assignee_idx ON quotes (assignee_id, status, unixepoch(due_at, 'subsec'))",
    // Answer times of the last days; open quotes have none, so they are left out.
    "CREATE INDEX quotes_answered_time_idx ON quotes (unixepoch(answered_at, 'subsec')) WHERE answered_at IS NOT NULL",
    'DROP INDEX quote_lines_quote_idx',
    'CREATE INDEX quote_lines_quote_value_idx ON quote_lines (quote_id, position, list_price_ore, qty)',
    // Who can take quotes: consultants of a branch, and admins.
    'CREATE INDEX staff_role_branch_idx ON staff (role, branch_id)',
  ],
};
