import { z } from 'zod';

/** Where backup files live. Adding a kind here breaks the agent's driver registry until implemented. */
export const StorageKind = z.enum(['local', 's3', 'sftp']);
export type StorageKind = z.infer<typeof StorageKind>;

const folder = z.string().min(1).max(1024);
/** An object-key prefix inside the destination: no leading slash, no `..` segment. */
export const KeyPrefix = z
  .string()
  .max(512)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._\-/]*$/, {
    message: 'use letters, digits, ".", "_", "-" and "/" only, with no leading "/" and no ".."',
  });

export const LocalStorageConfig = z.object({
  kind: z.literal('local'),
  /** An absolute folder on the agent's host. */
  path: folder.regex(/^\//, { message: 'must be an absolute path on the agent host' }),
});
export type LocalStorageConfig = z.infer<typeof LocalStorageConfig>;

export const S3StorageConfig = z.object({
  kind: z.literal('s3'),
  /** Empty for AWS; the base URL of an S3-compatible service otherwise. */
  endpoint: z.string().url().optional(),
  region: z.string().min(1).max(64).default('us-east-1'),
  bucket: z.string().min(3).max(63),
  prefix: KeyPrefix.default(''),
  forcePathStyle: z.boolean().default(false),
});
export type S3StorageConfig = z.infer<typeof S3StorageConfig>;

export const SftpStorageConfig = z.object({
  kind: z.literal('sftp'),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().min(1).max(255),
  /** An absolute folder on the SFTP server. */
  path: folder,
  /** SHA-256 host key fingerprint (base64, as `ssh-keygen -lf` prints after "SHA256:"); unset = trust on first use is refused. */
  hostKeySha256: z.string().max(128).optional(),
});
export type SftpStorageConfig = z.infer<typeof SftpStorageConfig>;

export const StorageConfig = z.discriminatedUnion('kind', [
  LocalStorageConfig,
  S3StorageConfig,
  SftpStorageConfig,
]);
export type StorageConfig = z.infer<typeof StorageConfig>;

/** The secret half of a destination: sealed at rest by the server, sent only to the agent. */
export const StorageSecrets = z.object({
  accessKeyId: z.string().max(256).optional(),
  secretAccessKey: z.string().max(1024).optional(),
  password: z.string().max(1024).optional(),
  privateKey: z.string().max(16384).optional(),
  passphrase: z.string().max(1024).optional(),
});
export type StorageSecrets = z.infer<typeof StorageSecrets>;

/** What the agent needs to reach a destination: its config and its unsealed secrets. */
export const StorageTarget = z.object({
  config: StorageConfig,
  secrets: StorageSecrets.default({}),
});
export type StorageTarget = z.infer<typeof StorageTarget>;
