import { PlaceholderPage } from '../../components/PlaceholderPage';

/** Returns and complaints (Retur); for now, what is planned there. */
export function ReturnsPage() {
  return <PlaceholderPage view="returns" />;
}
