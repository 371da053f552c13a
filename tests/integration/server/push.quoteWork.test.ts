import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QuoteStatus } from '../../../electron/shared/domain/quotes';
import { shopQuoteSchema } from '../../../electron/shared/protocol/shop';
import { quoteRefusalText } from '../../../electron/shared/sync/localEffectsText';
import type { MutationArgs, MutationName } from '../../../electron/shared/sync/mutations';
import { BACKENDS } from './backends';
import { expectStatus } from './httpFixture';
import { BERGEN, createQuote, mutation, pushOk, PUSH_STAFF, quoteEvents, quoteRow, snapshot, type PushStaffKey } from './pushFixture';
import { comparable, currentCursor, INACTIVE_STAFF, pulledSince, useQuoteWorkWorld, type QuoteWorkWorld } from './pushQuoteFixture';
import { shop } from './shopFixture';

// quote.decline, quote.reassign and quote.markRead on both engines: applied with their history
// (or none), every refusal with its code and Norwegian words, replays that change nothing, and
// a pull afterwards that carries the changed quote.

type Work = 'quote.decline' | 'quote.reassign' | 'quote.markRead';

describe.each(BACKENDS)('POST /v1/sync/push: quote.decline, quote.reassign, quote.markRead (%s)', (kind) => {
  let world: QuoteWorkWorld;
  useQuoteWorkWorld(kind, (ready) => (world = ready));
  const clients = new Map<PushStaffKey, { id: string; seq: number }>();

  async function act<N extends Work & MutationName>(staff: PushStaffKey, name: N, args: MutationArgs<N>) {
    const client = clients.get(staff) ?? { id: randomUUID(), seq: 0 };
    clients.set(staff, client);
    const response = await pushOk(world.instance, world.tokens[staff], client.id, [mutation(++client.seq, name, args)]);
    const [result] = response.results;
    if (result === undefined) throw new Error('no result');
    return result;
  }

  function quote(status: QuoteStatus = 'requested', assignee: PushStaffKey | null = null, branchId?: string) {
    return createQuote(world.instance.db, {
      status,
      assigneeId: assignee === null ? null : PUSH_STAFF[assignee].id,
      answered: status === 'answered' || status === 'revision_requested',
      ...(branchId !== undefined && { branchId }),
    });
  }

  /** Runs `work` and expects the quote's row and history untouched. */
  async function expectNoChange(quoteId: string, work: () => Promise<unknown>) {
    const before = await snapshot(world.instance.db);
    await work();
    const after = await snapshot(world.instance.db);
    expect(after.quotes).toEqual(before.quotes);
    expect(after.quote_events).toEqual(before.quote_events);
    return quoteId;
  }

  describe('quote.decline', () => {
    const REASON = 'Produktet utgår hos leverandøren; vi foreslår et alternativ i en ny forespørsel.';

    it('declines a new request with the reason and a declined event; a pull carries it; the shop shows the reason', async () => {
      const quoteId = await quote();
      const cursor = await currentCursor(world.instance, world.tokens.kari);
      const before = await quoteRow(world.instance.db, quoteId);
      expect(await act('kari', 'quote.decline', { quoteId, reason: `  ${REASON}\n` })).toMatchObject({ status: 'applied' });
      const row = await quoteRow(world.instance.db, quoteId);
      expect(row).toMatchObject({ status: 'declined', decline_reason: REASON, assignee_id: null });
      expect(Date.parse(row.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
      const events = await quoteEvents(world.instance.db, quoteId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: 'declined', actor_kind: 'staff', actor_id: PUSH_STAFF.kari.id });
      expect(events[0]?.detail).toMatchObject({ reason: REASON, from: 'requested' });
      const pulled = await pulledSince(world.instance, world.tokens.kari, cursor);
      expect(comparable(pulled.get(`quotes:${quoteId}`))).toEqual(comparable(row));
      expect(pulled.get(`quote_events:${events[0]!.id}`)).toMatchObject({ kind: 'declined' });
      const view = shopQuoteSchema.parse(expectStatus(await shop(world.instance, 'GET', `/v1/shop/quotes/${quoteId}`), 200));
      expect(view).toMatchObject({ status: 'declined', declineReason: REASON });
    });

    it('applies the same decline again without a change; another reason is refused', async () => {
      const quoteId = await quote();
      await act('kari', 'quote.decline', { quoteId, reason: REASON });
      await expectNoChange(quoteId, async () => expect(await act('ola', 'quote.decline', { quoteId, reason: REASON })).toMatchObject({ status: 'applied' }));
      await expectNoChange(quoteId, async () =>
        expect(await act('kari', 'quote.decline', { quoteId, reason: 'For dyrt.' })).toMatchObject({
          status: 'rejected',
          code: 'QUOTE_NOT_OPEN',
          message: `Tilbud T-${quoteId} er allerede avslått med en annen begrunnelse.`,
        }),
      );
    });

    it.each<[QuoteStatus, PushStaffKey | null]>([
      ['in_progress', 'kari'],
      ['revision_requested', null],
      ['answered', 'kari'],
    ])('declines a quote that is %s', async (status, holder) => {
      const quoteId = await quote(status, holder);
      expect(await act('kari', 'quote.decline', { quoteId, reason: REASON })).toMatchObject({ status: 'applied' });
      expect(await quoteRow(world.instance.db, quoteId)).toMatchObject({ status: 'declined', decline_reason: REASON });
      expect((await quoteEvents(world.instance.db, quoteId))[0]?.detail).toMatchObject({ from: status });
    });

    it('refuses a quote someone else holds, naming them; an admin may decline it', async () => {
      const quoteId = await quote('in_progress', 'ola');
      await expectNoChange(quoteId, async () =>
        expect(await act('kari', 'quote.decline', { quoteId, reason: REASON })).toMatchObject({
          status: 'rejected',
          code: 'QUOTE_NOT_CLAIMED_BY_YOU',
          message: `Tilbud T-${quoteId} er tatt av Ola Konsulent, ikke av deg. Bare Ola Konsulent eller en administrator kan avslå det.`,
        }),
      );
      expect(await act('admin', 'quote.decline', { quoteId, reason: REASON })).toMatchObject({ status: 'applied' });
      expect(await quoteRow(world.instance.db, quoteId)).toMatchObject({ status: 'declined', assignee_id: PUSH_STAFF.ola.id });
    });

    it.each<QuoteStatus>(['accepted', 'expired'])('refuses a quote that is %s', async (status) => {
      const quoteId = await quote(status, 'kari');
      await expectNoChange(quoteId, async () =>
        expect(await act('kari', 'quote.decline', { quoteId, reason: REASON })).toMatchObject({
          status: 'rejected',
          code: 'QUOTE_NOT_OPEN',
          message: quoteRefusalText.declineNotOpen(`T-${quoteId}`, status),
        }),
      );
    });
  });

  describe('quote.reassign', () => {
    it('gives a waiting quote to a consultant: in progress, a reassigned event; a pull carries it', async () => {
      const quoteId = await quote();
      const cursor = await currentCursor(world.instance, world.tokens.ola);
      expect(await act('admin', 'quote.reassign', { quoteId, assigneeId: PUSH_STAFF.ola.id })).toMatchObject({ status: 'applied' });
      const row = await quoteRow(world.instance.db, quoteId);
      expect(row).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.ola.id });
      const events = await quoteEvents(world.instance.db, quoteId);
      expect(events.map((event) => [event.kind, event.actor_id])).toEqual([['reassigned', PUSH_STAFF.admin.id]]);
      expect(events[0]?.detail).toMatchObject({ from: null, to: PUSH_STAFF.ola.id, fromStatus: 'requested' });
      // Ola, who now has it, gets it with the next pull.
      expect(comparable((await pulledSince(world.instance, world.tokens.ola, cursor)).get(`quotes:${quoteId}`))).toEqual(comparable(row));

      // Again to Ola: nothing changes. Then from Ola to Kari.
      await expectNoChange(quoteId, async () => expect(await act('admin', 'quote.reassign', { quoteId, assigneeId: PUSH_STAFF.ola.id })).toMatchObject({ status: 'applied' }));
      expect(await act('admin', 'quote.reassign', { quoteId, assigneeId: PUSH_STAFF.kari.id })).toMatchObject({ status: 'applied' });
      expect(await quoteRow(world.instance.db, quoteId)).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.kari.id });
      expect((await quoteEvents(world.instance.db, quoteId)).at(-1)?.detail).toMatchObject({ from: PUSH_STAFF.ola.id, to: PUSH_STAFF.kari.id, fromStatus: 'in_progress' });
    });

    it('takes a revision request back into work, and may give a quote to an admin', async () => {
      const revision = await quote('revision_requested');
      expect(await act('admin', 'quote.reassign', { quoteId: revision, assigneeId: PUSH_STAFF.kari.id })).toMatchObject({ status: 'applied' });
      expect(await quoteRow(world.instance.db, revision)).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.kari.id });
      const toAdmin = await quote('requested', null, BERGEN);
      expect(await act('admin', 'quote.reassign', { quoteId: toAdmin, assigneeId: PUSH_STAFF.admin.id })).toMatchObject({ status: 'applied' });
    });

    it.each<QuoteStatus>(['answered', 'accepted', 'declined', 'expired'])('refuses a quote that is %s', async (status) => {
      const quoteId = await quote(status, 'kari');
      await expectNoChange(quoteId, async () =>
        expect(await act('admin', 'quote.reassign', { quoteId, assigneeId: PUSH_STAFF.ola.id })).toMatchObject({
          status: 'rejected',
          code: 'QUOTE_NOT_OPEN',
          message: quoteRefusalText.reassignNotOpen(`T-${quoteId}`, status),
        }),
      );
    });

    it.each<[string, string, string]>([
      ['a consultant of another branch', PUSH_STAFF.berit.id, 'Berit Bergen hører til en annen avdeling enn tilbudet'],
      ['branch staff', PUSH_STAFF.branch.id, 'Arne Avdeling er verken konsulent eller administrator'],
      ['customer service', PUSH_STAFF.service.id, 'Siri Service er verken konsulent eller administrator'],
      ['an inactive consultant', INACTIVE_STAFF.id, 'Sluttet Selger er ikke lenger aktiv'],
      ['nobody', 'ps-finnes-ikke', 'fant ingen ansatt med id ps-finnes-ikke'],
    ])('refuses %s as assignee', async (_who, assigneeId, why) => {
      const quoteId = await quote();
      await expectNoChange(quoteId, async () =>
        expect(await act('admin', 'quote.reassign', { quoteId, assigneeId })).toMatchObject({
          status: 'rejected',
          code: 'ASSIGNEE_NOT_ELIGIBLE',
          message: `Tilbud T-${quoteId} kan ikke flyttes: ${why}. Velg en konsulent i tilbudets avdeling.`,
        }),
      );
    });

    it('is the admin\'s alone', async () => {
      const quoteId = await quote();
      await expectNoChange(quoteId, async () =>
        expect(await act('kari', 'quote.reassign', { quoteId, assigneeId: PUSH_STAFF.ola.id })).toMatchObject({
          status: 'rejected',
          code: 'FORBIDDEN',
          message: quoteRefusalText.forbidden('quote.reassign', `T-${quoteId}`),
        }),
      );
    });
  });

  describe('quote.markRead', () => {
    it('clears the unread comments without a history entry; again changes nothing; a pull carries it', async () => {
      const quoteId = await quote('in_progress', 'ola');
      const cursor = await currentCursor(world.instance, world.tokens.kari);
      const before = await quoteRow(world.instance.db, quoteId);
      expect(before.unread_customer_comments).toBe(2);
      expect(await act('kari', 'quote.markRead', { quoteId })).toMatchObject({ status: 'applied' });
      const row = await quoteRow(world.instance.db, quoteId);
      expect(row).toMatchObject({ unread_customer_comments: 0, status: 'in_progress', assignee_id: PUSH_STAFF.ola.id });
      expect(Date.parse(row.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
      expect(await quoteEvents(world.instance.db, quoteId)).toEqual([]);
      expect(comparable((await pulledSince(world.instance, world.tokens.kari, cursor)).get(`quotes:${quoteId}`))).toEqual(comparable(row));
      await expectNoChange(quoteId, async () => expect(await act('kari', 'quote.markRead', { quoteId })).toMatchObject({ status: 'applied' }));
    });

    it('refuses staff who may not comment on the quote', async () => {
      const quoteId = await quote('requested', null, BERGEN);
      await expectNoChange(quoteId, async () =>
        expect(await act('kari', 'quote.markRead', { quoteId })).toMatchObject({
          status: 'rejected',
          code: 'FORBIDDEN',
          message: quoteRefusalText.forbidden('quote.markRead', `T-${quoteId}`),
        }),
      );
      expect(await act('kari', 'quote.markRead', { quoteId: 'finnes-ikke' })).toMatchObject({
        status: 'rejected',
        code: 'NOT_FOUND',
        message: 'Fant ikke tilbudet (finnes-ikke). Det kan være slettet; oppdater listen og prøv igjen.',
      });
    });
  });
});
