import {
  StorageSecrets,
  type StorageSecretField,
  type StorageTarget,
  type StorageConfig,
} from '@rahatback/protocol';
import type { Sealer } from '../../crypto/sealer.js';
import type { StorageRow } from '../../db/backups.tables.js';

export const storageSecretsIdentity = (id: string) => `storages:${id}:secrets`;

/** The set fields of a secrets object (an empty string counts as unset). */
export function setSecretFields(secrets: StorageSecrets): StorageSecretField[] {
  return (Object.keys(secrets) as StorageSecretField[])
    .filter((field) => (secrets[field] ?? '') !== '')
    .sort();
}

/** Seals the set fields as one JSON value; none set = nothing sealed. */
export function sealSecrets(
  sealer: Sealer,
  id: string,
  secrets: StorageSecrets,
): { sealed_secrets: string | null; secret_fields_json: string } {
  const fields = setSecretFields(secrets);
  const kept = Object.fromEntries(fields.map((f) => [f, secrets[f]]));
  return {
    sealed_secrets:
      fields.length === 0 ? null : sealer.seal(JSON.stringify(kept), storageSecretsIdentity(id)),
    secret_fields_json: JSON.stringify(fields),
  };
}

export function unsealSecrets(sealer: Sealer, row: StorageRow): StorageSecrets {
  if (row.sealed_secrets === null) return {};
  const json = sealer.unseal(row.sealed_secrets, storageSecretsIdentity(row.id));
  return StorageSecrets.parse(JSON.parse(json));
}

/** Each given field replaces the current one; an empty string removes it. */
export function mergeSecrets(current: StorageSecrets, patch: StorageSecrets): StorageSecrets {
  return { ...current, ...patch };
}

/** What an agent needs to reach a saved destination. */
export function targetOf(sealer: Sealer, row: StorageRow): StorageTarget {
  return {
    config: JSON.parse(row.config_json) as StorageConfig,
    secrets: unsealSecrets(sealer, row),
  };
}
