import { PlaceholderPage } from '../../components/PlaceholderPage';

/** The customer service inbox (Innboks); for now, what is planned there. */
export function InboxPage() {
  return <PlaceholderPage view="inbox" />;
}
