import { describe, expect, it } from 'vitest';
import { applyLocalEffect, localEffects, type EffectActor, type EffectRows, type LocalEffectResult } from '../../../../electron/shared/sync/localEffects';
import { mutationArgs, type MutationArgs, type MutationName } from '../../../../electron/shared/sync/mutations';
import type { SyncRow, SyncTableName } from '../../../../electron/shared/sync/rows';
import { ADMIN, BERIT, KARI, OLA, quoteRow, staffRow } from './outboxFixture';

// quote.answer, quote.decline, quote.reassign and quote.markRead against a plain in-memory store:
// applied, every refusal with the server's code and words, and replays that change nothing.

const AT = '2026-11-21T09:30:00.000Z';
const OBJECT = { table: 'quotes', id: 'q1' } as const;

class MapRows implements EffectRows {
  readonly rows = new Map<string, unknown>();
  writes = 0;
  constructor(entries: Array<[SyncTableName, { id: string }]>) {
    for (const [table, row] of entries) this.rows.set(`${table}:${row.id}`, structuredClone(row));
  }
  get<T extends SyncTableName>(table: T, id: string): SyncRow<T> | undefined {
    return this.rows.get(`${table}:${id}`) as SyncRow<T> | undefined;
  }
  put<T extends SyncTableName>(table: T, row: SyncRow<T>): void {
    this.writes++;
    this.rows.set(`${table}:${row.id}`, structuredClone(row));
  }
  list<T extends SyncTableName>(table: T, column: keyof SyncRow<T> & string, value: string): Array<SyncRow<T>> {
    return [...this.rows.entries()].filter(([key, row]) => key.startsWith(`${table}:`) && (row as Record<string, unknown>)[column] === value).map(([, row]) => row as SyncRow<T>);
  }
}

/** The same store for a view that cannot list rows (the effects then check what they reach by id). */
class ByIdOnly implements EffectRows {
  constructor(private readonly inner: MapRows) {}
  get<T extends SyncTableName>(table: T, id: string): SyncRow<T> | undefined {
    return this.inner.get(table, id);
  }
  put<T extends SyncTableName>(table: T, row: SyncRow<T>): void {
    this.inner.put(table, row);
  }
}

function lineRow(id: string, position: number, changes: Partial<SyncRow<'quote_lines'>> = {}): SyncRow<'quote_lines'> {
  return {
    id,
    quote_id: 'q1',
    branch_id: 'oslo',
    position,
    product_id: `p${position}`,
    article_number: `A-${position}`,
    name: `Produkt ${position}`,
    qty: 2,
    list_price_ore: 10_000,
    tier_discount_bp: 1_000,
    extra_discount_bp: 0,
    offered_price_ore: null,
    ...changes,
  };
}

const INACTIVE: EffectActor = { id: 'gone', role: 'consultant', branchId: 'oslo' };
const AVD: EffectActor = { id: 'avd', role: 'branch', branchId: 'oslo' };

function world(quote: Partial<SyncRow<'quotes'>> = {}, lines = [lineRow('l1', 1), lineRow('l2', 2)]): MapRows {
  const staff: Array<[SyncTableName, { id: string }]> = [KARI, OLA, BERIT, ADMIN, AVD].map((actor) => ['staff', staffRow(actor)]);
  const inactive: SyncRow<'staff'> = { ...staffRow(INACTIVE), active: false };
  staff.push(['staff', inactive]);
  return new MapRows([
    ...staff,
    ['quotes', quoteRow('q1', quote)],
    ...lines.map((line): [SyncTableName, { id: string }] => ['quote_lines', line]),
    // A line of another quote, which no answer to q1 may name.
    ['quote_lines', lineRow('other', 1, { quote_id: 'q2' })],
  ]);
}

function run<N extends MutationName>(rows: EffectRows, name: N, args: MutationArgs<N>, actor: EffectActor = KARI): LocalEffectResult {
  // As the outbox does: the args as the schema leaves them (trimmed).
  return applyLocalEffect(localEffects, rows, name, mutationArgs[name].parse(args) as MutationArgs<N>, actor, AT);
}

