import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationState } from '../../electron/shared/domain/migration';
import type { CallName } from '../../electron/shared/ipc/channels';
import type { Bridge } from '../../electron/shared/ipc/contract';
import { customerDetailSchema, type CustomerDetail } from '../../electron/shared/ipc/customers';
import { mutationArgs, type MutationArgs } from '../../electron/shared/sync/mutations';
import { createPanelFlow, submitMigration, type MigrationSubmitResult } from '../../src/features/migration/migrationActions';
import { MigrationPanel, type MigrationPanelProps } from '../../src/features/migration/MigrationPanel';
import { render, tags, tag, attr, texts, text } from './support/markup';

// The customer page's migration panel rendered to markup (no DOM here, like the other web tests),
// and its flow driven directly: which buttons each state and role gets, what each dialog accepts,
// the exact `customer.setMigration` args, and a refusal's words on screen.

const today = '2026-11-21';
const branchStaff = { id: 'bs1', role: 'branch' as const, branchId: 'b1' };
const otherBranch = { id: 'bs2', role: 'branch' as const, branchId: 'b2' };
const consultant = { id: 'k1', role: 'consultant' as const, branchId: 'b1' };
const otherConsultant = { id: 'k2', role: 'consultant' as const, branchId: 'b1' };
const customerService = { id: 'cs1', role: 'customer_service' as const, branchId: null };
const admin = { id: 'a1', role: 'admin' as const, branchId: null };

function customer(overrides: Partial<CustomerDetail['customer']> = {}): CustomerDetail['customer'] {
  return {
    id: 'c1',
    customerNumber: '10001',
    orgNumber: '923609016',
    name: 'Lysverket AS',
    phone: null,
    email: null,
    loyaltyTier: 'gold',
    branchId: 'b1',
    branchName: 'Oslo',
    consultantId: 'k1',
    consultantName: 'Kari Konsulent',
    migrationState: 'not_started',
    migrationDeferredUntil: null,
    oldShopAccess: true,
    createdAt: '2025-01-10T09:00:00.000Z',
    pending: false,
    ...overrides,
  };
}

const history: CustomerDetail['migrationHistory'] = [
  { id: 'e1', at: '2026-11-01T08:00:00.000Z', action: 'switch_on', fromState: 'not_started', toState: 'switched_on', reason: null, actorKind: 'staff', actorName: 'Berit Avdeling', pending: false },
  { id: 'e3', at: '2026-11-05T10:30:00.000Z', action: 'activated', fromState: 'form_submitted', toState: 'activated', reason: null, actorKind: 'customer', actorName: null, pending: false },
  { id: 'e2', at: '2026-11-03T12:00:00.000Z', action: 'form_submitted', fromState: 'switched_on', toState: 'form_submitted', reason: null, actorKind: 'customer', actorName: null, pending: false },
  { id: 'e4', at: '2026-11-20T14:15:00.000Z', action: 'old_shop_reactivated', fromState: 'activated', toState: 'old_shop_reactivated', reason: 'Trenger prosjektarkivet', actorKind: 'staff', actorName: 'Kari Konsulent', pending: true },
  { id: 'e5', at: '2026-11-04T09:00:00.000Z', action: 'activation_resent', fromState: 'form_submitted', toState: 'form_submitted', reason: null, actorKind: 'system', actorName: null, pending: false },
];

function panel(props: Partial<MigrationPanelProps> = {}, language = 'nb'): string {
  return render(<MigrationPanel customer={customer()} history={[]} staff={branchStaff} today={today} disablePortal {...props} />, language);
}

/** The action buttons shown, in order. */
function buttons(html: string): string[] {
  return [...html.matchAll(/data-testid="migration-action-([a-zA-Z]+)"/g)].map((match) => match[1] ?? '');
}

type SetMigrationArgs = MutationArgs<'customer.setMigration'>;

/** A flow whose submits are recorded and answered by `answer`. */
function recordingFlow(answer: (args: SetMigrationArgs) => MigrationSubmitResult = () => ({ ok: true, seq: 1 })) {
  const sent: SetMigrationArgs[] = [];
  let next = 0;
  const flow = createPanelFlow({
    customerId: 'c1',
    today: () => today,
    newEventId: () => `event-${++next}`,
    submit: async (args) => {
      sent.push(args);
      return answer(args);
    },
  });
  return { flow, sent };
}

