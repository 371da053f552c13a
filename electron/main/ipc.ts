import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callNames, eventChannel } from '../shared/ipc/channels';
import { fail, routerErrorCodes } from '../shared/ipc/result';
import type { EventHub } from '../core/events';
import type { Router } from '../core/router';
import { isAppUrl, type AppOrigin } from './security';

/**
 * Accepts a call only from the app's own top-level frame: not from an iframe, and not from a
 * page that somehow got navigated elsewhere.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, app: AppOrigin): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, app);
}

/**
 * Binds every contract call to the router, one channel per call, and forwards core events to
 * the given web contents. Returns a function that undoes both.
 */
export function bindIpc(ipcMain: IpcMain, router: Router, events: EventHub, target: () => WebContents | null, app: AppOrigin): () => void {
  for (const name of callNames) {
    ipcMain.handle(name, async (event, input: unknown) => {
      if (!isTrustedSender(event, app)) {
        return fail(routerErrorCodes.forbiddenSender, 'This call is only accepted from the app window.');
      }
      return router.dispatch(name, input);
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
  });
  return () => {
    for (const name of callNames) ipcMain.removeHandler(name);
    unsubscribe();
  };
}
