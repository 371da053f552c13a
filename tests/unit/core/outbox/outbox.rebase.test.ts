import { describe, expect, it } from 'vitest';
import { localEffects, type LocalEffects } from '../../../../electron/shared/sync/localEffects';
import { at, KARI, quoteRow, staffRow, useOutboxWorld, OLA } from './outboxFixture';

// rebase: each pull page puts the server's new rows under the pending effects.

describe('Outbox.rebase', () => {
  const worlds = useOutboxWorld();

  it('keeps the optimistic effect on top of a new server row of a touched quote', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    // Meanwhile the customer commented: the server's row has more unread comments and a new time.
    const server = quoteRow('q1', { unread_customer_comments: 5, updated_at: at(3) });
    world.pull([['put', 'quotes', server]]);
    expect(world.quote('q1')).toMatchObject({ status: 'in_progress', assignee_id: 'kari', unread_customer_comments: 5, updated_at: at(1) });
    // The base now holds the server's new row (quotes have no booleans or JSON: stored as on the wire).
    const [base] = world.all('outbox_base') as Array<{ table_name: string; row_id: string; row: string }>;
    expect(base).toMatchObject({ table_name: 'quotes', row_id: 'q1' });
    expect(JSON.parse(base?.row ?? 'null')).toEqual(server);
    expect(world.outbox.stats().queueDepth).toBe(1);
  });

  it('re-applies a comment over a server row that has more unread comments, and leaves untouched rows alone', () => {
    const world = worlds.open();
    world.outbox.submit('quote.comment', { quoteId: 'q1', commentId: 'k1', body: 'Hei' }, KARI, at(1));
    world.pull([
      ['put', 'quotes', quoteRow('q1', { unread_customer_comments: 3 })],
      ['put', 'quotes', quoteRow('q2', { status: 'in_progress', assignee_id: 'ola' })],
    ]);
    expect(world.quote('q1')).toMatchObject({ unread_customer_comments: 0 });
    expect(world.quote('q2')).toMatchObject({ status: 'in_progress', assignee_id: 'ola' });
    expect(world.all('quote_comments')).toHaveLength(1);
  });

  it('skips an effect the rules now refuse, keeps it queued, and applies it again when they allow it', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    world.pull([['put', 'quotes', quoteRow('q1', { status: 'in_progress', assignee_id: 'ola', updated_at: at(2) })]]);
    // The server's row shows: Ola has it. Kari's claim waits for the server's verdict.
    expect(world.quote('q1')).toMatchObject({ assignee_id: 'ola', updated_at: at(2) });
    expect(world.outbox.stats().queueDepth).toBe(1);
    expect(world.all('outbox_base')).toEqual([]);
    world.pull([['put', 'quotes', quoteRow('q1', { updated_at: at(3) })]]);
    expect(world.quote('q1')).toMatchObject({ assignee_id: 'kari', status: 'in_progress' });
    expect(world.all('outbox_base')).toHaveLength(1);
  });

  it('follows a deletion of a touched row and a snapshot that brings the rows again', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    world.pull([['del', 'quotes', 'q1']]);
    expect(world.quote('q1')).toBeUndefined();
    expect(world.outbox.stats().queueDepth).toBe(1);
    // A snapshot's first page empties the tables; the quote comes on a later page.
    world.pull([['put', 'staff', staffRow(KARI)], ['put', 'staff', staffRow(OLA)]], { snapshot: true, more: true });
    expect(world.quote('q1')).toBeUndefined();
    world.pull([['put', 'quotes', quoteRow('q1', { unread_customer_comments: 1 })]]);
    expect(world.quote('q1')).toMatchObject({ status: 'in_progress', assignee_id: 'kari', unread_customer_comments: 1 });
  });

  it('puts the server row under the effect on a snapshot page that replaces everything', () => {
    const world = worlds.open();
    world.outbox.submit('quote.comment', { quoteId: 'q1', commentId: 'k1', body: 'Hei' }, KARI, at(1));
    world.pull([['put', 'staff', staffRow(KARI)], ['put', 'quotes', quoteRow('q1', { unread_customer_comments: 4 })]], { snapshot: true });
    expect(world.quote('q1')).toMatchObject({ unread_customer_comments: 0 });
    expect(world.all('quote_comments')).toHaveLength(1);
    expect(world.quote('q2')).toBeUndefined();
  });

  it('skips an effect that throws while re-applied, reports it, and lets the page through', () => {
    let broken = false;
    const errors: number[] = [];
    const flaky: LocalEffects = {
      ...localEffects,
      'quote.claim': {
        object: localEffects['quote.claim'].object,
        apply(rows, args, actor, time) {
          const result = localEffects['quote.claim'].apply(rows, args, actor, time);
          if (broken) throw new Error('effect bug');
          return result;
        },
      },
    };
    const world = worlds.open({ effects: flaky, reportError: (seq) => errors.push(seq) });
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    broken = true;
    world.pull([['put', 'quotes', quoteRow('q1', { unread_customer_comments: 7 })]]);
    expect(errors).toEqual([1]);
    expect(world.quote('q1')).toMatchObject({ status: 'requested', assignee_id: null, unread_customer_comments: 7 });
    expect(world.outbox.stats().queueDepth).toBe(1);
  });
});
