import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { buildServer } from '../../../server/app';
import { hashPassword } from '../../../server/auth';
import { migrate, openDatabase, type Database, type DbConfig } from '../../../server/db';

/** A service instance on a test database, with a clock the test can move. */
export interface AuthInstance {
  url: string;
  port: number;
  db: Kysely<Database>;
  /** Moves this instance's clock forward. */
  advance(seconds: number): void;
  /** Idempotent. */
  close(): Promise<void>;
}

/** An HTTP answer, body parsed when JSON. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** The password every seeded staff member has. */
export const PASSWORD = 'riktig hest batteri stift';

/** The seeded staff: one per role, an inactive one, and a second consultant in another branch. */
export const STAFF = {
  consultant: { id: 'st-kons', username: 'Kari.Konsulent@demo', name: 'Kari Konsulent', role: 'consultant', branchId: 'br-oslo' },
  branch: { id: 'st-avd', username: 'avdeling@demo', name: 'Arne Avdeling', role: 'branch', branchId: 'br-oslo' },
  service: { id: 'st-ks', username: 'service@demo', name: 'Siri Service', role: 'customer_service', branchId: null },
  admin: { id: 'st-adm', username: 'admin@demo', name: 'Anders Admin', role: 'admin', branchId: null },
  inactive: { id: 'st-old', username: 'sluttet@demo', name: 'Sluttet Selger', role: 'consultant', branchId: 'br-bergen' },
} as const;

let passwordHash: Promise<string> | undefined;

/** Opens and migrates `config`, builds the app with a movable clock, listens on a free port. */
export async function startAuthInstance(config: DbConfig): Promise<AuthInstance> {
  const handle = await openDatabase(config);
  await migrate(handle.db);
  let offsetMs = 0;
  // secret '' = not configured: the instance uses (or creates) the database's shared secret.
  const app = buildServer({
    db: handle.db,
    dbKind: handle.kind,
    version: '0.0.0-test',
    logLevel: 'silent',
    auth: { secret: '', now: () => new Date(Date.now() + offsetMs) },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db: handle.db,
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    close() {
      closing ??= app.close().then(() => handle.close());
      return closing;
    },
  };
}

/** Inserts two branches and {@link STAFF} (plain SQL through kysely), if not there yet. */
export async function seedStaff(db: Kysely<Database>): Promise<void> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  await db
    .insertInto('branches')
    .values([
      { id: 'br-oslo', name: 'Oslo', city: 'Oslo' },
      { id: 'br-bergen', name: 'Bergen', city: 'Bergen' },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('staff')
    .values(
      Object.values(STAFF).map((staff) => ({
        id: staff.id,
        username: staff.username,
        name: staff.name,
        role: staff.role,
        branch_id: staff.branchId,
        password_hash: hash,
        active: staff !== STAFF.inactive,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Sends a request over real HTTP; `from` picks the client's loopback address (127.0.0.x). */
export function call(
  instance: Pick<AuthInstance, 'port'>,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string; from?: string } = {},
): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: instance.port, method, path, headers, localAddress: options.from ?? '127.0.0.1', agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = (res.headers['content-type'] ?? '').startsWith('application/json');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json && text !== '' ? (JSON.parse(text) as unknown) : text });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** POST /v1/auth/login. */
export function login(instance: Pick<AuthInstance, 'port'>, username: string, password: string, from?: string): Promise<Answer> {
  return call(instance, 'POST', '/v1/auth/login', { body: { username, password }, ...(from !== undefined && { from }) });
}

/** The error code of an error answer (undefined when the body is not the error shape). */
export function codeOf(answer: Answer): string | undefined {
  const body = answer.body;
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** The audit rows of `action`, oldest first. */
export async function auditRows(db: Kysely<Database>, action: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}
