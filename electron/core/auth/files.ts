import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sessionStaffSchema } from '../../shared/ipc/contract';
import { readFileIfExists, writeFileAtomic } from './secretStore';

// What the session keeps in the data folder besides the secret: who signed in last (so the app
// opens offline) and the client id of each staff member. Neither is a secret, but both are
// about a person, so they are written owner-only like the secret.

/** The files of the auth session in `dataDir`. */
export function authFiles(dataDir: string): { identity: string; clientIds: string; secret: string } {
  return {
    identity: join(dataDir, 'auth-staff.json'),
    clientIds: join(dataDir, 'auth-client-ids.json'),
    /** For a {@link FileSecretStore}; the Electron app keeps its encrypted file elsewhere if it likes. */
    secret: join(dataDir, 'auth-refresh-token'),
  };
}

const identityFileSchema = z.strictObject({
  version: z.literal(1),
  /** The server this login belongs to: a stored login is never presented to another one. */
  serverOrigin: z.string(),
  staff: sessionStaffSchema,
  signedInAt: z.string(),
});

/** The last signed-in staff member as kept on disk. */
export type StoredIdentity = z.infer<typeof identityFileSchema>;

/** The stored identity; null when there is none or it cannot be read as one (then it is removed). */
export async function readIdentity(file: string): Promise<StoredIdentity | null> {
  const data = await readFileIfExists(file);
  if (data === null) return null;
  const parsed = identityFileSchema.safeParse(parseJson(data.toString('utf8')));
  if (parsed.success) return parsed.data;
  // A torn or foreign file cannot be fixed by keeping it: the staff member logs in again.
  await rm(file, { force: true });
  return null;
}

/** Stores `identity` (atomically, owner-only). */
export function writeIdentity(file: string, identity: StoredIdentity): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(identity, null, 2)}\n`);
}

/** Forgets the stored identity. */
export function removeIdentity(file: string): Promise<void> {
  return rm(file, { force: true });
}

const clientIdsSchema = z.record(z.string(), z.uuid());

/**
 * The client id of `staffId` on this installation (protocol.md: "a UUID the client creates once
 * per installation and user"): created on first use and kept, also across logouts, so the
 * server's record of which mutations it has applied stays this client's.
 */
export async function clientIdFor(file: string, staffId: string): Promise<string> {
  const data = await readFileIfExists(file);
  const parsed = data === null ? null : clientIdsSchema.safeParse(parseJson(data.toString('utf8')));
  const ids: Record<string, string> = parsed?.success === true ? parsed.data : {};
  const known = ids[staffId];
  if (known !== undefined) return known;
  const id = randomUUID();
  await writeFileAtomic(file, `${JSON.stringify({ ...ids, [staffId]: id }, null, 2)}\n`);
  return id;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
