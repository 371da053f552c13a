import type { Migration } from '../db/migrate';
import * as m0001 from './0001_service_meta';

// Static imports, in order, so tsx and bundlers include every migration. Append only: a
// migration that has shipped is never edited, renumbered or removed.
/** Every migration this build knows, oldest first; `version` matches the file's number. */
export const migrations: readonly Migration[] = [{ version: 1, name: 'service_meta', up: m0001.up }];
