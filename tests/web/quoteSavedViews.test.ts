import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/app/storage';
import {
  currentViewKey,
  defaultQueueView,
  deleteView,
  readCurrentView,
  readSavedViews,
  sameView,
  saveView,
  savedViewsKey,
  writeCurrentView,
  type QueueViewState,
} from '../../src/features/quotes/savedViews';

// Saved queue views survive a restart (localStorage), and bad stored data never breaks the queue.

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const breachedGold: QueueViewState = {
  filter: { scope: 'all', statuses: ['requested', 'revision_requested'], branchId: 'branch-oslo', breachedOnly: true },
  sort: [
    { colId: 'sla', sort: 'asc' },
    { colId: 'listValue', sort: 'desc' },
  ],
};

describe('saved views', () => {
  it('round-trip through the store: save, read back in a new session, apply', () => {
    const store = memoryStore();
    saveView(store, 'Brent i Oslo', breachedGold);
    // A new session reads only what is stored.
    const again = readSavedViews(memoryStore(Object.fromEntries(store.data)));
    expect(again).toEqual([{ name: 'Brent i Oslo', ...breachedGold }]);
    expect(sameView(again[0] as QueueViewState, breachedGold)).toBe(true);
  });

  it('keep names sorted, and replace a view of the same name (any case)', () => {
    const store = memoryStore();
    saveView(store, 'Mine', defaultQueueView);
    saveView(store, 'Alle åpne', { ...defaultQueueView, filter: { ...defaultQueueView.filter, scope: 'all' } });
    const views = saveView(store, 'mine', breachedGold);
    expect(views.map((view) => view.name)).toEqual(['Alle åpne', 'mine']);
    expect(views[1]?.filter.breachedOnly).toBe(true);
  });

  it('trim names and refuse an empty one', () => {
    const store = memoryStore();
    expect(saveView(store, '  Fredag  ', defaultQueueView)[0]?.name).toBe('Fredag');
    expect(() => saveView(store, '   ', defaultQueueView)).toThrow();
  });

  it('delete by name', () => {
    const store = memoryStore();
    saveView(store, 'A', defaultQueueView);
    saveView(store, 'B', breachedGold);
    expect(deleteView(store, 'A').map((view) => view.name)).toEqual(['B']);
    expect(readSavedViews(store).map((view) => view.name)).toEqual(['B']);
  });

  it('skip corrupt or stale entries instead of failing', () => {
    const store = memoryStore({
      [savedViewsKey]: JSON.stringify([{ name: 'ok', ...breachedGold }, { name: 'old', filter: { scope: 'team' }, sort: [] }, 42]),
    });
    expect(readSavedViews(store).map((view) => view.name)).toEqual(['ok']);
    expect(readSavedViews(memoryStore({ [savedViewsKey]: '{not json' }))).toEqual([]);
    expect(readSavedViews(null)).toEqual([]);
  });
});

describe('the current view', () => {
  it('defaults to my open quotes, soonest due first', () => {
    expect(readCurrentView(memoryStore())).toEqual({ filter: { scope: 'mine', statuses: [], branchId: null, breachedOnly: false }, sort: [{ colId: 'sla', sort: 'asc' }] });
  });

  it('is remembered across sessions, and a bad stored one falls back to the default', () => {
    const store = memoryStore();
    writeCurrentView(store, breachedGold);
    expect(readCurrentView(store)).toEqual(breachedGold);
    store.data.set(currentViewKey, JSON.stringify({ filter: { scope: 'mine' } }));
    expect(readCurrentView(store)).toEqual(defaultQueueView);
  });

  it('compares statuses as a set', () => {
    const reordered: QueueViewState = { ...breachedGold, filter: { ...breachedGold.filter, statuses: ['revision_requested', 'requested'] } };
    expect(sameView(reordered, breachedGold)).toBe(true);
    expect(sameView({ ...breachedGold, sort: [] }, breachedGold)).toBe(false);
  });
});
