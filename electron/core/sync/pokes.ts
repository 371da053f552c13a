import { openResponse, SyncHttpError } from './http';

/** How the poke listener reaches the service. */
export interface PokeSource {
  baseUrl: string;
  /** A valid access token for each (re)connection. */
  accessToken(): Promise<string>;
}

/** What the listener reports. */
export interface PokeHandlers {
  /** Connected (pokes are not replayed, so pull now), or something changed: pull. */
  onPoke(reason: 'connected' | 'poke'): void;
  /** The stream is down; it is retried after `retryInMs`. */
  onDown(error: Error, retryInMs: number): void;
}

/** A running listener; `close()` ends the stream and stops retrying. */
export interface PokeListener {
  close(): void;
}

/**
 * Listens to `GET /v1/sync/events` (protocol.md, "Live events") and reports each `poke`. The
 * server ends a stream after an access token's life and sends a comment at least every 15 s, so
 * a stream silent for `silenceMs` is taken as dead; every end is followed by a reconnect with
 * exponential backoff and jitter (a fresh token each time).
 */
export function listenForPokes(source: PokeSource, handlers: PokeHandlers, options: { silenceMs?: number; delay?: (attempt: number) => number } = {}): PokeListener {
  const silenceMs = options.silenceMs ?? 45_000;
  const delay = options.delay ?? ((attempt: number) => Math.random() * Math.min(30_000, 500 * 2 ** attempt));
  let closed = false;
  let abort: AbortController | undefined;
  let retry: NodeJS.Timeout | undefined;
  let attempt = 0;

  async function connect(): Promise<void> {
    abort = new AbortController();
    let silence: NodeJS.Timeout | undefined;
    const resetSilence = (): void => {
      clearTimeout(silence);
      silence = setTimeout(() => abort?.abort(new Error(`no sign of life for ${silenceMs} ms`)), silenceMs);
    };
    try {
      const token = await source.accessToken();
      const { body } = await openResponse({
        baseUrl: source.baseUrl,
        method: 'GET',
        path: '/v1/sync/events',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      resetSilence();
      attempt = 0;
      handlers.onPoke('connected');
      let rest = '';
      for await (const chunk of body) {
        resetSilence();
        rest += chunk.toString('utf8');
        // Events end with a blank line; only `event: poke` matters, comments keep the line alive.
        for (let end = rest.indexOf('\n\n'); end !== -1; end = rest.indexOf('\n\n')) {
          const event = rest.slice(0, end);
          rest = rest.slice(end + 2);
          if (/^event: poke$/m.test(event)) handlers.onPoke('poke');
        }
        if (rest.length > 64 * 1024) throw new Error('the event stream sent an over-long event');
      }
      throw new Error('the server ended the event stream');
    } finally {
      clearTimeout(silence);
    }
  }

  function run(): void {
    connect().catch((error: unknown) => {
      if (closed) return;
      const wait = delay(attempt++);
      handlers.onDown(error instanceof Error ? error : new SyncHttpError(0, 'NETWORK', String(error)), wait);
      retry = setTimeout(run, wait);
      retry.unref();
    });
  }

  run();
  return {
    close() {
      closed = true;
      clearTimeout(retry);
      abort?.abort(new Error('closed'));
    },
  };
}
