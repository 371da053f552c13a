// Calendar dates as the business means them: Norwegian (Europe/Oslo). "Valid until 31.03" means
// until the end of that day in Norway, whatever the clock of the machine that computes it.
// Shared by the shop side (server/shop/rules.ts re-exports these) and the quote answer rules.

const OSLO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Norway at `at`, `YYYY-MM-DD`. */
export function osloDate(at: Date): string {
  return OSLO_DATE.format(at);
}

/** `date` (`YYYY-MM-DD`) plus `days`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` as Norwegian staff write it: `dd.mm.yyyy`. */
export function formatDateNb(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d ?? ''}.${m ?? ''}.${y ?? ''}`;
}
