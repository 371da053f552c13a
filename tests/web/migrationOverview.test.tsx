import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../electron/shared/ipc/channels';
import type { Bridge } from '../../electron/shared/ipc/contract';
import { migrationOverviewSchema, submitManyResultSchema, type MigrationOverview } from '../../electron/shared/ipc/customers';
import { mutationArgs } from '../../electron/shared/sync/mutations';
import { createBulkFlow, type BulkCustomer, type BulkState, type SubmitManyResult } from '../../src/features/migration/migrationActions';
import { BulkConfirmDialog, BulkStatus, MigrationBulkSwitchOn } from '../../src/features/migration/MigrationBulkSwitchOn';
import { MigrationOverviewView } from '../../src/features/migration/MigrationPage';
import { niceStep } from '../../src/features/migration/progressChartModel';
import { render, tags, tag, attr, texts, text } from './support/markup';

// The migration overview rendered to markup (no DOM here, like the other web tests): counts per
// state × branch with totals, the progress chart's points against the data, stuck customers;
// and the bulk switch-on's flow driven directly: it confirms first, then sends one switchOn per
// customer through `mutation.submitMany`.

const today = '2026-11-21';
const nbsp = '\u00a0';

const overview: MigrationOverview = {
  counts: [
    { branchId: 'b1', branchName: 'Oslo', state: 'not_started', count: 100 },
    { branchId: 'b1', branchName: 'Oslo', state: 'switched_on', count: 30 },
    { branchId: 'b1', branchName: 'Oslo', state: 'form_submitted', count: 10 },
    { branchId: 'b1', branchName: 'Oslo', state: 'activated', count: 60 },
    { branchId: 'b2', branchName: 'Bergen', state: 'not_started', count: 50 },
    { branchId: 'b2', branchName: 'Bergen', state: 'deferred', count: 5 },
    { branchId: 'b2', branchName: 'Bergen', state: 'interest_registered', count: 5 },
    { branchId: 'b2', branchName: 'Bergen', state: 'activated', count: 30 },
    { branchId: 'b2', branchName: 'Bergen', state: 'old_shop_reactivated', count: 10 },
  ],
  total: 300,
  moved: 100,
  plan: { start: '2026-11-02', end: '2026-12-31' },
  progress: [
    { date: '2026-11-02', moved: 10, planned: 0 },
    { date: '2026-11-09', moved: 40, planned: 36 },
    { date: '2026-11-16', moved: 70, planned: 71 },
    { date: '2026-11-23', moved: 70, planned: 107 },
    { date: '2026-11-30', moved: 70, planned: 142 },
    { date: '2026-12-07', moved: 70, planned: 178 },
    { date: '2026-12-14', moved: 70, planned: 214 },
    { date: '2026-12-21', moved: 70, planned: 249 },
    { date: '2026-12-28', moved: 70, planned: 285 },
  ],
  stuck: [
    { customerId: 'c7', customerNumber: '10007', name: 'Elektro Nord AS', branchName: 'Oslo', state: 'form_submitted', since: '2026-11-17T09:00:00.000Z', days: 4 },
    { customerId: 'c3', customerNumber: '10003', name: 'Lysdesign Bergen AS', branchName: 'Bergen', state: 'switched_on', since: '2026-11-06T13:30:00.000Z', days: 15 },
  ],
  asOf: '2026-11-21T10:00:00.000Z',
};

const noop = (): void => undefined;

function view(props: Partial<Parameters<typeof MigrationOverviewView>[0]> = {}, language = 'nb'): string {
  return render(<MigrationOverviewView overview={overview} error={null} today={today} branchId={null} onOpenCustomer={noop} {...props} />, language);
}

/** The data-count cells of a counts row. */
function counts(row: string): number[] {
  return [...row.matchAll(/data-count="(\d+)"/g)].map((match) => Number(match[1]));
}

