import type { FromWorker } from './protocol';

/** A secret store whose operations run in the main process (Electron's safeStorage). */
export interface RemoteSecrets {
  readonly canPersist: boolean;
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
  clear(): Promise<void>;
  /** Feeds the main process's answer to the operation it belongs to. */
  settle(id: number, ok: boolean, value: string | null, error?: string): void;
}

/** Forwards secret operations to the main process over `send`, one id per operation. */
export function createRemoteSecrets(canPersist: boolean, send: (message: FromWorker) => void): RemoteSecrets {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: string | null) => void; reject: (error: Error) => void }>();
  function ask(op: 'read' | 'write' | 'clear', value?: string): Promise<string | null> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      send({ type: 'secret', id, op, ...(value !== undefined && { value }) });
    });
  }
  return {
    canPersist,
    read: () => ask('read'),
    write: async (secret) => {
      await ask('write', secret);
    },
    clear: async () => {
      await ask('clear');
    },
    settle(id, ok, value, error) {
      const entry = waiting.get(id);
      if (entry === undefined) return;
      waiting.delete(id);
      if (ok) entry.resolve(value);
      else entry.reject(new Error(error ?? 'secret storage failed'));
    },
  };
}
