import type { Id, StorageInput } from '@rahatback/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createStorage,
  deleteStorage,
  listStorages,
  storagesQueryKey,
  testSavedStorage,
  testUnsavedStorage,
  updateStorage,
} from '../../api/storages.js';

export function useStorages() {
  return useQuery({
    queryKey: storagesQueryKey,
    queryFn: listStorages,
    select: (list) => list.items,
  });
}

export function useSaveStorage(id: Id | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    // Secrets left empty are absent from the body, so an edit keeps the sealed ones.
    mutationFn: (body: StorageInput) =>
      id === undefined ? createStorage(body) : updateStorage(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storagesQueryKey }),
  });
}

export function useDeleteStorage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteStorage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storagesQueryKey }),
  });
}

/** Tests the form as typed, or a saved destination by id (with its sealed secrets). */
export function useTestStorage() {
  return useMutation({
    mutationFn: (target: { body: StorageInput } | { id: Id }) =>
      'id' in target ? testSavedStorage(target.id) : testUnsavedStorage(target.body),
  });
}
