import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../electron/shared/ipc/channels';
import type { Bridge } from '../../electron/shared/ipc/contract';
import { mutationArgs } from '../../electron/shared/sync/mutations';
import { newCommentId, submitQuoteAction } from '../../src/features/quotes/quoteActions';

// The quote actions through a fake bridge (the core's handlers are tested in the core): each is
// one `mutation.submit` with the contract's name and args, and a refusal comes back as its code.

const calls: { name: CallName; input: unknown }[] = [];
let refuse: string | null = null;

const fakeBridge = {
  call: async (name: CallName, input: unknown) => {
    calls.push({ name, input });
    if (refuse !== null) return { ok: false, error: { code: refuse, message: 'refused' } };
    return { ok: true, value: { seq: calls.length } };
  },
  on: () => () => undefined,
} as unknown as Bridge;

beforeAll(() => {
  Object.defineProperty(globalThis, 'window', { value: { lysdesk: fakeBridge }, configurable: true });
});

afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
});

describe('submitQuoteAction', () => {
  it('queues each quote action as mutation.submit with args the contract accepts', async () => {
    const commentId = newCommentId();
    const submitted = [
      await submitQuoteAction('quote.claim', { quoteId: 'q1' }),
      await submitQuoteAction('quote.release', { quoteId: 'q1' }),
      await submitQuoteAction('quote.comment', { quoteId: 'q1', commentId, body: 'Hei' }),
      await submitQuoteAction('quote.answer', { quoteId: 'q1', lines: [{ lineId: 'l1', extraDiscountBp: 500, offeredPriceOre: null }], validityDays: 30, message: '' }),
      await submitQuoteAction('quote.decline', { quoteId: 'q1', reason: 'Utgått vare' }),
      await submitQuoteAction('quote.reassign', { quoteId: 'q1', assigneeId: 's2' }),
      await submitQuoteAction('quote.markRead', { quoteId: 'q1' }),
    ];
    expect(submitted.every((result) => result.ok)).toBe(true);
    expect(calls.map((call) => call.name)).toEqual(Array(7).fill('mutation.submit'));
    for (const call of calls) {
      const { name, args } = call.input as { name: keyof typeof mutationArgs; args: unknown };
      expect(mutationArgs[name].safeParse(args).success, name).toBe(true);
    }
    expect(calls[2]?.input).toEqual({ name: 'quote.comment', args: { quoteId: 'q1', commentId, body: 'Hei' } });
  });

  it('answers with the error code when the core refuses to queue', async () => {
    refuse = 'BAD_INPUT';
    expect(await submitQuoteAction('quote.claim', { quoteId: 'q1' })).toEqual({ ok: false, code: 'BAD_INPUT' });
    refuse = null;
  });

  it('makes a fresh UUID per comment', () => {
    const a = newCommentId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newCommentId()).not.toBe(a);
  });
});
