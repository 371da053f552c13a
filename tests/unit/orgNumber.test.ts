import { describe, expect, it } from 'vitest';
import {
  isValidOrgNumber,
  normalizeOrgNumber,
  orgNumberInputSchema,
  orgNumberSchema,
} from '../../electron/shared/domain/orgNumber';

// Real organisation numbers from the Brønnøysund register.
const valid = [
  '923609016', // Equinor ASA
  '974760673', // Registerenheten i Brønnøysund
  '984661185', // Posten Norge AS
  '982463718', // Telenor ASA
  '984851006', // DNB Bank ASA
  '914778271', // Norsk Hydro ASA
];

describe('isValidOrgNumber', () => {
  it.each(valid)('accepts %s', (value) => {
    expect(isValidOrgNumber(value)).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidOrgNumber('923609017')).toBe(false);
    expect(isValidOrgNumber('974760672')).toBe(false);
  });

  it('rejects swapped digits, which MOD11 is meant to catch', () => {
    expect(isValidOrgNumber('932609016')).toBe(false);
  });

  it('accepts check digit 0 when the remainder is 0', () => {
    // 3·1 + 2·4 = 11, and 11 mod 11 = 0 → check digit 0.
    expect(isValidOrgNumber('100000040')).toBe(true);
    expect(isValidOrgNumber('100000041')).toBe(false);
  });

  it('rejects every number whose remainder is 1', () => {
    // 3·1 + 3·3 = 12, and 12 mod 11 = 1: check digit would be 10, so no digit makes it valid.
    for (let check = 0; check <= 9; check++) expect(isValidOrgNumber(`10000030${check}`)).toBe(false);
  });

  it('rejects anything that is not exactly nine digits', () => {
    expect(isValidOrgNumber('')).toBe(false);
    expect(isValidOrgNumber('92360901')).toBe(false);
    expect(isValidOrgNumber('9236090160')).toBe(false);
    expect(isValidOrgNumber('923 609 016')).toBe(false);
    expect(isValidOrgNumber('92360901a')).toBe(false);
    expect(isValidOrgNumber('９２３６０９０１６')).toBe(false);
  });
});

describe('normalizeOrgNumber', () => {
  it('strips spaces, non-breaking spaces, dots and hyphens', () => {
    expect(normalizeOrgNumber(' 923 609 016 ')).toBe('923609016');
    expect(normalizeOrgNumber('923\u00a0609\u00a0016')).toBe('923609016');
    expect(normalizeOrgNumber('923.609.016')).toBe('923609016');
    expect(normalizeOrgNumber('923-609-016')).toBe('923609016');
  });

  it('accepts the VAT-register form in any case', () => {
    expect(normalizeOrgNumber('NO 923 609 016 MVA')).toBe('923609016');
    expect(normalizeOrgNumber('no923609016mva')).toBe('923609016');
  });

  it('returns null when nine digits do not remain', () => {
    expect(normalizeOrgNumber('12345678')).toBeNull();
    expect(normalizeOrgNumber('SE 923609016')).toBeNull();
    expect(normalizeOrgNumber('923609016 AS')).toBeNull();
  });

  it('does not check the check digit', () => {
    expect(normalizeOrgNumber('923 609 017')).toBe('923609017');
  });
});

describe('orgNumberSchema', () => {
  it('accepts canonical valid numbers only', () => {
    expect(orgNumberSchema.safeParse('923609016').success).toBe(true);
    expect(orgNumberSchema.safeParse('923 609 016').success).toBe(false);
    expect(orgNumberSchema.safeParse('923609017').success).toBe(false);
    expect(orgNumberSchema.safeParse(923609016).success).toBe(false);
  });

  it('explains the failure', () => {
    const result = orgNumberSchema.safeParse('123456789');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/organisation number/);
  });
});

describe('orgNumberInputSchema', () => {
  it('normalizes typed input to nine digits', () => {
    expect(orgNumberInputSchema.parse('NO 923 609 016 MVA')).toBe('923609016');
    expect(orgNumberInputSchema.parse('984 661 185')).toBe('984661185');
  });

  it('rejects typed input with a wrong check digit or shape', () => {
    expect(orgNumberInputSchema.safeParse('923 609 017').success).toBe(false);
    expect(orgNumberInputSchema.safeParse('12 34').success).toBe(false);
  });
});
