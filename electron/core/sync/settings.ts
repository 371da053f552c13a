import type BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_TIER_THRESHOLDS } from '../../shared/domain/loyalty';
import { businessSettingsSchema, type BusinessSettings } from '../../shared/protocol/settings';
import { addMonths, osloDate } from '../queries/osloDays';
import { requestJson } from './http';

// The business settings (tier thresholds, the migration plan) as the service configures them
// (`GET /v1/sync/settings`), kept in the cache's sync_state so the figures they feed work
// offline. Fetched after a pull when none is kept or the kept answer is over 10 minutes old; a
// failed or malformed answer keeps what was there (the defaults before any answer).

/** sync_state key of the last good answer (JSON) … */
export const SETTINGS_KEY = 'business_settings';
/** … and of when it was fetched (ISO). */
export const SETTINGS_FETCHED_AT_KEY = 'business_settings_fetched_at';
/** A kept answer older than this is fetched again after the next pull. */
export const SETTINGS_MAX_AGE_MS = 10 * 60_000;
/** After a failed fetch, the next try waits at least this long (a pull may come every second). */
export const SETTINGS_RETRY_MS = 60_000;

/** The settings in force, and when the service gave them (null: the defaults). */
export type SettingsInForce = BusinessSettings & { fetchedAt: string | null };

/** The settings before the service has answered: default thresholds, a plan of two months from today (Oslo). */
export function defaultBusinessSettings(now: Date): BusinessSettings {
  const start = osloDate(now);
  return { tierThresholds: DEFAULT_TIER_THRESHOLDS, migrationPlan: { start, end: addMonths(start, 2) } };
}

/** The kept settings, else the defaults. A kept value that no longer passes the schema counts as none. */
export function readBusinessSettings(sqlite: BetterSqlite3.Database, now: Date): SettingsInForce {
  const read = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const text = read.get(SETTINGS_KEY) as string | undefined;
  const fetchedAt = (read.get(SETTINGS_FETCHED_AT_KEY) as string | undefined) ?? null;
  if (text !== undefined && fetchedAt !== null) {
    const parsed = businessSettingsSchema.safeParse(parseJson(text));
    if (parsed.success) return { ...parsed.data, fetchedAt };
  }
  return { ...defaultBusinessSettings(now), fetchedAt: null };
}

/** What a settings refresh needs of the engine. */
export interface SettingsTarget {
  baseUrl: string;
  accessToken: string;
}

/** Fetches the settings when they are due; keeps the last good answer. */
export class SettingsRefresher {
  private lastFailureAt = -Infinity;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly now: () => Date,
    private readonly report: (error: unknown) => void,
  ) {}

  /**
   * After a successful pull: fetches and keeps the settings if due. Resolves true when the
   * settings in force changed. Never rejects: a failure is reported and the kept value stays.
   */
  async refresh(target: SettingsTarget): Promise<boolean> {
    const at = this.now().getTime();
    if (!this.due(at)) return false;
    try {
      const answer = await requestJson({
        baseUrl: target.baseUrl,
        method: 'GET',
        path: '/v1/sync/settings',
        headers: { authorization: `Bearer ${target.accessToken}` },
        timeoutMs: 10_000,
      });
      const settings = businessSettingsSchema.parse(answer);
      const text = JSON.stringify(settings);
      const before = this.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(SETTINGS_KEY) as string | undefined;
      const write = this.sqlite.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)');
      this.sqlite.transaction(() => {
        write.run(SETTINGS_KEY, text);
        write.run(SETTINGS_FETCHED_AT_KEY, new Date(at).toISOString());
      })();
      this.lastFailureAt = -Infinity;
      // The first answer replaces the defaults: a change even when it equals them.
      return before !== text;
    } catch (error) {
      this.lastFailureAt = at;
      this.report(error);
      return false;
    }
  }

  private due(at: number): boolean {
    if (at - this.lastFailureAt < SETTINGS_RETRY_MS) return false;
    const fetchedAt = this.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(SETTINGS_FETCHED_AT_KEY) as string | undefined;
    const fetched = fetchedAt === undefined ? Number.NaN : Date.parse(fetchedAt);
    // A fetch time in the future (the clock was turned back) counts as old.
    return Number.isNaN(fetched) || at - fetched > SETTINGS_MAX_AGE_MS || fetched > at;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
