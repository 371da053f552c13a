import { useCoreRead } from '../../app/useCoreRead';
import { QuoteDashboardCard } from './QuoteDashboardCard';

/** Refreshed every minute too: "due within 4 h" and "breached today" change with the clock alone. */
const DASHBOARD_REFRESH_MS = 60_000;

/** The quote card, read live from the cache. */
export function HomeQuoteDashboard({ onOpenQueue }: { onOpenQueue: () => void }) {
  const read = useCoreRead('quotes.getDashboard', {}, ['quotes'], DASHBOARD_REFRESH_MS);
  return <QuoteDashboardCard dashboard={read.value} onOpenQueue={onOpenQueue} />;
}
