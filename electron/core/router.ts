import { isCallName, type CallName } from '../shared/ipc/channels';
import { ipcCalls, type CallInput, type CallOutput } from '../shared/ipc/contract';
import { fail, routerErrorCodes, type IpcResult } from '../shared/ipc/result';

/** An error a handler throws on purpose: its code and message reach the renderer as they are. */
export class CoreError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
  }
}

/** The implementation of one call. */
export type Handler<N extends CallName> = (input: CallInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;

/**
 * One handler for every call of the contract. A missing or misnamed entry is a compile error,
 * so a call cannot be declared without being implemented.
 */
export type HandlerMap = { [N in CallName]: Handler<N> };

/** Dispatches untrusted (channel, input) pairs to handlers; never throws. */
export interface Router {
  dispatch(channel: unknown, input: unknown): Promise<IpcResult<unknown>>;
}

/** Reports failures that are bugs rather than bad input, so they are not silently lost. */
export type ErrorReporter = (channel: string, error: unknown) => void;

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Builds the router that both Electron's IPC and the browser host's socket bind to. Input is
 * parsed strictly against the contract before a handler sees it, and output is checked too, so
 * a handler bug surfaces as INVALID_OUTPUT here rather than as a confusing renderer error.
 */
export function createRouter(handlers: HandlerMap, reportError: ErrorReporter = () => {}): Router {
  async function dispatch(channel: unknown, input: unknown): Promise<IpcResult<unknown>> {
    if (!isCallName(channel)) {
      return fail(routerErrorCodes.unknownChannel, `Unknown call: ${typeof channel === 'string' ? channel.slice(0, 100) : typeof channel}`);
    }
    const spec = ipcCalls[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return fail(routerErrorCodes.invalidInput, `Invalid input for ${channel}: ${describeIssues(parsed.error.issues)}`);
    }
    let value: unknown;
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      value = await handler(parsed.data);
    } catch (error) {
      if (error instanceof CoreError) return fail(error.code, error.message);
      reportError(channel, error);
      return fail(routerErrorCodes.internal, `Something went wrong in ${channel}. The error has been logged.`);
    }
    const output = spec.output.safeParse(value);
    if (!output.success) {
      reportError(channel, output.error);
      return fail(routerErrorCodes.invalidOutput, `${channel} produced an answer the contract does not allow.`);
    }
    return { ok: true, value: output.data };
  }
  return { dispatch };
}
