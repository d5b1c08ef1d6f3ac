import { EMBEDDED_STORAGE_NAME, type StorageKind } from '@rahatback/protocol';
import type { TFunction } from 'i18next';

/**
 * A destination's name as the UI shows it: the server's default folder, still under the name
 * the server gave it, in the reader's language; any other name as the user wrote it. The name
 * is the marker: the server gives it to that folder alone, and a rename is the user's choice.
 * History rows keep only the name, so `kind` is checked only where it is known.
 */
export function storageName(storage: { name: string; kind?: StorageKind }, t: TFunction): string {
  const isServerDefault =
    storage.name === EMBEDDED_STORAGE_NAME && (storage.kind ?? 'local') === 'local';
  return isServerDefault ? t('storages.embeddedName') : storage.name;
}
