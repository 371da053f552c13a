import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { z } from 'zod';
import { pushRequestSchema, SYNC_SCHEMA_VERSION, type PushRequest, type PushResponse } from '../../electron/shared/protocol/sync';
import { isMutationName, mutationArgs, type MutationArgs, type MutationName } from '../../electron/shared/sync/mutations';
import { audit, type StaffPrincipal } from '../auth';
import type { Database } from '../db';
import { HttpError, parseBody } from '../errors';
import { mutationHandlers, rejected, type MutationHandlers, type MutationOutcome } from './mutations';

/** The lowest `schemaVersion` a pushing client may have; below it the answer is 426. */
export const MIN_PUSH_SCHEMA_VERSION = SYNC_SCHEMA_VERSION;

/** One pushed mutation's result as the response carries it. */
export type PushResult = PushResponse['results'][number];

type PushedMutation = PushRequest['mutations'][number];

/**
 * `POST /v1/sync/push` for `principal` (protocol.md, "Push"). Each mutation runs in its own
 * transaction with its stored outcome and the client's new `last_seq`, so its effect happens
 * exactly once however often the batch is sent.
 *
 * A gap is a 409 `SEQ_GAP` error body. The mutations before the gap are applied and stay
 * applied; the 409 does not list their results (the error shape has no room for them), but
 * they are stored: the client re-sends from its first unacknowledged seq and gets them back.
 */
export async function pushMutations(
  db: Kysely<Database>,
  principal: StaffPrincipal,
  body: unknown,
  handlers: MutationHandlers = mutationHandlers,
): Promise<PushResponse> {
  refuseOutdatedClient(body);
  const request = parseBody(pushRequestSchema, body);
  refuseUnorderedSeqs(request.mutations);
  await bindClient(db, request.clientId, principal);
  const results: PushResult[] = [];
  for (const mutation of request.mutations) {
    const step = await pushOne(db, principal, request.clientId, mutation, handlers);
    if (step.kind === 'gap') {
      throw new HttpError(
        409,
        'SEQ_GAP',
        `Handling nr. ${step.expected} fra denne klienten mangler (neste mottatte var nr. ${mutation.seq}). ` +
          `Ingenting fra nr. ${mutation.seq} er utført; send køen på nytt fra nr. ${step.expected}.`,
      );
    }
    results.push(step.result);
  }
  return { results };
}

// Checked before the body's shape: an outdated client may send a shape this server no longer
// reads, and it should hear "update the app", not "bad request".
function refuseOutdatedClient(body: unknown): void {
  if (typeof body !== 'object' || body === null || !('schemaVersion' in body)) return;
  const version = body.schemaVersion;
  if (typeof version === 'number' && Number.isFinite(version) && version < MIN_PUSH_SCHEMA_VERSION) {
    throw new HttpError(
      426,
      'CLIENT_OUTDATED',
      `Appen er for gammel for serveren (dataversjon ${version}, minst ${MIN_PUSH_SCHEMA_VERSION} kreves). ` +
        'Oppdater appen; handlingene i køen blir sendt etterpå.',
    );
  }
}

function refuseUnorderedSeqs(mutations: readonly PushedMutation[]): void {
  for (let i = 1; i < mutations.length; i++) {
    const previous = mutations[i - 1]?.seq ?? 0;
    const current = mutations[i]?.seq ?? 0;
    if (current <= previous) {
      throw new HttpError(
        400,
        'INVALID_REQUEST',
        `Invalid request body: mutations must be sorted by seq without duplicates (mutations.${i}.seq is ${current} after ${previous}).`,
      );
    }
  }
}

// The first push of a client creates its row, bound to the staff member for good: a client id
// is per installation and user, so another user presenting it is refused.
async function bindClient(db: Kysely<Database>, clientId: string, principal: StaffPrincipal): Promise<void> {
  await db
    .insertInto('sync_clients')
    .values({ client_id: clientId, staff_id: principal.id })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const row = await db.selectFrom('sync_clients').select('staff_id').where('client_id', '=', clientId).executeTakeFirstOrThrow();
  if (row.staff_id === principal.id) return;
  await audit(db, {
    actorKind: 'staff',
    actorId: principal.id,
    action: 'sync.push',
    objectType: 'sync_client',
    objectId: clientId,
    outcome: 'refused',
    detail: { reason: 'client_of_other_staff' },
  });
  throw clientOfOtherStaff();
}

