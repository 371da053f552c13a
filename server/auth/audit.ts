import type { Kysely } from 'kysely';
import type { Database } from '../db';
import type { AuditLogTable } from '../db/tables';

/** One audit_log row: who did what to which object, and how it ended. */
export interface AuditEntry {
  actorKind: AuditLogTable['actor_kind'];
  actorId?: string | null;
  /** Dotted verb, e.g. `auth.login`, `auth.refused`, or a mutation name such as `quote.claim`. */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome: AuditLogTable['outcome'];
  /** Free-form facts (reason, username, ip …); stored as jsonb. */
  detail?: Record<string, unknown>;
  /** Default: the database's clock. */
  at?: Date;
}

/**
 * Appends `entry` to audit_log. Pass the transaction when auditing a write, so the record and
 * the change commit (or vanish) together.
 */
export async function audit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_kind: entry.actorKind,
      actor_id: entry.actorId ?? null,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      outcome: entry.outcome,
      detail: JSON.stringify(entry.detail ?? {}),
      ...(entry.at !== undefined && { at: entry.at.toISOString() }),
    })
    .execute();
}