/** A `<tr …>…</tr>` of the counts table by its test id and (optionally) branch. */
function countsRow(html: string, testId: string, branch?: string): string {
  const open = tags(html, testId).find((candidate) => branch === undefined || attr(candidate, 'data-branch') === branch);
  if (!open) throw new Error(`no row ${testId} ${branch ?? ''}`);
  const start = html.indexOf(open);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('the migration overview', () => {
  it('uses an overview the contract accepts', () => {
    expect(migrationOverviewSchema.safeParse(overview).success).toBe(true);
  });

  it('counts per state × branch, states in the machine’s order, branches by name, with totals', () => {
    const html = view();
    const table = html.slice(html.indexOf('data-testid="migration-counts"'));
    const headers = [...table.slice(0, table.indexOf('</thead>')).matchAll(/data-state="([a-z_]+)"/g)].map((match) => match[1]);
    expect(headers).toEqual(['not_started', 'switched_on', 'form_submitted', 'activated', 'deferred', 'interest_registered', 'old_shop_reactivated']);
    expect(tags(html, 'migration-counts-row').map((row) => attr(row, 'data-branch'))).toEqual(['b2', 'b1']);
    expect(counts(countsRow(html, 'migration-counts-row', 'b1'))).toEqual([100, 30, 10, 60, 0, 0, 0, 200]);
    expect(counts(countsRow(html, 'migration-counts-row', 'b2'))).toEqual([50, 0, 0, 30, 5, 5, 10, 100]);
    expect(counts(countsRow(html, 'migration-counts-total'))).toEqual([150, 30, 10, 90, 5, 5, 10, 300]);
    expect(texts(html, 'migration-counts-total')[0]).toBe('Sum 150 30 10 90 5 5 10 300');
  });

  it('says how many have moved, with a progress bar', () => {
    const html = view();
    expect(text(html, 'migration-moved')).toBe(`100 av 300 kunder er flyttet (33${nbsp}%)`);
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuenow="33"|aria-valuenow="33"[^>]*role="progressbar"/);
  });

  it('lists stuck customers longest first, with state, since, days and kind, and the branch when all are shown', () => {
    const html = view();
    const rows = tags(html, 'migration-stuck-row');
    expect(rows.map((row) => attr(row, 'data-customer'))).toEqual(['c3', 'c7']);
    expect(rows.map((row) => attr(row, 'data-kind'))).toEqual(['invitedNoForm', 'formNotActivated']);
    const words = texts(html, 'migration-stuck-row');
    expect(words[0]).toBe('10003 Lysdesign Bergen AS Bergen Invitert (flytteknapp på) 06.11.2026 14:30 15 Invitert, skjemaet ikke sendt');
    expect(words[1]).toBe('10007 Elektro Nord AS Oslo Skjema sendt 17.11.2026 10:00 4 Skjema sendt, ikke aktivert');
    expect(html).toContain('aria-label="Åpne kunde Lysdesign Bergen AS"');
    // One branch: no branch column.
    expect(texts(view({ branchId: 'b1' }), 'migration-stuck-row')[1]).toBe('10007 Elektro Nord AS Skjema sendt 17.11.2026 10:00 4 Skjema sendt, ikke aktivert');
    expect(text(view({ overview: { ...overview, stuck: [] } }), 'migration-stuck')).toContain('Ingen kunder har stoppet opp.');
  });

  it('draws a moved point per week up to today where the data says, and the plan’s line over the whole period', () => {
    const html = view();
    const chart = tag(html, 'migration-progress-chart');
    expect(attr(chart, 'role')).toBe('img');
    expect(attr(chart, 'data-y-max')).toBe('300');
    const points = tags(html, 'migration-chart-point');
    const upToToday = overview.progress.filter((point) => point.date <= today);
    expect(points.map((point) => [attr(point, 'data-date'), Number(attr(point, 'data-moved'))])).toEqual(upToToday.map((point) => [point.date, point.moved]));
    // y: 0 at the bottom of the plot (260 − 40), 300 (the top of the scale) at its top (16).
    for (const [index, point] of points.entries()) {
      const moved = upToToday[index]?.moved ?? -1;
      expect(Number(attr(point, 'cy'))).toBeCloseTo(220 - (moved / 300) * 204, 1);
    }
    // x: the plan's start at the left edge, then one week = 7/59 of the plot's 576 units.
    expect(points.map((point) => Number(attr(point, 'cx')))).toEqual([48, 116.3, 184.7]);
    const planned = tags(html, 'migration-chart-planned');
    expect(planned.map((point) => Number(attr(point, 'data-planned')))).toEqual(overview.progress.map((point) => point.planned));
    expect(Number(attr(planned.at(-1) ?? '', 'cx'))).toBeCloseTo(48 + (56 / 59) * 576, 1);
    expect(attr(tag(html, 'migration-chart-today'), 'data-date')).toBe(today);
    expect(texts(html, 'migration-chart-y-tick')).toEqual(['0', '100', '200', '300']);
    expect(texts(html, 'migration-chart-x-tick')[0]).toBe('02.11');
    expect(text(html, 'migration-chart-legend')).toBe('Flyttet Plan I dag');
  });

  it('tells the chart in words for screen readers', () => {
    const html = view();
    const summary = '70 av 300 kunder flyttet per 16.11.2026. Etter planen skulle 71 vært flyttet da. Planperioden er 02.11.2026–31.12.2026.';
    expect(text(html, 'migration-progress-summary')).toBe(summary);
    expect(html).toContain(`<desc id="migration-chart-svg-desc">${summary}</desc>`);
    const before = view({ today: '2026-10-01' });
    expect(tags(before, 'migration-chart-point')).toEqual([]);
    expect(before).not.toContain('data-testid="migration-chart-today"');
    expect(text(before, 'migration-chart-legend')).toBe('Flyttet Plan');
    expect(text(before, 'migration-progress-summary')).toBe('Ingen fremdrift å vise ennå. Planperioden er 02.11.2026–31.12.2026.');
  });

  it('picks nice steps for the scale', () => {
    expect([0.4, 1, 3, 7, 75, 120, 2_600].map(niceStep)).toEqual([1, 1, 5, 10, 100, 200, 5_000]);
  });

  it('waits for data before the first answer and before the first snapshot', () => {
    for (const value of [undefined, null]) {
      const html = view({ overview: value });
      expect(html).toContain('data-testid="migration-overview-loading"');
      expect(html).not.toContain('data-testid="migration-counts"');
      expect(html).not.toContain('data-testid="migration-progress-chart"');
    }
    expect(text(view({ error: 'DB_LOCKED' }), 'migration-overview-error')).toContain('DB_LOCKED');
  });

  it('shows the bulk switch-on, its button off while nothing is selected', () => {
    const html = view({ bulk: <MigrationBulkSwitchOn staff={{ id: 'bs1', role: 'branch', branchId: 'b1' }} branchId="b1" /> });
    expect(tag(html, 'migration-overview')).toBeTruthy();
    expect(tag(html, 'migration-bulk-grid')).toBeTruthy();
    const button = tag(html, 'migration-bulk-switch-on');
    expect(button).toMatch(/\sdisabled=""/);
    expect(text(html, 'migration-bulk-switch-on')).toBe('Slå på flytteknappen for 0 kunder');
    expect(view()).not.toContain('data-testid="migration-bulk-grid"');
  });

  it('speaks English', () => {
    const html = view({}, 'en');
    expect(text(html, 'migration-moved')).toBe(`100 of 300 customers have moved (33${nbsp}%)`);
    expect(text(html, 'migration-chart-legend')).toBe('Moved Plan Today');
  });
});

