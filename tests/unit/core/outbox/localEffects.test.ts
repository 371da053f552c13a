import { describe, expect, it } from 'vitest';
import { applyLocalEffect, localEffects, type EffectActor, type EffectRows, type LocalEffectResult } from '../../../../electron/shared/sync/localEffects';
import { mutationNames, type MutationArgs, type MutationName } from '../../../../electron/shared/sync/mutations';
import type { SyncRow, SyncTableName } from '../../../../electron/shared/sync/rows';
import { ADMIN, BERIT, KARI, OLA, quoteRow, staffRow } from './outboxFixture';

// The effects against a plain in-memory store: pure functions of (rows, args, actor, at).

const AT = '2026-11-21T09:30:00.000Z';

class MapRows implements EffectRows {
  readonly rows = new Map<string, unknown>();
  writes = 0;
  constructor(entries: Array<[SyncTableName, { id: string }]> = []) {
    for (const [table, row] of entries) this.rows.set(`${table}:${row.id}`, row);
  }
  get<T extends SyncTableName>(table: T, id: string): SyncRow<T> | undefined {
    return this.rows.get(`${table}:${id}`) as SyncRow<T> | undefined;
  }
  put<T extends SyncTableName>(table: T, row: SyncRow<T>): void {
    this.writes++;
    this.rows.set(`${table}:${row.id}`, structuredClone(row));
  }
}

function world(quote: SyncRow<'quotes'> = quoteRow('q1')): MapRows {
  return new MapRows([...[KARI, OLA, BERIT, ADMIN].map((actor): [SyncTableName, { id: string }] => ['staff', staffRow(actor)]), ['quotes', quote]]);
}

function run<N extends MutationName>(rows: MapRows, name: N, args: MutationArgs<N>, actor: EffectActor = KARI) {
  return applyLocalEffect(localEffects, rows, name, args, actor, AT);
}

function messageOf(result: LocalEffectResult): string {
  return result.status === 'refused' ? result.message : '';
}

