import { z } from 'zod';

// Messages between Electron's main process and the core's worker thread. The core (SQLite,
// sync, HTTP) runs off the main thread so a large ingest never stalls window handling; the
// main process keeps only what needs Electron: IPC with the renderer and safeStorage.

/** main → worker */
export const toWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('call'), id: z.number().int(), channel: z.string(), input: z.unknown() }),
  z.strictObject({ type: z.literal('secret-result'), id: z.number().int(), ok: z.boolean(), value: z.string().nullable(), error: z.string().optional() }),
  z.strictObject({ type: z.literal('close') }),
]);

/** worker → main */
export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.strictObject({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.strictObject({ type: z.literal('secret'), id: z.number().int(), op: z.enum(['read', 'write', 'clear']), value: z.string().optional() }),
  z.strictObject({ type: z.literal('closed') }),
  z.strictObject({ type: z.literal('fatal'), message: z.string() }),
]);

/** A message to the worker. */
export type ToWorker = z.infer<typeof toWorkerSchema>;
/** A message from the worker. */
export type FromWorker = z.infer<typeof fromWorkerSchema>;

/** What the worker is started with (workerData): plain values only. */
export const workerOptionsSchema = z.strictObject({
  appName: z.string(),
  appVersion: z.string(),
  serverUrl: z.string(),
  dataDir: z.string(),
  /** Whether the main process can keep a secret encrypted (safeStorage, not basic_text). */
  canPersistSecrets: z.boolean(),
});

/** The worker's start options. */
export type WorkerOptions = z.infer<typeof workerOptionsSchema>;