const customers: BulkCustomer[] = [
  { customerId: 'c1', customerNumber: '10001', name: 'Lysverket AS' },
  { customerId: 'c2', customerNumber: '10002', name: 'Elektro Sør AS' },
  { customerId: 'c3', customerNumber: '10003', name: 'Lysdesign Bergen AS' },
  { customerId: 'c4', customerNumber: '10004', name: 'Installatøren AS' },
  { customerId: 'c5', customerNumber: '10005', name: 'Fasadelys AS' },
  { customerId: 'c6', customerNumber: '10006', name: 'Lampehuset AS' },
  { customerId: 'c7', customerNumber: '10007', name: 'Elektro Nord AS' },
];

type SentMutation = { name: 'customer.setMigration'; args: { customerId: string; eventId: string; action: string } };

function recordingBulk(answer: (mutation: SentMutation, call: number) => SubmitManyResult | 'throw' = () => ({ seq: 1 }), chunk = 3) {
  const calls: SentMutation[][] = [];
  const seen: BulkState[] = [];
  let id = 0;
  const flow = createBulkFlow({
    chunk,
    newEventId: () => `event-${++id}`,
    submitMany: async (mutations) => {
      calls.push(mutations);
      const answers = mutations.map((mutation) => answer(mutation, calls.length));
      if (answers.includes('throw')) throw new Error('Forbindelsen til appkjernen ble brutt.');
      return answers.filter((value): value is SubmitManyResult => value !== 'throw');
    },
  });
  flow.subscribe(() => seen.push(flow.getState()));
  return { flow, calls, seen };
}