describe('the migration panel, what it shows', () => {
  it('uses a customer the contract accepts', () => {
    expect(customerDetailSchema.shape.customer.safeParse(customer()).success).toBe(true);
    expect(customerDetailSchema.shape.migrationHistory.safeParse(history).success).toBe(true);
  });

  it('shows the state as a chip with its Norwegian name, and old-shop access', () => {
    const html = panel({ customer: customer({ migrationState: 'activated', oldShopAccess: false }) });
    expect(tag(html, 'migration-panel')).toBeTruthy();
    expect(attr(tag(html, 'migration-state'), 'data-state')).toBe('activated');
    expect(text(html, 'migration-state')).toBe('Aktivert i ny nettbutikk');
    expect(attr(tag(html, 'old-shop-access'), 'data-access')).toBe('false');
    expect(text(html, 'old-shop-access')).toBe('Nei');
    expect(attr(tag(panel(), 'old-shop-access'), 'data-access')).toBe('true');
  });

  it('shows the deferral date as dd.mm.yyyy', () => {
    const html = panel({ customer: customer({ migrationState: 'deferred', migrationDeferredUntil: '2026-12-10' }) });
    expect(text(html, 'migration-deferred-until')).toBe('Utsatt til 10.12.2026');
    expect(panel()).not.toContain('data-testid="migration-deferred-until"');
  });

  it('marks a customer with a queued action as pending', () => {
    expect(panel({ customer: customer({ pending: true }) })).toContain('data-testid="migration-pending"');
    expect(panel()).not.toContain('data-testid="migration-pending"');
  });

  const branchButtons: Record<MigrationState, string[]> = {
    not_started: ['switchOn', 'defer', 'registerInterest'],
    switched_on: ['switchOff', 'resendInvitation', 'defer'],
    form_submitted: ['resendActivation'],
    activated: ['reactivateOldShop'],
    deferred: ['switchOn', 'defer', 'registerInterest'],
    interest_registered: ['switchOn', 'defer'],
    old_shop_reactivated: [],
  };

  for (const [state, expected] of Object.entries(branchButtons)) {
    it(`gives branch staff the actions that make sense when ${state}`, () => {
      const html = panel({ customer: customer({ migrationState: state as MigrationState }) });
      expect(buttons(html)).toEqual(expected);
      if (expected.length === 0) expect(html).toContain('data-testid="migration-no-actions"');
      // An admin may do what the branch may.
      expect(buttons(panel({ customer: customer({ migrationState: state as MigrationState }), staff: admin }))).toEqual(expected);
    });
  }

  it('gives staff of another branch no actions', () => {
    expect(buttons(panel({ staff: otherBranch }))).toEqual([]);
  });

  it('lets the customer’s own consultant only re-open the old shop, and nobody else’s', () => {
    for (const state of Object.keys(branchButtons) as MigrationState[]) {
      const own = buttons(panel({ customer: customer({ migrationState: state }), staff: consultant }));
      expect(own, state).toEqual(state === 'activated' ? ['reactivateOldShop'] : []);
      expect(buttons(panel({ customer: customer({ migrationState: state }), staff: otherConsultant })), state).toEqual([]);
    }
  });

  it('gives customer service no actions in any state', () => {
    for (const state of Object.keys(branchButtons) as MigrationState[]) {
      expect(buttons(panel({ customer: customer({ migrationState: state }), staff: customerService })), state).toEqual([]);
    }
  });

  it('lists the history newest first: when, who, what, from → to, why, pending', () => {
    const html = panel({ customer: customer({ migrationState: 'old_shop_reactivated' }), history });
    expect(tag(html, 'migration-history')).toBeTruthy();
    const rows = tags(html, 'migration-history-row');
    expect(rows.map((row) => attr(row, 'data-action'))).toEqual(['old_shop_reactivated', 'activated', 'activation_resent', 'form_submitted', 'switch_on']);
    const words = texts(html, 'migration-history-row');
    expect(words[0]).toBe('Gammel nettbutikk gjenåpnet Aktivert i ny nettbutikk → Gammel nettbutikk gjenåpnet Venter på serveren 20.11.2026 15:15 · Kari Konsulent Trenger prosjektarkivet');
    expect(words[1]).toContain('Kunden');
    expect(words[2]).toContain('Systemet');
    expect(words[4]).toBe('Flytteknappen slått på Ikke startet → Invitert (flytteknapp på) 01.11.2026 09:00 · Berit Avdeling');
    expect(attr(rows[0] ?? '', 'data-pending')).toBe('true');
    expect(attr(rows[1] ?? '', 'data-pending')).toBe('false');
  });

  it('speaks English', () => {
    const html = panel({ customer: customer({ migrationState: 'switched_on' }) }, 'en');
    expect(text(html, 'migration-state')).toBe('Invited (move switch on)');
    expect(text(html, 'migration-action-switchOff')).toBe('Switch off the move switch');
  });
});

