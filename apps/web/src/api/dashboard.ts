import { DashboardSummary } from '@rahatback/protocol';
import { apiRequest } from './client.js';

/** Invalidated by every live run and restore event (see live/use-live-updates.ts). */
export const dashboardQueryKey = ['dashboard'] as const;

export async function getDashboard(): Promise<DashboardSummary> {
  return apiRequest('/dashboard', { schema: DashboardSummary });
}
