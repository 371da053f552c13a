import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../electron/shared/ipc/channels';
import type { Bridge } from '../../electron/shared/ipc/contract';
import { customerSearchSchema, tierSuggestionListSchema } from '../../electron/shared/ipc/customers';
import { createI18n } from '../../src/app/i18n';
import type { KeyValueStore } from '../../src/app/storage';
import { invoke } from '../../src/bridge';
import { compactHiddenSearchColumns, searchColumns, suggestionColumns } from '../../src/features/customers/customerColumns';
import { customerRowKeyAction, mayChangeTier, pageKeyAction, searchInput, suggestionBranch } from '../../src/features/customers/customerModel';

// The customer search and the tier suggestions list without a DOM: what the page asks the core
// for, what each grid cell shows for the core's answer (through a fake bridge), and the keys.
// The grid itself (AG Grid) and the page's focus handling are covered in the browser tests.

const searchAnswer = customerSearchSchema.parse({
  rows: [
    {
      id: 'c1',
      customerNumber: '10042',
      orgNumber: '923456789',
      name: 'Lysverket AS',
      city: 'Oslo',
      loyaltyTier: 'gold',
      branchId: 'b-oslo',
      branchName: 'Oslo',
      consultantName: 'Kari Konsulent',
      migrationState: 'switched_on',
      matchedEmail: null,
    },
    {
      id: 'c2',
      customerNumber: '10077',
      orgNumber: '987654321',
      name: 'Elektro Nord AS',
      city: null,
      loyaltyTier: 'platinum',
      branchId: 'b-tromso',
      branchName: 'Tromsø',
      consultantName: null,
      migrationState: 'activated',
      matchedEmail: 'lys@elektronord.no',
    },
  ],
  total: 1234,
  asOf: '2026-11-21T08:00:00.000Z',
});

const suggestionAnswer = tierSuggestionListSchema.parse({
  rows: [
    {
      customerId: 'c1',
      customerNumber: '10042',
      name: 'Lysverket AS',
      branchName: 'Oslo',
      loyaltyTier: 'gold',
      suggestion: { tier: 'platinum', orders: 42, valueOre: 123_456_789, explanation: '42 ordrer, NOK 1,2 mill. siste 12 mnd. → platina' },
    },
  ],
  thresholds: { gold: { minOrders: 12, minValueOre: 25_000_000 }, platinum: { minOrders: 36, minValueOre: 100_000_000 } },
  asOf: '2026-11-21T08:00:00.000Z',
});

const calls: { name: CallName; input: unknown }[] = [];
const fakeBridge = {
  call: async (name: CallName, input: unknown) => {
    calls.push({ name, input });
    if (name === 'customers.search') return { ok: true, value: searchAnswer };
    if (name === 'customers.tierSuggestions') return { ok: true, value: suggestionAnswer };
    return { ok: false, error: { code: 'UNEXPECTED', message: name } };
  },
  on: () => () => undefined,
} as unknown as Bridge;

beforeAll(() => {
  Object.defineProperty(globalThis, 'window', { value: { lysdesk: fakeBridge }, configurable: true });
});

afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
});

function translator(language: string): TFunction {
  const store: KeyValueStore = { getItem: (key) => (key === 'lysdesk.language' ? language : null), setItem: () => undefined };
  return createI18n(store).t;
}

/** What AG Grid shows in each column for `row`: the field or getter's value, through the formatter. */
function cells<T extends object>(columns: ColDef<T>[], row: T): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const column of columns) {
    const field = column.field as keyof T | undefined;
    const getter = column.valueGetter;
    const value: unknown = field !== undefined ? row[field] : typeof getter === 'function' ? getter({ data: row } as never) : undefined;
    const formatter = column.valueFormatter;
    shown[column.colId ?? ''] = typeof formatter === 'function' ? formatter({ value, data: row } as never) : typeof value === 'string' ? value : JSON.stringify(value);
  }
  return shown;
}

