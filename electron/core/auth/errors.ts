import { CoreError } from '../router';

/** The codes the auth session throws; the renderer branches on these. */
export const authErrorCodes = {
  invalidCredentials: 'INVALID_CREDENTIALS',
  rateLimited: 'RATE_LIMITED',
  offline: 'OFFLINE',
  sessionEnded: 'SESSION_ENDED',
  notSignedIn: 'NOT_SIGNED_IN',
  serverError: 'SERVER_ERROR',
} as const;

/** One of {@link authErrorCodes}. */
export type AuthErrorCode = (typeof authErrorCodes)[keyof typeof authErrorCodes];

/**
 * A CoreError of the auth session: code and Norwegian message reach the renderer as they are.
 * `retryAfterSeconds` is set for RATE_LIMITED (also spelled out in the message, since the IPC
 * result carries only code and message).
 */
export class AuthError extends CoreError {
  declare readonly code: AuthErrorCode;
  readonly retryAfterSeconds: number | null;
  constructor(code: AuthErrorCode, message: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(code, message);
    this.name = 'AuthError';
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** Wrong username or password (also an unknown or deactivated account: the server does not say which). */
export function invalidCredentials(): AuthError {
  return new AuthError(authErrorCodes.invalidCredentials, 'Feil brukernavn eller passord.');
}

/** Too many failed logins; `seconds` until the next try is allowed. */
export function rateLimited(seconds: number): AuthError {
  const wait = Math.max(1, Math.ceil(seconds));
  return new AuthError(
    authErrorCodes.rateLimited,
    `For mange mislykkede innlogginger. Vent ${formatWait(wait)} og prøv igjen.`,
    { retryAfterSeconds: wait },
  );
}

/** The server did not answer (no network, server down, timeout). */
export function offline(during: 'login' | 'refresh', cause?: unknown): AuthError {
  const message =
    during === 'login'
      ? 'Får ikke kontakt med serveren, så du kan ikke logge inn nå. Sjekk nettverket og prøv igjen.'
      : 'Får ikke kontakt med serveren. Du kan jobbe videre med dataene på maskinen; endringer sendes når nettet er tilbake.';
  return new AuthError(authErrorCodes.offline, message, { cause });
}

/** The server refused the refresh token: the login is over and the staff member must log in again. */
export function sessionEnded(reason: 'reused' | 'refused'): AuthError {
  const message =
    reason === 'reused'
      ? 'Innloggingen ble avsluttet av sikkerhetshensyn fordi en eldre innloggingsnøkkel ble brukt på nytt. Logg inn på nytt.'
      : 'Innloggingen er utløpt eller avsluttet. Logg inn på nytt.';
  return new AuthError(authErrorCodes.sessionEnded, message);
}

/** Something needs a signed-in staff member and there is none. */
export function notSignedIn(): AuthError {
  return new AuthError(authErrorCodes.notSignedIn, 'Du er ikke logget inn. Logg inn for å fortsette.');
}

/** The server answered with an error the session has no plan for (5xx, a malformed answer …). */
export function serverError(status: number, code: string): AuthError {
  const what = status > 0 ? `${code}, HTTP ${status}` : code;
  return new AuthError(authErrorCodes.serverError, `Serveren kunne ikke behandle innloggingen (${what}). Prøv igjen om litt.`);
}

/** "45 sekunder", "1 minutt", "15 minutter". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 sekund' : `${seconds} sekunder`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minutt' : `${minutes} minutter`;
}
