import { z } from 'zod';
import { staffRoleSchema } from '../protocol/auth';
import { syncTableNameSchema } from '../sync/rows';
import type { CallName, EventName } from './channels';
import { customerCalls } from './customers';
import { submitMutationInputSchema } from './mutationInput';
import { quoteCalls } from './quotes';
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

/** The staff member signed in on this installation. */
export const sessionStaffSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  branchId: z.string().nullable(),
});

/** A login the embedded demo backend offers on the login screen (password `demo`). */
export const demoLoginSchema = z.strictObject({ username: z.string(), role: staffRoleSchema });

/** Who is signed in, as the renderer may know it (tokens never leave the main side). */
export const authStateSchema = z.strictObject({
  staff: sessionStaffSchema.nullable(),
  /** Signed in from the stored session without the server (offline): works from the cache. */
  offline: z.boolean(),
  /** Filled only against the embedded demo backend. */
  demoLogins: z.array(demoLoginSchema),
  /** False where the OS offers no encrypted storage: the session then lasts until the app quits. */
  canRemember: z.boolean(),
});

/** `auth.login` input: what the staff member typed. */
export const loginInputSchema = z.strictObject({
  username: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

/** Sync as the status bar and the offline banner show it. */
export const syncStatusSchema = z.strictObject({
  online: z.boolean(),
  activity: z.enum(['idle', 'pulling', 'pushing']),
  /** The first (or a new) snapshot in progress: rows applied of the best total known. */
  snapshot: z.strictObject({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  /** Whether the cache holds a complete snapshot to work from. */
  hasData: z.boolean(),
  lastSyncAt: z.string().nullable(),
  queueDepth: z.number().int().nonnegative(),
  oldestPendingAt: z.string().nullable(),
  needsAttention: z.number().int().nonnegative(),
  /** The last sync failure in words, until a sync succeeds. */
  lastError: z.string().nullable(),
});

/** A rejected action the staff member has not dismissed yet. */
export const needsAttentionItemSchema = z.strictObject({
  seq: z.number().int().positive(),
  name: z.string(),
  args: z.unknown(),
  code: z.string(),
  message: z.string(),
  createdAt: z.string(),
  rejectedAt: z.string(),
  /** The object to open from the list, when the mutation names one. */
  object: z.strictObject({ table: syncTableNameSchema, id: z.string() }).nullable(),
});

export { submitMutationInputSchema } from './mutationInput';

/** The overview's figures from the cache; null before the first snapshot. */
export const homeSummarySchema = z.strictObject({
  openQuotes: z.number().int().nonnegative(),
  /** Requested and not claimed by anyone yet. */
  unclaimed: z.number().int().nonnegative(),
  dueWithin4h: z.number().int().nonnegative(),
  breached: z.number().int().nonnegative(),
  newMessages: z.number().int().nonnegative(),
  asOf: z.string(),
});

/** Every call the renderer can make: one input and one output schema each. */
export const ipcCalls = {
  'app.getInfo': { input: noInput, output: appInfoSchema },
  'core.getStatus': { input: noInput, output: coreStatusSchema },
  'auth.getState': { input: noInput, output: authStateSchema },
  'auth.login': { input: loginInputSchema, output: authStateSchema },
  'auth.logout': { input: noInput, output: authStateSchema },
  'sync.getStatus': { input: noInput, output: syncStatusSchema },
  'sync.syncNow': { input: noInput, output: syncStatusSchema },
  'sync.listNeedsAttention': { input: noInput, output: z.array(needsAttentionItemSchema) },
  'sync.dismissNeedsAttention': { input: z.strictObject({ seq: z.number().int().positive() }), output: z.strictObject({ dismissed: z.boolean() }) },
  'mutation.submit': { input: submitMutationInputSchema, output: z.strictObject({ seq: z.number().int().positive() }) },
  'home.getSummary': { input: noInput, output: homeSummarySchema.nullable() },
  ...quoteCalls,
  ...customerCalls,
} as const satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

/** Every event the main side pushes to the renderer, with its payload schema. */
export const ipcEvents = {
  'core.statusChanged': coreStatusSchema,
  'auth.changed': authStateSchema,
  'sync.statusChanged': syncStatusSchema,
  /** Tables whose cached rows changed (a pull, a local action, a rejection undone): queries refresh. */
  'data.changed': z.strictObject({ tables: z.array(syncTableNameSchema) }),
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
/** Sign-in state as the renderer receives it. */
export type AuthState = z.infer<typeof authStateSchema>;
/** Sync state as the renderer receives it. */
export type SyncStatus = z.infer<typeof syncStatusSchema>;
/** The overview's figures. */
export type HomeSummary = z.infer<typeof homeSummarySchema>;
/** One Needs attention entry. */
export type NeedsAttentionItem = z.infer<typeof needsAttentionItemSchema>;

/**
 * The bridge as the renderer sees it, whether it is Electron's preload or the browser host's
 * WebSocket: one argument per call, answers as `IpcResult`, events with an unsubscribe.
 */
export interface Bridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<IpcResult<CallOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}