describe('the search', () => {
  it('asks the core for what was typed, trimmed, at most 200 hits', async () => {
    const answer = await invoke('customers.search', searchInput('  lysverket  '));
    expect(calls.at(-1)).toEqual({ name: 'customers.search', input: { query: 'lysverket', limit: 200 } });
    expect(answer?.rows.map((row) => row.id)).toEqual(['c1', 'c2']);
    expect(searchInput('x'.repeat(300)).query).toHaveLength(200);
    expect(searchInput('').query).toBe('');
  });

  it('shows each hit’s name, numbers (org number grouped), city, tier, branch, consultant, move state and matched e-mail', () => {
    const columns = searchColumns(translator('nb'));
    const [first, second] = searchAnswer.rows;
    if (!first || !second) throw new Error('fixture');
    expect(cells(columns, first)).toEqual({
      name: 'Lysverket AS',
      customerNumber: '10042',
      orgNumber: '923 456 789',
      city: 'Oslo',
      tier: 'Gull',
      branch: 'Oslo',
      consultant: 'Kari Konsulent',
      migration: 'Flytteknapp på',
      matchedEmail: '',
    });
    expect(cells(columns, second)).toMatchObject({ city: '', tier: 'Platina', consultant: 'Ingen konsulent', migration: 'Aktivert', matchedEmail: 'lys@elektronord.no' });
  });

  it('keeps name, number and tier when a customer is open beside the list', () => {
    const ids = searchColumns(translator('nb')).map((column) => column.colId);
    expect(ids.filter((id) => !compactHiddenSearchColumns.includes(id ?? ''))).toEqual(['name', 'customerNumber', 'tier']);
  });

  it('sorts tiers by rank, not by name', () => {
    const tier = searchColumns(translator('nb')).find((column) => column.colId === 'tier');
    const compare = tier?.comparator as ((a: string, b: string) => number) | undefined;
    expect(['platinum', 'silver', 'gold'].sort((a, b) => compare?.(a, b) ?? 0)).toEqual(['silver', 'gold', 'platinum']);
  });

  it('counts "N av M kunder"', () => {
    const t = translator('nb');
    expect(t('customers.search.count', { count: 1234, shown: '2', formatted: '1 234' })).toBe('2 av 1 234 kunder');
    expect(t('customers.search.count', { count: 1, shown: '1', formatted: '1' })).toBe('1 av 1 kunde');
  });
});

describe('keys', () => {
  const plain = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };

  it('Enter on a row opens the customer; other keys are the grid’s', () => {
    expect(customerRowKeyAction({ ...plain, key: 'Enter' })).toBe('open');
    expect(customerRowKeyAction({ ...plain, key: 'Enter', ctrlKey: true })).toBeNull();
    expect(customerRowKeyAction({ ...plain, key: 'ArrowDown' })).toBeNull();
    expect(customerRowKeyAction({ ...plain, key: ' ' })).toBeNull();
  });

  it('Ctrl+F and "/" go to the search, "/" typed in a field is text, Esc goes back', () => {
    expect(pageKeyAction({ ...plain, key: 'f', ctrlKey: true }, true)).toBe('focusSearch');
    expect(pageKeyAction({ ...plain, key: 'f', metaKey: true }, false)).toBe('focusSearch');
    expect(pageKeyAction({ ...plain, key: 'f' }, false)).toBeNull();
    expect(pageKeyAction({ ...plain, key: '/' }, false)).toBe('focusSearch');
    expect(pageKeyAction({ ...plain, key: '/' }, true)).toBeNull();
    expect(pageKeyAction({ ...plain, key: 'Escape' }, true)).toBe('back');
  });
});

describe('the tier suggestions list', () => {
  it('asks for the staff member’s branch, or every branch for roles without one', async () => {
    await invoke('customers.tierSuggestions', { branchId: suggestionBranch({ branchId: 'b-oslo' }) });
    expect(calls.at(-1)).toEqual({ name: 'customers.tierSuggestions', input: { branchId: 'b-oslo' } });
    expect(suggestionBranch({ branchId: null })).toBeNull();
  });

  it('shows customer, current and suggested tier, and the explanation (the core’s in Norwegian)', () => {
    const row = suggestionAnswer.rows[0];
    if (!row) throw new Error('fixture');
    expect(cells(suggestionColumns(translator('nb'), 'nb'), row)).toEqual({
      name: 'Lysverket AS',
      customerNumber: '10042',
      branch: 'Oslo',
      tier: 'Gull',
      suggestedTier: 'Platina',
      explanation: '42 ordrer, NOK 1,2 mill. siste 12 mnd. → platina',
    });
    expect(cells(suggestionColumns(translator('en'), 'en'), row)).toMatchObject({
      tier: 'Gold',
      suggestedTier: 'Platinum',
      explanation: '42 orders, NOK 1,2 mill. in the last 12 months → platinum',
    });
  });
});

describe('who may change a tier (the shared policy)', () => {
  it('a consultant in the customer’s branch and an admin; nobody else', () => {
    expect(mayChangeTier({ role: 'consultant', branchId: 'b-oslo' }, 'b-oslo')).toBe(true);
    expect(mayChangeTier({ role: 'admin', branchId: null }, 'b-oslo')).toBe(true);
    expect(mayChangeTier({ role: 'consultant', branchId: 'b-bergen' }, 'b-oslo')).toBe(false);
    expect(mayChangeTier({ role: 'customer_service', branchId: null }, 'b-oslo')).toBe(false);
    expect(mayChangeTier({ role: 'branch', branchId: 'b-oslo' }, 'b-oslo')).toBe(false);
  });
});
