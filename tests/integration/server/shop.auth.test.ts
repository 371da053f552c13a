import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '../../../electron/shared/protocol/auth';
import { buildServer } from '../../../server/app';
import { SIDE_KEY_META } from '../../../server/shop';
import { auditRows, PASSWORD, STAFF } from './authFixture';
import { BACKENDS, useTestDatabases } from './backends';
import { call, expectError, expectStatus, login } from './httpFixture';
import { seedShopWorld, shop, SHOP_KEY, startShopInstance, warehouse, WAREHOUSE_KEY, type ShopInstance } from './shopFixture';

describe.each(BACKENDS)('shop and warehouse credentials (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance;

  beforeAll(async () => {
    instance = await startShopInstance(databases.config());
    await seedShopWorld(instance.db);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('admits each side with its own key', async () => {
    expectStatus(await shop(instance, 'GET', '/v1/shop/customers?sample=2'), 200);
    expectStatus(await warehouse(instance, 'GET', '/v1/warehouse/lines'), 200);
  });

  it('refuses a missing or wrong key with 401 UNAUTHENTICATED, on known and unknown paths, and audits it', async () => {
    const before = (await auditRows(instance.db, 'auth.refused')).length;
    expectError(await call(instance, 'GET', '/v1/shop/customers'), 401, 'UNAUTHENTICATED');
    expectError(await call(instance, 'POST', '/v1/shop/orders', { body: {} }), 401, 'UNAUTHENTICATED');
    expectError(await call(instance, 'GET', '/v1/shop/no-such-thing'), 401, 'UNAUTHENTICATED');
    expectError(await shop(instance, 'GET', '/v1/shop/customers', undefined, `${SHOP_KEY}x`), 401, 'UNAUTHENTICATED');
    expectError(await call(instance, 'POST', '/v1/warehouse/lines/prepare', { body: { lineIds: ['x'] } }), 401, 'UNAUTHENTICATED');
    expectError(await warehouse(instance, 'GET', '/v1/warehouse/shipments', undefined, 'wrong'), 401, 'UNAUTHENTICATED');
    const refused = await auditRows(instance.db, 'auth.refused');
    expect(refused.length - before).toBe(6);
    expect(refused.at(-1)?.detail).toMatchObject({ side: 'warehouse', reason: 'wrong_key' });
    // With the key, an unknown path is a plain 404.
    expectError(await shop(instance, 'GET', '/v1/shop/no-such-thing'), 404, 'NOT_FOUND');
  });

  it('keeps the sides apart: a shop key does not open the warehouse or staff sync, nor the other way round', async () => {
    expectError(await warehouse(instance, 'GET', '/v1/warehouse/lines', undefined, SHOP_KEY), 401, 'UNAUTHENTICATED');
    expectError(await shop(instance, 'GET', '/v1/shop/customers', undefined, WAREHOUSE_KEY), 401, 'UNAUTHENTICATED');
    expectError(await call(instance, 'GET', '/v1/sync/pull?schemaVersion=1', { token: SHOP_KEY }), 401, 'UNAUTHENTICATED');
    expectError(await call(instance, 'POST', '/v1/sync/push', { token: WAREHOUSE_KEY, body: {} }), 401, 'UNAUTHENTICATED');
  });

  it('does not take a staff access token', async () => {
    const answer = await login(instance, STAFF.admin.username, PASSWORD);
    const { accessToken } = tokenResponseSchema.parse(expectStatus(answer, 200));
    expectStatus(await call(instance, 'GET', '/v1/sync/whoami', { token: accessToken }), 200);
    expectError(await shop(instance, 'GET', '/v1/shop/customers', undefined, accessToken), 401, 'UNAUTHENTICATED');
    expectError(await warehouse(instance, 'GET', '/v1/warehouse/lines', undefined, accessToken), 401, 'UNAUTHENTICATED');
  });

  it('without configured keys generates one per side once and keeps it in service_meta', async () => {
    const config = await databases.fresh();
    const first = await startShopInstance(config, { shopKey: '', warehouseKey: '' });
    let keys: Record<string, string>;
    try {
      // Loaded at the first request of each side.
      expectError(await shop(first, 'GET', '/v1/shop/customers'), 401, 'UNAUTHENTICATED');
      expectError(await warehouse(first, 'GET', '/v1/warehouse/lines'), 401, 'UNAUTHENTICATED');
      const rows = await first.db.selectFrom('service_meta').selectAll().where('key', 'in', Object.values(SIDE_KEY_META)).execute();
      keys = Object.fromEntries(rows.map((row) => [row.key, row.value]));
      expect(Object.keys(keys).sort()).toEqual(['shop_api_key', 'warehouse_api_key']);
      expect(keys.shop_api_key).not.toBe(keys.warehouse_api_key);
      expectStatus(await shop(first, 'GET', '/v1/shop/customers', undefined, keys.shop_api_key), 200);
      expectStatus(await warehouse(first, 'GET', '/v1/warehouse/lines', undefined, keys.warehouse_api_key), 200);
    } finally {
      await first.close();
    }
    // A restart (or another instance) finds the same keys.
    const second = await startShopInstance(config, { shopKey: '', warehouseKey: '' });
    try {
      expectStatus(await shop(second, 'GET', '/v1/shop/customers', undefined, keys.shop_api_key), 200);
    } finally {
      await second.close();
    }
  });

  it('refuses to start with a configured key that is too short', () => {
    expect(() => buildServer({ db: instance.db, dbKind: kind, version: 't', logLevel: 'silent', shop: { shopKey: 'kort' } })).toThrow(/SHOP_API_KEY must be at least/);
  });
});
