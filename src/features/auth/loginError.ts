import type { TFunction } from 'i18next';
import { bridgeErrorCodes, type IpcError } from '../../../electron/shared/ipc/result';

/** The password of the embedded demo server's demo logins (server/seed/catalog.ts). */
export const DEMO_PASSWORD = 'demo';

/**
 * What the login form says about a failed `auth.login`. Codes the form knows are worded in the
 * UI language; RATE_LIMITED and anything else show the core's own message, which is Norwegian
 * and, for RATE_LIMITED, the only place that carries the wait.
 */
export function loginErrorText(error: IpcError, t: TFunction): string {
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return t('auth.errors.invalidCredentials');
    case 'OFFLINE':
      return t('auth.errors.offline');
    case bridgeErrorCodes.noBridge:
    case bridgeErrorCodes.disconnected:
      return t('auth.errors.noCore');
    default:
      return error.message.trim() === '' ? t('auth.errors.generic', { code: error.code }) : error.message;
  }
}

/** True when the password field is the one to fix (so it gets the focus back, emptied). */
export function blamesPassword(error: IpcError): boolean {
  return error.code === 'INVALID_CREDENTIALS';
}
