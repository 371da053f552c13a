import { autoUpdater } from 'electron-updater';

/**
 * Checks the generic update feed named in electron-builder.yml. Only packaged builds update:
 * a development run has no feed and would only log errors.
 */
export function startUpdateChecks(isPackaged: boolean, log: (message: string) => void): void {
  if (!isPackaged) return;
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    // Offline is normal for this app; an update check failing must never disturb the staff.
    log(`update check failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}
