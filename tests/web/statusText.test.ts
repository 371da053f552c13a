import { describe, expect, it } from 'vitest';
import type { CoreStatus } from '../../electron/shared/ipc/contract';
import {
  coreStateKey,
  coreTone,
  errorKey,
  serverKey,
  serverTone,
  type CoreStatusState,
} from '../../src/app/statusText';

function status(state: CoreStatus['state'], server: Partial<CoreStatus['server']> = {}): CoreStatus {
  return {
    state,
    startedAt: '2026-05-04T08:00:00.000Z',
    server: { url: 'http://127.0.0.1:8787', reachable: true, version: '0.1.0', db: 'pglite', checkedAt: '2026-05-04T08:00:01.000Z', ...server },
  };
}

const loading: CoreStatusState = { info: null, status: null, error: null };
const ready: CoreStatusState = { ...loading, status: status('ready') };
const failed: CoreStatusState = { ...ready, error: { code: 'BRIDGE_DISCONNECTED', message: 'lost' } };

describe('core item', () => {
  it('follows the core state', () => {
    expect([coreStateKey(loading), coreTone(loading)]).toEqual(['status.coreLoading', 'pending']);
    expect([coreStateKey(ready), coreTone(ready)]).toEqual(['status.coreReady', 'ok']);
    const starting = { ...loading, status: status('starting') };
    expect([coreStateKey(starting), coreTone(starting)]).toEqual(['status.coreStarting', 'warning']);
  });

  it('reports a bridge error over a stale status', () => {
    expect([coreStateKey(failed), coreTone(failed)]).toEqual(['status.coreError', 'error']);
  });
});

describe('server item', () => {
  it('names the database when connected', () => {
    expect(serverKey(ready)).toBe('status.serverConnectedDb');
    expect(serverKey({ ...loading, status: status('ready', { db: null }) })).toBe('status.serverConnected');
    expect(serverTone(ready)).toBe('ok');
  });

  it('tells unreachable from not yet checked', () => {
    const down = { ...loading, status: status('ready', { reachable: false, db: null }) };
    expect([serverKey(down), serverTone(down)]).toEqual(['status.serverUnreachable', 'error']);
    const unchecked = { ...loading, status: status('starting', { reachable: false, db: null, checkedAt: null }) };
    expect([serverKey(unchecked), serverTone(unchecked)]).toEqual(['status.serverNotChecked', 'pending']);
  });

  it('is unknown while loading or when the core is unreachable', () => {
    expect(serverKey(loading)).toBe('status.serverUnknown');
    expect(serverKey(failed)).toBe('status.serverUnknown');
  });
});

describe('errorKey', () => {
  it('explains known bridge failures and falls back for the rest', () => {
    expect(errorKey({ code: 'NO_BRIDGE', message: '' })).toBe('status.errors.noBridge');
    expect(errorKey({ code: 'BRIDGE_DISCONNECTED', message: '' })).toBe('status.errors.disconnected');
    expect(errorKey({ code: 'INTERNAL', message: '' })).toBe('status.errors.generic');
  });
});
