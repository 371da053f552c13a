import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { StaffRole } from '../../electron/shared/protocol/auth';
import type { Database } from '../db';
import { DEMO_LOGINS } from '../seed/catalog';
import type { AuthDeps } from './deps';

/** One entry of `GET /v1/auth/demo-logins`: a login the login screen may offer (password `demo`). */
export interface DemoLoginEntry {
  username: string;
  role: StaffRole;
}

const DECORATOR = 'demoLoginsSwitch';

interface DemoLoginsSwitch {
  enabled: boolean;
}

/**
 * Registers `GET /v1/auth/demo-logins` (no auth): `[]` unless {@link enableDemoLogins} was
 * called, so a real deployment never advertises accounts; once enabled, those of the seed's
 * four demo logins that exist and are active, in the seed's order.
 */
export function registerDemoLoginsRoute(app: FastifyInstance, deps: AuthDeps): void {
  const toggle: DemoLoginsSwitch = { enabled: false };
  app.decorate(DECORATOR, toggle);
  app.get('/v1/auth/demo-logins', async function demoLogins(_request, reply): Promise<DemoLoginEntry[]> {
    void reply.header('cache-control', 'no-store');
    return toggle.enabled ? activeDemoLogins(deps.db) : [];
  });
}

/** Turns the demo logins on for `app` (the embedded demo of `npm start`); off by default. */
export function enableDemoLogins(app: FastifyInstance): void {
  app.getDecorator<DemoLoginsSwitch>(DECORATOR).enabled = true;
}

/** The seed's demo logins that exist and are active here. */
export async function activeDemoLogins(db: Kysely<Database>): Promise<DemoLoginEntry[]> {
  const usernames = DEMO_LOGINS.map((login) => login.username.toLowerCase());
  const rows = await db
    .selectFrom('staff')
    .select(['username', 'role'])
    .where((eb) => eb(eb.fn('lower', ['username']), 'in', usernames))
    .where('active', '=', true)
    .execute();
  const order = (username: string): number => usernames.indexOf(username.toLowerCase());
  return rows.sort((a, b) => order(a.username) - order(b.username)).map((row) => ({ username: row.username, role: row.role }));
}
