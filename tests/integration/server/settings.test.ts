import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osloDate } from '../../../electron/shared/domain/calendar';
import { DEFAULT_TIER_THRESHOLDS } from '../../../electron/shared/domain/loyalty';
import { businessSettingsSchema, type BusinessSettings } from '../../../electron/shared/protocol/settings';
import { buildServer } from '../../../server/app';
import { addMonths, businessConfig } from '../../../server/businessSettings';
import { findRepoRoot } from '../../../server/config';
import { migrate, openDatabase, type DbConfig } from '../../../server/db';
import { PASSWORD, seedStaff, STAFF, startAuthInstance, type AuthInstance } from './authFixture';
import { BACKENDS, dbEnv, useTestDatabases } from './backends';
import { accessTokenFor, call, expectError, expectStatus, listenOnLoopback, type Listening } from './httpFixture';

// GET /v1/sync/settings on both engines: staff only, the defaults (the plan from the first
// switch-on in the history), configured values from BuildServerOptions and from the
// environment, and a service that refuses to start on a wrong setting.

const CUSTOM: BusinessSettings = {
  tierThresholds: { gold: { minOrders: 6, minValueOre: 10_000_000 }, platinum: { minOrders: 20, minValueOre: 60_000_000 } },
  migrationPlan: { start: '2026-08-01', end: '2026-09-30' },
};

async function settingsOf(instance: Listening, token: string): Promise<BusinessSettings> {
  return businessSettingsSchema.parse(expectStatus(await call(instance, 'GET', '/v1/sync/settings', { token }), 200));
}

async function startWith(config: DbConfig, business: Partial<BusinessSettings>): Promise<Listening & { close(): Promise<void> }> {
  const handle = await openDatabase(config);
  await migrate(handle.db);
  await seedStaff(handle.db);
  const app = buildServer({ db: handle.db, dbKind: handle.kind, version: '0.0.0-test', logLevel: 'silent', auth: { secret: '' }, business });
  return listenOnLoopback(app, () => handle.close());
}

