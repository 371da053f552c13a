import type { MutationArgs, MutationName } from '../../../electron/shared/sync/mutations';
import { BridgeError, invoke } from '../../bridge';

/** The quote mutations the screens submit. */
export type QuoteMutation = Extract<MutationName, `quote.${string}`>;

/** The outcome of queueing an action: its outbox number, or the bridge's error code. */
export type SubmitResult = { ok: true; seq: number } | { ok: false; code: string };

/**
 * Queues a quote action with its local effect (`mutation.submit`). The answer only says it is
 * queued: the server's verdict arrives later, and a refusal lands in Needs attention.
 */
export async function submitQuoteAction<N extends QuoteMutation>(name: N, args: MutationArgs<N>): Promise<SubmitResult> {
  try {
    const { seq } = await invoke('mutation.submit', { name, args });
    return { ok: true, seq };
  } catch (error) {
    return { ok: false, code: error instanceof BridgeError ? error.code : 'UNKNOWN' };
  }
}

/** A new comment's client-made id, so a retried push cannot post it twice. */
export function newCommentId(): string {
  return crypto.randomUUID();
}
