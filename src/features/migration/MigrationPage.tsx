import { PlaceholderPage } from '../../components/PlaceholderPage';

/** Moving customers to the new webshop (Flytting); for now, what is planned there. */
export function MigrationPage() {
  return <PlaceholderPage view="migration" />;
}
