export { AuthError, authErrorCodes, formatWait } from './errors';
export type { AuthErrorCode } from './errors';
export { authFiles } from './files';
export { FileSecretStore, MemorySecretStore, readFileIfExists, writeFileAtomic } from './secretStore';
export type { SecretStore } from './secretStore';
export { createAuthSession } from './session';
export type { AuthSession, AuthSessionOptions, SessionStaff } from './session';
