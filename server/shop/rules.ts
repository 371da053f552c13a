import { addDays, osloDate } from '../../electron/shared/domain/calendar';

// Date rules of the shop side, pure so they read like domain.md: the 24-hour quote promise,
// quote validity, the 50-day return window and the 12-month warranty. Calendar dates are
// Norwegian (Europe/Oslo): "valid until 31.03" means until the end of that day in Norway. The
// Oslo calendar itself is shared with the staff client (a quote answer's validity is computed
// on both sides), so it lives in electron/shared/domain/calendar.ts.

export { addDays, osloDate } from '../../electron/shared/domain/calendar';

/** Hours within which a quote is promised to be answered. */
export const QUOTE_ANSWER_HOURS = 24;
/** Days from the complete delivery within which goods may be returned without a reason. */
export const RETURN_WINDOW_DAYS = 50;
/** Months from delivery during which a defective product is covered. */
export const WARRANTY_MONTHS = 12;
/** How far ahead a customer may ask for a delivery date. */
export const MAX_DELIVERY_DATE_DAYS = 365;

/** `date` plus `months`; a day the month lacks (31st, 29 February) rolls into the next month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1 + months, d ?? 1)).toISOString().slice(0, 10);
}

/** What the delivery rules look at per order line. */
export interface LineDelivery {
  status: string;
  /** When the line's shipment arrived, if it has. */
  deliveredAt: string | null;
}

/**
 * When the order's goods were received in full: every line not cancelled is delivered, and the
 * last of them arrived then. Null while anything is still on its way (or all was cancelled).
 */
export function completeDeliveryAt(lines: readonly LineDelivery[]): string | null {
  const live = lines.filter((line) => line.status !== 'cancelled');
  if (live.length === 0 || live.some((line) => line.status !== 'delivered' || line.deliveredAt === null)) return null;
  return live.reduce((latest, line) => (line.deliveredAt !== null && line.deliveredAt > latest ? line.deliveredAt : latest), '');
}

/** The last day a return may be asked for, given the complete delivery at `completeAt`. */
export function lastReturnDay(completeAt: string): string {
  return addDays(osloDate(new Date(completeAt)), RETURN_WINDOW_DAYS);
}

/** The last day of the warranty of goods delivered at `deliveredAt`. */
export function lastWarrantyDay(deliveredAt: string): string {
  return addMonths(osloDate(new Date(deliveredAt)), WARRANTY_MONTHS);
}
