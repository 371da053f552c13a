import type { MigrationAction, MigrationRequest } from '../../../electron/shared/domain/migration';
import type { MigrationCustomerRow } from '../../../electron/shared/ipc/customers';
import type { MutationArgs } from '../../../electron/shared/sync/mutations';
import { BridgeError, invoke } from '../../bridge';
import { dialogRequest, isDialogAction, migrationArgs, type DialogAction, type DialogErrors, type DialogValues } from './migrationModel';

// Submitting migration actions, and the two small flows the screens run them through: the
// customer panel's (at once, confirm, or dialog) and the bulk switch-on's (confirm, then send in
// chunks with progress). Kept out of the components so tests can drive them without a DOM.

/** The outcome of queueing: its outbox number, or the core's refusal with its Norwegian message. */
export type MigrationSubmitResult = { ok: true; seq: number } | { ok: false; code: string; message: string };

/**
 * Queues `customer.setMigration` with its local effect (`mutation.submit`); the core applies it
 * at once, online or not. A refusal here (bad input, no right) comes back with the core's words.
 */
export async function submitMigration(args: MutationArgs<'customer.setMigration'>): Promise<MigrationSubmitResult> {
  try {
    const { seq } = await invoke('mutation.submit', { name: 'customer.setMigration', args });
    return { ok: true, seq };
  } catch (error) {
    if (error instanceof BridgeError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
  }
}

/** A store the components read with `useSyncExternalStore`. */
export interface Store<S> {
  getState: () => S;
  subscribe: (listener: () => void) => () => void;
}

function createStore<S>(initial: S): Store<S> & { set: (next: S) => void } {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (next) => {
      state = next;
      for (const listener of listeners) listener();
    },
  };
}

/** The customer panel's state. */
export interface PanelState {
  /** The open dialog: a switch-off confirmation or an action that needs a reason. */
  dialog: 'switchOff' | DialogAction | null;
  /** What the open dialog's last submit was refused for. */
  dialogErrors: DialogErrors | null;
  /** The action being queued now. */
  sending: MigrationAction | null;
  /** The last refusal: the core's message, shown until the next action. */
  error: { code: string; message: string } | null;
  /** The last action queued, for the confirmation; cleared by `dismiss`. */
  done: MigrationAction | null;
}

/** The panel's flow for one customer. */
export interface PanelFlow extends Store<PanelState> {
  /** A button pressed: queues at once, or opens the confirmation or the dialog. */
  press: (action: MigrationAction) => Promise<void>;
  /** The switch-off confirmation accepted. */
  confirm: () => Promise<void>;
  /** The dialog's Save: queued when valid, else the errors are shown and nothing is sent. */
  submitDialog: (values: DialogValues) => Promise<void>;
  /** Esc or Cancel. */
  cancel: () => void;
  /** The confirmation or error read. */
  dismiss: () => void;
}

/** What the panel's flow needs from outside; each is replaceable in tests. */
export interface PanelFlowOptions {
  customerId: string;
  /** Today in Oslo, `YYYY-MM-DD` (a deferral counts from it). */
  today: () => string;
  submit?: (args: MutationArgs<'customer.setMigration'>) => Promise<MigrationSubmitResult>;
  newEventId?: () => string;
}

/** The migration panel's flow: switch on/off and resends at once (switch-off after a confirmation), the rest through a dialog. */
export function createPanelFlow({ customerId, today, submit = submitMigration, newEventId = () => crypto.randomUUID() }: PanelFlowOptions): PanelFlow {
  const store = createStore<PanelState>({ dialog: null, dialogErrors: null, sending: null, error: null, done: null });
  const patch = (next: Partial<PanelState>): void => store.set({ ...store.getState(), ...next });

  async function send(request: MigrationRequest): Promise<void> {
    if (store.getState().sending !== null) return;
    patch({ sending: request.action, error: null, done: null });
    const result = await submit(migrationArgs(customerId, request, newEventId()));
    if (result.ok) patch({ sending: null, dialog: null, dialogErrors: null, done: request.action });
    // A refusal keeps the dialog open with what was typed, and says why.
    else patch({ sending: null, error: { code: result.code, message: result.message } });
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    async press(action) {
      if (store.getState().sending !== null) return;
      // Switching off withdraws an invitation already sent: asked once more; a resend or a switch-on is harmless.
      if (action === 'switchOff' || isDialogAction(action)) patch({ dialog: action, dialogErrors: null, error: null, done: null });
      else await send({ action });
    },
    async confirm() {
      if (store.getState().dialog === 'switchOff') await send({ action: 'switchOff' });
    },
    async submitDialog(values) {
      const dialog = store.getState().dialog;
      if (dialog === null || dialog === 'switchOff') return;
      const checked = dialogRequest(dialog, values, today());
      if (!checked.ok) {
        patch({ dialogErrors: checked.errors });
        return;
      }
      await send(checked.request);
    },
    cancel() {
      if (store.getState().sending === null) patch({ dialog: null, dialogErrors: null, error: null });
    },
    dismiss() {
      patch({ error: null, done: null });
    },
  };
}