const ANSWER: MutationArgs<'quote.answer'> = {
  quoteId: 'q1',
  lines: [
    { lineId: 'l2', extraDiscountBp: 0, offeredPriceOre: 7_500 },
    { lineId: 'l1', extraDiscountBp: 500, offeredPriceOre: null },
  ],
  validityDays: 30,
  message: '  Takk for forespørselen!  ',
};

describe('quote.answer (local)', () => {
  const held = { status: 'in_progress', assignee_id: 'kari' } as const;

  it('writes every line\'s choice and answers the quote at the action\'s time, valid for the Oslo days', () => {
    const rows = world(held);
    expect(run(rows, 'quote.answer', ANSWER)).toEqual({ status: 'applied', tables: ['quote_lines', 'quotes'], object: OBJECT });
    expect(rows.get('quote_lines', 'l1')).toEqual(lineRow('l1', 1, { extra_discount_bp: 500, offered_price_ore: null }));
    expect(rows.get('quote_lines', 'l2')).toEqual(lineRow('l2', 2, { extra_discount_bp: 0, offered_price_ore: 7_500 }));
    expect(rows.get('quotes', 'q1')).toEqual(
      quoteRow('q1', {
        ...held,
        status: 'answered',
        answered_at: AT,
        valid_until: '2026-12-21',
        message_to_customer: 'Takk for forespørselen!',
        updated_at: AT,
      }),
    );
    expect(rows.get('quote_lines', 'other')).toEqual(lineRow('other', 1, { quote_id: 'q2' }));
  });

  it('stores an empty message as none', () => {
    const rows = world(held);
    run(rows, 'quote.answer', { ...ANSWER, message: '   ' });
    expect(rows.get('quotes', 'q1')?.message_to_customer).toBeNull();
  });

  it('is idempotent: the same answer replayed on its own result writes nothing', () => {
    const rows = world(held);
    run(rows, 'quote.answer', ANSWER);
    const after = structuredClone([...rows.rows.entries()]);
    const writes = rows.writes;
    expect(run(rows, 'quote.answer', ANSWER)).toEqual({ status: 'applied', tables: [], object: OBJECT });
    expect(rows.writes).toBe(writes);
    expect([...rows.rows.entries()]).toEqual(after);
    // Another answer to the answered quote is refused.
    const other = run(rows, 'quote.answer', { ...ANSWER, validityDays: 14 });
    expect(other).toEqual({
      status: 'refused',
      code: 'QUOTE_NOT_OPEN',
      message: 'Tilbud T-q1 er allerede besvart med et annet svar. Et nytt svar kan gis når kunden ber om revisjon.',
      object: OBJECT,
    });
  });

  it('lets an admin answer a quote Kari holds; the assignee stays', () => {
    const rows = world(held);
    expect(run(rows, 'quote.answer', ANSWER, ADMIN)).toMatchObject({ status: 'applied' });
    expect(rows.get('quotes', 'q1')).toMatchObject({ status: 'answered', assignee_id: 'kari' });
  });

  it('refuses a quote someone else holds, naming them, and one nobody holds', () => {
    expect(run(world(held), 'quote.answer', ANSWER, OLA)).toEqual({
      status: 'refused',
      code: 'QUOTE_NOT_CLAIMED_BY_YOU',
      message: 'Tilbud T-q1 er tatt av Kari Konsulent, ikke av deg. Bare Kari Konsulent eller en administrator kan besvare det.',
      object: OBJECT,
    });
    expect(run(world({ status: 'in_progress', assignee_id: null }), 'quote.answer', ANSWER)).toMatchObject({
      code: 'QUOTE_NOT_CLAIMED_BY_YOU',
      message: 'Tilbud T-q1 er ikke tatt av deg, så du kan ikke besvare det. Oppdater listen for å se hvem som har det.',
    });
  });

  it.each([
    ['requested', 'Tilbud T-q1 er forespurt og må tas før det kan besvares. Ta tilbudet, og send svaret på nytt.'],
    ['revision_requested', 'Tilbud T-q1 er sendt tilbake for revisjon og må tas før det kan besvares. Ta tilbudet, og send svaret på nytt.'],
    ['accepted', 'Tilbud T-q1 er akseptert og kan ikke besvares. Oppdater listen for å se tilbudet slik det er nå.'],
    ['declined', 'Tilbud T-q1 er avslått og kan ikke besvares. Oppdater listen for å se tilbudet slik det er nå.'],
    ['expired', 'Tilbud T-q1 er utløpt og kan ikke besvares. Oppdater listen for å se tilbudet slik det er nå.'],
  ] as const)('refuses a quote that is %s with QUOTE_NOT_OPEN', (status, message) => {
    const rows = world({ status, assignee_id: 'kari', decline_reason: status === 'declined' ? 'Nei' : null });
    expect(run(rows, 'quote.answer', ANSWER)).toEqual({ status: 'refused', code: 'QUOTE_NOT_OPEN', message, object: OBJECT });
    expect(rows.writes).toBe(0);
  });

  it('refuses lines that are not exactly the quote\'s', () => {
    const message =
      'Svaret passer ikke til linjene i tilbud T-q1 (en linje mangler, er ukjent eller står to ganger). Åpne tilbudet på nytt og send svaret igjen.';
    const cases: Array<MutationArgs<'quote.answer'>['lines']> = [
      ANSWER.lines.slice(0, 1),
      [...ANSWER.lines, { lineId: 'other', extraDiscountBp: 0, offeredPriceOre: null }],
      [...ANSWER.lines, { lineId: 'nowhere', extraDiscountBp: 0, offeredPriceOre: null }],
      [ANSWER.lines[0]!, ANSWER.lines[0]!, ANSWER.lines[1]!],
    ];
    for (const lines of cases) {
      const rows = world(held);
      expect(run(rows, 'quote.answer', { ...ANSWER, lines })).toEqual({ status: 'refused', code: 'QUOTE_LINES_CHANGED', message, object: OBJECT });
      expect(rows.writes).toBe(0);
    }
  });

  it('without a way to list lines, still refuses unknown, foreign and doubled lines, and leaves a missing one to the server', () => {
    for (const lines of [[...ANSWER.lines, { lineId: 'other', extraDiscountBp: 0, offeredPriceOre: null }], [ANSWER.lines[0]!, ANSWER.lines[0]!, ANSWER.lines[1]!]]) {
      expect(run(new ByIdOnly(world(held)), 'quote.answer', { ...ANSWER, lines })).toMatchObject({ code: 'QUOTE_LINES_CHANGED' });
    }
    const inner = world(held);
    expect(run(new ByIdOnly(inner), 'quote.answer', { ...ANSWER, lines: ANSWER.lines.slice(1) })).toMatchObject({ status: 'applied' });
    expect(inner.get('quote_lines', 'l1')).toMatchObject({ extra_discount_bp: 500 });
    expect(inner.get('quote_lines', 'l2')).toMatchObject({ offered_price_ore: null });
  });

  it('refuses a line the pricing rules refuse, naming its position', () => {
    const both = [ANSWER.lines[1]!, { lineId: 'l2', extraDiscountBp: 100, offeredPriceOre: 7_500 }];
    expect(run(world(held), 'quote.answer', { ...ANSWER, lines: both })).toEqual({
      status: 'refused',
      code: 'QUOTE_ANSWER_INVALID',
      message: 'Linje 2 i svaret på tilbud T-q1 har både ekstra rabatt og fast pris. Velg det ene av dem, og send svaret på nytt.',
      object: OBJECT,
    });
    const over = [ANSWER.lines[0]!, { lineId: 'l1', extraDiscountBp: 9_001, offeredPriceOre: null }];
    expect(run(world(held), 'quote.answer', { ...ANSWER, lines: over })).toMatchObject({
      code: 'QUOTE_ANSWER_INVALID',
      message: 'Linje 1 i svaret på tilbud T-q1 har mer enn 100 % rabatt til sammen (kundenivå og ekstra rabatt). Sett ned den ekstra rabatten, og send svaret på nytt.',
    });
  });

  it('refuses an answer the policy forbids, as the server would', () => {
    expect(run(world({ ...held, assignee_id: 'berit' }), 'quote.answer', ANSWER, BERIT)).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^Du har ikke tilgang til å besvare tilbud T-q1/) as unknown,
    });
    expect(run(world(held), 'quote.answer', { ...ANSWER, quoteId: 'nope' })).toMatchObject({ code: 'NOT_FOUND', object: { table: 'quotes', id: 'nope' } });
  });
});

