import { PlaceholderPage } from '../../components/PlaceholderPage';

/** The quote queue (Tilbud); for now, what is planned there. */
export function QuotesPage() {
  return <PlaceholderPage view="quotes" />;
}
