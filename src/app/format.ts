import { normalizeOrgNumber } from '../../electron/shared/domain/orgNumber';

/**
 * Display formatting for money, dates and org numbers. Values travel as integer øre and ISO
 * UTC strings and are formatted only here, at the edge, always in Norwegian conventions and
 * Oslo time: the business and its documents are Norwegian whatever the UI language.
 */

const osloTimeZone = 'Europe/Oslo';

const nokFormat = new Intl.NumberFormat('nb-NO', { style: 'currency', currency: 'NOK' });

const osloParts = new Intl.DateTimeFormat('nb-NO', {
  timeZone: osloTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** NOK for an amount in integer øre, as nb-NO writes it: 123456 → "1 234,56 kr" (NBSP separators). */
export function formatNok(ore: number): string {
  if (!Number.isSafeInteger(ore)) {
    throw new RangeError(`formatNok expects a whole number of øre, got ${String(ore)}`);
  }
  // Formatting a decimal string keeps every øre exact, even where ore / 100 is not a binary float.
  const abs = Math.abs(ore);
  const sign = ore < 0 ? '-' : '';
  const decimal = `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return nokFormat.format(decimal as Intl.StringNumericLiteral);
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
// A time without an offset would be read in the machine's zone, so it is refused rather than guessed.
const dateTimeWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

interface OsloParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

function toOsloParts(iso: string): OsloParts {
  const date = dateTimeWithZone.test(iso) ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new RangeError(`Expected an ISO 8601 date-time with Z or an offset, got "${iso}"`);
  }
  const parts: Record<string, string> = {};
  for (const part of osloParts.formatToParts(date)) parts[part.type] = part.value;
  const { day, month, year, hour, minute } = parts;
  if (!day || !month || !year || !hour || !minute) throw new RangeError(`Cannot format "${iso}"`);
  return { day, month, year, hour, minute };
}

/**
 * "dd.mm.yyyy" for an ISO instant, in Oslo time (2026-03-31T23:30:00Z → "01.04.2026").
 * A plain calendar date ("2026-04-01") is shown as that date, with no time-zone shift.
 */
export function formatDate(iso: string): string {
  const plain = dateOnly.exec(iso);
  if (plain) {
    const [, year, month, day] = plain;
    const check = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.getUTCDate() !== Number(day)) {
      throw new RangeError(`Not a calendar date: "${iso}"`);
    }
    return `${day}.${month}.${year}`;
  }
  const p = toOsloParts(iso);
  return `${p.day}.${p.month}.${p.year}`;
}

/** "dd.mm.yyyy HH:mm" (24-hour) for an ISO instant, in Oslo time. */
export function formatDateTime(iso: string): string {
  const p = toOsloParts(iso);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

/**
 * "923 609 016" for an org number in any accepted input form. Anything that is not nine digits
 * is returned trimmed and unchanged, so a bad legacy record still shows instead of crashing a
 * screen; validity is `isValidOrgNumber`'s business, not the formatter's.
 */
export function formatOrgNumber(value: string): string {
  const digits = normalizeOrgNumber(value);
  if (digits === null) return value.trim();
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

const countFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });

/** A whole count as nb-NO writes it: 12345 → "12 345" (NBSP separator). */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

const percentFormat = new Intl.NumberFormat('nb-NO', { style: 'percent', maximumFractionDigits: 2 });

/** A discount in basis points as nb-NO writes a percentage: 1250 → "12,5 %" (NBSP before the sign). */
export function formatPercentBp(bp: number): string {
  if (!Number.isSafeInteger(bp)) throw new RangeError(`formatPercentBp expects whole basis points, got ${String(bp)}`);
  return percentFormat.format(bp / 10_000);
}

/** "dd.mm" for a calendar date ("2026-11-21" → "21.11"), e.g. under a chart's day bars. */
export function formatDayMonth(isoDate: string): string {
  return formatDate(isoDate).slice(0, 5);
}
