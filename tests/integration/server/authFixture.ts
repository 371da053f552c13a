import type { Kysely } from 'kysely';
import type { StaffRole } from '../../../electron/shared/protocol/auth';
import { buildServer, type BuildServerOptions } from '../../../server/app';
import { hashPassword } from '../../../server/auth';
import { migrate, openDatabase, type Database, type DbConfig } from '../../../server/db';
import { listenOnLoopback, type ListeningService } from './httpFixture';

/** A service instance on a test database, with a clock the test can move. */
export interface AuthInstance extends ListeningService {
  db: Kysely<Database>;
  /** Moves this instance's clock forward. */
  advance(seconds: number): void;
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

/** An instance whose clock the test moves (which parts of the app read it is the starter's choice). */
export interface ClockedInstance extends AuthInstance {
  /** Sets the clock to `at` (it runs on from there). */
  setNow(at: string): void;
  /** The instance's clock now. */
  now(): Date;
}

/**
 * Opens and migrates `config`, builds the app with `options` (given the movable clock's `now`),
 * listens on a free port.
 */
export async function startClockedInstance(config: DbConfig, options: (now: () => Date) => Pick<BuildServerOptions, 'auth' | 'shop'>): Promise<ClockedInstance> {
  const handle = await openDatabase(config);
  await migrate(handle.db);
  let offsetMs = 0;
  const now = (): Date => new Date(Date.now() + offsetMs);
  const app = buildServer({ db: handle.db, dbKind: handle.kind, version: '0.0.0-test', logLevel: 'silent', ...options(now) });
  const service = await listenOnLoopback(app, () => handle.close());
  return {
    ...service,
    db: handle.db,
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    setNow(at) {
      offsetMs = Date.parse(at) - Date.now();
    },
    now,
  };
}

/** Opens and migrates `config`, builds the app with staff auth on a movable clock, listens on a free port. */
export function startAuthInstance(config: DbConfig): Promise<AuthInstance> {
  // secret '' = not configured: the instance uses (or creates) the database's shared secret.
  return startClockedInstance(config, (now) => ({ auth: { secret: '', now } }));
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
  await insertStaff(db, Object.values(STAFF), hash, { inactive: [STAFF.inactive.id], ifMissing: true });
}

/** A staff member as the fixtures seed them. */
export interface SeededStaff {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
  branchId: string | null;
}

/** Inserts `staff`, all with password hash `hash`; `inactive` ids are not active. */
export async function insertStaff(
  db: Kysely<Database>,
  staff: readonly SeededStaff[],
  hash: string,
  options: { inactive?: readonly string[]; ifMissing?: boolean } = {},
): Promise<void> {
  const insert = db.insertInto('staff').values(
    staff.map((member) => ({
      id: member.id,
      username: member.username,
      name: member.name,
      role: member.role,
      branch_id: member.branchId,
      password_hash: hash,
      active: !(options.inactive ?? []).includes(member.id),
    })),
  );
  await (options.ifMissing === true ? insert.onConflict((oc) => oc.doNothing()) : insert).execute();
}

/** The audit rows of `action`, oldest first. */
export async function auditRows(db: Kysely<Database>, action: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}
