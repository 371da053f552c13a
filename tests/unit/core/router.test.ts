import { describe, expect, it } from 'vitest';
import { CoreError, createRouter, type HandlerMap } from '../../../electron/core/router';

const status = {
  state: 'ready' as const,
  startedAt: '2026-11-21T08:00:00.000Z',
  server: { url: 'http://127.0.0.1:1', reachable: false, version: null, db: null, checkedAt: null },
};

const syncStatus = {
  online: true,
  activity: 'idle' as const,
  snapshot: null,
  hasData: false,
  lastSyncAt: null,
  queueDepth: 0,
  oldestPendingAt: null,
  needsAttention: 0,
  lastError: null,
};

function handlers(overrides: Partial<HandlerMap> = {}): HandlerMap {
  return {
    'app.getInfo': () => ({ name: 'Lysdesk', version: '1.2.3', runtime: 'browser-host' }),
    'core.getStatus': () => status,
    'auth.getState': () => ({ staff: null, offline: false, demoLogins: [], canRemember: true }),
    'auth.login': () => ({ staff: null, offline: false, demoLogins: [], canRemember: true }),
    'auth.logout': () => ({ staff: null, offline: false, demoLogins: [], canRemember: true }),
    'sync.getStatus': () => syncStatus,
    'sync.syncNow': () => syncStatus,
    'sync.listNeedsAttention': () => [],
    'sync.dismissNeedsAttention': () => ({ dismissed: false }),
    'mutation.submit': () => ({ seq: 1 }),
    'home.getSummary': () => null,
    'quotes.queue': () => null,
    'quotes.get': () => null,
    'quotes.getDashboard': () => null,
    'quotes.listAssignees': () => [],
    'customers.search': () => null,
    'customers.get': () => null,
    'customers.tierSuggestions': () => null,
    'migration.overview': () => null,
    'migration.customers': () => null,
    'settings.get': () => ({
      tierThresholds: { gold: { minOrders: 12, minValueOre: 25_000_000 }, platinum: { minOrders: 36, minValueOre: 100_000_000 } },
      migrationPlan: { start: '2026-11-01', end: '2027-01-01' },
      fetchedAt: null,
    }),
    'mutation.submitMany': () => ({ results: [] }),
    ...overrides,
  };
}

describe('createRouter', () => {
  it('answers a known call with ok and the handler value', async () => {
    const router = createRouter(handlers());
    expect(await router.dispatch('app.getInfo', {})).toEqual({ ok: true, value: { name: 'Lysdesk', version: '1.2.3', runtime: 'browser-host' } });
  });

  it.each([['nope'], ['__proto__'], ['constructor'], [42], [null], [undefined]])('refuses unknown channel %s with UNKNOWN_CHANNEL', async (channel) => {
    const result = await createRouter(handlers()).dispatch(channel, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it.each([[{ extra: 1 }], [null], ['text'], [[]], [undefined]])('refuses bad input %j with INVALID_INPUT and never calls the handler', async (input) => {
    let called = false;
    const router = createRouter(handlers({ 'app.getInfo': () => ((called = true), { name: 'x', version: '1', runtime: 'electron' }) }));
    const result = await router.dispatch('app.getInfo', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(called).toBe(false);
  });

  it('passes a CoreError code and message through unchanged', async () => {
    const router = createRouter(handlers({ 'core.getStatus': () => { throw new CoreError('OFFLINE', 'Ingen nettverk.'); } }));
    expect(await router.dispatch('core.getStatus', {})).toEqual({ ok: false, error: { code: 'OFFLINE', message: 'Ingen nettverk.' } });
  });

  it('turns an unexpected throw into INTERNAL without leaking the message, and reports it', async () => {
    const reported: string[] = [];
    const router = createRouter(
      handlers({ 'core.getStatus': async () => { throw new Error('secret stack detail'); } }),
      (channel) => reported.push(channel),
    );
    const result = await router.dispatch('core.getStatus', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret stack detail');
    expect(reported).toEqual(['core.getStatus']);
  });

  it('refuses a handler answer that breaks the contract with INVALID_OUTPUT', async () => {
    const bad = (() => ({ name: 'x', version: 1, runtime: 'electron' })) as unknown as HandlerMap['app.getInfo'];
    const result = await createRouter(handlers({ 'app.getInfo': bad })).dispatch('app.getInfo', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_OUTPUT' } });
  });
});

describe('HandlerMap', () => {
  it('does not compile without a handler for every call (checked by typecheck:node)', () => {
    // @ts-expect-error: 'core.getStatus' is missing; if this ever compiles, typecheck fails here.
    const incomplete: HandlerMap = { 'app.getInfo': () => ({ name: 'x', version: '1', runtime: 'electron' }) };
    // @ts-expect-error: a misnamed handler is refused too.
    const misnamed: HandlerMap = { ...handlers(), 'app.getInfoo': () => null };
    expect(Object.keys(incomplete)).toEqual(['app.getInfo']);
    expect(Object.keys(misnamed)).toContain('app.getInfoo');
  });
});
