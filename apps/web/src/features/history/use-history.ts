import type { Id, RestoreInput } from '@rahatback/protocol';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cancelRun, historyQueryKey, listHistory, verifyRun } from '../../api/history.js';
import { listRestores, restoresQueryKey, startRestore } from '../../api/restores.js';

export const HISTORY_PAGE_SIZE = 25;

export function useHistory(page: number) {
  return useQuery({
    queryKey: [...historyQueryKey, page],
    queryFn: () => listHistory({ page, pageSize: HISTORY_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

export function useCancelRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelRun,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: historyQueryKey }),
  });
}

export function useRestores() {
  return useQuery({ queryKey: restoresQueryKey, queryFn: listRestores, select: (p) => p.items });
}

export function useStartRestore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, body }: { runId: Id; body: RestoreInput }) => startRestore(runId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: restoresQueryKey }),
  });
}

export function useVerifyRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyRun,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: restoresQueryKey }),
  });
}

/** The test restore of this run still going, if any (from the restores list, kept live). */
export function useRunningVerification(runId: Id) {
  const restores = useRestores();
  return restores.data?.find(
    (restore) =>
      restore.backupRunId === runId &&
      restore.mode === 'verify' &&
      (restore.status === 'queued' || restore.status === 'running'),
  );
}
