// Calendar days as staff in Norway live them (Europe/Oslo), computed with Intl so summer time
// is right whatever the zone of the machine: a day is 23 or 25 hours when the clocks change.

const OSLO = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of OSLO.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

// How far Oslo's wall clock is ahead of UTC at `at` (ms): +1 h in winter, +2 h in summer.
function offsetAt(at: number): number {
  const wall = wallClock(at);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(at / 1000) * 1000;
}

// The calendar dates themselves are the shared ones the quote rules and the shop use.
export { addDays, osloDate } from '../../shared/domain/calendar';

/**
 * The instant (ms) Oslo's `date` begins: UTC midnight of that date less Oslo's offset then. Oslo
 * midnight is 1 or 2 hours before UTC midnight and the clocks change at 01:00 UTC, so the offset
 * at UTC midnight is the one in force at Oslo midnight too.
 */
export function osloDayStart(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1);
  return wall - offsetAt(wall);
}

/**
 * `date` (`YYYY-MM-DD`) plus `months` (negative: back), the same day of the month; a day the
 * month does not have becomes its last (2026-12-31 + 2 months = 2027-02-28), as the service
 * counts the migration plan's default end.
 */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}