describe('the migration panel, acting', () => {
  it('switches on at once with exact args', async () => {
    const { flow, sent } = recordingFlow();
    await flow.press('switchOn');
    expect(sent).toEqual([{ customerId: 'c1', eventId: 'event-1', action: 'switchOn' }]);
    expect(flow.getState()).toMatchObject({ dialog: null, done: 'switchOn', error: null });
    await flow.press('resendInvitation');
    await flow.press('resendActivation');
    expect(sent.map((args) => args.action)).toEqual(['switchOn', 'resendInvitation', 'resendActivation']);
  });

  it('asks before switching off, and sends nothing when cancelled', async () => {
    const { flow, sent } = recordingFlow();
    await flow.press('switchOff');
    expect(sent).toEqual([]);
    expect(flow.getState().dialog).toBe('switchOff');
    const html = panel({ customer: customer({ migrationState: 'switched_on' }), flow });
    expect(attr(tag(html, 'migration-dialog'), 'data-kind')).toBe('switchOff');
    expect(text(html, 'migration-dialog-submit')).toBe('Slå av');
    flow.cancel();
    expect(flow.getState().dialog).toBeNull();
    expect(sent).toEqual([]);
    await flow.press('switchOff');
    await flow.confirm();
    expect(sent).toEqual([{ customerId: 'c1', eventId: 'event-1', action: 'switchOff' }]);
    expect(flow.getState().dialog).toBeNull();
  });

  it('opens the defer dialog with a date input limited to today+14 … today+28, today+14 first', async () => {
    const { flow } = recordingFlow();
    await flow.press('defer');
    const html = panel({ flow });
    const date = tag(html, 'migration-defer-date');
    expect(attr(date, 'type')).toBe('date');
    expect(attr(date, 'min')).toBe('2026-12-05');
    expect(attr(date, 'max')).toBe('2026-12-19');
    expect(attr(date, 'value')).toBe('2026-12-05');
    expect(tag(html, 'migration-reason')).toBeTruthy();
    expect(tag(html, 'migration-dialog-submit')).toContain('type="submit"');
    expect(html).toContain('velg en dato fra 05.12.2026 til 19.12.2026');
  });

  it('refuses a deferral date outside 14–28 days, and an empty reason, without sending', async () => {
    const { flow, sent } = recordingFlow();
    await flow.press('defer');
    for (const until of ['2026-12-04', '2026-12-20', '2026-02-31', '']) {
      await flow.submitDialog({ until, reason: 'Ferie' });
      expect(flow.getState().dialogErrors?.until, until).toEqual({ key: 'dateRange', min: '2026-12-05', max: '2026-12-19' });
    }
    await flow.submitDialog({ until: '2026-12-10', reason: '   ' });
    expect(flow.getState().dialogErrors).toEqual({ reason: { key: 'reasonRequired' } });
    await flow.submitDialog({ until: '2026-12-10', reason: 'x'.repeat(501) });
    expect(flow.getState().dialogErrors).toEqual({ reason: { key: 'reasonTooLong', max: 500 } });
    expect(sent).toEqual([]);
    expect(flow.getState().dialog).toBe('defer');
    await flow.submitDialog({ until: '2026-12-30', reason: '' });
    const html = panel({ flow });
    expect(html).toContain('Velg en dato fra 05.12.2026 til 19.12.2026.');
    expect(html).toContain('Skriv en begrunnelse.');
  });

  it('sends a valid deferral with exact args (reason trimmed), at both ends of the window', async () => {
    const { flow, sent } = recordingFlow();
    await flow.press('defer');
    await flow.submitDialog({ until: '2026-12-05', reason: '  Kunden har ferie  ' });
    await flow.press('defer');
    await flow.submitDialog({ until: '2026-12-19', reason: 'Venter på ny IT-leverandør' });
    expect(sent).toEqual([
      { customerId: 'c1', eventId: 'event-1', action: 'defer', until: '2026-12-05', reason: 'Kunden har ferie' },
      { customerId: 'c1', eventId: 'event-2', action: 'defer', until: '2026-12-19', reason: 'Venter på ny IT-leverandør' },
    ]);
    for (const args of sent) expect(mutationArgs['customer.setMigration'].safeParse(args).success).toBe(true);
    expect(flow.getState()).toMatchObject({ dialog: null, done: 'defer' });
  });

  it('re-activates the old shop with the reason, and registers interest with one', async () => {
    const { flow, sent } = recordingFlow();
    await flow.press('reactivateOldShop');
    await flow.submitDialog({ until: '', reason: '' });
    expect(sent).toEqual([]);
    await flow.submitDialog({ until: '', reason: 'Avtalt med selger: trenger gamle prislister' });
    await flow.press('registerInterest');
    await flow.submitDialog({ until: '', reason: 'Ringte avdelingen' });
    expect(sent).toEqual([
      { customerId: 'c1', eventId: 'event-1', action: 'reactivateOldShop', reason: 'Avtalt med selger: trenger gamle prislister' },
      { customerId: 'c1', eventId: 'event-2', action: 'registerInterest', reason: 'Ringte avdelingen' },
    ]);
    for (const args of sent) expect(mutationArgs['customer.setMigration'].safeParse(args).success).toBe(true);
  });

  it('shows a refusal’s Norwegian message, in the panel and in an open dialog', async () => {
    const message = 'Du har ikke tilgang til å slå på flytteknappen for kunde 10001: kunden hører til en annen avdeling.';
    const { flow } = recordingFlow(() => ({ ok: false, code: 'FORBIDDEN', message }));
    await flow.press('switchOn');
    let html = panel({ flow });
    expect(text(html, 'migration-error')).toBe(message);
    expect(attr(tag(html, 'migration-error'), 'data-code')).toBe('FORBIDDEN');
    expect(html).not.toContain('data-testid="migration-toast"');

    await flow.press('reactivateOldShop');
    await flow.submitDialog({ until: '', reason: 'Avtalt' });
    expect(flow.getState().dialog).toBe('reactivateOldShop');
    html = panel({ customer: customer({ migrationState: 'activated' }), flow });
    expect(text(html, 'migration-dialog-error')).toBe(message);
  });
});

