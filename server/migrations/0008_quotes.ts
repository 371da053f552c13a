import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/**
 * Quotes from project lists (domain.md, "Project lists and quotes"): the 24-hour promise is
 * `due_at`, lines carry list price, discounts and the offered price, and each quote has a
 * comment thread and a history (who did what, when).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table quotes (
      id text primary key,
      quote_number text not null unique,
      customer_id text not null references customers (id) on delete cascade,
      branch_id text not null references branches (id),
      project_list_id text references project_lists (id) on delete set null,
      status text not null default 'requested' check (status in
        ('requested', 'in_progress', 'answered', 'revision_requested', 'accepted', 'declined', 'expired')),
      requested_at timestamptz not null,
      -- The promise: answered within 24 hours of the request.
      due_at timestamptz not null,
      assignee_id text references staff (id),
      answered_at timestamptz,
      valid_until date,
      message_to_customer text,
      decline_reason text,
      order_id text,
      unread_customer_comments integer not null default 0 check (unread_customer_comments >= 0),
      updated_at timestamptz not null default now(),
      version bigint not null default 0,
      constraint quotes_due_24h check (due_at = requested_at + interval '24 hours'),
      constraint quotes_declined_reason check (status <> 'declined' or decline_reason is not null)
    )`,
    `create index quotes_branch_status_due_idx on quotes (branch_id, status, due_at)`,
    `create index quotes_assignee_idx on quotes (assignee_id)`,
    `create index quotes_customer_idx on quotes (customer_id)`,
    `create table quote_lines (
      id text primary key,
      quote_id text not null references quotes (id) on delete cascade,
      branch_id text not null references branches (id),
      position integer not null,
      product_id text not null references products (id),
      article_number text not null,
      name text not null,
      qty integer not null check (qty > 0),
      list_price_ore integer not null check (list_price_ore >= 0),
      -- Discounts in basis points (1 % = 100): the tier's, and the consultant's extra one.
      tier_discount_bp integer not null default 0 check (tier_discount_bp between 0 and 10000),
      extra_discount_bp integer not null default 0 check (extra_discount_bp between 0 and 10000),
      -- A fixed unit price instead of the discounts, when the consultant sets one.
      offered_price_ore integer check (offered_price_ore >= 0),
      version bigint not null default 0,
      unique (quote_id, position)
    )`,
    `create table quote_comments (
      id text primary key,
      quote_id text not null references quotes (id) on delete cascade,
      branch_id text not null references branches (id),
      author_kind text not null check (author_kind in ('customer', 'staff')),
      author_staff_id text references staff (id),
      author_user_id text references company_users (id) on delete set null,
      body text not null check (length(body) between 1 and 10000),
      created_at timestamptz not null default now(),
      version bigint not null default 0,
      constraint quote_comments_author check ((author_kind = 'staff') = (author_staff_id is not null))
    )`,
    `create index quote_comments_quote_idx on quote_comments (quote_id, created_at)`,
    `create table quote_events (
      id text primary key,
      quote_id text not null references quotes (id) on delete cascade,
      branch_id text not null references branches (id),
      at timestamptz not null default now(),
      actor_kind text not null check (actor_kind in ('customer', 'staff', 'system')),
      actor_id text,
      kind text not null check (kind in ('requested', 'claimed', 'released', 'reassigned', 'answered', 'commented',
        'revision_requested', 'accepted', 'declined', 'expired')),
      detail jsonb not null default '{}'::jsonb,
      version bigint not null default 0
    )`,
    `create index quote_events_quote_idx on quote_events (quote_id, at)`,
  ]);
  for (const table of ['quotes', 'quote_lines', 'quote_comments', 'quote_events']) await makeSynced(db, table);
}
