import { UiEvents } from '@rahatback/protocol';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { agentsQueryKey } from '../api/agents.js';
import { dashboardQueryKey } from '../api/dashboard.js';
import { databasesQueryKey } from '../api/databases.js';
import { historyQueryKey } from '../api/history.js';
import { jobsQueryKey } from '../api/jobs.js';
import { restoresQueryKey } from '../api/restores.js';
import { runProgressKey } from './run-progress.js';
import { connectLiveSocket, type LiveSocket } from './live-socket.js';

/** Each live event names the queries whose data it makes stale. */
function subscribe(socket: LiveSocket, queryClient: QueryClient): void {
  socket.on('agent:status', (payload) => {
    if (!UiEvents['agent:status'].safeParse(payload).success) return;
    void queryClient.invalidateQueries({ queryKey: agentsQueryKey });
  });
  for (const event of ['run:created', 'run:finished', 'job:updated'] as const)
    socket.on(event, (payload: unknown) => {
      if (!UiEvents[event].safeParse(payload).success) return;
      void queryClient.invalidateQueries({ queryKey: historyQueryKey });
      void queryClient.invalidateQueries({ queryKey: jobsQueryKey });
      void queryClient.invalidateQueries({ queryKey: dashboardQueryKey });
      void queryClient.invalidateQueries({ queryKey: databasesQueryKey }); // their last backup
    });
  // Retention deleted copies of a finished run: the history's copies and the storage usage.
  socket.on('run:updated', (payload) => {
    if (!UiEvents['run:updated'].safeParse(payload).success) return;
    void queryClient.invalidateQueries({ queryKey: historyQueryKey });
    void queryClient.invalidateQueries({ queryKey: dashboardQueryKey });
  });
  // Progress is frequent: it goes into the cache by itself instead of refetching lists.
  socket.on('run:progress', (payload) => {
    const parsed = UiEvents['run:progress'].safeParse(payload);
    if (parsed.success)
      queryClient.setQueryData(runProgressKey(parsed.data.runId), parsed.data.progress);
  });
  socket.on('restore:progress', (payload) => {
    const parsed = UiEvents['restore:progress'].safeParse(payload);
    if (parsed.success)
      queryClient.setQueryData(runProgressKey(parsed.data.restoreId), parsed.data.progress);
  });
  for (const event of ['restore:created', 'restore:finished'] as const)
    socket.on(event, (payload: unknown) => {
      if (!UiEvents[event].safeParse(payload).success) return;
      void queryClient.invalidateQueries({ queryKey: restoresQueryKey });
      // A backup row shows its last restore's outcome.
      void queryClient.invalidateQueries({ queryKey: historyQueryKey });
      // The dashboard shows each job's last test restore.
      void queryClient.invalidateQueries({ queryKey: dashboardQueryKey });
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
