import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../../../electron/core/cache/open';
import { addDays, osloDate, osloDayStart } from '../../../../electron/core/queries/osloDays';
import { median, readQuoteDashboard } from '../../../../electron/core/queries/quoteDashboard';
import { quoteDashboardSchema } from '../../../../electron/shared/ipc/quotes';
import { useTempFiles } from '../cache/cacheFixture';
import { insert, peopleCache, quoteRow } from './quotesFixture';

// The quote card's figures in the week Norway leaves summer time (Sunday 25 October 2026, 03:00
// CEST becomes 02:00 CET, so that day is 25 hours long), with times in mixed ISO spellings.

describe('Oslo calendar days', () => {
  it('start at Oslo midnight, summer and winter, and are 23 or 25 hours when the clocks change', () => {
    expect(new Date(osloDayStart('2026-10-25')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(new Date(osloDayStart('2026-10-26')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(new Date(osloDayStart('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(osloDayStart('2026-03-30')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(osloDayStart('2027-01-01')).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    const hours = (date: string): number => (osloDayStart(addDays(date, 1)) - osloDayStart(date)) / 3_600_000;
    expect([hours('2026-10-24'), hours('2026-10-25'), hours('2026-03-29'), hours('2026-07-01')]).toEqual([24, 25, 23, 24]);
  });

  it('name the Oslo date of an instant, not the UTC one', () => {
    expect(osloDate(new Date('2026-10-24T22:10:00Z'))).toBe('2026-10-25'); // 00:10 CEST
    expect(osloDate(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25'); // 23:30 CET
    expect(osloDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('take the median of an odd and an even count, and none of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });
});

describe('the quote dashboard', () => {
  const temp = useTempFiles();
  let cache: Cache;
  // Wednesday 28 October, 11:00 in Oslo (CET).
  const now = new Date('2026-10-28T10:00:00.000Z');

  beforeEach(() => {
    cache = peopleCache(temp.file());
  });
  afterEach(async () => {
    await cache.close();
  });

  /** An answered quote requested at `requested` and answered at `answered`. */
  function answered(id: string, requested: string, answeredAt: string): void {
    const due = new Date(Date.parse(requested) + 24 * 3_600_000).toISOString();
    insert(cache.sqlite, 'quotes', quoteRow(id, { status: 'answered', requested_at: requested, due_at: due, answered_at: answeredAt }));
  }

  it('buckets answers by Oslo day over the last seven days, oldest first, with the median per day and over 7 × 24 h', () => {
    // 23:30 CET on the 25th (a fixed +2 h would put it on the 26th): 120 min.
    answered('a', '2026-10-25T20:30:00Z', '2026-10-25T22:30:00+00:00');
    // 00:10 CEST on the 25th (a fixed +1 h would put it on the 24th): 30 min.
    answered('b', '2026-10-24T21:40:00.000Z', '2026-10-24T22:10:00.000Z');
    // 00:30 CEST on the 22nd, the first day shown: 600 min.
    answered('c', '2026-10-21T12:30:00Z', '2026-10-21T22:30:00Z');
    // 23:30 CEST on the 21st: before the first day, but within 7 × 24 h of now: 30 min.
    answered('d', '2026-10-21T21:00:00Z', '2026-10-21T21:30:00Z');
    // Before 7 × 24 h (21 Oct 10:00 UTC): in neither.
    answered('e', '2026-10-21T08:00:00Z', '2026-10-21T09:00:00Z');
    // Today, 10:00 CET, written with its offset: 1440 min.
    answered('f', '2026-10-27T09:00:00.000Z', '2026-10-28T10:00:00+01:00');
    // Exactly today's Oslo midnight: today, 60 min.
    answered('g', '2026-10-27T22:00:00Z', '2026-10-27T23:00:00+00:00');
    // A millisecond before it: yesterday, 30 min.
    answered('h', '2026-10-27T22:29:59.999Z', '2026-10-27T22:59:59.999Z');
    // Not answered: no answer time.
    insert(cache.sqlite, 'quotes', quoteRow('open', { due_at: '2026-10-28T20:00:00Z' }));

    const dashboard = readQuoteDashboard(cache.sqlite, now);
    expect(quoteDashboardSchema.safeParse(dashboard).success).toBe(true);
    expect(dashboard.days).toEqual([
      { date: '2026-10-22', answered: 1, medianAnswerMinutes: 600 },
      { date: '2026-10-23', answered: 0, medianAnswerMinutes: null },
      { date: '2026-10-24', answered: 0, medianAnswerMinutes: null },
      { date: '2026-10-25', answered: 2, medianAnswerMinutes: 75 },
      { date: '2026-10-26', answered: 0, medianAnswerMinutes: null },
      { date: '2026-10-27', answered: 1, medianAnswerMinutes: 30 },
      { date: '2026-10-28', answered: 2, medianAnswerMinutes: 750 },
    ]);
    // a 120, b 30, c 600, d 30, f 1440, g 60, h 30 → 30 30 30 60 120 600 1440.
    expect(dashboard.medianAnswerMinutes7d).toBe(60);
    expect(dashboard.asOf).toBe(now.toISOString());
  });

  it('has no medians in a week without answers', () => {
    const dashboard = readQuoteDashboard(cache.sqlite, now);
    expect(dashboard.medianAnswerMinutes7d).toBeNull();
    expect(dashboard.days.map((day) => day.date)).toEqual(['2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28']);
    expect(dashboard.days.every((day) => day.answered === 0 && day.medianAnswerMinutes === null)).toBe(true);
    expect(dashboard).toMatchObject({ openRequests: 0, dueWithin4h: 0, breachedToday: 0 });
  });

  it('counts open requests, those due within 4 hours, and today’s breaches (Oslo day, not answered by the due time)', () => {
    const rows = [
      quoteRow('x1', { due_at: '2026-10-28T08:00:00Z' }), // breached today
      quoteRow('x2', { status: 'answered', due_at: '2026-10-28T07:00:00Z', answered_at: '2026-10-28T07:30:00Z' }), // answered late: breached
      quoteRow('x3', { status: 'answered', due_at: '2026-10-28T06:00:00Z', answered_at: '2026-10-28T05:00:00Z' }), // answered in time
      quoteRow('x3b', { status: 'answered', due_at: '2026-10-28T06:30:00Z', answered_at: '2026-10-28T07:30:00+01:00' }), // exactly at the due time: in time
      quoteRow('x4', { status: 'in_progress', assignee_id: 's-kari', due_at: '2026-10-27T22:30:00Z' }), // 23:30 yesterday in Oslo
      quoteRow('x5', { status: 'revision_requested', due_at: '2026-10-27T23:30:00Z' }), // 00:30 today in Oslo, though yesterday in UTC
      quoteRow('x6', { due_at: '2026-10-28T10:00:00+00:00' }), // due exactly now: not breached, due within 4 h
      quoteRow('x7', { status: 'in_progress', assignee_id: 's-ola', due_at: '2026-10-28T12:00:00Z' }), // due within 4 h
      quoteRow('x8', { status: 'declined', due_at: '2026-10-28T09:00:00Z', decline_reason: 'Nei' }), // declined, never answered: decided, not breached
      quoteRow('x9', { due_at: '2026-10-28T14:00:00.000Z' }), // exactly 4 h: not within
      quoteRow('x10', { status: 'answered', due_at: '2026-10-28T11:00:00Z', answered_at: '2026-10-28T09:00:00Z' }), // answered: not open
      quoteRow('x11', { due_at: '2026-10-28T15:00:00+05:00' }), // 10:00 UTC too
    ];
    for (const row of rows) insert(cache.sqlite, 'quotes', row);
    // Waiting: x1 x4 x5 x6 x7 x9 x11. Within 4 h: x6 x7 x11. Breached today: x1 x2 x5 x8.
    expect(readQuoteDashboard(cache.sqlite, now)).toMatchObject({ openRequests: 7, dueWithin4h: 3, breachedToday: 3 });
  });
});
