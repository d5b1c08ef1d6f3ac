import {
  type Id,
  Storage,
  type StorageInput,
  StorageList,
  type StoragePatch,
  StorageTestResult,
} from '@rahatback/protocol';
import { z } from 'zod';
import { apiRequest } from './client.js';

export const storagesQueryKey = ['storages'] as const;

const path = (id: Id) => `/storages/${encodeURIComponent(id)}`;

export async function listStorages(): Promise<StorageList> {
  return apiRequest('/storages', { schema: StorageList });
}

export async function createStorage(body: StorageInput): Promise<Storage> {
  return apiRequest('/storages', { method: 'POST', body, schema: Storage });
}

export async function updateStorage(id: Id, body: StoragePatch): Promise<Storage> {
  return apiRequest(path(id), { method: 'PATCH', body, schema: Storage });
}

export async function deleteStorage(id: Id): Promise<void> {
  await apiRequest(path(id), { method: 'DELETE', schema: z.unknown() });
}

/** Tests an unsaved form; its secrets travel once and are not stored. */
export async function testUnsavedStorage(body: StorageInput): Promise<StorageTestResult> {
  return apiRequest('/storages/test', { method: 'POST', body, schema: StorageTestResult });
}

/** Tests a saved destination with its sealed secrets. */
export async function testSavedStorage(id: Id): Promise<StorageTestResult> {
  return apiRequest(`${path(id)}/test`, { method: 'POST', schema: StorageTestResult });
}