describe('quote.decline (local)', () => {
  const REASON = 'Varen er utgått hos leverandøren.';

  it('declines a new request with the reason, and again with the same reason writes nothing', () => {
    const rows = world();
    expect(run(rows, 'quote.decline', { quoteId: 'q1', reason: `  ${REASON} ` })).toEqual({ status: 'applied', tables: ['quotes'], object: OBJECT });
    expect(rows.get('quotes', 'q1')).toEqual(quoteRow('q1', { status: 'declined', decline_reason: REASON, updated_at: AT }));
    const writes = rows.writes;
    expect(run(rows, 'quote.decline', { quoteId: 'q1', reason: REASON }, OLA)).toEqual({ status: 'applied', tables: [], object: OBJECT });
    expect(rows.writes).toBe(writes);
    expect(run(rows, 'quote.decline', { quoteId: 'q1', reason: 'Noe annet' })).toEqual({
      status: 'refused',
      code: 'QUOTE_NOT_OPEN',
      message: 'Tilbud T-q1 er allerede avslått med en annen begrunnelse.',
      object: OBJECT,
    });
  });

  it('declines one\'s own work, an answered quote, and (as an admin) anyone\'s', () => {
    expect(run(world({ status: 'in_progress', assignee_id: 'kari' }), 'quote.decline', { quoteId: 'q1', reason: REASON })).toMatchObject({ status: 'applied' });
    expect(run(world({ status: 'answered', assignee_id: 'kari', answered_at: AT }), 'quote.decline', { quoteId: 'q1', reason: REASON })).toMatchObject({ status: 'applied' });
    const rows = world({ status: 'in_progress', assignee_id: 'ola' });
    expect(run(rows, 'quote.decline', { quoteId: 'q1', reason: REASON }, ADMIN)).toMatchObject({ status: 'applied' });
    expect(rows.get('quotes', 'q1')).toMatchObject({ status: 'declined', assignee_id: 'ola' });
  });

  it('refuses a quote someone else holds, naming them', () => {
    const rows = world({ status: 'in_progress', assignee_id: 'ola' });
    expect(run(rows, 'quote.decline', { quoteId: 'q1', reason: REASON })).toEqual({
      status: 'refused',
      code: 'QUOTE_NOT_CLAIMED_BY_YOU',
      message: 'Tilbud T-q1 er tatt av Ola Konsulent, ikke av deg. Bare Ola Konsulent eller en administrator kan avslå det.',
      object: OBJECT,
    });
    expect(rows.writes).toBe(0);
  });

  it.each(['accepted', 'expired'] as const)('refuses a quote that is %s', (status) => {
    expect(run(world({ status }), 'quote.decline', { quoteId: 'q1', reason: REASON })).toMatchObject({
      code: 'QUOTE_NOT_OPEN',
      message: `Tilbud T-q1 er ${status === 'accepted' ? 'akseptert' : 'utløpt'} og kan ikke avslås. Bare tilbud som ikke er akseptert, avslått eller utløpt kan avslås.`,
    });
  });

  it('refuses what the policy forbids', () => {
    expect(run(world(), 'quote.decline', { quoteId: 'q1', reason: REASON }, AVD)).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^Du har ikke tilgang til å avslå tilbud T-q1/) as unknown,
    });
  });
});

