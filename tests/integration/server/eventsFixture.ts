import { request as httpRequest, type ClientRequest } from 'node:http';

/** An open `GET /v1/sync/events` stream as a test sees it. */
export interface EventStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Everything received so far. */
  text(): string;
  /** How many `event: poke` messages arrived so far. */
  pokes(): number;
  /** How many `: keepalive` comments arrived so far. */
  keepalives(): number;
  /** Resolves once `check` holds for the received text; rejects after `timeoutMs`. */
  until(check: (stream: EventStream) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the event stream on `port` as `token`; resolves once the headers are in. */
export function openEvents(port: number, token: string | undefined): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    let body = '';
    const waiters = new Set<() => void>();
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    const req: ClientRequest = httpRequest({ host: '127.0.0.1', port, path: '/v1/sync/events', headers, agent: false }, (res) => {
      res.setEncoding('utf8');
      let markEnded: () => void = () => undefined;
      const ended = new Promise<void>((done) => {
        markEnded = done;
      });
      res.on('data', (chunk: string) => {
        body += chunk;
        for (const wake of [...waiters]) wake();
      });
      res.on('error', () => undefined);
      res.on('close', () => markEnded());
      const stream: EventStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => body,
        pokes: () => body.split('event: poke\ndata: {}\n\n').length - 1,
        keepalives: () => body.split(': keepalive\n\n').length - 1,
        until(check, timeoutMs = 5_000) {
          return new Promise<void>((done, fail) => {
            const timer = setTimeout(() => {
              waiters.delete(wake);
              fail(new Error(`timed out waiting on the event stream; received so far: ${JSON.stringify(body)}`));
            }, timeoutMs);
            function wake(): void {
              if (!check(stream)) return;
              clearTimeout(timer);
              waiters.delete(wake);
              done();
            }
            waiters.add(wake);
            wake();
          });
        },
        ended,
        close: () => req.destroy(),
      };
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Waits `ms`: for checking that something does NOT happen. */
export function quietFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
