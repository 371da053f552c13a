import { syncTableNameSchema, type SyncTableName } from '../../electron/shared/sync/rows';
import { HttpError } from '../errors';

// The pull cursor (docs/sync.md, "Cursor"). Opaque to the client, plain text to us:
//
//   v<schema>.<scope>.<since>                              a finished pull: everything with a
//                                                          version ≤ since is in the client
//   v<schema>.<scope>.<since>.<upto>.<phase>.<after>       a page of a longer pull (more:true)
//
// schema = SYNC_SCHEMA_VERSION the rows were shaped for; scope = the visibility it was made
// under (visibility.ts scopeTag); versions in base 10. A page continues the same pull: rows
// with since < version ≤ upto, phase by phase ('del', then each table in syncTableNames order),
// starting inside `phase` after version `after`.

/** A step of a pull: first the deletions, then the puts table by table. */
export type PullPhase = 'del' | SyncTableName;

/** Where a pull stands; `upto` is fixed for all pages of one pull. */
export interface PullPosition {
  since: bigint;
  upto: bigint;
  phase: PullPhase;
  after: bigint;
}

/** A cursor as the client sent it back. */
export interface PullCursor {
  schemaVersion: number;
  scope: string;
  since: bigint;
  /** Present when the previous response said `more:true`. */
  continuation?: { upto: bigint; phase: PullPhase; after: bigint };
}

const MAX_VERSION = 2n ** 63n - 1n;
const CURSOR_PATTERN = /^v(\d{1,6})\.(all|none|b[0-9a-f]{12})\.(\d{1,19})(?:\.(\d{1,19})\.([a-z_]{1,64})\.(\d{1,19}))?$/;

/** The cursor of a finished pull: the next one starts after `since`. */
export function finishedCursor(schemaVersion: number, scope: string, since: bigint): string {
  return `v${schemaVersion}.${scope}.${since}`;
}

/** The cursor of a page that stopped at `position`, for the `more:true` call. */
export function continuationCursor(schemaVersion: number, scope: string, position: PullPosition): string {
  return `${finishedCursor(schemaVersion, scope, position.since)}.${position.upto}.${position.phase}.${position.after}`;
}

/** Parses a cursor; anything that is not one this server could have made is a 400 INVALID_REQUEST. */
export function parseCursor(text: string): PullCursor {
  const match = CURSOR_PATTERN.exec(text);
  if (match === null) throw malformed();
  const [, schema = '', scope = '', sinceText = '', uptoText, phaseText, afterText] = match;
  const since = toVersion(sinceText);
  const cursor: PullCursor = { schemaVersion: Number(schema), scope, since };
  if (uptoText === undefined || phaseText === undefined || afterText === undefined) return cursor;
  const upto = toVersion(uptoText);
  const after = toVersion(afterText);
  const phase = toPhase(phaseText);
  // A page always lies inside its pull's window.
  if (upto < since || after < since || after > upto) throw malformed();
  return { ...cursor, continuation: { upto, phase, after } };
}

function toVersion(text: string): bigint {
  const value = BigInt(text);
  if (value > MAX_VERSION) throw malformed();
  return value;
}

function toPhase(text: string): PullPhase {
  if (text === 'del') return 'del';
  const table = syncTableNameSchema.safeParse(text);
  if (!table.success) throw malformed();
  return table.data;
}

function malformed(): HttpError {
  return new HttpError(
    400,
    'INVALID_REQUEST',
    'The pull cursor is not valid. Send back exactly the cursor of the last end line, or leave it out for a full snapshot.',
  );
}
