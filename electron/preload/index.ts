import { contextBridge, ipcRenderer } from 'electron';
import { eventChannel, isCallName, isEventName, type CallName, type EventName } from '../shared/ipc/channels';
import type { Bridge, CallInput, CallOutput, EventPayload } from '../shared/ipc/contract';
import { fail, routerErrorCodes, type IpcResult } from '../shared/ipc/result';

/**
 * The renderer's whole view of the main side: the contract's calls and events, nothing else.
 * Channel names are checked here too, so even a compromised renderer cannot reach an IPC
 * channel outside the contract through this object; raw `ipcRenderer` is never exposed.
 */
export const bridge: Bridge = {
  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<IpcResult<CallOutput<N>>> {
    if (!isCallName(name)) {
      return fail(routerErrorCodes.unknownChannel, `Unknown call: ${String(name)}`);
    }
    // The main side validates input and output against the contract.
    return (await ipcRenderer.invoke(name, input)) as IpcResult<CallOutput<N>>;
  },
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (!isEventName(name)) throw new Error(`Unknown event: ${String(name)}`);
    const channel = eventChannel(name);
    // Only the payload is passed on: the IPC event object would hand the renderer `sender`.
    const wrapped = (_event: unknown, payload: EventPayload<E>): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('lysdesk', bridge);
