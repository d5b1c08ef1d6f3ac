import {
  type Agent,
  LocalStorageConfig,
  S3StorageConfig,
  SftpStorageConfig,
  type Storage,
  StorageInput,
  type StorageKind,
  type StorageSecretField,
  type StorageSecrets,
} from '@rahatback/protocol';
import type { TFunction } from 'i18next';
import { type FieldErrors, validate } from '../../ui/field-errors.js';
import { presetOfEndpoint, type S3Preset, s3PresetEndpoint } from './s3-presets.js';

/** Every input of the destination form, whatever the kind; `toStorageBody` keeps what the kind uses. */
export interface StorageFormValues {
  name: string;
  agentId: string;
  kind: StorageKind;
  /** A folder on the agent's host (local) or on the SFTP server. */
  path: string;
  preset: S3Preset;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
  host: string;
  port: number | '';
  username: string;
  hostKeySha256: string;
  /** Secrets: never prefilled, since the API never returns them. */
  secrets: Required<Record<StorageSecretField, string>>;
}

const NO_SECRETS = {
  accessKeyId: '',
  secretAccessKey: '',
  password: '',
  privateKey: '',
  passphrase: '',
};

export function emptyStorageValues(agents: readonly Agent[]): StorageFormValues {
  return {
    name: '',
    agentId: (agents.find((agent) => agent.online) ?? agents[0])?.id ?? '',
    kind: 'local',
    path: '',
    preset: 'aws',
    ...s3PresetEndpoint('aws', ''),
    bucket: '',
    prefix: '',
    host: '',
    port: 22,
    username: '',
    hostKeySha256: '',
    secrets: { ...NO_SECRETS },
  };
}

export function storageValuesOf(storage: Storage, agents: readonly Agent[]): StorageFormValues {
  const values = { ...emptyStorageValues(agents), name: storage.name, agentId: storage.agentId };
  const config = storage.config;
  switch (config.kind) {
    case 'local':
      return { ...values, kind: 'local', path: config.path };
    case 's3': {
      const endpoint = config.endpoint ?? '';
      return {
        ...values,
        kind: 's3',
        preset: presetOfEndpoint(endpoint),
        endpoint,
        region: config.region,
        bucket: config.bucket,
        prefix: config.prefix,
        forcePathStyle: config.forcePathStyle,
      };
    }
    case 'sftp':
      return {
        ...values,
        kind: 'sftp',
        host: config.host,
        port: config.port,
        username: config.username,
        path: config.path,
        hostKeySha256: config.hostKeySha256 ?? '',
      };
  }
}

/** Choosing a preset fills the endpoint, region and addressing style it expects. */
export function withPreset(values: StorageFormValues, preset: S3Preset): StorageFormValues {
  return { ...values, preset, ...s3PresetEndpoint(preset, values.region) };
}

function configOf(values: StorageFormValues) {
  switch (values.kind) {
    case 'local':
      return { kind: 'local' as const, path: values.path.trim() };
    case 's3':
      return {
        kind: 's3' as const,
        ...(values.endpoint.trim() === '' ? {} : { endpoint: values.endpoint.trim() }),
        region: values.region.trim(),
        bucket: values.bucket.trim(),
        prefix: values.prefix.trim(),
        forcePathStyle: values.forcePathStyle,
      };
    case 'sftp':
      return {
        kind: 'sftp' as const,
        host: values.host.trim(),
        port: values.port === '' ? Number.NaN : values.port,
        username: values.username.trim(),
        path: values.path.trim(),
        ...(values.hostKeySha256.trim() === ''
          ? {}
          : { hostKeySha256: values.hostKeySha256.trim().replace(/^SHA256:/, '') }),
      };
  }
}

const SECRETS_OF_KIND: Record<StorageKind, StorageSecretField[]> = {
  local: [],
  s3: ['accessKeyId', 'secretAccessKey'],
  sftp: ['password', 'privateKey', 'passphrase'],
};

export const secretFieldsOf = (kind: StorageKind) => SECRETS_OF_KIND[kind];

/** The create/test/patch body. Empty secrets are left out: on an edit that keeps the sealed ones. */
export function toStorageBody(values: StorageFormValues) {
  const secrets: StorageSecrets = {};
  for (const field of SECRETS_OF_KIND[values.kind]) {
    if (values.secrets[field] !== '') secrets[field] = values.secrets[field];
  }
  return { name: values.name, agentId: values.agentId, config: configOf(values), secrets };
}

const CONFIG_SCHEMA = { local: LocalStorageConfig, s3: S3StorageConfig, sftp: SftpStorageConfig };
const OWNER_FIELDS = StorageInput.pick({ name: true, agentId: true });

/**
 * Validates the form with the protocol's schemas. The config is checked on its own so that
 * each sentence lands under its own input, with clearer words for the pattern rules.
 */
export function validateStorage(
  values: StorageFormValues,
  t: TFunction,
): { data: StorageInput; errors: null } | { data: null; errors: FieldErrors } {
  const body = toStorageBody(values);
  const owner = validate(OWNER_FIELDS, body, t);
  const config = validate(CONFIG_SCHEMA[values.kind], body.config, t);
  const errors: FieldErrors = { ...owner.errors, ...config.errors };
  if (errors.path !== undefined && values.kind === 'local')
    errors.path = t('storages.validation.absolutePath');
  if (errors.prefix !== undefined) errors.prefix = t('storages.validation.prefix');
  if (errors.endpoint !== undefined) errors.endpoint = t('storages.validation.endpoint');
  if (Object.keys(errors).length > 0) return { data: null, errors };
  return { data: StorageInput.parse(body), errors: null };
}
