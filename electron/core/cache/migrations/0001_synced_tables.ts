import type { CacheMigration } from '../migrate';

// The synced tables, mirroring the wire rows of electron/shared/sync/rows.ts column for column
// (booleans as 0/1, JSON objects as text). Written out, not generated: a migration must never
// change when the shared schema does; a later change to the rows gets a new migration. Foreign
// keys are not declared: the server is the source of truth, and a row may arrive before (or
// outlive) a row it points to while incremental pulls and local edits interleave.

/** Migration 1: every synced table, STRICT, with the indexes the lists read by. */
export const migration0001: CacheMigration = {
  version: 1,
  name: 'synced_tables',
  statements: [
  `CREATE TABLE branches (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  city TEXT NOT NULL
) STRICT`,
  `CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  branch_id TEXT,
  active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT`,
  `CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  customer_number TEXT NOT NULL,
  org_number TEXT NOT NULL,
  name TEXT NOT NULL,
  loyalty_tier TEXT NOT NULL,
  consultant_id TEXT,
  branch_id TEXT NOT NULL,
  migration_state TEXT NOT NULL,
  migration_deferred_until TEXT,
  old_shop_access INTEGER NOT NULL CHECK (old_shop_access IN (0, 1)),
  phone TEXT,
  email TEXT,
  created_at TEXT NOT NULL
) STRICT`,
  `CREATE TABLE company_users (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  old_shop_username TEXT,
  new_shop_activated_at TEXT
) STRICT`,
  `CREATE TABLE addresses (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT,
  line1 TEXT NOT NULL,
  line2 TEXT,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL
) STRICT`,
  `CREATE TABLE products (
  id TEXT PRIMARY KEY,
  article_number TEXT NOT NULL,
  name_nb TEXT NOT NULL,
  category TEXT NOT NULL,
  list_price_ore INTEGER NOT NULL,
  cost_price_ore INTEGER NOT NULL,
  bulky INTEGER NOT NULL CHECK (bulky IN (0, 1)),
  active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT`,
  `CREATE TABLE project_lists (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_by_user_id TEXT,
  created_at TEXT NOT NULL
) STRICT`,
  `CREATE TABLE project_list_items (
  id TEXT PRIMARY KEY,
  project_list_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  qty INTEGER NOT NULL
) STRICT`,
  `CREATE TABLE quotes (
  id TEXT PRIMARY KEY,
  quote_number TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  project_list_id TEXT,
  status TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  assignee_id TEXT,
  answered_at TEXT,
  valid_until TEXT,
  message_to_customer TEXT,
  decline_reason TEXT,
  order_id TEXT,
  unread_customer_comments INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT`,
  `CREATE TABLE quote_lines (
  id TEXT PRIMARY KEY,
  quote_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  article_number TEXT NOT NULL,
  name TEXT NOT NULL,
  qty INTEGER NOT NULL,
  list_price_ore INTEGER NOT NULL,
  tier_discount_bp INTEGER NOT NULL,
  extra_discount_bp INTEGER NOT NULL,
  offered_price_ore INTEGER
) STRICT`,
  `CREATE TABLE quote_comments (
  id TEXT PRIMARY KEY,
  quote_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  author_kind TEXT NOT NULL,
  author_staff_id TEXT,
  author_user_id TEXT,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT`,
  `CREATE TABLE quote_events (
  id TEXT PRIMARY KEY,
  quote_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
) STRICT`,
  `CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  order_number TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  quote_id TEXT,
  placed_by_user_id TEXT,
  payment_method TEXT NOT NULL,
  billing_address_id TEXT,
  delivery_address_id TEXT,
  requested_delivery_date TEXT,
  partial_delivery INTEGER NOT NULL CHECK (partial_delivery IN (0, 1)),
  bulky_surcharge_ore INTEGER NOT NULL,
  placed_at TEXT NOT NULL
) STRICT`,
  `CREATE TABLE shipments (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  carrier TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  freight_forwarder INTEGER NOT NULL CHECK (freight_forwarder IN (0, 1)),
  shipped_at TEXT NOT NULL,
  delivered_at TEXT
) STRICT`,
  `CREATE TABLE order_lines (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  qty INTEGER NOT NULL,
  cancelled_qty INTEGER NOT NULL,
  unit_price_ore INTEGER NOT NULL,
  status TEXT NOT NULL,
  shipment_id TEXT
) STRICT`,
  `CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  invoice_number TEXT NOT NULL,
  shipment_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  amount_ore INTEGER NOT NULL,
  issued_at TEXT NOT NULL,
  emailed_at TEXT
) STRICT`,
  `CREATE TABLE returns (
  id TEXT PRIMARY KEY,
  return_number TEXT NOT NULL,
  order_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  own_carrier INTEGER NOT NULL CHECK (own_carrier IN (0, 1)),
  requested_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT,
  rejection_reason TEXT
) STRICT`,
  `CREATE TABLE return_lines (
  id TEXT PRIMARY KEY,
  return_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  order_line_id TEXT NOT NULL,
  qty INTEGER NOT NULL
) STRICT`,
  `CREATE TABLE contact_messages (
  id TEXT PRIMARY KEY,
  customer_id TEXT,
  order_id TEXT,
  branch_id TEXT,
  category TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  sender_email TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee_id TEXT
) STRICT`,
  `CREATE TABLE loyalty_tier_changes (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  from_tier TEXT NOT NULL,
  to_tier TEXT NOT NULL,
  reason TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
) STRICT`,
  `CREATE TABLE migration_events (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  reason TEXT,
  actor_kind TEXT NOT NULL,
  actor_id TEXT,
  at TEXT NOT NULL
) STRICT`,
  'CREATE INDEX customers_branch_idx ON customers (branch_id, name)',
  'CREATE INDEX company_users_customer_idx ON company_users (customer_id)',
  'CREATE INDEX addresses_customer_idx ON addresses (customer_id)',
  'CREATE INDEX project_lists_customer_idx ON project_lists (customer_id)',
  'CREATE INDEX project_list_items_list_idx ON project_list_items (project_list_id)',
  'CREATE INDEX quotes_status_due_idx ON quotes (status, due_at)',
  'CREATE INDEX quotes_customer_idx ON quotes (customer_id)',
  'CREATE INDEX quote_lines_quote_idx ON quote_lines (quote_id, position)',
  'CREATE INDEX quote_comments_quote_idx ON quote_comments (quote_id, created_at)',
  'CREATE INDEX quote_events_quote_idx ON quote_events (quote_id, at)',
  'CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at)',
  'CREATE INDEX shipments_order_idx ON shipments (order_id)',
  'CREATE INDEX order_lines_order_idx ON order_lines (order_id, line_no)',
  'CREATE INDEX invoices_order_idx ON invoices (order_id)',
  'CREATE INDEX returns_order_idx ON returns (order_id)',
  'CREATE INDEX returns_status_idx ON returns (status, requested_at)',
  'CREATE INDEX return_lines_return_idx ON return_lines (return_id)',
  'CREATE INDEX contact_messages_status_idx ON contact_messages (status, received_at)',
  'CREATE INDEX loyalty_tier_changes_customer_idx ON loyalty_tier_changes (customer_id, changed_at)',
  'CREATE INDEX migration_events_customer_idx ON migration_events (customer_id, at)',
  ],
};
