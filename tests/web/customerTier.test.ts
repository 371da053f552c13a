import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallName } from '../../electron/shared/ipc/channels';
import type { Bridge } from '../../electron/shared/ipc/contract';
import { mutationArgs } from '../../electron/shared/sync/mutations';
import { checkTierForm, submitTierChange } from '../../src/features/customers/tierChange';

// Changing a customer's tier through a fake bridge (the core's local effect and the server's
// handler are tested where they live): the form is checked by the shared rules before anything
// is sent, the mutation carries exactly the contract's args, and a refusal comes back with the
// core's code and Norwegian message.

const calls: { name: CallName; input: unknown }[] = [];
let refusal: { code: string; message: string } | null = null;

const fakeBridge = {
  call: async (name: CallName, input: unknown) => {
    calls.push({ name, input });
    if (refusal !== null) return { ok: false, error: refusal };
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

beforeEach(() => {
  calls.length = 0;
  refusal = null;
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('checkTierForm', () => {
  it('asks for a tier, another than the current one', () => {
    expect(checkTierForm('gold', { toTier: '', reason: 'x' })).toMatchObject({ ok: false, field: 'tier', problem: 'chooseTier' });
    expect(checkTierForm('gold', { toTier: 'gold', reason: 'x' })).toMatchObject({ ok: false, field: 'tier', problem: 'sameTier' });
  });

  it('refuses an empty or blank reason with the shared rule’s Norwegian message', () => {
    for (const reason of ['', '   \n ']) {
      expect(checkTierForm('gold', { toTier: 'platinum', reason })).toEqual({ ok: false, field: 'reason', problem: 'required', message: 'Skriv en begrunnelse for endringen.' });
    }
  });

  it('refuses a reason over 500 characters (after trimming)', () => {
    expect(checkTierForm('gold', { toTier: 'platinum', reason: ` ${'a'.repeat(500)} ` })).toMatchObject({ ok: true, reason: 'a'.repeat(500) });
    expect(checkTierForm('gold', { toTier: 'platinum', reason: 'a'.repeat(501) })).toEqual({
      ok: false,
      field: 'reason',
      problem: 'tooLong',
      message: 'Begrunnelsen kan være på høyst 500 tegn.',
    });
  });
});

describe('submitTierChange', () => {
  it('sends nothing while the reason is empty', async () => {
    const result = await submitTierChange('c1', 'gold', { toTier: 'platinum', reason: '  ' });
    expect(result).toMatchObject({ ok: false, kind: 'invalid', check: { problem: 'required', message: 'Skriv en begrunnelse for endringen.' } });
    expect(calls).toEqual([]);
  });

  it('queues customer.setTier from the shown tier, with a fresh UUID and the trimmed reason', async () => {
    const result = await submitTierChange('c1', 'gold', { toTier: 'platinum', reason: '  42 ordrer i år, avtalt med innkjøper \n' });
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call?.name).toBe('mutation.submit');
    const input = call?.input as { name: string; args: Record<string, unknown> };
    expect(input.name).toBe('customer.setTier');
    expect(input.args).toEqual({ customerId: 'c1', changeId: expect.stringMatching(uuid) as unknown, fromTier: 'gold', toTier: 'platinum', reason: '42 ordrer i år, avtalt med innkjøper' });
    expect(Object.keys(input.args).sort()).toEqual(['changeId', 'customerId', 'fromTier', 'reason', 'toTier']);
    expect(mutationArgs['customer.setTier'].safeParse(input.args).success).toBe(true);
    if (result.ok) expect(result.args).toEqual(input.args);

    await submitTierChange('c1', 'gold', { toTier: 'platinum', reason: 'Igjen' });
    const second = calls[1]?.input as { args: { changeId: string } };
    expect(second.args.changeId).toMatch(uuid);
    expect(second.args.changeId).not.toBe(input.args.changeId);
  });

  it('brings back the core’s refusal: its code and Norwegian message', async () => {
    refusal = { code: 'FORBIDDEN', message: 'Du kan bare endre kundenivået til kunder i din egen avdeling (kunde 10042).' };
    const result = await submitTierChange('c1', 'gold', { toTier: 'silver', reason: 'Lite handel' });
    expect(result).toEqual({ ok: false, kind: 'refused', code: 'FORBIDDEN', message: 'Du kan bare endre kundenivået til kunder i din egen avdeling (kunde 10042).' });
    expect(calls).toHaveLength(1);
  });
});
