import { describe, expect, it } from 'vitest';
import { at, KARI, quoteRow, useOutboxWorld } from './outboxFixture';

// applyResults and acknowledge: what the server's answers do to the queue, the cache and the
// Needs attention list.

const REJECTED_AT = '2026-11-21T10:00:00.000Z';

describe('Outbox.applyResults', () => {
  const worlds = useOutboxWorld();

  it('undoes a rejected action: the server row returns, the other pending effects stay', () => {
    const world = worlds.open({ now: () => new Date(REJECTED_AT) });
    const serverQ1 = world.quote('q1');
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    world.outbox.submit('quote.comment', { quoteId: 'q1', commentId: 'k1', body: 'Hei' }, KARI, at(2));
    world.outbox.submit('quote.claim', { quoteId: 'q2' }, KARI, at(3));
    const message = 'Tilbud T-q1 er allerede tatt av Ola Konsulent. Ta kontakt med Ola Konsulent, eller be en administrator om å flytte det til deg.';
    const tables = world.outbox.applyResults([{ seq: 1, status: 'rejected', code: 'QUOTE_CLAIMED_BY_OTHER', message }]);
    expect(tables).toEqual(['quote_comments', 'quotes']);
    // The claim is gone; the comment's effect (unread cleared) is still on top of the server row.
    expect(world.quote('q1')).toEqual({ ...serverQ1, unread_customer_comments: 0, updated_at: at(2) });
    expect(world.all('quote_comments')).toHaveLength(1);
    expect(world.quote('q2')).toMatchObject({ status: 'in_progress', assignee_id: 'kari' });
    expect(world.outbox.pending(10).map((entry) => entry.seq)).toEqual([2, 3]);
    expect(world.outbox.listNeedsAttention()).toEqual([
      {
        seq: 1,
        name: 'quote.claim',
        args: { quoteId: 'q1' },
        code: 'QUOTE_CLAIMED_BY_OTHER',
        message,
        createdAt: at(1),
        rejectedAt: REJECTED_AT,
        object: { table: 'quotes', id: 'q1' },
      },
    ]);
  });

  it('keeps an applied action’s effect in the cache (no flicker) and forgets its base once nothing pending needs it', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    world.outbox.submit('quote.comment', { quoteId: 'q1', commentId: 'k1', body: 'Hei' }, KARI, at(2));
    world.outbox.applyResults([{ seq: 1, status: 'applied' }]);
    expect(world.quote('q1')).toMatchObject({ status: 'in_progress', assignee_id: 'kari', unread_customer_comments: 0 });
    // The claim is folded into the base: a rejection of the comment now would leave the claim.
    world.outbox.applyResults([{ seq: 2, status: 'rejected', code: 'FORBIDDEN', message: 'Nei.' }]);
    expect(world.quote('q1')).toMatchObject({ status: 'in_progress', assignee_id: 'kari', unread_customer_comments: 2, updated_at: at(1) });
    expect(world.all('quote_comments')).toEqual([]);
    expect(world.all('outbox_base')).toEqual([]);
    expect(world.outbox.stats()).toEqual({ queueDepth: 0, oldestPendingAt: null, needsAttention: 1 });
    // The next pull brings the server's exact row.
    const server = quoteRow('q1', { status: 'in_progress', assignee_id: 'kari', updated_at: at(9) });
    world.pull([['put', 'quotes', server]]);
    expect(world.quote('q1')).toEqual(server);
  });

  it('ignores results for seqs it does not hold (a replayed answer), changing nothing', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    expect(world.outbox.applyResults([{ seq: 7, status: 'rejected', code: 'FORBIDDEN', message: 'Nei.' }])).toEqual([]);
    expect(world.outbox.stats()).toMatchObject({ queueDepth: 1, needsAttention: 0 });
  });

  it('lists and dismisses Needs attention entries, and counts them in the stats', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    world.outbox.submit('quote.claim', { quoteId: 'q2' }, KARI, at(2));
    world.outbox.submit('quote.comment', { quoteId: 'q2', commentId: 'k1', body: 'Hei' }, KARI, at(3));
    expect(world.outbox.stats()).toEqual({ queueDepth: 3, oldestPendingAt: at(1), needsAttention: 0 });
    world.outbox.applyResults([
      { seq: 1, status: 'rejected', code: 'QUOTE_NOT_CLAIMABLE' },
      { seq: 2, status: 'rejected', code: 'NOT_FOUND', message: 'Fant ikke tilbudet (q2).' },
    ]);
    expect(world.outbox.stats()).toEqual({ queueDepth: 1, oldestPendingAt: at(3), needsAttention: 2 });
    const [first, second] = world.outbox.listNeedsAttention();
    // Without a message from the server, the entry still says what happened, in Norwegian.
    expect(first).toMatchObject({ seq: 1, code: 'QUOTE_NOT_CLAIMABLE', message: 'Serveren avviste handlingen quote.claim (QUOTE_NOT_CLAIMABLE).' });
    expect(second).toMatchObject({ seq: 2, object: { table: 'quotes', id: 'q2' } });
    expect(world.outbox.dismiss(1)).toBe(true);
    expect(world.outbox.dismiss(1)).toBe(false);
    expect(world.outbox.listNeedsAttention().map((entry) => entry.seq)).toEqual([2]);
    expect(world.outbox.stats().needsAttention).toBe(1);
  });
});

