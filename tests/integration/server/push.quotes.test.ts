import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QuoteStatus } from '../../../electron/shared/domain/quotes';
import type { AuthInstance } from './authFixture';
import { BACKENDS } from './backends';
import { createQuote, mutation, pushOk, quoteEvents, quoteRow, snapshot, usePushWorld, PUSH_STAFF, type PushStaffKey } from './pushFixture';

describe.each(BACKENDS)('POST /v1/sync/push: quote.claim, quote.release, quote.comment (%s)', (kind) => {
  let instance: AuthInstance;
  let tokens: Record<PushStaffKey, string>;
  usePushWorld(kind, (world) => ({ instance, tokens } = world));
  // One client per staff member, as one installation each; seqs continue across tests.
  const clients = new Map<PushStaffKey, { id: string; seq: number }>();

  async function act(staff: PushStaffKey, ...mutations: Array<(seq: number) => unknown>) {
    const client = clients.get(staff) ?? { id: randomUUID(), seq: 0 };
    clients.set(staff, client);
    const batch = mutations.map((make) => make(++client.seq));
    const response = await pushOk(instance, tokens[staff], client.id, batch);
    return response.results;
  }

  function claim(quoteId: string) {
    return (seq: number) => mutation(seq, 'quote.claim', { quoteId });
  }
  function release(quoteId: string) {
    return (seq: number) => mutation(seq, 'quote.release', { quoteId });
  }
  function comment(quoteId: string, commentId: string, body: string) {
    return (seq: number) => mutation(seq, 'quote.comment', { quoteId, commentId, body });
  }

  it('lets exactly one of two consultants claiming one quote at the same moment win', async () => {
    for (let round = 0; round < 5; round++) {
      const quoteId = await createQuote(instance.db);
      const [kari, ola] = await Promise.all([act('kari', claim(quoteId)), act('ola', claim(quoteId))]);
      const results = [kari[0], ola[0]];
      const winners = results.filter((result) => result?.status === 'applied');
      const losers = results.filter((result) => result?.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]?.code).toBe('QUOTE_CLAIMED_BY_OTHER');
      const row = await quoteRow(instance.db, quoteId);
      const winner = kari[0]?.status === 'applied' ? PUSH_STAFF.kari : PUSH_STAFF.ola;
      expect(row).toMatchObject({ status: 'in_progress', assignee_id: winner.id });
      // The loser learns who has it.
      expect(losers[0]?.message).toContain(winner.name);
      expect((await quoteEvents(instance.db, quoteId)).map((event) => event.kind)).toEqual(['claimed']);
    }
  });

  it('claims a requested quote: in progress, assignee, a claimed event and a new updated_at', async () => {
    const quoteId = await createQuote(instance.db);
    const before = await quoteRow(instance.db, quoteId);
    expect(await act('kari', claim(quoteId))).toEqual([expect.objectContaining({ status: 'applied' })]);
    const after = await quoteRow(instance.db, quoteId);
    expect(after).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.kari.id });
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    const [event] = await quoteEvents(instance.db, quoteId);
    expect(event).toMatchObject({ kind: 'claimed', actor_kind: 'staff', actor_id: PUSH_STAFF.kari.id, branch_id: before.branch_id });
    expect(event?.detail).toMatchObject({ from: 'requested' });
  });

  it('treats claiming one\'s own claim again as applied, without a second event', async () => {
    const quoteId = await createQuote(instance.db);
    await act('kari', claim(quoteId));
    const before = await snapshot(instance.db);
    expect(await act('kari', claim(quoteId))).toEqual([expect.objectContaining({ status: 'applied' })]);
    const after = await snapshot(instance.db);
    expect(after.quotes).toEqual(before.quotes);
    expect(after.quote_events).toEqual(before.quote_events);
  });

  it.each<[QuoteStatus, string]>([
    ['answered', 'QUOTE_NOT_CLAIMABLE'],
    ['accepted', 'QUOTE_NOT_CLAIMABLE'],
    ['declined', 'QUOTE_NOT_CLAIMABLE'],
    ['expired', 'QUOTE_NOT_CLAIMABLE'],
  ])('refuses to claim a quote that is %s', async (status, code) => {
    const quoteId = await createQuote(instance.db, { status, answered: status !== 'expired' });
    const [result] = await act('kari', claim(quoteId));
    expect(result).toMatchObject({ status: 'rejected', code });
    expect((await quoteRow(instance.db, quoteId)).status).toBe(status);
    expect(await quoteEvents(instance.db, quoteId)).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown quote', async () => {
    const [result] = await act('kari', claim('finnes-ikke'));
    expect(result).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
    expect(result?.message).toContain('finnes-ikke');
  });

  it('claims a revision request and releases it back to revision_requested', async () => {
    const quoteId = await createQuote(instance.db, { status: 'revision_requested', answered: true });
    await act('ola', claim(quoteId));
    expect(await quoteRow(instance.db, quoteId)).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.ola.id });
    expect(await act('ola', release(quoteId))).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(await quoteRow(instance.db, quoteId)).toMatchObject({ status: 'revision_requested', assignee_id: null });
    const events = await quoteEvents(instance.db, quoteId);
    expect(events.map((event) => event.kind)).toEqual(['claimed', 'released']);
    expect(events[1]?.detail).toMatchObject({ to: 'revision_requested', assigneeId: PUSH_STAFF.ola.id });
  });

  it('releases a new request back to requested, after which another consultant can claim it', async () => {
    const quoteId = await createQuote(instance.db);
    await act('kari', claim(quoteId));
    await act('kari', release(quoteId));
    expect(await quoteRow(instance.db, quoteId)).toMatchObject({ status: 'requested', assignee_id: null });
    expect(await act('ola', claim(quoteId))).toEqual([expect.objectContaining({ status: 'applied' })]);
  });

  it('lets only the assignee release, naming who holds it; an admin may release anyone\'s', async () => {
    const quoteId = await createQuote(instance.db);
    await act('kari', claim(quoteId));
    const [refused] = await act('ola', release(quoteId));
    expect(refused).toMatchObject({ status: 'rejected', code: 'QUOTE_NOT_CLAIMED_BY_YOU' });
    expect(refused?.message).toContain(PUSH_STAFF.kari.name);
    expect(await quoteRow(instance.db, quoteId)).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.kari.id });
    expect(await act('admin', release(quoteId))).toEqual([expect.objectContaining({ status: 'applied' })]);
    const events = await quoteEvents(instance.db, quoteId);
    expect(events.at(-1)).toMatchObject({ kind: 'released', actor_id: PUSH_STAFF.admin.id });
    expect(events.at(-1)?.detail).toMatchObject({ assigneeId: PUSH_STAFF.kari.id });
    // Releasing what nobody holds is refused too.
    expect((await act('kari', release(quoteId)))[0]).toMatchObject({ status: 'rejected', code: 'QUOTE_NOT_CLAIMED_BY_YOU' });
  });

  it('adds a staff comment under the client\'s id, clears unread customer comments, and is idempotent on that id', async () => {
    const quoteId = await createQuote(instance.db);
    const commentId = randomUUID();
    expect((await quoteRow(instance.db, quoteId)).unread_customer_comments).toBe(2);
    expect(await act('kari', comment(quoteId, commentId, '  Vi ser på prisen.\n'))).toEqual([expect.objectContaining({ status: 'applied' })]);
    const stored = await instance.db.selectFrom('quote_comments').selectAll().where('id', '=', commentId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ quote_id: quoteId, author_kind: 'staff', author_staff_id: PUSH_STAFF.kari.id, body: 'Vi ser på prisen.' });
    expect((await quoteRow(instance.db, quoteId)).unread_customer_comments).toBe(0);
    expect((await quoteEvents(instance.db, quoteId)).map((event) => [event.kind, event.detail.commentId])).toEqual([['commented', commentId]]);

    // The same comment again under a new seq (say, queued twice): applied, nothing new.
    const before = await snapshot(instance.db);
    expect(await act('kari', comment(quoteId, commentId, 'Vi ser på prisen.'))).toEqual([expect.objectContaining({ status: 'applied' })]);
    const after = await snapshot(instance.db);
    expect(after.quote_comments).toEqual(before.quote_comments);
    expect(after.quote_events).toEqual(before.quote_events);

    // The id taken by something else: refused, with a typed code.
    const [clash] = await act('ola', comment(quoteId, commentId, 'Noe helt annet'));
    expect(clash).toMatchObject({ status: 'rejected', code: 'COMMENT_ID_TAKEN' });
  });

  it('lets a consultant comment on a quote someone else holds', async () => {
    const quoteId = await createQuote(instance.db);
    await act('kari', claim(quoteId));
    expect(await act('ola', comment(quoteId, randomUUID(), 'Jeg kjenner kunden, ring meg.'))).toEqual([
      expect.objectContaining({ status: 'applied' }),
    ]);
  });

  it('decides at apply time: a claim made offline loses to one applied earlier', async () => {
    const quoteId = await createQuote(instance.db);
    // The admin's client made its claim offline an hour ago, but Ola's push reached the server first.
    const offline = mutation(1, 'quote.claim', { quoteId });
    offline.at = new Date(Date.now() - 3_600_000).toISOString();
    await act('ola', claim(quoteId));
    const late = await pushOk(instance, tokens.admin, randomUUID(), [offline]);
    expect(late.results[0]).toMatchObject({ status: 'rejected', code: 'QUOTE_CLAIMED_BY_OTHER' });
  });
});
