import { type ServerToUiEvents, UI_NAMESPACE } from '@rahatback/protocol';
import { io, type Socket } from 'socket.io-client';

export type LiveSocket = Socket<ServerToUiEvents, Record<string, never>>;

/**
 * Opens the browser's live channel. It rides on the session cookie (same origin), so it is
 * opened only after sign-in and closed on sign-out.
 */
export function connectLiveSocket(): LiveSocket {
  return io(UI_NAMESPACE, { withCredentials: true, transports: ['websocket', 'polling'] });
}
