import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite, Results } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { Mutex } from './mutex';

/** A kysely dialect that runs PostgreSQL SQL on an in-process PGlite instance. */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite;

  /** Takes ownership of `pglite`: destroying the Kysely instance closes it. */
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#pglite);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

// PGlite is one backend session. kysely may hold a connection across several queries (a
// transaction, a stream), so the driver hands out the session to one holder at a time; PGlite's
// own per-query lock would let another request's statements slip into our transaction.
//
// Consequence: inside `db.transaction()` the callback must use its transaction object, never
// `db`: that query would wait for the lock its own transaction holds, forever (on PostgreSQL the
// same mistake "only" runs outside the transaction). So the driver remembers, per async context,
// which connection that context is working with (AsyncLocalStorage), and refuses at once when a
// context asks for a new connection while its own is still held. The mark is set in the
// connection's methods, synchronously, so it lands in the context that called them: the
// transaction callback (kysely begins the transaction there) or the function using a controlled
// transaction. Other contexts never carry it, so their queries simply wait their turn; marking
// at acquireConnection instead would also mark callers that merely started a transaction and
// went on without awaiting it, and refuse their legitimate queries. The cost: a `db` query in a
// loop over `db…stream()` (which holds the connection until it ends) is caught once the stream
// fetches its second chunk, but not before: kysely fetches the first in a context of its own.
class PGliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #mutex = new Mutex();
  readonly #context = new AsyncLocalStorage<PGliteConnection>();
  #holder: PGliteConnection | undefined;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const held = this.#context.getStore();
    if (held !== undefined && held === this.#holder) throw new Error(SELF_DEADLOCK_MESSAGE);
    const unlock = await this.#mutex.lock();
    if (this.#pglite.closed) {
      unlock();
      throw new Error('The PGlite database has already been closed');
    }
    const connection = new PGliteConnection(this.#pglite, this.#context, () => {
      if (this.#holder === connection) this.#holder = undefined;
      unlock();
    });
    this.#holder = connection;
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // Before the first await: this runs in kysely's transaction callback context (see above).
    if (connection instanceof PGliteConnection) connection.markContext();
    let statement = 'begin';
    if (settings.isolationLevel !== undefined) statement += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode !== undefined) statement += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof PGliteConnection) connection.release();
  }

  async destroy(): Promise<void> {
    // Wait for the current holder so an in-flight transaction is not cut off mid-way.
    const unlock = await this.#mutex.lock();
    try {
      if (!this.#pglite.closed) await this.#pglite.close();
    } finally {
      unlock();
    }
  }
}

/** How many rows `stream()` fetches at a time when the caller does not say. */
const DEFAULT_CHUNK_SIZE = 100;

const SELF_DEADLOCK_MESSAGE =
  'Inside a transaction use the transaction object (trx), not db: this query asked PGlite for a ' +
  'new connection while its own transaction (or stream) holds the only one, so it would wait ' +
  'for itself forever. On PostgreSQL the same query would run outside the transaction.';

// Statements PostgreSQL can run behind a cursor (DECLARE takes a SELECT or VALUES). Anything else
// (insert … returning, …) is run whole; so is a query DECLARE refuses with one of these codes.
const CURSOR_QUERY = /^\s*(?:select|with|values|table|\()/i;
const NOT_CURSORABLE_CODES: ReadonlySet<string> = new Set(['42601', '0A000']);

let cursorCount = 0;

interface Cursor {
  name: string;
  close(failed: boolean): Promise<void>;
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;
  readonly #context: AsyncLocalStorage<PGliteConnection>;
  #release: (() => void) | undefined;

  constructor(pglite: PGlite, context: AsyncLocalStorage<PGliteConnection>, release: () => void) {
    this.#pglite = pglite;
    this.#context = context;
    this.#release = release;
  }

  /** Marks the calling async context as working with this connection (see PGliteDriver). */
  markContext(): void {
    this.#context.enterWith(this);
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    this.#assertHeld();
    this.markContext();
    const result = await this.#query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    const changesRows = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(result.command ?? '');
    return {
      rows: result.rows,
      numAffectedRows: changesRows ? BigInt(result.affectedRows ?? 0) : undefined,
    };
  }

  // A real server-side cursor (DECLARE … / FETCH FORWARD n), so a large result never sits in
  // memory whole and rows arrive as PostgreSQL produces them. Outside a transaction the cursor
  // gets one of its own, committed when the stream ends (also when the caller stops early).
  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = DEFAULT_CHUNK_SIZE): AsyncIterableIterator<QueryResult<R>> {
    this.#assertHeld();
    this.markContext();
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
      throw new Error(`stream() needs a chunk size of 1 or more rows, not ${chunkSize}`);
    }
    const cursor = await this.#declareCursor(compiledQuery);
    if (cursor === undefined) {
      // PGlite has no other way to return rows bit by bit: these arrive all at once.
      const { rows } = await this.executeQuery<R>(compiledQuery);
      for (let start = 0; start < rows.length; start += chunkSize) {
        yield { rows: rows.slice(start, start + chunkSize) };
      }
      return;
    }
    let failed = false;
    try {
      for (;;) {
        this.markContext();
        const { rows } = await this.#query<R>(`fetch forward ${chunkSize} from ${cursor.name}`);
        if (rows.length > 0) yield { rows };
        if (rows.length < chunkSize) return;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      await cursor.close(failed);
    }
  }

  release(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async #declareCursor(compiledQuery: CompiledQuery): Promise<Cursor | undefined> {
    if (!CURSOR_QUERY.test(compiledQuery.sql)) return undefined;
    cursorCount += 1;
    const name = quoteIdentifier(`lysdesk_cursor_${cursorCount}`);
    // Inside the caller's transaction a savepoint keeps it usable if DECLARE refuses the query.
    const ownTransaction = !this.#pglite.isInTransaction();
    await this.#raw(ownTransaction ? 'begin' : `savepoint ${name}`);
    try {
      await this.#query(`declare ${name} no scroll cursor for ${compiledQuery.sql}`, [...compiledQuery.parameters]);
    } catch (error) {
      const notCursorable = NOT_CURSORABLE_CODES.has(errorCode(error) ?? '');
      if (ownTransaction) await this.#raw('rollback');
      else if (notCursorable) await this.#raw(`rollback to savepoint ${name}; release savepoint ${name}`);
      // Any other error aborts the caller's transaction, as the query itself would have.
      if (notCursorable) return undefined;
      throw error;
    }
    if (!ownTransaction) await this.#raw(`release savepoint ${name}`);
    return {
      name,
      close: async (failed) => {
        // Commit/rollback closes the cursor too; after an error the caller's transaction is
        // aborted and accepts nothing but its rollback.
        if (ownTransaction) await this.#raw(failed ? 'rollback' : 'commit');
        else if (!failed) await this.#raw(`close ${name}`);
      },
    };
  }

  async #raw(statements: string): Promise<void> {
    await this.#context.exit(() => this.#pglite.exec(statements));
  }

  // PGlite runs LISTEN callbacks in the async context of the query that delivered the
  // notification; run queries unmarked, so a callback's own queries are not taken for ours.
  async #query<R>(statement: string, parameters?: unknown[]): Promise<Results<R>> {
    return this.#context.exit(() => this.#pglite.query<R>(statement, parameters));
  }

  #assertHeld(): void {
    if (this.#release === undefined) throw new Error('This PGlite connection was already released');
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
