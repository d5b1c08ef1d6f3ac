import type { Storage } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { agentFixture } from '../../test/fixtures.js';
import { presetOfEndpoint } from './s3-presets.js';
import {
  emptyStorageValues,
  storageValuesOf,
  toStorageBody,
  validateStorage,
  withPreset,
} from './storage-form-values.js';
import { testTranslator } from '../../test/translator.js';

const agent = agentFixture({
  id: 'agent-1',
  name: 'this server',
  lastSeenAt: null,
  hostname: null,
  agentVersion: null,
  isEmbedded: true,
  createdAt: '',
});

const { i18n, t } = testTranslator();

describe('the storage form', () => {
  it('starts as a local folder on the online agent', () => {
    const values = emptyStorageValues([agent]);
    expect(values.kind).toBe('local');
    expect(values.agentId).toBe('agent-1');
  });

  it('asks for an absolute folder for a local destination, in the reader’s words', () => {
    const values = { ...emptyStorageValues([agent]), name: 'Disk', path: 'backups' };
    const result = validateStorage(values, i18n.t);
    expect(result.errors).toEqual({ path: t('storages.validation.absolutePath') });
  });

  it('sends a valid local destination without any secret', () => {
    const values = { ...emptyStorageValues([agent]), name: 'Disk', path: ' /var/backups ' };
    expect(validateStorage(values, i18n.t).data).toEqual({
      name: 'Disk',
      agentId: 'agent-1',
      config: { kind: 'local', path: '/var/backups' },
      secrets: {},
    });
  });

  it('names each missing S3 field and a prefix that climbs out of the bucket', () => {
    const values = { ...emptyStorageValues([agent]), kind: 's3' as const, prefix: '../x' };
    const errors = validateStorage(values, i18n.t).errors ?? {};
    expect(Object.keys(errors).sort()).toEqual(['bucket', 'name', 'prefix']);
    expect(errors.prefix).toBe(t('storages.validation.prefix'));
  });

  it('fills a provider’s endpoint, region and addressing from its preset', () => {
    const values = { ...emptyStorageValues([agent]), kind: 's3' as const };
    expect(withPreset(values, 'wasabi')).toMatchObject({
      endpoint: 'https://s3.us-east-1.wasabisys.com',
      region: 'us-east-1',
      forcePathStyle: false,
    });
    expect(withPreset(values, 'b2')).toMatchObject({
      endpoint: 'https://s3.us-west-004.backblazeb2.com',
      region: 'us-west-004',
    });
    expect(withPreset(values, 'r2')).toMatchObject({ region: 'auto', forcePathStyle: true });
    expect(withPreset(withPreset(values, 'r2'), 'aws')).toMatchObject({
      endpoint: '',
      forcePathStyle: false,
    });
  });

  it('sends only the secrets typed, so that an edit keeps the sealed ones', () => {
    const values = {
      ...withPreset({ ...emptyStorageValues([agent]), kind: 's3' as const }, 'custom'),
      name: 'MinIO',
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'backups',
      secrets: { ...emptyStorageValues([]).secrets, secretAccessKey: 'new secret' },
    };
    expect(toStorageBody(values).secrets).toEqual({ secretAccessKey: 'new secret' });
    expect(validateStorage(values, i18n.t).data?.config).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'backups',
      prefix: '',
      forcePathStyle: true,
    });
  });

  it('reopens a saved S3 destination with its preset recognised and no secret prefilled', () => {
    const saved: Storage = {
      id: 's1',
      name: 'R2',
      agentId: 'agent-1',
      kind: 's3',
      config: {
        kind: 's3',
        endpoint: 'https://abc.r2.cloudflarestorage.com',
        region: 'auto',
        bucket: 'b',
        prefix: '',
        forcePathStyle: true,
      },
      hasSecrets: true,
      secretFields: ['accessKeyId', 'secretAccessKey'],
      createdAt: '',
      updatedAt: '',
    };
    const values = storageValuesOf(saved, [agent]);
    expect(values.preset).toBe('r2');
    expect(values.secrets.secretAccessKey).toBe('');
    expect(presetOfEndpoint('http://127.0.0.1:9000')).toBe('custom');
  });

  it('strips the "SHA256:" that ssh-keygen prints before an SFTP host key', () => {
    const values = {
      ...emptyStorageValues([agent]),
      kind: 'sftp' as const,
      name: 'Box',
      host: 'box.example.com',
      username: 'backup',
      path: '/srv/backups',
      hostKeySha256: 'SHA256:abcDEF123',
    };
    expect(validateStorage(values, i18n.t).data?.config).toEqual({
      kind: 'sftp',
      host: 'box.example.com',
      port: 22,
      username: 'backup',
      path: '/srv/backups',
      hostKeySha256: 'abcDEF123',
    });
  });
});
