import type { TaskProgress } from '@rahatback/protocol';
import { useQuery } from '@tanstack/react-query';

/** The cache slot the live channel fills with a run's (or restore's) latest progress. */
export const runProgressKey = (taskId: string) => ['task-progress', taskId] as const;

/**
 * The latest progress of a running task: the live event's when one has arrived, else the
 * one the list returned. Never fetched; only the live channel writes it.
 */
export function useTaskProgress(taskId: string, fromList: TaskProgress | null) {
  const live = useQuery<TaskProgress | null>({
    queryKey: runProgressKey(taskId),
    queryFn: () => null,
    enabled: false,
    initialData: null,
  });
  return live.data ?? fromList;
}
