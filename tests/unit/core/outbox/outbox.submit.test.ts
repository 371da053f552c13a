import { describe, expect, it } from 'vitest';
import { openCache } from '../../../../electron/core/cache/open';
import { Outbox } from '../../../../electron/core/sync/outbox';
import { LAST_SEQ_KEY } from '../../../../electron/core/sync/outboxQueue';
import { CoreError } from '../../../../electron/core/router';
import { localEffects, type LocalEffects } from '../../../../electron/shared/sync/localEffects';
import { at, KARI, OLA, quoteRow, useOutboxWorld, type OutboxWorld } from './outboxFixture';

// submit: the effect, its base copy and the outbox row in one durable transaction, or nothing.

function refusal(run: () => unknown): CoreError {
  try {
    run();
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('expected a CoreError');
}

function nothingWritten(world: OutboxWorld): void {
  expect(world.all('outbox')).toEqual([]);
  expect(world.all('outbox_base')).toEqual([]);
  expect(world.all('quote_comments')).toEqual([]);
  expect(world.quote('q1')).toMatchObject({ status: 'requested', assignee_id: null, unread_customer_comments: 2 });
}

describe('Outbox.submit', () => {
  const worlds = useOutboxWorld();

  it('writes the effect, the base copy of the row it changed, and the outbox row together', () => {
    const world = worlds.open();
    const before = world.quote('q1');
    expect(world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1))).toEqual({ seq: 1, tables: ['quotes'] });
    expect(world.quote('q1')).toMatchObject({ status: 'in_progress', assignee_id: 'kari', updated_at: at(1) });
    expect(world.all('outbox')).toEqual([
      {
        seq: 1,
        name: 'quote.claim',
        args: '{"quoteId":"q1"}',
        created_at: at(1),
        attempts: 0,
        last_error: null,
        next_attempt_at: null,
        actor: JSON.stringify({ id: 'kari', role: 'consultant', branchId: 'oslo' }),
      },
    ]);
    expect(world.all('outbox_base')).toEqual([{ table_name: 'quotes', row_id: 'q1', row: JSON.stringify(before) }]);
  });

  it('keeps the queue, the effect and the counter in the file: a reopened cache goes on where it was', () => {
    const world = worlds.open();
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, '2026-11-21T10:01:00+01:00');
    const file = world.cache.sqlite.name;
    world.cache.sqlite.close();
    const reopened = openCache({ file });
    try {
      const outbox = new Outbox(reopened.sqlite);
      // The time is kept in UTC, so queued actions sort by it as text.
      expect(outbox.pending(10)).toEqual([{ seq: 1, name: 'quote.claim', args: { quoteId: 'q1' }, at: at(1) }]);
      expect(reopened.sqlite.prepare("SELECT assignee_id FROM quotes WHERE id = 'q1'").pluck().get()).toBe('kari');
      expect(outbox.submit('quote.claim', { quoteId: 'q2' }, KARI, at(2)).seq).toBe(2);
    } finally {
      reopened.sqlite.close();
    }
  });

  it('keeps the first base copy when a later action changes the same row again', () => {
    const world = worlds.open();
    const before = world.quote('q1');
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    expect(world.outbox.submit('quote.comment', { quoteId: 'q1', commentId: 'k1', body: '  Ser på det  ' }, KARI, at(2))).toEqual({
      seq: 2,
      tables: ['quote_comments', 'quotes'],
    });
    expect(world.all('outbox_base')).toEqual([
      { table_name: 'quote_comments', row_id: 'k1', row: null },
      { table_name: 'quotes', row_id: 'q1', row: JSON.stringify(before) },
    ]);
    // The args are queued as the schema left them (trimmed), so the server gets what the cache shows.
    expect(world.outbox.pending(10)[1]).toEqual({ seq: 2, name: 'quote.comment', args: { quoteId: 'q1', commentId: 'k1', body: 'Ser på det' }, at: at(2) });
  });

  it('leaves nothing behind when an effect fails midway, and hands out no seq for it', () => {
    const failing: LocalEffects = {
      ...localEffects,
      'quote.claim': {
        object: localEffects['quote.claim'].object,
        apply(rows, args, actor, time) {
          localEffects['quote.claim'].apply(rows, args, actor, time);
          throw new Error('effect bug');
        },
      },
    };
    const world = worlds.open({ effects: failing });
    expect(() => world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1))).toThrow('effect bug');
    nothingWritten(world);
    expect(world.all('sync_state')).not.toContainEqual(expect.objectContaining({ key: LAST_SEQ_KEY }));
    expect(world.outbox.submit('quote.comment', { quoteId: 'q1', commentId: 'k1', body: 'Hei' }, KARI, at(2)).seq).toBe(1);
  });

  it('hands out seqs 1, 2, 3 … and never one again, even after the rows are gone', () => {
    const world = worlds.open();
    const seqs = [1, 2, 3].map((n) => world.outbox.submit('quote.comment', { quoteId: 'q2', commentId: `k${n}`, body: 'Hei' }, KARI, at(n)).seq);
    expect(seqs).toEqual([1, 2, 3]);
    world.outbox.applyResults([
      { seq: 1, status: 'applied' },
      { seq: 2, status: 'applied' },
      { seq: 3, status: 'rejected', code: 'FORBIDDEN', message: 'Nei.' },
    ]);
    world.outbox.dismiss(3);
    expect(world.outbox.stats()).toEqual({ queueDepth: 0, oldestPendingAt: null, needsAttention: 0 });
    expect(world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(5)).seq).toBe(4);
    // A lost counter cannot bring a seq back while a row still carries it.
    world.cache.sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(LAST_SEQ_KEY);
    expect(world.outbox.submit('quote.claim', { quoteId: 'q2' }, KARI, at(6)).seq).toBe(5);
  });

  it('refuses unknown names, bad args and a bad time with INVALID_ARGS, writing nothing', () => {
    const world = worlds.open();
    const cases: Array<[string, unknown, string]> = [
      ['quote.fly', { quoteId: 'q1' }, at(1)],
      ['quote.claim', {}, at(1)],
      ['quote.claim', { quoteId: 'q1', extra: true }, at(1)],
      ['quote.comment', { quoteId: 'q1', commentId: 'k1', body: '   ' }, at(1)],
      ['quote.claim', { quoteId: 'q1' }, 'i går'],
    ];
    for (const [name, args, time] of cases) {
      const error = refusal(() => world.outbox.submit(name, args, KARI, time));
      expect(error.code, name).toBe('INVALID_ARGS');
      expect(error.message).toMatch(/^(Appen kjenner ikke handlingen|Handlingen quote\.\w+ har)/);
    }
    expect(refusal(() => world.outbox.submit('quote.claim', {}, KARI, at(1))).message).toContain('quoteId');
    nothingWritten(world);
  });

  it('refuses at once what the shared rules refuse, with the rule’s code and a Norwegian message', () => {
    const world = worlds.open();
    world.pull([['put', 'quotes', quoteRow('q1', { status: 'in_progress', assignee_id: 'ola' })]]);
    const error = refusal(() => world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1)));
    expect(error.code).toBe('QUOTE_CLAIMED_BY_OTHER');
    expect(error.message).toContain('allerede tatt av Ola Konsulent');
    expect(refusal(() => world.outbox.submit('quote.release', { quoteId: 'q2' }, OLA, at(1))).code).toBe('QUOTE_NOT_CLAIMED_BY_YOU');
    expect(world.all('outbox')).toEqual([]);
    expect(world.all('outbox_base')).toEqual([]);
  });

  it('writes with synchronous=FULL and puts the connection back to NORMAL afterwards', () => {
    let seen: unknown;
    const spying: LocalEffects = {
      ...localEffects,
      'quote.claim': {
        object: localEffects['quote.claim'].object,
        apply(rows, args, actor, time) {
          seen = world.cache.sqlite.pragma('synchronous', { simple: true });
          return localEffects['quote.claim'].apply(rows, args, actor, time);
        },
      },
    };
    const world = worlds.open({ effects: spying });
    world.outbox.submit('quote.claim', { quoteId: 'q1' }, KARI, at(1));
    expect(seen).toBe(2);
    expect(world.cache.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    refusal(() => world.outbox.submit('quote.claim', { quoteId: 'qb' }, KARI, at(2)));
    expect(world.cache.sqlite.pragma('synchronous', { simple: true })).toBe(1);
  });
});
