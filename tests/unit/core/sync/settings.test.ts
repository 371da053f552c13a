import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../../electron/core/cache/open';
import { startSyncEngine, type SyncEngine } from '../../../../electron/core/sync/engine';
import { defaultBusinessSettings, readBusinessSettings, SETTINGS_FETCHED_AT_KEY, SETTINGS_KEY, SettingsRefresher } from '../../../../electron/core/sync/settings';
import { DEFAULT_TIER_THRESHOLDS } from '../../../../electron/shared/domain/loyalty';
import type { BusinessSettings } from '../../../../electron/shared/protocol/settings';
import type { SyncTableName } from '../../../../electron/shared/sync/rows';
import { useTempFiles } from '../cache/cacheFixture';

// The business settings in the core: fetched from a real HTTP server on loopback after a pull
// when none are kept or the kept ones are over 10 minutes old, checked, kept in sync_state, and
// never lost to a bad or failed answer.

const SETTINGS: BusinessSettings = {
  tierThresholds: { gold: { minOrders: 10, minValueOre: 20_000_000 }, platinum: { minOrders: 30, minValueOre: 90_000_000 } },
  migrationPlan: { start: '2026-10-15', end: '2026-12-15' },
};

// What the fake service answers to GET /v1/sync/settings, by test.
let answer: { status: number; body: string } = { status: 200, body: JSON.stringify(SETTINGS) };
const requests: Array<{ path: string; authorization: string | undefined }> = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
  if (req.url === '/v1/sync/settings') {
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
    return;
  }
  if (req.url?.startsWith('/v1/sync/pull') === true) {
    // An empty pull: a snapshot of nothing the first time, nothing new afterwards.
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const snapshot = !req.url.includes('cursor=');
    res.end(`{"t":"begin","snapshot":${snapshot},"total":0}\n{"t":"end","cursor":"v1.all.1","more":false}\n`);
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such route.' } }));
}

