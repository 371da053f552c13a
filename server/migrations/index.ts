import type { Migration } from '../db/migrate';
import * as m0001 from './0001_service_meta';
import * as m0002 from './0002_sync_core';
import * as m0003 from './0003_branches_staff';
import * as m0004 from './0004_auth_audit';

// Static imports, in order, so tsx and bundlers include every migration. Append only: a
// migration that has shipped is never edited, renumbered or removed.
/** Every migration this build knows, oldest first; `version` matches the file's number. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'service_meta', up: m0001.up },
  { version: 2, name: 'sync_core', up: m0002.up },
  { version: 3, name: 'branches_staff', up: m0003.up },
  { version: 4, name: 'auth_audit', up: m0004.up },
];