describe('quote.reassign (local)', () => {
  it('puts the quote in progress with the target, and again writes nothing', () => {
    const rows = world();
    expect(run(rows, 'quote.reassign', { quoteId: 'q1', assigneeId: 'ola' }, ADMIN)).toEqual({ status: 'applied', tables: ['quotes'], object: OBJECT });
    expect(rows.get('quotes', 'q1')).toEqual(quoteRow('q1', { status: 'in_progress', assignee_id: 'ola', updated_at: AT }));
    const writes = rows.writes;
    expect(run(rows, 'quote.reassign', { quoteId: 'q1', assigneeId: 'ola' }, ADMIN)).toEqual({ status: 'applied', tables: [], object: OBJECT });
    expect(rows.writes).toBe(writes);
    // From Ola to Kari.
    expect(run(rows, 'quote.reassign', { quoteId: 'q1', assigneeId: 'kari' }, ADMIN)).toMatchObject({ status: 'applied' });
    expect(rows.get('quotes', 'q1')).toMatchObject({ status: 'in_progress', assignee_id: 'kari' });
  });

  it('is the admin\'s alone', () => {
    expect(run(world(), 'quote.reassign', { quoteId: 'q1', assigneeId: 'ola' }, KARI)).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^Du har ikke tilgang til å flytte tilbud T-q1/) as unknown,
    });
  });

  it.each(['answered', 'accepted', 'declined', 'expired'] as const)('refuses a quote that is %s', (status) => {
    const result = run(world({ status, decline_reason: status === 'declined' ? 'Nei' : null }), 'quote.reassign', { quoteId: 'q1', assigneeId: 'ola' }, ADMIN);
    expect(result).toMatchObject({ code: 'QUOTE_NOT_OPEN' });
    expect(result.status === 'refused' && result.message).toMatch(/^Tilbud T-q1 er \S+ og kan ikke flyttes\. Bare forespurte tilbud/);
  });

  it.each([
    ['berit', 'Tilbud T-q1 kan ikke flyttes: Berit Bergen hører til en annen avdeling enn tilbudet. Velg en konsulent i tilbudets avdeling.'],
    ['avd', 'Tilbud T-q1 kan ikke flyttes: avd er verken konsulent eller administrator. Velg en konsulent i tilbudets avdeling.'],
    ['gone', 'Tilbud T-q1 kan ikke flyttes: gone er ikke lenger aktiv. Velg en konsulent i tilbudets avdeling.'],
    ['nobody', 'Tilbud T-q1 kan ikke flyttes: fant ingen ansatt med id nobody. Velg en konsulent i tilbudets avdeling.'],
  ])('refuses %s as assignee', (assigneeId, message) => {
    const rows = world();
    expect(run(rows, 'quote.reassign', { quoteId: 'q1', assigneeId }, ADMIN)).toEqual({ status: 'refused', code: 'ASSIGNEE_NOT_ELIGIBLE', message, object: OBJECT });
    expect(rows.writes).toBe(0);
  });

  it('may give a quote to an admin', () => {
    const rows = world();
    expect(run(rows, 'quote.reassign', { quoteId: 'q1', assigneeId: 'adm' }, ADMIN)).toMatchObject({ status: 'applied' });
  });
});

