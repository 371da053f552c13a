import { z } from 'zod';

/**
 * Norwegian organisation numbers (organisasjonsnummer): nine digits, the last a MOD11 check
 * digit. Shared by the client (form validation, display) and the server (authoritative checks),
 * so both reject exactly the same numbers.
 */

const weights = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** True when `value` is exactly nine digits whose ninth digit is the MOD11 check digit. */
export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(value[i]) * (weights[i] ?? 0);
  const remainder = sum % 11;
  // Remainder 1 would need check digit 10, so the registry never issues such numbers.
  if (remainder === 1) return false;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return Number(value[8]) === check;
}

/**
 * The nine digits of an org number as people type it: spaces (also non-breaking), dots and
 * hyphens between digits are dropped, and the VAT-register form "NO 923 609 016 MVA" is
 * accepted because staff paste it from invoices. Returns null when no nine digits remain;
 * the check digit is not verified here (use `isValidOrgNumber`).
 */
export function normalizeOrgNumber(value: string): string | null {
  let compact = value.replace(/[\s.-]/g, '').toUpperCase();
  if (compact.startsWith('NO')) compact = compact.slice(2);
  if (compact.endsWith('MVA')) compact = compact.slice(0, -3);
  return /^\d{9}$/.test(compact) ? compact : null;
}

const invalidMessage = 'Not a valid Norwegian organisation number (9 digits with MOD11 check digit)';

/** A stored or transmitted org number: exactly nine digits with a valid check digit. */
export const orgNumberSchema = z.string().refine(isValidOrgNumber, { message: invalidMessage });

/** An org number as typed by a person: normalized first, then checked; outputs nine digits. */
export const orgNumberInputSchema = z.string().transform((value, ctx) => {
  const normalized = normalizeOrgNumber(value);
  if (normalized === null || !isValidOrgNumber(normalized)) {
    ctx.addIssue({ code: 'custom', message: invalidMessage });
    return z.NEVER;
  }
  return normalized;
});

/** A canonical org number: nine digits, check digit verified. */
export type OrgNumber = z.infer<typeof orgNumberSchema>;
