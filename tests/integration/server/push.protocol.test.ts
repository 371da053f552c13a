import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../electron/shared/protocol/errors';
import { pushResponseSchema, SYNC_SCHEMA_VERSION } from '../../../electron/shared/protocol/sync';
import { MAX_MUTATION_NAME_LENGTH } from '../../../electron/shared/sync/mutations';
import { auditRows, type AuthInstance } from './authFixture';
import { BACKENDS } from './backends';
import { codeOf } from './httpFixture';
import { counts, createQuote, mutation, push, pushOk, quoteRow, snapshot, usePushWorld, PUSH_STAFF, type PushStaffKey } from './pushFixture';

describe.each(BACKENDS)('POST /v1/sync/push: the protocol (%s)', (kind) => {
  let instance: AuthInstance;
  let tokens: Record<PushStaffKey, string>;
  usePushWorld(kind, (world) => ({ instance, tokens } = world));

  async function customerTier(id: string): Promise<string> {
    const row = await instance.db.selectFrom('customers').select('loyalty_tier').where('id', '=', id).executeTakeFirstOrThrow();
    return row.loyalty_tier;
  }

  it('needs a staff login', async () => {
    const answer = await push(instance, 'not-a-token', { clientId: randomUUID(), schemaVersion: 1, mutations: [] });
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
  });

  it('applies a batch in seq order and answers one result per mutation', async () => {
    const q1 = await createQuote(instance.db);
    const q2 = await createQuote(instance.db);
    const clientId = randomUUID();
    const response = await pushOk(instance, tokens.kari, clientId, [
      mutation(1, 'quote.claim', { quoteId: q1 }),
      mutation(2, 'quote.release', { quoteId: q1 }),
      mutation(3, 'quote.claim', { quoteId: q2 }),
    ]);
    expect(response.results).toEqual([
      { seq: 1, status: 'applied' },
      { seq: 2, status: 'applied' },
      { seq: 3, status: 'applied' },
    ]);
    expect((await quoteRow(instance.db, q1)).status).toBe('requested');
    expect((await quoteRow(instance.db, q2)).assignee_id).toBe(PUSH_STAFF.kari.id);
    const client = await instance.db.selectFrom('sync_clients').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
    expect(client).toMatchObject({ staff_id: PUSH_STAFF.kari.id, last_seq: '3' });
  });

  it('answers a replayed batch with the stored results and changes nothing', async () => {
    const quoteId = await createQuote(instance.db);
    const taken = await createQuote(instance.db, { status: 'in_progress', assigneeId: PUSH_STAFF.ola.id });
    const clientId = randomUUID();
    const batch = [
      mutation(1, 'quote.claim', { quoteId }),
      mutation(2, 'quote.claim', { quoteId: taken }),
      mutation(3, 'quote.comment', { quoteId, commentId: randomUUID(), body: 'Ser på dette nå.' }),
      { seq: 4, name: 'quote.release', args: { quoteId, extra: true }, at: new Date().toISOString() },
    ];
    const first = await pushOk(instance, tokens.kari, clientId, batch);
    expect(first.results.map((result) => [result.status, result.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'QUOTE_CLAIMED_BY_OTHER'],
      ['applied', undefined],
      ['rejected', 'INVALID_ARGS'],
    ]);
    const before = await snapshot(instance.db);
    // Meanwhile the world moved on: a replay must still answer what happened then.
    await instance.db.updateTable('quotes').set({ assignee_id: null, status: 'requested' }).where('id', '=', taken).execute();
    const afterChange = await snapshot(instance.db);
    const second = await pushOk(instance, tokens.kari, clientId, batch);
    expect(second).toEqual(first);
    expect(await snapshot(instance.db)).toEqual(afterChange);
    expect(before.sync_mutation_outcomes).toEqual(afterChange.sync_mutation_outcomes);
  });

  it('applies a batch sent twice at once exactly once, and both answers agree', async () => {
    const quoteId = await createQuote(instance.db);
    const clientId = randomUUID();
    const batch = [
      mutation(1, 'quote.claim', { quoteId }),
      mutation(2, 'quote.comment', { quoteId, commentId: randomUUID(), body: 'Første kommentar' }),
      mutation(3, 'quote.release', { quoteId }),
      mutation(4, 'quote.claim', { quoteId }),
    ];
    const before = await counts(instance.db);
    const [a, b] = await Promise.all([
      pushOk(instance, tokens.kari, clientId, batch),
      pushOk(instance, tokens.kari, clientId, batch),
    ]);
    expect(a).toEqual(b);
    expect(a.results.every((result) => result.status === 'applied')).toBe(true);
    const after = await counts(instance.db);
    expect(after.outcomes - before.outcomes).toBe(4);
    expect(after.events - before.events).toBe(4);
    expect(after.comments - before.comments).toBe(1);
    // A third, late retry after a lost response: the same answer, no effect.
    const snap = await snapshot(instance.db);
    expect(await pushOk(instance, tokens.kari, clientId, batch)).toEqual(a);
    expect(await snapshot(instance.db)).toEqual(snap);
  });

  it('answers a gap with 409 SEQ_GAP, keeping what came before it and applying nothing after', async () => {
    const [q1, q2, q3] = [await createQuote(instance.db), await createQuote(instance.db), await createQuote(instance.db)];
    const clientId = randomUUID();
    const answer = await push(instance, tokens.kari, {
      clientId,
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: [mutation(1, 'quote.claim', { quoteId: q1 }), mutation(2, 'quote.claim', { quoteId: q2 }), mutation(4, 'quote.claim', { quoteId: q3 })],
    });
    expect(answer.status).toBe(409);
    expect(errorBodySchema.parse(answer.body).error.code).toBe('SEQ_GAP');
    expect(errorBodySchema.parse(answer.body).error.message).toContain('nr. 3');
    expect((await quoteRow(instance.db, q1)).status).toBe('in_progress');
    expect((await quoteRow(instance.db, q2)).status).toBe('in_progress');
    expect((await quoteRow(instance.db, q3)).status).toBe('requested');
    const client = await instance.db.selectFrom('sync_clients').select('last_seq').where('client_id', '=', clientId).executeTakeFirstOrThrow();
    expect(client.last_seq).toBe('2');

    // The client re-sends from its first unacknowledged seq: stored results, then the rest.
    const resent = await pushOk(instance, tokens.kari, clientId, [
      mutation(1, 'quote.claim', { quoteId: q1 }),
      mutation(2, 'quote.claim', { quoteId: q2 }),
      mutation(3, 'quote.release', { quoteId: q2 }),
      mutation(4, 'quote.claim', { quoteId: q3 }),
    ]);
    expect(resent.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect((await quoteRow(instance.db, q3)).status).toBe('in_progress');
  });

  it('answers a batch that starts beyond last + 1 with 409 and writes nothing', async () => {
    const quoteId = await createQuote(instance.db);
    const clientId = randomUUID();
    await pushOk(instance, tokens.kari, clientId, []);
    const before = await snapshot(instance.db);
    const answer = await push(instance, tokens.kari, { clientId, schemaVersion: 1, mutations: [mutation(2, 'quote.claim', { quoteId })] });
    expect(answer.status).toBe(409);
    expect(codeOf(answer)).toBe('SEQ_GAP');
    expect(await snapshot(instance.db)).toEqual(before);
  });

  it('stores INVALID_ARGS like any outcome and answers it again on replay', async () => {
    const clientId = randomUUID();
    const bad = [
      { seq: 1, name: 'quote.claim', args: { quoteId: 42 }, at: new Date().toISOString() },
      { seq: 2, name: 'quote.comment', args: { quoteId: 'x', commentId: 'y', body: '   ' }, at: new Date().toISOString() },
      { seq: 3, name: 'quote.claim', args: null, at: new Date().toISOString() },
      { seq: 4, name: 'quote.claim', args: { quoteId: 'a\u0000b' }, at: new Date().toISOString() },
      // zod names an unknown key in its message; PostgreSQL cannot store U+0000 or a lone surrogate.
      { seq: 5, name: 'quote.claim', args: { quoteId: 'q', 'x\u0000\ud800': 1 }, at: new Date().toISOString() },
    ];
    const first = await pushOk(instance, tokens.kari, clientId, bad);
    for (const result of first.results) {
      expect(result).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
      expect(result.message).toMatch(/ugyldige data/);
    }
    const stored = await instance.db.selectFrom('sync_mutation_outcomes').selectAll().where('client_id', '=', clientId).orderBy('seq').execute();
    expect(stored.map((row) => [row.seq, row.name, row.status, row.code])).toEqual([
      ['1', 'quote.claim', 'rejected', 'INVALID_ARGS'],
      ['2', 'quote.comment', 'rejected', 'INVALID_ARGS'],
      ['3', 'quote.claim', 'rejected', 'INVALID_ARGS'],
      ['4', 'quote.claim', 'rejected', 'INVALID_ARGS'],
      ['5', 'quote.claim', 'rejected', 'INVALID_ARGS'],
    ]);
    expect(await pushOk(instance, tokens.kari, clientId, bad)).toEqual(first);
  });

  it('rejects only a mutation whose name it does not know (UNKNOWN_MUTATION), applies the rest, and replays the same', async () => {
    const [q1, q2] = [await createQuote(instance.db), await createQuote(instance.db)];
    const clientId = randomUUID();
    const tierBefore = await customerTier('pc-oslo');
    // A newer client's mutation, pushed before this server knows it.
    const batch = [
      mutation(1, 'quote.claim', { quoteId: q1 }),
      { seq: 2, name: 'customer.setTierLevel', args: { customerId: 'pc-oslo', tier: 'platinum' }, at: new Date().toISOString() },
      mutation(3, 'quote.claim', { quoteId: q2 }),
    ];
    const first = await pushOk(instance, tokens.kari, clientId, batch);
    expect(first.results).toHaveLength(3);
    const [claimed, unknown, alsoClaimed] = first.results;
    expect(claimed).toEqual({ seq: 1, status: 'applied' });
    expect(unknown).toMatchObject({ seq: 2, status: 'rejected', code: 'UNKNOWN_MUTATION' });
    expect(unknown?.message).toContain('«customer.setTierLevel»');
    expect(alsoClaimed).toEqual({ seq: 3, status: 'applied' });
    expect((await quoteRow(instance.db, q1)).assignee_id).toBe(PUSH_STAFF.kari.id);
    expect((await quoteRow(instance.db, q2)).assignee_id).toBe(PUSH_STAFF.kari.id);
    expect(await customerTier('pc-oslo')).toBe(tierBefore);
    const stored = await instance.db.selectFrom('sync_mutation_outcomes').selectAll().where('client_id', '=', clientId).orderBy('seq').execute();
    expect(stored.map((row) => [row.seq, row.name, row.status, row.code, row.message])).toEqual([
      ['1', 'quote.claim', 'applied', null, null],
      ['2', 'customer.setTierLevel', 'rejected', 'UNKNOWN_MUTATION', unknown?.message],
      ['3', 'quote.claim', 'applied', null, null],
    ]);

    const before = await snapshot(instance.db);
    expect(await pushOk(instance, tokens.kari, clientId, batch)).toEqual(first);
    expect(await snapshot(instance.db)).toEqual(before);
  });

  it.each([
    ['an empty name', ''],
    ['a name without a verb', 'quote'],
    ['a name with two dots', 'quote.claim.now'],
    ['a name with a space', 'quote.claim '],
    ['a name starting with a capital', 'Quote.claim'],
    ['a name with a dash', 'quote.set-tier'],
    ['a name one character too long', `quote.${'a'.repeat(MAX_MUTATION_NAME_LENGTH - 5)}`],
    ['a name that is no string', 42],
  ])('refuses %s with 400 INVALID_REQUEST and applies nothing of the batch', async (_label, name) => {
    const quoteId = await createQuote(instance.db);
    const before = await snapshot(instance.db);
    const answer = await push(instance, tokens.kari, {
      clientId: randomUUID(),
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: [mutation(1, 'quote.claim', { quoteId }), { seq: 2, name, args: { quoteId }, at: new Date().toISOString() }],
    });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('INVALID_REQUEST');
    expect(await snapshot(instance.db)).toEqual(before);
    expect((await quoteRow(instance.db, quoteId)).status).toBe('requested');
  });

  it('refuses a client id that belongs to another staff member with 403 FORBIDDEN', async () => {
    const quoteId = await createQuote(instance.db);
    const clientId = randomUUID();
    await pushOk(instance, tokens.kari, clientId, [mutation(1, 'quote.comment', { quoteId, commentId: randomUUID(), body: 'Hei' })]);
    const before = await snapshot(instance.db);
    const answer = await push(instance, tokens.ola, { clientId, schemaVersion: 1, mutations: [mutation(1, 'quote.claim', { quoteId })] });
    expect(answer.status).toBe(403);
    expect(codeOf(answer)).toBe('FORBIDDEN');
    const { audit_log: auditBefore, ...restBefore } = before;
    const { audit_log: auditAfter, ...restAfter } = await snapshot(instance.db);
    expect(restAfter).toEqual(restBefore);
    expect(auditAfter?.length).toBe((auditBefore?.length ?? 0) + 1);
    const refusals = await auditRows(instance.db, 'sync.push');
    expect(refusals.at(-1)).toMatchObject({ actor_id: PUSH_STAFF.ola.id, object_id: clientId, outcome: 'refused' });
  });

  it.each([
    ['an unknown top-level key', { clientId: randomUUID(), schemaVersion: 1, mutations: [], extra: 1 }],
    ['an unknown mutation key', { clientId: randomUUID(), schemaVersion: 1, mutations: [{ ...mutation(1, 'quote.claim', { quoteId: 'q' }), why: 'x' }] }],
    ['a client id that is no UUID', { clientId: 'abc', schemaVersion: 1, mutations: [] }],
    ['seq 0', { clientId: randomUUID(), schemaVersion: 1, mutations: [mutation(0, 'quote.claim', { quoteId: 'q' })] }],
    ['a fractional seq', { clientId: randomUUID(), schemaVersion: 1, mutations: [mutation(1.5, 'quote.claim', { quoteId: 'q' })] }],
    ['a seq beyond 2^53', { clientId: randomUUID(), schemaVersion: 1, mutations: [mutation(2 ** 60, 'quote.claim', { quoteId: 'q' })] }],
    ['a time that is no time', { clientId: randomUUID(), schemaVersion: 1, mutations: [{ ...mutation(1, 'quote.claim', { quoteId: 'q' }), at: 'igår' }] }],
    ['unsorted seqs', { clientId: randomUUID(), schemaVersion: 1, mutations: [mutation(2, 'quote.claim', { quoteId: 'q' }), mutation(1, 'quote.claim', { quoteId: 'q' })] }],
    ['duplicate seqs', { clientId: randomUUID(), schemaVersion: 1, mutations: [mutation(1, 'quote.claim', { quoteId: 'q' }), mutation(1, 'quote.claim', { quoteId: 'q' })] }],
    ['no mutations key', { clientId: randomUUID(), schemaVersion: 1 }],
  ])('refuses %s with 400 INVALID_REQUEST and writes nothing', async (_label, body) => {
    const before = await snapshot(instance.db);
    const answer = await push(instance, tokens.kari, body);
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error.code).toBe('INVALID_REQUEST');
    expect(await snapshot(instance.db)).toEqual(before);
  });

  it('answers a client below the schema version with 426 CLIENT_OUTDATED, whatever else it sends', async () => {
    const before = await snapshot(instance.db);
    for (const body of [
      { clientId: randomUUID(), schemaVersion: 0, mutations: [] },
      { clientId: randomUUID(), schemaVersion: SYNC_SCHEMA_VERSION - 1, queue: [{ op: 'claim' }] },
    ]) {
      const answer = await push(instance, tokens.kari, body);
      expect(answer.status).toBe(426);
      expect(codeOf(answer)).toBe('CLIENT_OUTDATED');
    }
    expect(await snapshot(instance.db)).toEqual(before);
  });

  it('answers an empty batch with no results', async () => {
    const answer = await push(instance, tokens.kari, { clientId: randomUUID(), schemaVersion: SYNC_SCHEMA_VERSION, mutations: [] });
    expect(answer.status).toBe(200);
    expect(pushResponseSchema.parse(answer.body)).toEqual({ results: [] });
  });
});