/** A customer a bulk switch-on is for. */
export type BulkCustomer = Pick<MigrationCustomerRow, 'customerId' | 'customerNumber' | 'name'>;

/** The bulk switch-on's state. */
export type BulkState =
  | { phase: 'idle' }
  | { phase: 'confirming'; customers: BulkCustomer[] }
  | { phase: 'running'; done: number; total: number }
  /** `failure`: why the sending stopped early (the rest was not sent), or null. */
  | { phase: 'done'; ok: number; refused: number; total: number; firstReason: string | null; failure: string | null };

/** `mutation.submitMany`'s answer per mutation. */
export type SubmitManyResult = { seq: number } | { code: string; message: string };

/** The bulk flow. */
export interface BulkFlow extends Store<BulkState> {
  /** The button pressed: asks for confirmation (nothing is sent yet). */
  request: (customers: readonly BulkCustomer[]) => void;
  /** The confirmation accepted: one switchOn per customer, in chunks, with progress. */
  confirm: () => Promise<void>;
  cancel: () => void;
  /** The result read. */
  dismiss: () => void;
}

/** How many mutations go in one `mutation.submitMany` (progress moves per chunk). */
export const BULK_CHUNK = 100;

/** What the bulk flow needs from outside; replaceable in tests. */
export interface BulkFlowOptions {
  submitMany?: (mutations: { name: 'customer.setMigration'; args: MutationArgs<'customer.setMigration'> }[]) => Promise<SubmitManyResult[]>;
  newEventId?: () => string;
  chunk?: number;
}

async function submitManyThroughBridge(mutations: { name: 'customer.setMigration'; args: MutationArgs<'customer.setMigration'> }[]): Promise<SubmitManyResult[]> {
  const { results } = await invoke('mutation.submitMany', { mutations });
  return results;
}

/**
 * The bulk switch-on: confirm first, then `mutation.submitMany` with one `customer.setMigration`
 * switchOn per customer. Each is queued (or refused) alone, so the result counts both and keeps
 * the first refusal's words; a failed call stops the rest and says after how many.
 */
export function createBulkFlow({ submitMany = submitManyThroughBridge, newEventId = () => crypto.randomUUID(), chunk = BULK_CHUNK }: BulkFlowOptions = {}): BulkFlow {
  const store = createStore<BulkState>({ phase: 'idle' });
  return {
    getState: store.getState,
    subscribe: store.subscribe,
    request(customers) {
      if (store.getState().phase === 'running' || customers.length === 0) return;
      store.set({ phase: 'confirming', customers: [...customers] });
    },
    async confirm() {
      const state = store.getState();
      if (state.phase !== 'confirming') return;
      const total = state.customers.length;
      let ok = 0;
      let refused = 0;
      let firstReason: string | null = null;
      store.set({ phase: 'running', done: 0, total });
      for (let start = 0; start < total; start += chunk) {
        const part = state.customers.slice(start, start + chunk);
        const mutations = part.map((customer) => ({
          name: 'customer.setMigration' as const,
          args: migrationArgs(customer.customerId, { action: 'switchOn' }, newEventId()),
        }));
        try {
          const results = await submitMany(mutations);
          for (const result of results) {
            if ('seq' in result) ok += 1;
            else {
              refused += 1;
              firstReason ??= result.message;
            }
          }
        } catch (error) {
          const failure = error instanceof Error ? error.message : String(error);
          store.set({ phase: 'done', ok, refused, total, firstReason, failure });
          return;
        }
        store.set({ phase: 'running', done: Math.min(total, start + part.length), total });
      }
      store.set({ phase: 'done', ok, refused, total, firstReason, failure: null });
    },
    cancel() {
      if (store.getState().phase === 'confirming') store.set({ phase: 'idle' });
    },
    dismiss() {
      if (store.getState().phase === 'done') store.set({ phase: 'idle' });
    },
  };
}
