import type { Migration } from '../db/migrate';
import * as m0001 from './0001_service_meta';
import * as m0002 from './0002_sync_core';
import * as m0003 from './0003_branches_staff';
import * as m0004 from './0004_auth_audit';
import * as m0005 from './0005_customers';
import * as m0006 from './0006_products';
import * as m0007 from './0007_project_lists';
import * as m0008 from './0008_quotes';
import * as m0009 from './0009_orders';
import * as m0010 from './0010_shipments_invoices';
import * as m0011 from './0011_returns';
import * as m0012 from './0012_contact_messages';
import * as m0013 from './0013_tier_migration_history';
import * as m0014 from './0014_sync_clients';
import * as m0015 from './0015_change_notify';
import * as m0016 from './0016_foreign_key_indexes';

// Static imports, in order, so tsx and bundlers include every migration. Append only: a
// migration that has shipped is never edited, renumbered or removed.
/** Every migration this build knows, oldest first; `version` matches the file's number. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'service_meta', up: m0001.up },
  { version: 2, name: 'sync_core', up: m0002.up },
  { version: 3, name: 'branches_staff', up: m0003.up },
  { version: 4, name: 'auth_audit', up: m0004.up },
  { version: 5, name: 'customers', up: m0005.up },
  { version: 6, name: 'products', up: m0006.up },
  { version: 7, name: 'project_lists', up: m0007.up },
  { version: 8, name: 'quotes', up: m0008.up },
  { version: 9, name: 'orders', up: m0009.up },
  { version: 10, name: 'shipments_invoices', up: m0010.up },
  { version: 11, name: 'returns', up: m0011.up },
  { version: 12, name: 'contact_messages', up: m0012.up },
  { version: 13, name: 'tier_migration_history', up: m0013.up },
  { version: 14, name: 'sync_clients', up: m0014.up },
  { version: 15, name: 'change_notify', up: m0015.up },
  { version: 16, name: 'foreign_key_indexes', up: m0016.up },
];
