import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { staffRoleSchema } from '../../shared/protocol/auth';
import type { PushResponse } from '../../shared/protocol/sync';
import { applyLocalEffect, localEffects, mutationObject, type EffectActor, type LocalEffects } from '../../shared/sync/localEffects';
import { isMutationName, mutationArgs, type MutationArgs, type MutationName } from '../../shared/sync/mutations';
import { syncTableNames, type SyncTableName } from '../../shared/sync/rows';
import { CoreError } from '../router';
import type { AfterPage, PullPage } from './ingest';
import { OutboxQueue, type NeedsAttentionEntry, type QueuedMutation } from './outboxQueue';
import { CacheEffectRows, OutboxRows, rowKey } from './outboxRows';

export type { NeedsAttentionEntry } from './outboxQueue';

/** A queued mutation as a push sends it. */
export interface OutboxEntry {
  seq: number;
  name: string;
  args: unknown;
  at: string;
}

/** One mutation's outcome in {@link Outbox.submitMany}: queued with its seq, or refused here. */
export type SubmitResult = { seq: number } | { code: string; message: string };

/** What the status bar shows of the outbox. */
export interface OutboxStats {
  queueDepth: number;
  oldestPendingAt: string | null;
  needsAttention: number;
}

/** One pushed mutation's outcome, as the push answer carries it. */
export type MutationResult = PushResponse['results'][number];

/** Knobs for tests and for the host. */
export interface OutboxOptions {
  /** The local effects (tests swap in failing ones). */
  effects?: LocalEffects;
  /** The clock for `rejected_at`. */
  now?: () => Date;
  /** An effect that threw while being re-applied (a bug): it is skipped, not allowed to stop pulls. */
  reportError?: (seq: number, error: unknown) => void;
}

const atSchema = z.iso.datetime({ offset: true });
const actorSchema = z.object({ id: z.string(), role: staffRoleSchema, branchId: z.string().nullable() });
const argSchemas: { [N in MutationName]: z.ZodType<MutationArgs<N>> } = mutationArgs;

// A queued mutation with its name and args checked, ready to have its effect applied.
type Checked = { seq: number; name: MutationName; args: MutationArgs<MutationName>; at: string; actor: EffectActor };

/**
 * Every staff action is a named mutation queued here durably, with its optimistic effect on the
 * cache, until the server has answered for it (protocol.md, "Push").
 *
 * The synced tables show server state with the pending effects on top. `outbox_base` keeps, for
 * every row a pending effect wrote, the server's row from beneath the effects. Whenever the
 * server state moves (a pull page, a push answer, an ack), the outbox restores those rows, folds
 * in what the server has now applied, and re-applies the still pending effects in seq order.
 * Every method is synchronous and runs in one SQLite transaction (or in the caller's).
 */