describe('the bulk switch-on', () => {
  it('confirms before sending anything, and a cancel sends nothing', () => {
    const { flow, calls } = recordingBulk();
    flow.request(customers);
    expect(flow.getState()).toEqual({ phase: 'confirming', customers });
    expect(calls).toEqual([]);
    flow.cancel();
    expect(flow.getState()).toEqual({ phase: 'idle' });
    expect(calls).toEqual([]);
    flow.request([]);
    expect(flow.getState()).toEqual({ phase: 'idle' });
  });

  it('sends one customer.setMigration switchOn per selected customer, in chunks, with progress', async () => {
    const { flow, calls, seen } = recordingBulk();
    flow.request(customers);
    await flow.confirm();
    const sent = calls.flat();
    expect(sent.map((mutation) => mutation.args.customerId)).toEqual(customers.map((customer) => customer.customerId));
    expect(sent[0]).toEqual({ name: 'customer.setMigration', args: { customerId: 'c1', eventId: 'event-1', action: 'switchOn' } });
    expect(new Set(sent.map((mutation) => mutation.args.eventId)).size).toBe(customers.length);
    for (const mutation of sent) expect(mutationArgs['customer.setMigration'].safeParse(mutation.args).success).toBe(true);
    expect(calls.map((call) => call.length)).toEqual([3, 3, 1]);
    expect(seen.filter((state) => state.phase === 'running').map((state) => (state.phase === 'running' ? state.done : -1))).toEqual([0, 3, 6, 7]);
    expect(flow.getState()).toEqual({ phase: 'done', ok: 7, refused: 0, total: 7, firstReason: null, failure: null });
    expect(text(render(<BulkStatus state={flow.getState()} onDismiss={noop} />), 'migration-bulk-result')).toBe('7 slått på.');
  });

  it('counts refusals and keeps the first reason', async () => {
    const { flow } = recordingBulk((mutation) =>
      mutation.args.customerId === 'c2' || mutation.args.customerId === 'c6'
        ? { code: 'FORBIDDEN', message: `Du har ikke tilgang til kunde ${mutation.args.customerId}.` }
        : { seq: 9 },
    );
    flow.request(customers);
    await flow.confirm();
    expect(flow.getState()).toEqual({ phase: 'done', ok: 5, refused: 2, total: 7, firstReason: 'Du har ikke tilgang til kunde c2.', failure: null });
    expect(text(render(<BulkStatus state={flow.getState()} onDismiss={noop} />), 'migration-bulk-result')).toBe('5 slått på, 2 avvist: Du har ikke tilgang til kunde c2.');
  });

  it('stops when a call fails and says after how many', async () => {
    const { flow, calls } = recordingBulk((_mutation, call) => (call === 2 ? 'throw' : { seq: 1 }));
    flow.request(customers);
    await flow.confirm();
    expect(calls).toHaveLength(2);
    expect(flow.getState()).toMatchObject({ phase: 'done', ok: 3, failure: 'Forbindelsen til appkjernen ble brutt.' });
    expect(text(render(<BulkStatus state={flow.getState()} onDismiss={noop} />), 'migration-bulk-result')).toBe('Stoppet etter 3 av 7: Forbindelsen til appkjernen ble brutt.');
  });

  it('shows progress while it runs', () => {
    const html = render(<BulkStatus state={{ phase: 'running', done: 200, total: 1_250 }} onDismiss={noop} />);
    expect(text(html, 'migration-bulk-progress')).toBe(`Sender 200 av 1${nbsp}250 …`);
    expect(html).toMatch(/aria-valuenow="16"/);
  });

  it('asks with the count, the first five names and the no-undo note', () => {
    const html = render(<BulkConfirmDialog customers={customers} onCancel={noop} onConfirm={noop} disablePortal />);
    expect(attr(tag(html, 'migration-bulk-dialog'), 'data-count')).toBe('7');
    expect(html).toContain('Flytteknappen slås på for 7 kunder.');
    expect(texts(html, 'migration-bulk-names')[0]).toBe('10001 Lysverket AS 10002 Elektro Sør AS 10003 Lysdesign Bergen AS 10004 Installatøren AS 10005 Fasadelys AS … og 2 til');
    expect(text(html, 'migration-bulk-no-undo')).toBe('Dette kan ikke angres samlet: hver kunde må slås av hver for seg.');
    expect(text(html, 'migration-bulk-confirm')).toBe('Slå på');
    const one = render(<BulkConfirmDialog customers={customers.slice(0, 1)} onCancel={noop} onConfirm={noop} disablePortal />);
    expect(one).toContain('Flytteknappen slås på for 1 kunde.');
    expect(one).not.toContain('og 0 til');
  });
});