describe('Outbox.acknowledge', () => {
  const worlds = useOutboxWorld();

  it('stops re-applying acknowledged effects (the pull brought them) but keeps them queued for their outcome', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    // On the server Kari's claim was applied and an admin has released the quote since: the
    // pull brings it requested again, with the ack for seq 1.
    const server = quoteRow('q1', { updated_at: at(4) });
    world.pull([['put', 'quotes', server]]);
    expect(world.quote('q1')).toMatchObject({ assignee_id: 'kari' });
    expect(world.outbox.acknowledge(1)).toEqual(['quotes']);
    expect(world.quote('q1')).toEqual(server);
    expect(world.all('outbox_base')).toEqual([]);
    expect(world.outbox.pending(10).map((entry) => entry.seq)).toEqual([1]);
    expect(world.outbox.acknowledge(1)).toEqual([]);
    // Later pages do not bring the claim back either.
    world.pull([['put', 'quotes', quoteRow('q1', { updated_at: at(5) })]]);
    expect(world.quote('q1')).toMatchObject({ assignee_id: null, updated_at: at(5) });
    // The push then learns the outcome; the cache keeps the server's row.
    world.outbox.applyResults([{ seq: 1, status: 'applied' }]);
    expect(world.quote('q1')).toMatchObject({ assignee_id: null, updated_at: at(5) });
    expect(world.outbox.stats().queueDepth).toBe(0);
  });

  it('still lands an acknowledged rejection in Needs attention when the push answers for it', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    world.outbox.submit('quote.claim', { quoteId: 'q2' }, KARI, at(2));
    const server = quoteRow('q1', { status: 'in_progress', assignee_id: 'ola', updated_at: at(4) });
    world.pull([['put', 'quotes', server]]);
    world.outbox.acknowledge(1);
    expect(world.quote('q1')).toEqual(server);
    expect(world.quote('q2')).toMatchObject({ assignee_id: 'kari' });
    world.outbox.applyResults([{ seq: 1, status: 'rejected', code: 'QUOTE_CLAIMED_BY_OTHER', message: 'Tatt av Ola.' }]);
    expect(world.outbox.listNeedsAttention()).toMatchObject([{ seq: 1, code: 'QUOTE_CLAIMED_BY_OTHER', message: 'Tatt av Ola.' }]);
    expect(world.quote('q1')).toEqual(server);
    expect(world.quote('q2')).toMatchObject({ assignee_id: 'kari' });
  });
});
