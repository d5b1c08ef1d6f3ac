import {
  Database,
  type DatabaseInput,
  DatabaseList,
  type DatabasePatch,
  type Id,
  TestConnectionResult,
} from '@rahatback/protocol';
import { z } from 'zod';
import { apiRequest } from './client.js';

export const databasesQueryKey = ['databases'] as const;

const path = (id: Id) => `/databases/${encodeURIComponent(id)}`;

export async function listDatabases(): Promise<DatabaseList> {
  return apiRequest('/databases', { schema: DatabaseList });
}

export async function getDatabase(id: Id): Promise<Database> {
  return apiRequest(path(id), { schema: Database });
}

export async function createDatabase(body: DatabaseInput): Promise<Database> {
  return apiRequest('/databases', { method: 'POST', body, schema: Database });
}

export async function updateDatabase(id: Id, body: DatabasePatch): Promise<Database> {
  return apiRequest(path(id), { method: 'PATCH', body, schema: Database });
}

export async function deleteDatabase(id: Id): Promise<void> {
  await apiRequest(path(id), { method: 'DELETE', schema: z.unknown() });
}

/** Tests an unsaved form; the password travels once and is not stored. */
export async function testConnection(body: DatabaseInput): Promise<TestConnectionResult> {
  return apiRequest('/databases/test-connection', {
    method: 'POST',
    body,
    schema: TestConnectionResult,
  });
}

/** Tests a saved database with its sealed password. */
export async function testSavedDatabase(id: Id): Promise<TestConnectionResult> {
  return apiRequest(`${path(id)}/test`, { method: 'POST', schema: TestConnectionResult });
}
