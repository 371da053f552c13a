import { describe, expect, it } from 'vitest';
import type { CoreStatus } from '../../electron/shared/ipc/contract';
import { bridgeErrorCodes } from '../../electron/shared/ipc/result';
import {
  coreStateKey,
  coreTone,
  errorKey,
  problemKey,
  serverKey,
  serverTone,
  shownConnection,
  type CoreStatusState,
} from '../../src/app/statusText';

function status(state: CoreStatus['state'], server: Partial<CoreStatus['server']> = {}): CoreStatus {
  return {
    state,
    startedAt: '2026-05-04T08:00:00.000Z',
    server: { url: 'http://127.0.0.1:8787', reachable: true, version: '0.1.0', db: 'pglite', checkedAt: '2026-05-04T08:00:01.000Z', ...server },
  };
}

const loading: CoreStatusState = { info: null, status: null, error: null, connection: 'connecting' };
const ready: CoreStatusState = { ...loading, status: status('ready'), connection: 'open' };
const failed: CoreStatusState = { ...ready, error: { code: 'BRIDGE_DISCONNECTED', message: 'lost' } };
// The socket dropped after a good answer: the status it holds is stale.
const dropped: CoreStatusState = { ...ready, connection: 'closed' };
const abandoned: CoreStatusState = { ...ready, connection: 'failed' };

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

  it('says "no connection" while the socket is down, even with a good status held', () => {
    expect([coreStateKey(dropped), coreTone(dropped)]).toEqual(['status.coreError', 'error']);
    expect([coreStateKey(abandoned), coreTone(abandoned)]).toEqual(['status.coreError', 'error']);
    const neverOpened: CoreStatusState = { ...loading, connection: 'closed' };
    expect([coreStateKey(neverOpened), coreTone(neverOpened)]).toEqual(['status.coreError', 'error']);
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

  it('does not repeat a stale "connected" while the socket is down', () => {
    for (const state of [dropped, abandoned]) {
      expect([serverKey(state), serverTone(state)]).toEqual(['status.serverUnknown', 'pending']);
    }
  });
});

describe('errorKey', () => {
  it('explains known bridge failures and falls back for the rest', () => {
    expect(errorKey({ code: 'NO_BRIDGE', message: '' })).toBe('status.errors.noBridge');
    expect(errorKey({ code: 'BRIDGE_DISCONNECTED', message: '' })).toBe('status.errors.disconnected');
    expect(errorKey({ code: 'INTERNAL', message: '' })).toBe('status.errors.generic');
  });
});

describe('problemKey', () => {
  it('is null while all is well, or still loading', () => {
    expect(problemKey(ready)).toBeNull();
    expect(problemKey(loading)).toBeNull();
  });

  it('names a lost connection, and one the bridge gave up on', () => {
    expect(problemKey(dropped)).toBe('status.errors.disconnected');
    expect(problemKey(abandoned)).toBe('status.errors.failed');
    // The call that noticed the loss first does not hide that the bridge has given up.
    expect(problemKey({ ...abandoned, error: { code: bridgeErrorCodes.disconnected, message: '' } })).toBe('status.errors.failed');
  });

  it('prefers the missing secret, which has no bridge at all, over its failed state', () => {
    const noBridge: CoreStatusState = { ...loading, connection: 'failed', error: { code: bridgeErrorCodes.noBridge, message: '' } };
    expect(problemKey(noBridge)).toBe('status.errors.noBridge');
  });

  it('falls back to the call error on an open connection', () => {
    expect(problemKey({ ...ready, error: { code: 'INTERNAL', message: '' } })).toBe('status.errors.generic');
    expect(problemKey(failed)).toBe('status.errors.disconnected');
  });
});

describe('shownConnection', () => {
  it('keeps "closed" through reconnect attempts until the socket opens', () => {
    expect(shownConnection('closed', 'connecting')).toBe('closed');
    expect(shownConnection('closed', 'open')).toBe('open');
    expect(shownConnection('closed', 'failed')).toBe('failed');
  });

  it('passes every other change through', () => {
    expect(shownConnection('connecting', 'open')).toBe('open');
    expect(shownConnection('connecting', 'closed')).toBe('closed');
    expect(shownConnection('open', 'closed')).toBe('closed');
    expect(shownConnection('failed', 'connecting')).toBe('connecting');
  });
});