describe('local effects', () => {
  it('has an effect for every mutation of the contract', () => {
    expect(Object.keys(localEffects).sort()).toEqual([...mutationNames].sort());
  });

  it('claims a requested quote: in progress, assigned, updated at the action’s time', () => {
    const rows = world();
    expect(run(rows, 'quote.claim', { quoteId: 'q1' })).toEqual({ status: 'applied', tables: ['quotes'], object: { table: 'quotes', id: 'q1' } });
    expect(rows.get('quotes', 'q1')).toEqual(quoteRow('q1', { status: 'in_progress', assignee_id: 'kari', updated_at: AT }));
  });

  it('claims one’s own claim again without writing', () => {
    const rows = world(quoteRow('q1', { status: 'in_progress', assignee_id: 'kari' }));
    expect(run(rows, 'quote.claim', { quoteId: 'q1' })).toMatchObject({ status: 'applied', tables: [] });
    expect(rows.writes).toBe(0);
  });

  it('refuses a quote someone else holds with the server’s code and the holder’s name', () => {
    const rows = world(quoteRow('q1', { status: 'in_progress', assignee_id: 'ola' }));
    expect(run(rows, 'quote.claim', { quoteId: 'q1' })).toEqual({
      status: 'refused',
      code: 'QUOTE_CLAIMED_BY_OTHER',
      message: 'Tilbud T-q1 er allerede tatt av Ola Konsulent. Ta kontakt med Ola Konsulent, eller be en administrator om å flytte det til deg.',
      object: { table: 'quotes', id: 'q1' },
    });
    const unknownHolder = world(quoteRow('q1', { status: 'in_progress', assignee_id: 'gone' }));
    expect(messageOf(run(unknownHolder, 'quote.claim', { quoteId: 'q1' }))).toContain('ukjent ansatt (gone)');
    expect(rows.writes + unknownHolder.writes).toBe(0);
  });

  it('refuses a quote that is not in a claimable state', () => {
    const rows = world(quoteRow('q1', { status: 'answered', answered_at: AT }));
    const result = run(rows, 'quote.claim', { quoteId: 'q1' });
    expect(result).toMatchObject({ status: 'refused', code: 'QUOTE_NOT_CLAIMABLE' });
    expect(messageOf(result)).toMatch(/^Tilbud T-q1 er besvart og kan ikke tas\./);
  });

  it('refuses a quote it cannot find, and one of another branch or role, as the server would', () => {
    expect(run(world(), 'quote.claim', { quoteId: 'nope' })).toMatchObject({ code: 'NOT_FOUND', object: { table: 'quotes', id: 'nope' } });
    const forbidden = run(world(), 'quote.claim', { quoteId: 'q1' }, BERIT);
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN' });
    expect(messageOf(forbidden)).toMatch(/^Du har ikke tilgang til å ta tilbud T-q1/);
    expect(run(world(), 'quote.comment', { quoteId: 'q1', commentId: 'k1', body: 'Hei' }, { id: 'avd', role: 'branch', branchId: 'oslo' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('releases one’s own claim back to requested, or to revision when it was answered before', () => {
    const fresh = world(quoteRow('q1', { status: 'in_progress', assignee_id: 'kari' }));
    expect(run(fresh, 'quote.release', { quoteId: 'q1' })).toMatchObject({ status: 'applied', tables: ['quotes'] });
    expect(fresh.get('quotes', 'q1')).toMatchObject({ status: 'requested', assignee_id: null, updated_at: AT });
    const revised = world(quoteRow('q1', { status: 'in_progress', assignee_id: 'kari', answered_at: '2026-11-20T10:00:00.000Z' }));
    run(revised, 'quote.release', { quoteId: 'q1' });
    expect(revised.get('quotes', 'q1')).toMatchObject({ status: 'revision_requested', assignee_id: null });
  });

  it('refuses releasing someone else’s claim, or an unclaimed quote, unless an admin does it', () => {
    const held = quoteRow('q1', { status: 'in_progress', assignee_id: 'ola' });
    expect(run(world(held), 'quote.release', { quoteId: 'q1' })).toMatchObject({
      code: 'QUOTE_NOT_CLAIMED_BY_YOU',
      message: 'Tilbud T-q1 er tatt av Ola Konsulent, ikke av deg. Bare Ola Konsulent eller en administrator kan frigi det.',
    });
    const unclaimed = run(world(), 'quote.release', { quoteId: 'q1' });
    expect(unclaimed).toMatchObject({ code: 'QUOTE_NOT_CLAIMED_BY_YOU' });
    expect(messageOf(unclaimed)).toContain('ikke tatt av deg');
    const rows = world(held);
    expect(run(rows, 'quote.release', { quoteId: 'q1' }, ADMIN)).toMatchObject({ status: 'applied' });
    expect(rows.get('quotes', 'q1')).toMatchObject({ status: 'requested', assignee_id: null });
  });

  it('adds a staff comment under the client-made id and clears the unread count; the same comment again is a no-op', () => {
    const rows = world();
    const args = { quoteId: 'q1', commentId: 'k1', body: 'Vi ser på det i dag.' };
    expect(run(rows, 'quote.comment', args)).toEqual({ status: 'applied', tables: ['quote_comments', 'quotes'], object: { table: 'quotes', id: 'q1' } });
    expect(rows.get('quote_comments', 'k1')).toEqual({
      id: 'k1',
      quote_id: 'q1',
      branch_id: 'oslo',
      author_kind: 'staff',
      author_staff_id: 'kari',
      author_user_id: null,
      body: 'Vi ser på det i dag.',
      created_at: AT,
    });
    expect(rows.get('quotes', 'q1')).toMatchObject({ unread_customer_comments: 0, updated_at: AT });
    const writes = rows.writes;
    expect(run(rows, 'quote.comment', args)).toMatchObject({ status: 'applied', tables: [] });
    const taken = run(rows, 'quote.comment', { ...args, body: 'Noe annet' });
    expect(taken).toMatchObject({ code: 'COMMENT_ID_TAKEN' });
    expect(messageOf(taken)).toContain('(k1)');
    expect(rows.writes).toBe(writes);
  });

  it('is deterministic: the same rows, args, actor and time give the same rows', () => {
    const a = world();
    const b = world();
    for (const rows of [a, b]) {
      run(rows, 'quote.claim', { quoteId: 'q1' });
      run(rows, 'quote.comment', { quoteId: 'q1', commentId: 'k1', body: 'Hei' });
    }
    expect([...a.rows.entries()]).toEqual([...b.rows.entries()]);
  });
});