describe('quote.markRead (local)', () => {
  it('clears the unread count, and again writes nothing', () => {
    const rows = world();
    expect(run(rows, 'quote.markRead', { quoteId: 'q1' })).toEqual({ status: 'applied', tables: ['quotes'], object: OBJECT });
    expect(rows.get('quotes', 'q1')).toEqual(quoteRow('q1', { unread_customer_comments: 0, updated_at: AT }));
    const writes = rows.writes;
    expect(run(rows, 'quote.markRead', { quoteId: 'q1' })).toEqual({ status: 'applied', tables: [], object: OBJECT });
    expect(rows.writes).toBe(writes);
  });

  it('works in any state, for consultants of the branch and admins only', () => {
    expect(run(world({ status: 'in_progress', assignee_id: 'ola' }), 'quote.markRead', { quoteId: 'q1' })).toMatchObject({ status: 'applied' });
    expect(run(world(), 'quote.markRead', { quoteId: 'q1' }, ADMIN)).toMatchObject({ status: 'applied' });
    expect(run(world(), 'quote.markRead', { quoteId: 'q1' }, BERIT)).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^Du har ikke tilgang til å merke kundens kommentarer som lest på tilbud T-q1/) as unknown,
    });
    expect(run(world(), 'quote.markRead', { quoteId: 'q1' }, AVD)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
