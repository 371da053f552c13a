import { isEventName } from '../shared/ipc/channels';
import { ipcEvents } from '../shared/ipc/contract';
import { fail, routerErrorCodes, type IpcResult } from '../shared/ipc/result';
import { createEventHub, type EventHub } from '../core/events';
import type { Router } from '../core/router';
import { fromWorkerSchema, type ToWorker } from '../core/worker/protocol';

/** The part of node's Worker the proxy uses (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

/** The main process's secret storage (safeStorage), which the worker cannot reach itself. */
export interface MainSecrets {
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
  clear(): Promise<void>;
}

/** The core as the main process sees it when it runs in a worker thread. */
export interface WorkerCore {
  router: Router;
  events: EventHub;
  /** Asks the core to close (finishing its sync cycle), then ends the thread. */
  close(): Promise<void>;
}

/**
 * Proxies the router and the events of a core running in `worker`, and serves its secret
 * requests from `secrets`. Calls made while the thread is down fail with a clear error instead
 * of hanging; events are checked against the contract before they reach any window.
 */
export function connectWorkerCore(worker: WorkerLike, secrets: MainSecrets, log: (line: string) => void = () => undefined): WorkerCore {
  const events = createEventHub();
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  let nextId = 1;
  let stopped: string | undefined;
  let onClosed: (() => void) | undefined;

  function stop(reason: string): void {
    stopped ??= reason;
    for (const resolve of pending.values()) resolve(fail(routerErrorCodes.internal, `The app core stopped (${reason}). Restart Lysdesk.`));
    pending.clear();
    onClosed?.();
  }

  async function serveSecret(id: number, op: 'read' | 'write' | 'clear', value: string | undefined): Promise<void> {
    try {
      const result = op === 'read' ? await secrets.read() : op === 'write' ? (await secrets.write(value ?? ''), null) : (await secrets.clear(), null);
      worker.postMessage({ type: 'secret-result', id, ok: true, value: result });
    } catch (error) {
      worker.postMessage({ type: 'secret-result', id, ok: false, value: null, error: error instanceof Error ? error.message : String(error) });
    }
  }

  worker.on('message', (raw) => {
    const parsed = fromWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      log(`core worker: ignored a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'result': {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.result as IpcResult<unknown>);
        return;
      }
      case 'event':
        if (isEventName(message.name) && ipcEvents[message.name].safeParse(message.payload).success) events.emit(message.name, message.payload as never);
        else log(`core worker: dropped an event that is not in the contract (${message.name})`);
        return;
      case 'secret':
        void serveSecret(message.id, message.op, message.value);
        return;
      case 'fatal':
        log(`core worker: ${message.message}`);
        stop(message.message);
        return;
      case 'closed':
        stop('closed');
        return;
      case 'ready':
        return;
    }
  });
  worker.on('error', (error) => {
    log(`core worker crashed: ${error.message}`);
    stop(error.message);
  });
  worker.on('exit', (code) => stop(`exit ${code}`));

  return {
    router: {
      dispatch(channel, input) {
        if (stopped !== undefined) return Promise.resolve(fail(routerErrorCodes.internal, `The app core stopped (${stopped}). Restart Lysdesk.`));
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, resolve);
          worker.postMessage({ type: 'call', id, channel: typeof channel === 'string' ? channel : String(channel), input });
        });
      },
    },
    events,
    async close() {
      if (stopped === undefined) {
        const closed = new Promise<void>((resolve) => (onClosed = resolve));
        worker.postMessage({ type: 'close' });
        // A core that does not finish within 5 s is ended anyway: the app is quitting.
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      }
      await worker.terminate();
    },
  };
}
