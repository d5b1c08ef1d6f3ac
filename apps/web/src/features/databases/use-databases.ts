import type { DatabaseInput, Id } from '@rahatback/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createDatabase,
  databasesQueryKey,
  deleteDatabase,
  listDatabases,
  testConnection,
  testSavedDatabase,
  updateDatabase,
} from '../../api/databases.js';

export function useDatabases() {
  return useQuery({
    queryKey: databasesQueryKey,
    queryFn: listDatabases,
    select: (list) => list.items,
  });
}

export function useSaveDatabase(id: Id | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    // The form always holds every field, so an edit sends the whole input as its patch.
    mutationFn: (body: DatabaseInput) =>
      id === undefined ? createDatabase(body) : updateDatabase(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: databasesQueryKey }),
  });
}

export function useDeleteDatabase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDatabase,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: databasesQueryKey }),
  });
}

/** Tests the form as typed, or a saved database by id (with its sealed password). */
export function useTestConnection() {
  return useMutation({
    mutationFn: (target: { body: DatabaseInput } | { id: Id }) =>
      'id' in target ? testSavedDatabase(target.id) : testConnection(target.body),
  });
}