function clientOfOtherStaff(): HttpError {
  return new HttpError(
    403,
    'FORBIDDEN',
    'Denne klient-id-en tilhører en annen ansatt. Logg inn som den ansatte, eller start appen på nytt så den lager en ny klient-id.',
  );
}

type Step = { kind: 'result'; result: PushResult } | { kind: 'gap'; expected: number };

async function pushOne(
  db: Kysely<Database>,
  principal: StaffPrincipal,
  clientId: string,
  mutation: PushedMutation,
  handlers: MutationHandlers,
): Promise<Step> {
  return db.transaction().execute(async (trx): Promise<Step> => {
    // The row lock orders concurrent pushes of one client: a second push of the same seq waits
    // here, then sees it recorded and answers with the stored outcome instead of applying again.
    const client = await trx
      .selectFrom('sync_clients')
      .select(['staff_id', 'last_seq'])
      .where('client_id', '=', clientId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (client.staff_id !== principal.id) throw clientOfOtherStaff();
    const lastSeq = Number(client.last_seq);
    if (mutation.seq <= lastSeq) return { kind: 'result', result: await storedResult(trx, clientId, mutation.seq) };
    if (mutation.seq > lastSeq + 1) return { kind: 'gap', expected: lastSeq + 1 };

    const outcome = isMutationName(mutation.name)
      ? await applyNamed(trx, principal, mutation.name, mutation.args, mutation.at, handlers)
      : unknownMutation(mutation.name);
    const code = outcome.status === 'rejected' ? outcome.code : null;
    const message = outcome.status === 'rejected' ? storableText(outcome.message) : null;
    await trx
      .insertInto('sync_mutation_outcomes')
      .values({ client_id: clientId, seq: mutation.seq, name: mutation.name, status: outcome.status, code, message })
      .execute();
    await trx
      .updateTable('sync_clients')
      .set({ last_seq: mutation.seq, last_seen_at: sql<string>`now()` })
      .where('client_id', '=', clientId)
      .execute();
    return { kind: 'result', result: toResult(mutation.seq, outcome.status, code, message) };
  });
}

// The contract's schemas seen through a mapped type, so that indexing with a generic name gives
// the schema of exactly that name's args.
const argSchemas: { [N in MutationName]: z.ZodType<MutationArgs<N>> } = mutationArgs;

// Generic in the name, so the schema, the parsed args and the handler are known to belong
// together; a plain union of names would lose that link.
async function applyNamed<N extends MutationName>(
  trx: Transaction<Database>,
  principal: StaffPrincipal,
  name: N,
  args: unknown,
  at: string,
  handlers: MutationHandlers,
): Promise<MutationOutcome> {
  const parsed = argSchemas[name].safeParse(args);
  if (!parsed.success) {
    return rejected(
      'INVALID_ARGS',
      `Handlingen ${name} hadde ugyldige data (${describeIssues(parsed.error)}). ` +
        'Oppdater appen; kontakt support hvis feilen kommer igjen.',
    );
  }
  return handlers[name].apply(trx, principal, parsed.data, at);
}

// A newer client's mutation, pushed before this server knows it: refused alone and stored like
// any outcome (a replay answers the same), so the rest of the batch still goes through.
function unknownMutation(name: string): MutationOutcome {
  return rejected(
    'UNKNOWN_MUTATION',
    `Serveren kjenner ikke handlingen «${name}» (appen er nyere enn serveren), så den ble ikke utført. ` +
      'Gjør den på nytt når serveren er oppdatert; kontakt support hvis det fortsetter.',
  );
}

async function storedResult(trx: Transaction<Database>, clientId: string, seq: number): Promise<PushResult> {
  const row = await trx
    .selectFrom('sync_mutation_outcomes')
    .select(['status', 'code', 'message'])
    .where('client_id', '=', clientId)
    .where('seq', '=', String(seq))
    .executeTakeFirst();
  // last_seq only moves together with an outcome row, so a missing one is a bug, not bad input.
  if (row === undefined) throw new Error(`No stored outcome for seq ${seq} of client ${clientId}, though last_seq is past it`);
  return toResult(seq, row.status, row.code, row.message);
}

function toResult(seq: number, status: 'applied' | 'rejected', code: string | null, message: string | null): PushResult {
  return { seq, status, ...(code !== null && { code }), ...(message !== null && { message }) };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

// Messages may quote what the client sent (a key name in a zod issue). PostgreSQL cannot store
// U+0000 and turns a lone surrogate into U+FFFD, so both are replaced before the first answer
// too: a replay must answer exactly what the first push did. A message is for reading: short.
function storableText(text: string): string {
  const short = text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
  return short.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