describe('the bulk switch-on through the bridge', () => {
  const calls: { name: CallName; input: unknown }[] = [];
  const fakeBridge = {
    call: async (name: CallName, input: unknown) => {
      calls.push({ name, input });
      const { mutations } = input as { mutations: SentMutation[] };
      const results = mutations.map((mutation, index) => (mutation.args.customerId === 'c2' ? { code: 'WRONG_STATE', message: 'Kunden er allerede aktivert.' } : { seq: index + 1 }));
      return { ok: true, value: submitManyResultSchema.parse({ results }) };
    },
    on: () => () => undefined,
  } as unknown as Bridge;

  beforeAll(() => {
    Object.defineProperty(globalThis, 'window', { value: { lysdesk: fakeBridge }, configurable: true });
  });

  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'window');
  });

  it('calls mutation.submitMany with the mutations, and reads its results', async () => {
    const flow = createBulkFlow();
    flow.request(customers.slice(0, 3));
    await flow.confirm();
    expect(calls.map((call) => call.name)).toEqual(['mutation.submitMany']);
    const { mutations } = calls[0]?.input as { mutations: SentMutation[] };
    expect(mutations.map((mutation) => [mutation.name, mutation.args.customerId, mutation.args.action])).toEqual([
      ['customer.setMigration', 'c1', 'switchOn'],
      ['customer.setMigration', 'c2', 'switchOn'],
      ['customer.setMigration', 'c3', 'switchOn'],
    ]);
    expect(flow.getState()).toEqual({ phase: 'done', ok: 2, refused: 1, total: 3, firstReason: 'Kunden er allerede aktivert.', failure: null });
  });
});