describe.each(BACKENDS)('GET /v1/sync/settings (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: AuthInstance;
  let token: string;

  beforeAll(async () => {
    instance = await startAuthInstance(databases.config());
    await seedStaff(instance.db);
    token = await accessTokenFor(instance, STAFF.consultant.username, PASSWORD);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('needs a staff login', async () => {
    expectError(await call(instance, 'GET', '/v1/sync/settings'), 401, 'UNAUTHENTICATED');
    expectError(await call(instance, 'GET', '/v1/sync/settings', { token: 'not-a-token' }), 401, 'UNAUTHENTICATED');
  });

  it('answers the default thresholds, and a plan of two months from today while nobody is switched on', async () => {
    const today = osloDate(new Date());
    expect(await settingsOf(instance, token)).toEqual({ tierThresholds: DEFAULT_TIER_THRESHOLDS, migrationPlan: { start: today, end: addMonths(today, 2) } });
  });

  it('starts the default plan on the Oslo date of the first switch-on in the history', async () => {
    await instance.db.insertInto('branches').values({ id: 'st-br', name: 'Tromsø', city: 'Tromsø' }).execute();
    await sql`insert into customers (id, customer_number, org_number, name, branch_id) values ('st-c', '610001', '923609016', 'Nord Lys AS', 'st-br')`.execute(instance.db);
    const event = { customer_id: 'st-c', branch_id: 'st-br', reason: null, actor_kind: 'staff' as const, actor_id: STAFF.branch.id };
    await instance.db
      .insertInto('migration_events')
      .values([
        // Earlier, but not a switch-on: does not start the plan.
        { ...event, id: 'st-e1', action: 'interest_registered', from_state: 'not_started', to_state: 'interest_registered', at: '2026-06-20T10:00:00Z' },
        // 00:30 on 4 August in Oslo (summer time), still 3 August in UTC.
        { ...event, id: 'st-e2', action: 'switch_on', from_state: 'interest_registered', to_state: 'switched_on', at: '2026-08-03T22:30:00Z' },
        { ...event, id: 'st-e3', action: 'switch_on', from_state: 'not_started', to_state: 'switched_on', at: '2026-09-01T08:00:00Z' },
      ])
      .execute();
    expect((await settingsOf(instance, token)).migrationPlan).toEqual({ start: '2026-08-04', end: '2026-10-04' });
  });

  it('answers what BuildServerOptions.business configures', async () => {
    const configured = await startWith(await databases.fresh(), CUSTOM);
    try {
      const adminToken = await accessTokenFor(configured, STAFF.admin.username, PASSWORD);
      expect(await settingsOf(configured, adminToken)).toEqual(CUSTOM);
    } finally {
      await configured.close();
    }
  });

  it('refuses to build with invalid settings, naming the setting', () => {
    // buildServer checks them first, before it registers anything on the database.
    const base = { db: instance.db, dbKind: kind, version: '0.0.0-test', logLevel: 'silent' };
    const lowPlatinum = { gold: { minOrders: 12, minValueOre: 1_000 }, platinum: { minOrders: 3, minValueOre: 1_000 } };
    expect(() => buildServer({ ...base, business: { tierThresholds: lowPlatinum } })).toThrow(/^business\.tierThresholds is not valid \(Platinum must ask at least as much as gold\.\)/);
    expect(() => buildServer({ ...base, business: { migrationPlan: { start: '2026-09-01', end: '2026-08-01' } } })).toThrow(/business\.migrationPlan is not valid/);
  });

  describe('configured by the environment of `npm run server`', () => {
    const repoRoot = findRepoRoot();

    function runMain(config: DbConfig, env: Record<string, string>) {
      const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
        cwd: repoRoot,
        env: { ...process.env, LOG_LEVEL: '', PORT: '0', TIER_THRESHOLDS: '', MIGRATION_PLAN_START: '', MIGRATION_PLAN_END: '', ...dbEnv(config), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const ready = new Promise<number>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
          if (match) resolve(Number(match[1]));
        });
        void exited.then((code) => reject(new Error(`server exited (${code}):\n${stderr}`)));
      });
      ready.catch(() => undefined);
      return { child, exited, ready, stderr: () => stderr };
    }

    it('answers TIER_THRESHOLDS and MIGRATION_PLAN_START (the end two months later)', async () => {
      const config = await databases.fresh();
      const handle = await openDatabase(config);
      await migrate(handle.db);
      await seedStaff(handle.db);
      await handle.close();
      const running = runMain(config, { TIER_THRESHOLDS: JSON.stringify(CUSTOM.tierThresholds), MIGRATION_PLAN_START: '2026-12-31' });
      try {
        const port = await running.ready;
        const adminToken = await accessTokenFor({ port }, STAFF.admin.username, PASSWORD);
        expect(await settingsOf({ port }, adminToken)).toEqual({ tierThresholds: CUSTOM.tierThresholds, migrationPlan: { start: '2026-12-31', end: '2027-02-28' } });
      } finally {
        running.child.kill('SIGTERM');
        await running.exited;
      }
    });

    it.each([
      [{ TIER_THRESHOLDS: '{"gold":' }, /TIER_THRESHOLDS is not valid JSON/],
      [{ TIER_THRESHOLDS: '{"gold":{"minOrders":-1,"minValueOre":0},"platinum":{"minOrders":1,"minValueOre":0}}' }, /TIER_THRESHOLDS is not valid \(gold\.minOrders/],
      [{ MIGRATION_PLAN_START: '01.08.2026' }, /MIGRATION_PLAN_START is not valid .* Expected a date YYYY-MM-DD\./],
      [{ MIGRATION_PLAN_END: '2026-10-01' }, /MIGRATION_PLAN_END is set without MIGRATION_PLAN_START/],
      [{ MIGRATION_PLAN_START: '2026-10-01', MIGRATION_PLAN_END: '2026-10-01' }, /MIGRATION_PLAN_END \(2026-10-01\) must be after MIGRATION_PLAN_START \(2026-10-01\)/],
    ])('refuses to start with %o', async (env, message) => {
      const running = runMain(databases.config(), env);
      expect(await running.exited).toBe(1);
      expect(running.stderr()).toMatch(/^server failed to start: /);
      expect(running.stderr()).toMatch(message);
    });
  });
});

describe('business settings from options and environment', () => {
  it('prefers BuildServerOptions over the environment, the environment over the defaults', () => {
    const env = { TIER_THRESHOLDS: JSON.stringify(CUSTOM.tierThresholds), MIGRATION_PLAN_START: '2026-08-10', MIGRATION_PLAN_END: '2026-09-20' };
    expect(businessConfig({}, {})).toEqual({ tierThresholds: DEFAULT_TIER_THRESHOLDS, migrationPlan: null });
    expect(businessConfig({}, env)).toEqual({ tierThresholds: CUSTOM.tierThresholds, migrationPlan: { start: '2026-08-10', end: '2026-09-20' } });
    expect(businessConfig(CUSTOM, env)).toEqual(CUSTOM);
    expect(businessConfig({}, { TIER_THRESHOLDS: '  ', MIGRATION_PLAN_START: '' })).toEqual({ tierThresholds: DEFAULT_TIER_THRESHOLDS, migrationPlan: null });
  });

  it('adds months on the same day, or the last day of a shorter month', () => {
    expect(addMonths('2026-08-15', 2)).toBe('2026-10-15');
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
  });
});