describe('submitMigration through the bridge', () => {
  const calls: { name: CallName; input: unknown }[] = [];
  let refusal: { code: string; message: string } | null = null;
  const fakeBridge = {
    call: async (name: CallName, input: unknown) => {
      calls.push({ name, input });
      if (refusal !== null) return { ok: false, error: refusal };
      return { ok: true, value: { seq: 7 } };
    },
    on: () => () => undefined,
  } as unknown as Bridge;

  beforeAll(() => {
    Object.defineProperty(globalThis, 'window', { value: { lysdesk: fakeBridge }, configurable: true });
  });

  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'window');
  });

  it('queues customer.setMigration through mutation.submit', async () => {
    const args: SetMigrationArgs = { customerId: 'c1', eventId: 'e-1', action: 'reactivateOldShop', reason: 'Avtalt' };
    expect(await submitMigration(args)).toEqual({ ok: true, seq: 7 });
    expect(calls).toEqual([{ name: 'mutation.submit', input: { name: 'customer.setMigration', args } }]);
  });

  it('answers a refusal with the core’s code and message', async () => {
    refusal = { code: 'FORBIDDEN', message: 'Du har ikke tilgang.' };
    expect(await submitMigration({ customerId: 'c1', eventId: 'e-2', action: 'switchOn' })).toEqual({ ok: false, code: 'FORBIDDEN', message: 'Du har ikke tilgang.' });
    refusal = null;
  });

  it('gives every action of the panel a fresh event id by default', async () => {
    calls.length = 0;
    const flow = createPanelFlow({ customerId: 'c1', today: () => today });
    await flow.press('switchOn');
    await flow.press('switchOn');
    const ids = calls.map((call) => (call.input as { args: SetMigrationArgs }).args.eventId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
