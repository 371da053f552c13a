import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNok, formatOrgNumber } from '../../src/app/format';

// Node's ICU writes nb-NO money with NO-BREAK SPACE (U+00A0) as group separator and before
// "kr", and MINUS SIGN (U+2212) for negatives; spelled out so a changed ICU is noticed.
const nbsp = '\u00a0';
const minus = '\u2212';

describe('formatNok', () => {
  it('formats øre as kroner with nb-NO separators', () => {
    expect(formatNok(123456)).toBe(`1${nbsp}234,56${nbsp}kr`);
  });

  it('formats zero, single øre and whole kroner', () => {
    expect(formatNok(0)).toBe(`0,00${nbsp}kr`);
    expect(formatNok(1)).toBe(`0,01${nbsp}kr`);
    expect(formatNok(10)).toBe(`0,10${nbsp}kr`);
    expect(formatNok(100)).toBe(`1,00${nbsp}kr`);
  });

  it('does not show a negative zero', () => {
    expect(formatNok(-0)).toBe(`0,00${nbsp}kr`);
  });

  it('formats negative amounts with a minus sign', () => {
    expect(formatNok(-123456)).toBe(`${minus}1${nbsp}234,56${nbsp}kr`);
    expect(formatNok(-5)).toBe(`${minus}0,05${nbsp}kr`);
  });

  it('keeps every øre exact for large amounts', () => {
    expect(formatNok(1_234_567_890_12)).toBe(`1${nbsp}234${nbsp}567${nbsp}890,12${nbsp}kr`);
    // ore / 100 as a float would round this one; the formatter must not.
    expect(formatNok(Number.MAX_SAFE_INTEGER)).toBe(`90${nbsp}071${nbsp}992${nbsp}547${nbsp}409,91${nbsp}kr`);
  });

  it('rejects amounts that are not whole øre', () => {
    expect(() => formatNok(12.5)).toThrow(/whole number of øre/);
    expect(() => formatNok(Number.NaN)).toThrow(RangeError);
    expect(() => formatNok(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatNok(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it('shows the Oslo calendar date of a UTC instant', () => {
    expect(formatDate('2026-03-31T23:30:00Z')).toBe('01.04.2026');
    expect(formatDate('2026-03-31T21:59:59Z')).toBe('31.03.2026');
  });

  it('crosses midnight at 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(formatDate('2026-01-15T22:59:00Z')).toBe('15.01.2026');
    expect(formatDate('2026-01-15T23:00:00Z')).toBe('16.01.2026');
    expect(formatDate('2026-07-15T21:59:00Z')).toBe('15.07.2026');
    expect(formatDate('2026-07-15T22:00:00Z')).toBe('16.07.2026');
  });

  it('handles the new year in Oslo before UTC', () => {
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('01.01.2027');
  });

  it('honours an explicit offset', () => {
    expect(formatDate('2026-04-01T00:30:00+02:00')).toBe('01.04.2026');
    expect(formatDate('2026-03-31T20:00:00-05:00')).toBe('01.04.2026');
  });

  it('shows a plain calendar date unshifted', () => {
    expect(formatDate('2026-04-01')).toBe('01.04.2026');
    expect(formatDate('2024-02-29')).toBe('29.02.2024');
  });

  it('rejects impossible dates and times without a zone', () => {
    expect(() => formatDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatDate('2026-13-01')).toThrow(RangeError);
    expect(() => formatDate('2026-04-01T10:00:00')).toThrow(/offset/);
    expect(() => formatDate('01.04.2026')).toThrow(RangeError);
    expect(() => formatDate('')).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows Oslo wall-clock time, 24-hour', () => {
    expect(formatDateTime('2026-03-31T23:30:00Z')).toBe('01.04.2026 01:30');
    expect(formatDateTime('2026-01-15T12:05:00Z')).toBe('15.01.2026 13:05');
    expect(formatDateTime('2026-06-30T22:00:00.000Z')).toBe('01.07.2026 00:00');
  });

  it('jumps from 02:00 to 03:00 when summer time starts (29 March 2026)', () => {
    expect(formatDateTime('2026-03-29T00:59:00Z')).toBe('29.03.2026 01:59');
    expect(formatDateTime('2026-03-29T01:00:00Z')).toBe('29.03.2026 03:00');
  });

  it('repeats 02:00–03:00 when summer time ends (25 October 2026)', () => {
    expect(formatDateTime('2026-10-25T00:30:00Z')).toBe('25.10.2026 02:30');
    expect(formatDateTime('2026-10-25T01:30:00Z')).toBe('25.10.2026 02:30');
    expect(formatDateTime('2026-10-25T02:00:00Z')).toBe('25.10.2026 03:00');
  });

  it('rejects input that is not an ISO instant', () => {
    expect(() => formatDateTime('2026-04-01')).toThrow(RangeError);
    expect(() => formatDateTime('not a date')).toThrow(RangeError);
  });
});

describe('formatOrgNumber', () => {
  it('groups nine digits in threes', () => {
    expect(formatOrgNumber('923609016')).toBe('923 609 016');
  });

  it('accepts already formatted and VAT-register forms', () => {
    expect(formatOrgNumber('923 609 016')).toBe('923 609 016');
    expect(formatOrgNumber('NO 923 609 016 MVA')).toBe('923 609 016');
  });

  it('returns other input trimmed and unchanged rather than throwing', () => {
    expect(formatOrgNumber(' 12345 ')).toBe('12345');
    expect(formatOrgNumber('')).toBe('');
  });
});
