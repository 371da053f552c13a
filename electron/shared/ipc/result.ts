/** Error codes the IPC router itself produces; handlers may add their own UPPER_SNAKE codes. */
export const routerErrorCodes = {
  unknownChannel: 'UNKNOWN_CHANNEL',
  invalidInput: 'INVALID_INPUT',
  invalidOutput: 'INVALID_OUTPUT',
  forbiddenSender: 'FORBIDDEN_SENDER',
  internal: 'INTERNAL',
} as const;

/**
 * Error codes of the transports around the router: the renderer's bridge and the browser host's
 * socket. An unknown call name is refused with `routerErrorCodes.unknownChannel` wherever it is
 * caught, so the renderer sees one code for it.
 */
export const bridgeErrorCodes = {
  /** The renderer found neither Electron's preload nor the browser host's secret. */
  noBridge: 'NO_BRIDGE',
  /** The socket to the browser host is down, or closed before the call was answered. */
  disconnected: 'BRIDGE_DISCONNECTED',
  /** The browser host could not read a message from the page as a request. */
  badMessage: 'BAD_MESSAGE',
} as const;

/** A failed call: a stable code for programs and a message for people. */
export interface IpcError {
  code: string;
  message: string;
}

/**
 * What every IPC call answers. Electron keeps only an Error's message across IPC, so
 * failures travel as data rather than as thrown errors.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Builds a failed result. */
export function fail(code: string, message: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message } };
}