describe('business settings', () => {
  const temp = useTempFiles();
  let server: Server;
  let baseUrl: string;
  const caches: Cache[] = [];
  beforeAll(async () => {
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    for (const cache of caches.splice(0)) cache.sqlite.close();
    requests.length = 0;
    answer = { status: 200, body: JSON.stringify(SETTINGS) };
  });

  function cache(): Cache {
    const opened = openCache({ file: temp.file() });
    caches.push(opened);
    return opened;
  }

  it('answers the defaults before any fetch: the default thresholds and two months from today in Oslo', () => {
    const { sqlite } = cache();
    // 23:30 UTC on 31 December is already 1 January in Oslo; two months on is 1 March.
    expect(readBusinessSettings(sqlite, new Date('2026-12-31T23:30:00Z'))).toEqual({
      tierThresholds: DEFAULT_TIER_THRESHOLDS,
      migrationPlan: { start: '2027-01-01', end: '2027-03-01' },
      fetchedAt: null,
    });
    // A month without the day ends on its last.
    expect(defaultBusinessSettings(new Date('2026-12-31T12:00:00Z')).migrationPlan).toEqual({ start: '2026-12-31', end: '2027-02-28' });
  });

  it('fetches with the access token, keeps the answer, and fetches again only when it is over 10 minutes old', async () => {
    const { sqlite } = cache();
    let now = new Date('2026-11-21T12:00:00Z');
    const reported: unknown[] = [];
    const refresher = new SettingsRefresher(sqlite, () => now, (error) => reported.push(error));
    expect(await refresher.refresh({ baseUrl, accessToken: 'tok-1' })).toBe(true);
    expect(requests).toEqual([{ path: '/v1/sync/settings', authorization: 'Bearer tok-1' }]);
    expect(readBusinessSettings(sqlite, now)).toEqual({ ...SETTINGS, fetchedAt: '2026-11-21T12:00:00.000Z' });

    now = new Date('2026-11-21T12:10:00Z');
    expect(await refresher.refresh({ baseUrl, accessToken: 'tok-1' })).toBe(false);
    expect(requests).toHaveLength(1);

    // Over 10 minutes: fetched again; the same settings are no change, but the time moves on.
    now = new Date('2026-11-21T12:10:01Z');
    expect(await refresher.refresh({ baseUrl, accessToken: 'tok-2' })).toBe(false);
    expect(requests).toHaveLength(2);
    expect(readBusinessSettings(sqlite, now).fetchedAt).toBe('2026-11-21T12:10:01.000Z');

    now = new Date('2026-11-21T12:30:00Z');
    answer = { status: 200, body: JSON.stringify({ ...SETTINGS, migrationPlan: { start: '2026-11-01', end: '2027-01-31' } }) };
    expect(await refresher.refresh({ baseUrl, accessToken: 'tok-2' })).toBe(true);
    expect(readBusinessSettings(sqlite, now).migrationPlan).toEqual({ start: '2026-11-01', end: '2027-01-31' });
    expect(reported).toEqual([]);
  });

  it.each([
    ['a refused request', { status: 500, body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Oi.' } }) }],
    ['a route the service lacks', { status: 404, body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such route.' } }) }],
    ['an answer that is not JSON', { status: 200, body: '<html>' }],
    ['settings the schema refuses', { status: 200, body: JSON.stringify({ ...SETTINGS, migrationPlan: { start: '2026-12-15', end: '2026-10-15' } }) }],
    ['an answer with fields the schema does not know', { status: 200, body: JSON.stringify({ ...SETTINGS, extra: 1 }) }],
  ])('keeps the last good settings on %s, reports it, and tries again a minute later', async (_name, bad) => {
    const { sqlite } = cache();
    let now = new Date('2026-11-21T12:00:00Z');
    const reported: unknown[] = [];
    const refresher = new SettingsRefresher(sqlite, () => now, (error) => reported.push(error));
    await refresher.refresh({ baseUrl, accessToken: 't' });
    answer = bad;
    now = new Date('2026-11-21T12:20:00Z');
    expect(await refresher.refresh({ baseUrl, accessToken: 't' })).toBe(false);
    expect(reported).toHaveLength(1);
    expect(readBusinessSettings(sqlite, now)).toEqual({ ...SETTINGS, fetchedAt: '2026-11-21T12:00:00.000Z' });
    now = new Date('2026-11-21T12:20:30Z');
    await refresher.refresh({ baseUrl, accessToken: 't' });
    expect(requests).toHaveLength(2);
    now = new Date('2026-11-21T12:21:01Z');
    answer = { status: 200, body: JSON.stringify(SETTINGS) };
    await refresher.refresh({ baseUrl, accessToken: 't' });
    expect(requests).toHaveLength(3);
    expect(readBusinessSettings(sqlite, now).fetchedAt).toBe('2026-11-21T12:21:01.000Z');
  });

  it('keeps the defaults when the very first fetch fails, and reads a damaged kept value as none', async () => {
    const { sqlite } = cache();
    const now = new Date('2026-11-21T12:00:00Z');
    answer = { status: 503, body: '{}' };
    await new SettingsRefresher(sqlite, () => now, () => undefined).refresh({ baseUrl, accessToken: 't' });
    expect(readBusinessSettings(sqlite, now)).toEqual({ ...defaultBusinessSettings(now), fetchedAt: null });
    sqlite.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?), (?, ?)').run(SETTINGS_KEY, '{"tierThresholds":1}', SETTINGS_FETCHED_AT_KEY, now.toISOString());
    expect(readBusinessSettings(sqlite, now).fetchedAt).toBeNull();
  });

  it('is fetched by the sync engine after a pull, and a change is announced as a change of customers', async () => {
    const { sqlite } = cache();
    let now = new Date('2026-11-21T12:00:00Z');
    const changes: SyncTableName[][] = [];
    const engine: SyncEngine = startSyncEngine({
      sqlite,
      baseUrl,
      clientId: '00000000-0000-4000-8000-000000000001',
      accessToken: () => Promise.resolve('engine-token'),
      outbox: { stats: () => ({ queueDepth: 0, oldestPendingAt: null, needsAttention: 0 }), rebase: () => undefined, acknowledge: () => [], push: () => Promise.resolve([]) },
      onStatus: () => undefined,
      onTablesChanged: (tables) => changes.push(tables),
      pullEveryMs: 0,
      pokes: false,
      now: () => now,
    });
    try {
      await engine.syncNow();
      // The engine's first cycle (at its start): the pull, then the settings; later cycles pull only.
      expect(requests.map((request) => request.path.split('?')[0]).slice(0, 2)).toEqual(['/v1/sync/pull', '/v1/sync/settings']);
      expect(requests.find((request) => request.path === '/v1/sync/settings')?.authorization).toBe('Bearer engine-token');
      expect(readBusinessSettings(sqlite, now)).toMatchObject({ ...SETTINGS, fetchedAt: now.toISOString() });
      changes.length = 0;
      // Nothing new and the settings fresh: no fetch, no change.
      await engine.syncNow();
      expect(requests.filter((request) => request.path === '/v1/sync/settings')).toHaveLength(1);
      expect(changes).toEqual([]);
      now = new Date('2026-11-21T12:11:00Z');
      answer = { status: 200, body: JSON.stringify({ ...SETTINGS, tierThresholds: DEFAULT_TIER_THRESHOLDS }) };
      await engine.syncNow();
      expect(changes).toEqual([['customers']]);
      // A failing fetch does not fail the cycle.
      now = new Date('2026-11-21T12:22:00Z');
      answer = { status: 500, body: '{}' };
      const status = await engine.syncNow();
      expect(status).toMatchObject({ online: true, lastError: null });
      expect(readBusinessSettings(sqlite, now).tierThresholds).toEqual(DEFAULT_TIER_THRESHOLDS);
    } finally {
      await engine.close();
    }
  });
});
