import { PlaceholderPage } from '../../components/PlaceholderPage';

/** The customer register (Kunder); for now, what is planned there. */
export function CustomersPage() {
  return <PlaceholderPage view="customers" />;
}
