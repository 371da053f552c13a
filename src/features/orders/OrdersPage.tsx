import { PlaceholderPage } from '../../components/PlaceholderPage';

/** Orders and shipments (Ordrer); for now, what is planned there. */
export function OrdersPage() {
  return <PlaceholderPage view="orders" />;
}
