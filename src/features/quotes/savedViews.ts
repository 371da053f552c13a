import { z } from 'zod';
import { quoteQueueFilterSchema, type QuoteQueueFilter } from '../../../electron/shared/ipc/quotes';
import { readKey, writeKey, type KeyValueStore } from '../../app/storage';
import { defaultQueueFilter } from './quoteModel';

/** One sorted column of the queue, as AG Grid's column state names it. */
export interface QueueSort {
  colId: string;
  sort: 'asc' | 'desc';
}

/** What the queue shows: the filter sent to the core and the grid's sort. */
export interface QueueViewState {
  filter: QuoteQueueFilter;
  sort: QueueSort[];
}

/** A named queue view a staff member saved. */
export interface SavedQueueView extends QueueViewState {
  name: string;
}

/** The longest view name. */
export const SAVED_VIEW_NAME_MAX = 60;

/** localStorage key of the saved views. */
export const savedViewsKey = 'lysdesk.quotes.views';
/** localStorage key of the view in use, so a restart comes back to it. */
export const currentViewKey = 'lysdesk.quotes.current';

/** The queue's default order: soonest due first. */
export const defaultQueueSort: QueueSort[] = [{ colId: 'sla', sort: 'asc' }];

/** The view of a first start. */
export const defaultQueueView: QueueViewState = { filter: defaultQueueFilter, sort: defaultQueueSort };

const sortSchema = z.strictObject({ colId: z.string().min(1).max(100), sort: z.enum(['asc', 'desc']) });
const viewStateSchema = z.strictObject({ filter: quoteQueueFilterSchema, sort: z.array(sortSchema).max(20) });
const savedViewSchema = viewStateSchema.extend({ name: z.string().trim().min(1).max(SAVED_VIEW_NAME_MAX) });

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The saved views, in name order; a corrupt or stale entry is skipped rather than breaking the queue. */
export function readSavedViews(store: KeyValueStore | null): SavedQueueView[] {
  const raw = parseJson(readKey(store, savedViewsKey));
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = savedViewSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

function writeSavedViews(store: KeyValueStore | null, views: readonly SavedQueueView[]): void {
  writeKey(store, savedViewsKey, JSON.stringify(views));
}

/** Saves `state` under `name` (replacing a view of the same name, case-insensitively); returns the new list. */
export function saveView(store: KeyValueStore | null, name: string, state: QueueViewState): SavedQueueView[] {
  const view = savedViewSchema.parse({ name, filter: state.filter, sort: state.sort });
  const others = readSavedViews(store).filter((existing) => existing.name.toLocaleLowerCase('nb') !== view.name.toLocaleLowerCase('nb'));
  const views = [...others, view].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  writeSavedViews(store, views);
  return views;
}

/** Deletes the view called `name`; returns the new list. */
export function deleteView(store: KeyValueStore | null, name: string): SavedQueueView[] {
  const views = readSavedViews(store).filter((view) => view.name !== name);
  writeSavedViews(store, views);
  return views;
}

/** The view in use at the last visit, or the default one. */
export function readCurrentView(store: KeyValueStore | null): QueueViewState {
  const parsed = viewStateSchema.safeParse(parseJson(readKey(store, currentViewKey)));
  return parsed.success ? parsed.data : defaultQueueView;
}

/** Remembers the view in use. */
export function writeCurrentView(store: KeyValueStore | null, state: QueueViewState): void {
  writeKey(store, currentViewKey, JSON.stringify(state));
}

/** True when two views show the same thing (to mark the saved view that is in use). */
export function sameView(a: QueueViewState, b: QueueViewState): boolean {
  const statuses = (filter: QuoteQueueFilter) => [...filter.statuses].sort().join(',');
  return (
    a.filter.scope === b.filter.scope &&
    a.filter.branchId === b.filter.branchId &&
    a.filter.breachedOnly === b.filter.breachedOnly &&
    statuses(a.filter) === statuses(b.filter) &&
    JSON.stringify(a.sort) === JSON.stringify(b.sort)
  );
}
