// What staff type into the customer search, turned into an FTS5 query over migration 0005's
// index (name, numbers, city, emails). Anything typed gives a valid query or none: the query is
// built only from tokens, each quoted, so no FTS5 syntax (quotes, *, NEAR, AND, parentheses,
// column names) typed by staff ever reaches the parser.
//
// - Words are split as the index's tokenizer splits them (unicode61: letters, digits and
//   private-use characters make tokens, everything else separates), and every word must match
//   as the start of some token of the customer's document: "berg elek" finds "Bergen Elektro AS".
// - Digits typed in groups of up to three ("923 456 789", "923.456.789") are one number.
// - A word with an @ is an e-mail: its tokens must follow each other in the users' e-mails
//   (the last one as a prefix), so "per@lysogstrom.no" finds the customer whose user that is.

/** A token character of unicode61's default categories (L*, N*, Co). */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const DIGITS = /^\p{Nd}+$/u;

/** A parsed search. */
export interface SearchTerms {
  /** Words that must each start a token of the document. */
  words: string[];
  /** E-mails: token sequences that must appear in the e-mails column. */
  emails: string[][];
  /** The query as one customer number (digits only, one word), for the exact-match rank. */
  number: string | null;
}

/** The tokens of `text` as the index's tokenizer would cut them (case is left to FTS5). */
export function searchTokens(text: string): string[] {
  return text.normalize('NFC').match(TOKEN) ?? [];
}

/** Splits what was typed into the terms of a search; no terms means "no query". */
export function parseSearch(query: string): SearchTerms {
  const words: string[] = [];
  const emails: string[][] = [];
  let group: string[] = [];
  const endGroup = (): void => {
    if (group.length > 1) words.push(group.join(''));
    else words.push(...group);
    group = [];
  };
  for (const raw of query.normalize('NFC').split(/\s+/)) {
    const tokens = searchTokens(raw);
    if (tokens.length === 0) continue;
    if (raw.includes('@')) {
      endGroup();
      emails.push(tokens);
      continue;
    }
    for (const token of tokens) {
      if (DIGITS.test(token) && token.length <= 3) {
        group.push(token);
        continue;
      }
      endGroup();
      words.push(token);
    }
  }
  endGroup();
  const unique = [...new Set(words)];
  const only = unique.length === 1 && emails.length === 0 ? (unique[0] ?? null) : null;
  return { words: unique, emails, number: only !== null && DIGITS.test(only) ? only : null };
}

/** Whether the terms ask for anything. */
export function hasTerms(terms: SearchTerms): boolean {
  return terms.words.length > 0 || terms.emails.length > 0;
}

const quote = (token: string): string => `"${token.replaceAll('"', '""')}"`;

/** The FTS5 MATCH expression of `terms` (tokens only, each quoted: never a syntax error). */
export function matchExpression(terms: SearchTerms): string {
  return [...terms.words.map((word) => `${quote(word)}*`), ...terms.emails.map((tokens) => `emails : ${quote(tokens.join(' '))}*`)].join(' AND ');
}

/** `terms`' match, narrowed to names that begin with its first word; null without a word. */
export function nameStartExpression(terms: SearchTerms): string | null {
  const first = terms.words[0];
  return first === undefined ? null : `${matchExpression(terms)} AND name : ^${quote(first)}*`;
}

/**
 * The lower-cased tokens of cached text, for matching in JS as the index matches: case folded,
 * and not normalised (the tokenizer does not normalise what it indexes either).
 */
export function foldedTokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}]$/u;

/**
 * Whether `word` (token characters only) starts a token of `text` (lower case): it occurs where
 * no token character precedes it. Found with indexOf, without cutting the text into tokens: the
 * search checks this for every hit of a page.
 */
export function startsAToken(text: string, word: string): boolean {
  const folded = word.toLowerCase();
  for (let at = text.indexOf(folded); at !== -1; at = text.indexOf(folded, at + 1)) {
    if (at === 0) return true;
    const code = text.charCodeAt(at - 1);
    // A low surrogate ends a character of two code units: test the whole character.
    const before = code >= 0xdc00 && code <= 0xdfff ? text.slice(Math.max(0, at - 2), at) : text.charAt(at - 1);
    if (!TOKEN_CHAR.test(before)) return true;
  }
  return false;
}

/** Whether the e-mail's tokens contain `phrase` in a row, its last token as a prefix. */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  const folded = phrase.map((token) => token.toLowerCase());
  const last = folded.length - 1;
  for (let start = 0; start + folded.length <= tokens.length; start++) {
    if (folded.every((token, i) => (i === last ? tokens[start + i]?.startsWith(token) : tokens[start + i] === token))) return true;
  }
  return false;
}

/** A customer's own searchable text (everything but the e-mails). */
export interface OwnText {
  name: string;
  numbers: string;
  cities: string;
}

/** What an e-mail must match for a hit: the words its own text does not match, and the e-mails typed. */
export interface EmailTerms {
  words: string[];
  phrases: string[][];
}

/** The terms a hit's e-mails must explain; null when its own text explains it. */
export function emailTerms(terms: SearchTerms, customer: OwnText): EmailTerms | null {
  const own = `${customer.name} ${customer.numbers} ${customer.cities}`.toLowerCase();
  const words = terms.words.filter((word) => !startsAToken(own, word));
  return words.length === 0 && terms.emails.length === 0 ? null : { words, phrases: terms.emails };
}

/** The first of `emails` matching all of `wanted`, else the first matching any of it, else null. */
export function pickEmail(wanted: EmailTerms, emails: readonly string[]): string | null {
  const size = wanted.words.length + wanted.phrases.length;
  let some: string | null = null;
  for (const email of emails) {
    const text = email.toLowerCase();
    const tokens = wanted.phrases.length > 0 ? foldedTokens(email) : [];
    const hits = wanted.words.filter((word) => startsAToken(text, word)).length + wanted.phrases.filter((phrase) => containsPhrase(tokens, phrase)).length;
    if (hits === size) return email;
    if (hits > 0) some ??= email;
  }
  return some;
}

/**
 * The e-mail that explains why a customer matched: the terms its name, numbers and cities do not
 * match must be matched by an e-mail. The first (of `emails`, in order) matching all of them, else
 * the first matching any; null when the customer matched without its e-mails.
 */
export function matchedEmail(terms: SearchTerms, customer: OwnText, emails: readonly string[]): string | null {
  const wanted = emailTerms(terms, customer);
  return wanted === null ? null : pickEmail(wanted, emails);
}
