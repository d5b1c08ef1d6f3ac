import { UiEvents } from '@rahatback/protocol';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { agentsQueryKey } from '../api/agents.js';
import { connectLiveSocket, type LiveSocket } from './live-socket.js';

/** Each live event names the queries whose data it makes stale. */
function subscribe(socket: LiveSocket, queryClient: QueryClient): void {
  socket.on('agent:status', (payload) => {
    if (!UiEvents['agent:status'].safeParse(payload).success) return;
    void queryClient.invalidateQueries({ queryKey: agentsQueryKey });
  });
  // Events missed while disconnected are not replayed: refetch everything on reconnect.
  socket.io.on('reconnect', () => void queryClient.invalidateQueries());
}

/** Keeps the signed-in user's lists current while the app is open. */
export function useLiveUpdates(isSignedIn: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!isSignedIn) return;
    const socket = connectLiveSocket();
    subscribe(socket, queryClient);
    return () => {
      socket.disconnect();
    };
  }, [isSignedIn, queryClient]);
}
