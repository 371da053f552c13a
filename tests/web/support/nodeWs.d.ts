// The parts of the `ws` package the socket bridge test uses, typed without Node's types so the
// web project's type check keeps only browser globals. They must match `ws` 8's own API.
import type { SocketConstructor } from '../../../src/bridge/socketBridge';

/** `ws`'s client class; Node 20 has no global WebSocket. */
export declare const NodeWebSocket: SocketConstructor;

/** One page's socket, as the server sees it. */
export interface ServerSocket {
  send(data: string | Uint8Array): void;
  /** A clean close, from the server's side. */
  close(): void;
  terminate(): void;
  on(event: 'message', listener: (data: Uint8Array, isBinary: boolean) => void): this;
}

/** What `verifyClient` learns of an upgrade request. */
export interface UpgradeInfo {
  req: { url?: string };
}

/** The options the test gives the server. */
export interface ServerOptions {
  host: string;
  /** 0 for any free port. */
  port: number;
  /** Accepts or refuses an upgrade; refusing with `code` answers that HTTP status. */
  verifyClient(info: UpgradeInfo, done: (accept: boolean, code?: number, message?: string) => void): void;
}

/** `ws`'s server, listening on its own HTTP server. */
export declare class NodeWebSocketServer {
  constructor(options: ServerOptions);
  readonly clients: Set<ServerSocket>;
  on(event: 'connection', listener: (socket: ServerSocket) => void): this;
  on(event: 'listening', listener: () => void): this;
  address(): { port: number };
  close(done?: (error?: Error) => void): void;
}
