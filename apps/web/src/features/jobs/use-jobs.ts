import type { BackupJobInput, BackupJobPatch, Id } from '@rahatback/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { historyQueryKey } from '../../api/history.js';
import {
  createJob,
  deleteJob,
  jobsQueryKey,
  listJobs,
  runJobNow,
  updateJob,
} from '../../api/jobs.js';

export function useJobs() {
  return useQuery({ queryKey: jobsQueryKey, queryFn: listJobs, select: (list) => list.items });
}

function useInvalidateJobs() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: jobsQueryKey });
}

export function useCreateJob() {
  const onSuccess = useInvalidateJobs();
  return useMutation({ mutationFn: (body: BackupJobInput) => createJob(body), onSuccess });
}

export function useUpdateJob() {
  const onSuccess = useInvalidateJobs();
  return useMutation({
    mutationFn: ({ id, patch }: { id: Id; patch: BackupJobPatch }) => updateJob(id, patch),
    onSuccess,
  });
}

export function useDeleteJob() {
  const onSuccess = useInvalidateJobs();
  return useMutation({ mutationFn: deleteJob, onSuccess });
}

export function useRunJobNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runJobNow,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: jobsQueryKey });
      await queryClient.invalidateQueries({ queryKey: historyQueryKey });
    },
  });
}
