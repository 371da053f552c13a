import { StringDecoder } from 'node:string_decoder';
import { pullLineSchema } from '../../shared/protocol/sync';
import { syncRowSchemas, syncTableNames, type SyncTableName } from '../../shared/sync/rows';
import type { PageChange, PullPage, RowCodec } from './ingest';

/** A pull response that cannot be applied; nothing of it is written. */
export class PullStreamError extends Error {
  constructor(
    readonly code: 'PULL_INCOMPLETE' | 'PULL_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'PullStreamError';
  }
}

/** Progress of one response: lines received of the `total` its begin line announced. */
export interface StreamProgress {
  received: number;
  total: number;
}

/**
 * Reads one pull response (NDJSON, already inflated) into a {@link PullPage}, checking every
 * line against the protocol and every row against its table's schema. Throws PULL_INCOMPLETE
 * when the stream ends without its end line (the server cut it off, or the network did) and
 * PULL_INVALID on the first line that breaks the protocol; either way the caller applies nothing.
 */
export async function readPullStream(body: AsyncIterable<Buffer | string>, codec: RowCodec, onProgress?: (progress: StreamProgress) => void): Promise<PullPage> {
  const decoder = new StringDecoder('utf8');
  const changes: PageChange[] = [];
  let rest = '';
  let lineNo = 0;
  let begin: { snapshot: boolean; total: number } | undefined;
  let end: { cursor: string; more: boolean } | undefined;
  let ack: number | undefined;
  let lastReported = 0;

  const takePut = (table: SyncTableName, input: Record<string, unknown>): void => {
    const fast = codec.readRow(table, input);
    if (fast !== undefined) {
      changes.push({ kind: 'put', table, values: fast });
      return;
    }
    const row = syncRowSchemas[table].safeParse(input);
    if (!row.success) {
      const issue = row.error.issues[0];
      throw invalid(lineNo, `${table} row: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
    }
    changes.push({ kind: 'put', table, values: codec.values(table, row.data) });
  };

  const take = (text: string): void => {
    lineNo++;
    if (end !== undefined) throw invalid(lineNo, 'a line after the end line');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw invalid(lineNo, 'not JSON');
    }
    // Nearly every line is a put: check its envelope by hand (the row itself goes through its
    // table's schema below), which halves the checking time of a snapshot; the rest through zod.
    const put = begin === undefined ? undefined : asPut(json);
    if (put !== undefined) {
      takePut(put.table, put.row);
      return;
    }
    const parsed = pullLineSchema.safeParse(json);
    if (!parsed.success) throw invalid(lineNo, parsed.error.issues[0]?.message ?? 'not a pull line');
    const line = parsed.data;
    if (begin === undefined && line.t !== 'begin') throw invalid(lineNo, 'the first line must be the begin line');
    switch (line.t) {
      case 'begin':
        if (begin !== undefined) throw invalid(lineNo, 'a second begin line');
        begin = { snapshot: line.snapshot, total: line.total };
        onProgress?.({ received: 0, total: line.total });
        return;
      case 'put':
        takePut(line.table, line.row);
        return;
      case 'del':
        changes.push({ kind: 'del', table: line.table, id: line.id });
        return;
      case 'ack':
        ack = line.lastSeq;
        return;
      case 'end':
        end = { cursor: line.cursor, more: line.more };
        return;
    }
  };

  try {
    for await (const chunk of body) {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      let start = 0;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
        if (at > start) take(text.slice(start, at));
        start = at + 1;
      }
      rest = text.slice(start);
      if (onProgress !== undefined && begin !== undefined && changes.length - lastReported >= 5_000) {
        lastReported = changes.length;
        onProgress({ received: changes.length, total: begin.total });
      }
    }
  } catch (error) {
    if (error instanceof PullStreamError) throw error;
    // The connection broke (reset, aborted, bad gzip): the same as a stream without its end.
    throw incomplete(error);
  }
  rest += decoder.end();
  if (rest.trim() !== '') take(rest);
  if (begin === undefined || end === undefined) throw incomplete();
  if (changes.length !== begin.total) throw invalid(lineNo, `the begin line announced ${begin.total} rows but ${changes.length} came`);
  onProgress?.({ received: changes.length, total: begin.total });
  return { snapshot: begin.snapshot, changes, cursor: end.cursor, more: end.more, ...(ack !== undefined && { ack }) };
}

const tableNames = new Set<string>(syncTableNames);

// `{"t":"put","table":<a synced table>,"row":{…}}` and nothing else, or undefined.
function asPut(json: unknown): { table: SyncTableName; row: Record<string, unknown> } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const line = json as { t?: unknown; table?: unknown; row?: unknown };
  if (line.t !== 'put' || typeof line.table !== 'string' || !tableNames.has(line.table)) return undefined;
  if (typeof line.row !== 'object' || line.row === null || Array.isArray(line.row) || Object.keys(line).length !== 3) return undefined;
  return { table: line.table as SyncTableName, row: line.row as Record<string, unknown> };
}

function incomplete(cause?: unknown): PullStreamError {
  const detail = cause instanceof Error ? ` (${cause.message})` : '';
  return new PullStreamError('PULL_INCOMPLETE', `The pull stopped before its end${detail}; nothing of it was applied. It will be tried again.`);
}

function invalid(lineNo: number, detail: string): PullStreamError {
  return new PullStreamError('PULL_INVALID', `The server sent a pull the app cannot read (line ${lineNo}: ${detail}); nothing of it was applied.`);
}
