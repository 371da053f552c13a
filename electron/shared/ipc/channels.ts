/**
 * The names of every IPC call and event, as plain strings.
 *
 * Kept apart from the zod contract so that the sandboxed preload can check a channel name
 * without bundling the schemas; `contract.ts` proves at compile time that both lists agree.
 */
export const callNames = [
  'app.getInfo',
  'core.getStatus',
  'auth.getState',
  'auth.login',
  'auth.logout',
  'sync.getStatus',
  'sync.syncNow',
  'sync.listNeedsAttention',
  'sync.dismissNeedsAttention',
  'mutation.submit',
  'home.getSummary',
  'quotes.queue',
  'quotes.get',
  'quotes.getDashboard',
  'quotes.listAssignees',
  'customers.search',
  'customers.get',
  'customers.tierSuggestions',
  'migration.overview',
  'migration.customers',
  'settings.get',
  'mutation.submitMany',
] as const;

/** Events the main side pushes to the renderer. */
export const eventNames = ['core.statusChanged', 'auth.changed', 'sync.statusChanged', 'data.changed'] as const;

/** A call the renderer may make. */
export type CallName = (typeof callNames)[number];

/** An event the renderer may listen to. */
export type EventName = (typeof eventNames)[number];

/** True when `name` is one of the contract's calls. */
export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (callNames as readonly string[]).includes(name);
}

/** True when `name` is one of the contract's events. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

/** The Electron IPC channel an event travels on; calls use their own name as the channel. */
export function eventChannel(name: EventName): string {
  return `event:${name}`;
}
