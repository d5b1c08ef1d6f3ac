import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  agentsQueryKey,
  createEnrollmentToken,
  listAgents,
  revokeAgent,
} from '../../api/agents.js';

/** The caller's agents; kept current by the live channel's `agent:status` events. */
export function useAgents() {
  return useQuery({ queryKey: agentsQueryKey, queryFn: listAgents, select: (list) => list.items });
}

export function useCreateEnrollmentToken() {
  return useMutation({ mutationFn: createEnrollmentToken });
}

export function useRevokeAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeAgent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentsQueryKey }),
  });
}
