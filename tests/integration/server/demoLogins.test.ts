import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/app';
import { enableDemoLogins, hashPassword } from '../../../server/auth';
import { migrate, openDatabase, type Database, type DbConfig } from '../../../server/db';
import { DEMO_PASSWORD } from '../../../server/seed';
import { startServer } from '../../../server/start';
import { insertStaff, seedStaff, STAFF } from './authFixture';
import { BACKENDS, useTestDatabases } from './backends';
import { call, listenOnLoopback, login, type ListeningService } from './httpFixture';

// GET /v1/auth/demo-logins: the embedded demo's login screen offers its demo accounts; any
// other service answers [] so it never advertises accounts.

interface DemoInstance extends ListeningService {
  db: Kysely<Database>;
}

async function startWithDemo(config: DbConfig, demo: boolean): Promise<DemoInstance> {
  const handle = await openDatabase(config);
  await migrate(handle.db);
  const app = buildServer({ db: handle.db, dbKind: handle.kind, version: '0.0.0-test', logLevel: 'silent', auth: { secret: '' } });
  if (demo) enableDemoLogins(app);
  await seedStaff(handle.db);
  return { ...(await listenOnLoopback(app, () => handle.close())), db: handle.db };
}

describe.each(BACKENDS)('demo logins (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let enabled: DemoInstance;
  let disabled: DemoInstance;

  beforeAll(async () => {
    enabled = await startWithDemo(databases.config(), true);
    disabled = await startWithDemo(await databases.fresh(), false);
  });
  afterAll(async () => {
    await enabled?.close();
    await disabled?.close();
  });

  it('lists only the demo accounts that exist and are active, in the seed order, without auth', async () => {
    // authFixture's staff include service@demo and admin@demo (and other, non-demo accounts).
    const answer = await call(enabled, 'GET', '/v1/auth/demo-logins');
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toEqual([
      { username: STAFF.service.username, role: 'customer_service' },
      { username: STAFF.admin.username, role: 'admin' },
    ]);
  });

  it('adds a demo account once it exists and leaves out a deactivated one', async () => {
    await insertStaff(
      enabled.db,
      [
        { id: 'demo-kons', username: 'Consultant@Demo', name: 'Ingrid Bakke', role: 'consultant', branchId: 'br-oslo' },
        { id: 'demo-avd', username: 'branch@demo', name: 'Lars Haugen', role: 'branch', branchId: 'br-oslo' },
      ],
      await hashPassword(DEMO_PASSWORD),
      { inactive: ['demo-avd'] },
    );
    const answer = await call(enabled, 'GET', '/v1/auth/demo-logins');
    expect(answer.body).toEqual([
      { username: 'Consultant@Demo', role: 'consultant' },
      { username: STAFF.service.username, role: 'customer_service' },
      { username: STAFF.admin.username, role: 'admin' },
    ]);
    // What it lists logs in with the demo password.
    expect((await login(enabled, 'Consultant@Demo', DEMO_PASSWORD)).status).toBe(200);
  });

  it('answers [] on a service not started with the option, though demo accounts exist', async () => {
    const answer = await call(disabled, 'GET', '/v1/auth/demo-logins');
    expect([answer.status, answer.body]).toEqual([200, []]);
  });

  it('is off by default in startServer and on with demoLogins: true', async () => {
    for (const demoLogins of [undefined, true]) {
      const server = await startServer({
        db: await databases.fresh(),
        port: 0,
        logLevel: 'silent',
        jobs: false,
        ...(demoLogins !== undefined && { demoLogins }),
        prepare: (db) => insertStaff(db, [{ id: 'demo-adm', username: 'admin@demo', name: 'Anders Berg', role: 'admin', branchId: null }], 'not-a-hash'),
      });
      try {
        const answer = await call({ port: server.port }, 'GET', '/v1/auth/demo-logins');
        expect([answer.status, answer.body]).toEqual([200, demoLogins === true ? [{ username: 'admin@demo', role: 'admin' }] : []]);
      } finally {
        await server.close();
      }
    }
  });
});
