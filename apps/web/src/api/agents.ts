import {
  AgentList,
  type CreateEnrollmentTokenBody,
  EnrollmentToken,
  type Id,
} from '@rahatback/protocol';
import { z } from 'zod';
import { apiRequest } from './client.js';

export const agentsQueryKey = ['agents'] as const;

export async function listAgents(): Promise<AgentList> {
  return apiRequest('/agents', { schema: AgentList });
}

export async function createEnrollmentToken(
  body: Partial<CreateEnrollmentTokenBody> = {},
): Promise<EnrollmentToken> {
  return apiRequest('/agents/enrollment-tokens', {
    method: 'POST',
    body,
    schema: EnrollmentToken,
  });
}

export async function revokeAgent(id: Id): Promise<void> {
  await apiRequest(`/agents/${encodeURIComponent(id)}`, { method: 'DELETE', schema: z.unknown() });
}
