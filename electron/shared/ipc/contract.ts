import { z } from 'zod';
import type { CallName, EventName } from './channels';
import type { IpcResult } from './result';

const noInput = z.object({}).strict();

/** Static facts about the running app. */
export const appInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    /** Where the core runs: inside Electron, or in the plain-Node browser host. */
    runtime: z.enum(['electron', 'browser-host']),
  })
  .strict();

/** Reachability of the shop backend as the core last saw it. */
export const serverStatusSchema = z
  .object({
    url: z.string(),
    reachable: z.boolean(),
    version: z.string().nullable(),
    db: z.enum(['postgres', 'pglite']).nullable(),
    checkedAt: z.string().nullable(),
  })
  .strict();

/** The core's health, shown in the status bar. */
export const coreStatusSchema = z
  .object({
    state: z.enum(['starting', 'ready']),
    startedAt: z.string(),
    server: serverStatusSchema,
  })
  .strict();

/** Every call the renderer can make: one input and one output schema each. */
export const ipcCalls = {
  'app.getInfo': { input: noInput, output: appInfoSchema },
  'core.getStatus': { input: noInput, output: coreStatusSchema },
} as const satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

/** Every event the main side pushes to the renderer, with its payload schema. */
export const ipcEvents = {
  'core.statusChanged': coreStatusSchema,
} as const satisfies Record<EventName, z.ZodType>;

// The name lists in channels.ts and the keys above must be the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const callsMatch: Same<keyof typeof ipcCalls, CallName> = true;
const eventsMatch: Same<keyof typeof ipcEvents, EventName> = true;
void callsMatch;
void eventsMatch;

/** What the renderer passes to call `N`. */
export type CallInput<N extends CallName> = z.input<(typeof ipcCalls)[N]['input']>;
/** What call `N` answers with. */
export type CallOutput<N extends CallName> = z.output<(typeof ipcCalls)[N]['output']>;
/** The payload of event `E`. */
export type EventPayload<E extends EventName> = z.output<(typeof ipcEvents)[E]>;

/** App facts as the renderer receives them. */
export type AppInfo = z.infer<typeof appInfoSchema>;
/** Core status as the renderer receives it. */
export type CoreStatus = z.infer<typeof coreStatusSchema>;

/**
 * The bridge as the renderer sees it, whether it is Electron's preload or the browser host's
 * WebSocket: one argument per call, answers as `IpcResult`, events with an unsubscribe.
 */
export interface Bridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<IpcResult<CallOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}
