import type { CacheDatabase } from '../cache/schema';
import type BetterSqlite3 from 'better-sqlite3';
import type { EffectActor, EffectObject } from '../../shared/sync/localEffects';

// The outbox's own tables (migrations 0002, 0003) and its two counters in sync_state. Plain
// statements, no rules: those are in outbox.ts.

/** sync_state key of the last seq handed out: seqs are never reused, even after rows are gone. */
export const LAST_SEQ_KEY = 'outbox_last_seq';
/** sync_state key of the highest seq a pull acknowledged (its effects are in the server's rows). */
export const ACKED_SEQ_KEY = 'outbox_acked_seq';

/** One queued mutation as the outbox keeps it. */
export interface QueuedMutation {
  seq: number;
  name: string;
  /** The validated args, as JSON text. */
  args: string;
  /** When the staff member acted (ISO). */
  at: string;
  /** Who acted, as JSON text; null for a row written without one. */
  actor: string | null;
}

/** A rejected mutation the staff member has not dismissed yet. */
export interface NeedsAttentionEntry {
  seq: number;
  name: string;
  args: unknown;
  code: string;
  message: string;
  createdAt: string;
  rejectedAt: string;
  /** The object to open from the list, when the mutation names one. */
  object: EffectObject | null;
}

/** A needs_attention row as stored. */
export type NeedsAttentionRow = CacheDatabase['needs_attention'];

/** The statements of the outbox, prepared once. */
export class OutboxQueue {
  private readonly statements;

  constructor(sqlite: BetterSqlite3.Database) {
    this.statements = {
      readState: sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck(),
      writeState: sqlite.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)'),
      highestSeq: sqlite
        .prepare('SELECT max(coalesce((SELECT max(seq) FROM outbox), 0), coalesce((SELECT max(seq) FROM needs_attention), 0))')
        .pluck(),
      insert: sqlite.prepare('INSERT INTO outbox (seq, name, args, created_at, actor) VALUES (?, ?, ?, ?, ?)'),
      one: sqlite.prepare('SELECT seq, name, args, created_at AS at, actor FROM outbox WHERE seq = ?'),
      after: sqlite.prepare('SELECT seq, name, args, created_at AS at, actor FROM outbox WHERE seq > ? ORDER BY seq'),
      first: sqlite.prepare('SELECT seq, name, args, created_at AS at, actor FROM outbox ORDER BY seq LIMIT ?'),
      remove: sqlite.prepare('DELETE FROM outbox WHERE seq = ?'),
      countBetween: sqlite.prepare('SELECT count(*) FROM outbox WHERE seq > ? AND seq <= ?').pluck(),
      failed: sqlite.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq IN (SELECT value FROM json_each(?))'),
      stats: sqlite.prepare(
        'SELECT (SELECT count(*) FROM outbox) AS queueDepth, (SELECT min(created_at) FROM outbox) AS oldestPendingAt, ' +
          '(SELECT count(*) FROM needs_attention) AS needsAttention',
      ),
      attention: sqlite.prepare(
        'INSERT OR REPLACE INTO needs_attention (seq, name, args, code, message, created_at, rejected_at, object_table, object_id) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      listAttention: sqlite.prepare('SELECT * FROM needs_attention ORDER BY seq'),
      dismiss: sqlite.prepare('DELETE FROM needs_attention WHERE seq = ?'),
    };
  }

  /** The next seq: one above every seq handed out or still stored. */
  nextSeq(): number {
    const counted = Number(this.statements.readState.get(LAST_SEQ_KEY) ?? 0);
    const stored = Number(this.statements.highestSeq.get());
    const seq = Math.max(counted, stored) + 1;
    this.statements.writeState.run(LAST_SEQ_KEY, String(seq));
    return seq;
  }

  /** The acknowledged watermark (0 when none). */
  ackedSeq(): number {
    return Number(this.statements.readState.get(ACKED_SEQ_KEY) ?? 0);
  }

  /** Raises the acknowledged watermark to `seq`. */
  setAckedSeq(seq: number): void {
    this.statements.writeState.run(ACKED_SEQ_KEY, String(seq));
  }

  insert(seq: number, name: string, args: string, at: string, actor: EffectActor): void {
    this.statements.insert.run(seq, name, args, at, JSON.stringify({ id: actor.id, role: actor.role, branchId: actor.branchId }));
  }

  one(seq: number): QueuedMutation | undefined {
    return this.statements.one.get(seq) as QueuedMutation | undefined;
  }

  /** Rows with a seq above `seq`, in seq order. */
  after(seq: number): QueuedMutation[] {
    return this.statements.after.all(seq) as QueuedMutation[];
  }

  /** The first `limit` rows in seq order. */
  first(limit: number): QueuedMutation[] {
    return this.statements.first.all(limit) as QueuedMutation[];
  }

  remove(seq: number): void {
    this.statements.remove.run(seq);
  }

  /** How many rows have a seq in (from, to]. */
  countBetween(from: number, to: number): number {
    return Number(this.statements.countBetween.get(from, to));
  }

  /** Counts a failed push of `seqs` and keeps its reason. */
  recordFailure(seqs: readonly number[], error: string): void {
    this.statements.failed.run(error, JSON.stringify(seqs));
  }

  stats(): { queueDepth: number; oldestPendingAt: string | null; needsAttention: number } {
    return this.statements.stats.get() as { queueDepth: number; oldestPendingAt: string | null; needsAttention: number };
  }

  addNeedsAttention(entry: Omit<NeedsAttentionEntry, 'args'> & { args: string }): void {
    this.statements.attention.run(
      entry.seq,
      entry.name,
      entry.args,
      entry.code,
      entry.message,
      entry.createdAt,
      entry.rejectedAt,
      entry.object?.table ?? null,
      entry.object?.id ?? null,
    );
  }

  listNeedsAttention(): NeedsAttentionRow[] {
    return this.statements.listAttention.all() as NeedsAttentionRow[];
  }

  /** Removes the entry; false when there was none. */
  dismiss(seq: number): boolean {
    return this.statements.dismiss.run(seq).changes > 0;
  }
}
