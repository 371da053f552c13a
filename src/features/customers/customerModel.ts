import type { TFunction } from 'i18next';
import { formatNokShort, type LoyaltyTier } from '../../../electron/shared/domain/loyalty';
import { mayPerform } from '../../../electron/shared/domain/permissions';
import type { CallInput } from '../../../electron/shared/ipc/contract';
import type { CustomerDetail } from '../../../electron/shared/ipc/customers';
import type { SyncTableName } from '../../../electron/shared/sync/rows';
import { formatCount } from '../../app/format';
import type { SessionStaff } from '../quotes/quoteModel';

export type { SessionStaff } from '../quotes/quoteModel';
export type { LoyaltyTier } from '../../../electron/shared/domain/loyalty';

/** A customer to open, from outside the page (Needs attention, the migration page); a new object each time. */
export interface CustomerOpenRequest {
  customerId: string;
}

/** The customer page's tier suggestion. */
export type TierSuggestionView = CustomerDetail['tierSuggestion'];

/** The cached tables a search hit is made of: a change among them searches again. */
export const searchTables = ['customers', 'company_users', 'addresses', 'branches', 'staff'] as const satisfies readonly SyncTableName[];

/** The cached tables the customer page is made of. */
export const customerTables = [
  'customers',
  'company_users',
  'addresses',
  'branches',
  'staff',
  'orders',
  'order_lines',
  'quotes',
  'loyalty_tier_changes',
  'migration_events',
] as const satisfies readonly SyncTableName[];

/** The cached tables the tier suggestions are made of (orders decide them, tiers filter them). */
export const suggestionTables = ['customers', 'orders', 'order_lines', 'branches'] as const satisfies readonly SyncTableName[];

/** At most this many search hits are listed; the count says how many matched in all. */
export const SEARCH_LIMIT = 200;

/** How long typing must pause before the search runs (a burst of keys is one search). */
export const SEARCH_DEBOUNCE_MS = 100;

/** The `customers.search` input for what was typed: trimmed, at most the contract's 200 characters. */
export function searchInput(typed: string): CallInput<'customers.search'> {
  return { query: typed.trim().slice(0, 200), limit: SEARCH_LIMIT };
}

/** Whether `staff` may change the tier of a customer of branch `branchId` (the shared policy the server enforces too). */
export function mayChangeTier(staff: Pick<SessionStaff, 'role' | 'branchId'>, branchId: string): boolean {
  return mayPerform({ role: staff.role, branchId: staff.branchId }, 'customer.setTier', branchId);
}

/** The branch whose tier suggestions `staff` works on: their own, or every branch (null) for roles without one. */
export function suggestionBranch(staff: Pick<SessionStaff, 'branchId'>): string | null {
  return staff.branchId;
}

type KeyFacts = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** What a key pressed on a customer row asks for: Enter opens it; anything else is the grid's. */
export function customerRowKeyAction(event: KeyFacts): 'open' | null {
  return event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey ? 'open' : null;
}

/**
 * What a key pressed anywhere on the customers page asks for: Ctrl+F (⌘F) or "/" focus the search
 * field, Esc goes back from a customer to the list. "/" typed into a text field is text, not a shortcut.
 */
export function pageKeyAction(event: KeyFacts, inTextField: boolean): 'focusSearch' | 'back' | null {
  if ((event.key === 'f' || event.key === 'F') && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) return 'focusSearch';
  if (event.key === '/' && !inTextField && !event.ctrlKey && !event.metaKey && !event.altKey) return 'focusSearch';
  if (event.key === 'Escape') return 'back';
  return null;
}

/** A tier's name in the UI language ("Gull", "Gold"). */
export function tierName(t: TFunction, tier: LoyaltyTier): string {
  return t(`customers.tier.${tier}`);
}

/**
 * The suggestion in words. Norwegian staff read the core's own sentence ("42 ordrer, NOK 1,2 mill.
 * siste 12 mnd. → gull", from the shared `explainSuggestion`); other languages get it from the
 * same facts, the money in Norwegian form as everywhere in the app.
 */
export function explainSuggestion(t: TFunction, language: string, suggestion: TierSuggestionView): string {
  if (language.startsWith('nb')) return suggestion.explanation;
  return t('customers.suggestions.explanation', {
    count: suggestion.orders,
    formatted: formatCount(suggestion.orders),
    value: formatNokShort(suggestion.valueOre),
    tier: tierName(t, suggestion.tier).toLowerCase(),
  });
}

/** The tier history newest first, whatever order it came in. */
export function historyNewestFirst(history: CustomerDetail['tierHistory']): CustomerDetail['tierHistory'] {
  return [...history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