export class Outbox {
  private readonly queue: OutboxQueue;
  private readonly rows: OutboxRows;
  private readonly effects: LocalEffects;
  private readonly now: () => Date;
  private readonly reportError: (seq: number, error: unknown) => void;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    options: OutboxOptions = {},
  ) {
    this.queue = new OutboxQueue(sqlite);
    this.rows = new OutboxRows(sqlite);
    this.effects = options.effects ?? localEffects;
    this.now = options.now ?? (() => new Date());
    this.reportError = options.reportError ?? ((seq, error) => console.error(`Outbox: the local effect of mutation ${seq} failed and was skipped`, error));
  }

  /**
   * Queues mutation `name` by `staff` at `at` (ISO) with its local effect, in one transaction
   * synced to disk (synchronous=FULL) before it returns: an action the staff member saw take
   * effect is never lost. A refusal by the local rules throws a {@link CoreError} with the
   * rule's code and writes nothing; so does an effect that fails.
   */
  submit(name: string, args: unknown, staff: EffectActor, at: string): { seq: number; tables: SyncTableName[] } {
    const checked = this.check(name, args, at);
    return this.durably(() => this.sqlite.transaction(() => this.queueOne(checked, staff)).immediate());
  }

  /**
   * Queues several mutations at once (a bulk switch-on), in order, each with its local effect,
   * in one transaction synced to disk once. A mutation whose args are invalid or that the local
   * rules refuse is left out, its slot saying why; the others are queued. An effect that fails
   * (a bug, not a refusal) throws and queues none of them.
   */
  submitMany(mutations: ReadonlyArray<{ name: string; args: unknown }>, staff: EffectActor, at: string): { results: SubmitResult[]; tables: SyncTableName[] } {
    const tables = new Set<SyncTableName>();
    const results = this.durably(() =>
      this.sqlite
        .transaction(() =>
          mutations.map((mutation): SubmitResult => {
            try {
              const checked = this.check(mutation.name, mutation.args, at);
              // A savepoint each: a refusal thrown by queueOne takes back only its own writes.
              const queued = this.sqlite.transaction(() => this.queueOne(checked, staff))();
              for (const table of queued.tables) tables.add(table);
              return { seq: queued.seq };
            } catch (error) {
              if (error instanceof CoreError) return { code: error.code, message: error.message };
              throw error;
            }
          }),
        )
        .immediate(),
    );
    return { results, tables: [...tables].sort() };
  }

  // Applies the checked mutation's effect and queues it, in the caller's transaction; a refusal
  // throws a CoreError with the rule's code.
  private queueOne(checked: { name: MutationName; args: MutationArgs<MutationName>; at: string }, staff: EffectActor): { seq: number; tables: SyncTableName[] } {
    const result = applyLocalEffect(this.effects, new CacheEffectRows(this.rows, 'pending'), checked.name, checked.args, staff, checked.at);
    if (result.status === 'refused') throw new CoreError(result.code, result.message);
    const seq = this.queue.nextSeq();
    this.queue.insert(seq, checked.name, JSON.stringify(checked.args), checked.at, staff);
    return { seq, tables: result.tables };
  }

  /**
   * The pull's {@link AfterPage}, run inside each page's transaction: every base row the page put
   * or deleted (every one, on a snapshot page) becomes the server's new row; then the pending
   * effects are re-applied on top.
   */
  readonly rebase: AfterPage = (page: PullPage): void => {
    const copies = this.rows.baseCopies();
    if (copies.length > 0) {
      const changed = page.snapshot ? undefined : this.keysOf(page, new Set(copies.map((copy) => copy.table)));
      for (const copy of copies) {
        if (changed === undefined || changed.has(rowKey(copy.table, copy.id))) this.rows.setBase(copy.table, copy.id, this.rows.read(copy.table, copy.id) ?? null);
      }
    } else if (this.queue.after(this.queue.ackedSeq()).length === 0) {
      return;
    }
    this.replay([]);
  };

  /**
   * Takes the push answer: `applied` leaves the queue and its effect becomes part of the base
   * (the server has it now; the next pull brings the server's exact rows); `rejected` leaves the
   * queue for the Needs attention list and its effect is undone. Returns the tables that changed.
   */
  applyResults(results: readonly MutationResult[]): SyncTableName[] {
    return this.sqlite
      .transaction(() => {
        const acked = this.queue.ackedSeq();
        const folded: QueuedMutation[] = [];
        let resolved = 0;
        for (const result of [...results].sort((a, b) => a.seq - b.seq)) {
          const entry = this.queue.one(result.seq);
          if (entry === undefined) continue;
          resolved++;
          // Folded before the pending effects are re-applied: the server applies in seq order and
          // answers for a batch sent from the front of the queue, so every answered seq precedes
          // every pending one. An acknowledged mutation's effect is in the server's rows already.
          if (result.status === 'applied' && entry.seq > acked) folded.push(entry);
          if (result.status === 'rejected') this.reject(entry, result);
          this.queue.remove(entry.seq);
        }
        return resolved === 0 ? [] : this.replay(folded);
      })
      .immediate();
  }

  /**
   * A complete pull acknowledged the client's mutations up to `lastSeq`: their effects are in the
   * rows it brought, so they are no longer re-applied. The rows stay queued until a push answers
   * for them (the server answers a replayed seq with its stored outcome), so a rejection still
   * reaches the Needs attention list with its message. Returns the tables that changed.
   */
  acknowledge(lastSeq: number): SyncTableName[] {
    return this.sqlite
      .transaction(() => {
        const before = this.queue.ackedSeq();
        if (lastSeq <= before) return [];
        this.queue.setAckedSeq(lastSeq);
        return this.queue.countBetween(before, lastSeq) === 0 ? [] : this.replay([]);
      })
      .immediate();
  }

  /** The first `limit` queued mutations in seq order, as a push sends them. */
  pending(limit: number): OutboxEntry[] {
    return this.queue.first(limit).map((entry) => ({ seq: entry.seq, name: entry.name, args: JSON.parse(entry.args) as unknown, at: entry.at }));
  }

  /** Counts a failed push of `seqs` and keeps why. */
  recordFailure(seqs: readonly number[], error: string): void {
    this.queue.recordFailure(seqs, error);
  }

  /** Queue depth, the oldest queued action's time, and the Needs attention count. */
  stats(): OutboxStats {
    return this.queue.stats();
  }

  /** The rejected actions the staff member has not dismissed, oldest first. */
  listNeedsAttention(): NeedsAttentionEntry[] {
    return this.queue.listNeedsAttention().map((row) => {
      const table = syncTableNames.find((name) => name === row.object_table);
      return {
        seq: row.seq,
        name: row.name,
        args: JSON.parse(row.args) as unknown,
        code: row.code,
        message: row.message,
        createdAt: row.created_at,
        rejectedAt: row.rejected_at,
        object: table !== undefined && row.object_id !== null ? { table, id: row.object_id } : null,
      };
    });
  }

  /** Removes a Needs attention entry; false when there was none. */
  dismiss(seq: number): boolean {
    return this.queue.dismiss(seq);
  }

  private check(name: string, args: unknown, at: string): { name: MutationName; args: MutationArgs<MutationName>; at: string } {
    if (!isMutationName(name)) throw new CoreError('INVALID_ARGS', `Appen kjenner ikke handlingen «${name.slice(0, 100)}».`);
    const parsed = argSchemas[name].safeParse(args);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
      throw new CoreError('INVALID_ARGS', `Handlingen ${name} har ugyldige data (${issues.join('; ')}).`);
    }
    // The push refuses a whole batch with a malformed time, so a bad one must never be queued.
    if (!atSchema.safeParse(at).success) throw new CoreError('INVALID_ARGS', `Handlingen ${name} har et ugyldig tidspunkt (${at.slice(0, 40)}).`);
    // Kept in UTC, so queued times sort as text (the oldest pending action) whatever offset came in.
    return { name, args: parsed.data, at: new Date(at).toISOString() };
  }

  // SQLite refuses to change the safety level inside a transaction: a caller's transaction then
  // decides it.
  private durably<T>(write: () => T): T {
    if (this.sqlite.inTransaction) return write();
    const previous = Number(this.sqlite.pragma('synchronous', { simple: true }));
    this.sqlite.pragma('synchronous = FULL');
    try {
      return write();
    } finally {
      this.sqlite.pragma(`synchronous = ${previous}`);
    }
  }

  // `table:id` of the page's changes to the tables in `tables`.
  private keysOf(page: PullPage, tables: ReadonlySet<SyncTableName>): Set<string> {
    const keys = new Set<string>();
    for (const change of page.changes) {
      if (!tables.has(change.table)) continue;
      keys.add(rowKey(change.table, change.kind === 'del' ? change.id : String(this.rows.idOf(change.table, change.values))));
    }
    return keys;
  }

  private reject(entry: QueuedMutation, result: MutationResult): void {
    const checked = this.parse(entry);
    this.queue.addNeedsAttention({
      seq: entry.seq,
      name: entry.name,
      args: entry.args,
      code: result.code ?? 'REJECTED',
      message: result.message ?? `Serveren avviste handlingen ${entry.name} (${result.code ?? 'uten kode'}).`,
      createdAt: entry.at,
      rejectedAt: this.now().toISOString(),
      object: checked === undefined ? null : mutationObject(this.effects, checked.name, checked.args),
    });
  }

  // Restores every base row, folds in `folded` (applied on the server), re-applies every pending
  // effect in seq order, and forgets the base rows no pending effect wrote. A pending effect the
  // rules now refuse is skipped but stays queued: the server decides.
  private replay(folded: readonly QueuedMutation[]): SyncTableName[] {
    const changed = new Set<SyncTableName>();
    for (const copy of this.rows.baseCopies()) {
      this.rows.write(copy.table, copy.id, copy.row);
      changed.add(copy.table);
    }
    for (const entry of folded) this.reapply(entry, new CacheEffectRows(this.rows, 'fold'), changed);
    const pending = new CacheEffectRows(this.rows, 'pending');
    for (const entry of this.queue.after(this.queue.ackedSeq())) this.reapply(entry, pending, changed);
    for (const copy of this.rows.baseCopies()) {
      if (!pending.touched.has(rowKey(copy.table, copy.id))) this.rows.dropBase(copy.table, copy.id);
    }
    for (const table of pending.tables) changed.add(table);
    return [...changed].sort();
  }

  // Each effect in its own savepoint: one that throws leaves nothing behind and is skipped.
  private reapply(entry: QueuedMutation, rows: CacheEffectRows, changed: Set<SyncTableName>): void {
    const checked = this.parse(entry);
    if (checked === undefined) return;
    try {
      this.sqlite.transaction(() => applyLocalEffect(this.effects, rows, checked.name, checked.args, checked.actor, checked.at))();
    } catch (error) {
      this.reportError(entry.seq, error);
    }
    for (const table of rows.tables) changed.add(table);
  }

  // The queued row with its name, args and actor checked; undefined when it cannot be replayed
  // (written by another build, or without an actor): its effect is then the server's alone.
  private parse(entry: QueuedMutation): Checked | undefined {
    if (!isMutationName(entry.name) || entry.actor === null) return undefined;
    try {
      const args = argSchemas[entry.name].safeParse(JSON.parse(entry.args));
      const actor = actorSchema.safeParse(JSON.parse(entry.actor));
      if (!args.success || !actor.success) return undefined;
      return { seq: entry.seq, name: entry.name, args: args.data, at: entry.at, actor: actor.data };
    } catch {
      return undefined;
    }
  }
}
