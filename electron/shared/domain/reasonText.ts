import { z } from 'zod';
import { hasForbiddenControlCharacter } from './quotes';

/** True when `text` holds half of a UTF-16 surrogate pair alone (not text; PostgreSQL refuses it). */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/**
 * A reason staff give for a change (a tier change, a deferral, a re-opened old shop): trimmed,
 * required, at most `max` characters, and text the database can keep (no control characters but
 * tab and newlines, no lone surrogates). The messages are Norwegian: the forms show them.
 */
export function reasonSchema(emptyMessage: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, { error: emptyMessage })
    .max(max, { error: `Begrunnelsen kan være på høyst ${max} tegn.` })
    .refine((text) => !hasForbiddenControlCharacter(text) && !hasLoneSurrogate(text), { error: 'Begrunnelsen inneholder tegn som ikke kan lagres.' });
}
