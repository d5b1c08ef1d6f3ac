import { z } from 'zod';
import { Id } from './common.js';
import { Failure } from './errors.js';
import { StorageTarget } from './storages.js';

/*
 * Downloads of a backup copy the server cannot read itself (a local folder or SFTP on the
 * agent's host). The server asks the agent with `download:request`; the agent opens the
 * object and uploads it with one HTTP PUT to `agentTransferPath(transferId)` on its server
 * URL; the server streams that request body to the browser as it arrives.
 */

/** Header carrying the one-time secret of a transfer on the agent's PUT. */
export const TRANSFER_SECRET_HEADER = 'x-rahatback-transfer-secret';
/** Header naming the server process that waits for the upload (see docs/architecture.md). */
export const TRANSFER_SERVER_HEADER = 'x-rahatback-server-id';

/** Where an agent PUTs the bytes of a transfer, relative to its server URL. */
export const agentTransferPath = (transferId: string) =>
  `/api/v1/agent/transfers/${encodeURIComponent(transferId)}`;

/** The `download:request` command: upload one object of a destination to the server. */
export const DownloadRequest = z.object({
  transferId: z.string().min(16).max(64),
  /** Sent back in TRANSFER_SECRET_HEADER; proves the PUT answers this very request. */
  secret: z.string().min(32).max(128),
  /** The server process that holds the browser's response. */
  serverId: z.string().min(1).max(100),
  target: StorageTarget,
  objectKey: z.string().min(1).max(1024),
});
export type DownloadRequest = z.infer<typeof DownloadRequest>;

/**
 * The agent's answer, sent once the object is open: `accepted` false carries why (no such
 * object, storage unreachable). `size` is the object's length when the storage tells it.
 */
export const DownloadAccepted = z.object({
  accepted: z.boolean(),
  size: z.number().int().nonnegative().optional(),
  error: Failure.optional(),
});
export type DownloadAccepted = z.infer<typeof DownloadAccepted>;

/**
 * `GET /api/v1/backups/history/:id/download?storageId=&file=`: which copy (default: an S3
 * one, else the first), and the backup itself or its `.meta.json` sidecar (checksum,
 * format), which `rahatback-agent restore` reads next to the file.
 */
export const DownloadQuery = z.object({
  storageId: Id.optional(),
  file: z.enum(['backup', 'meta']).default('backup'),
});
export type DownloadQuery = z.infer<typeof DownloadQuery>;

/**
 * A link to the file, to open within `expiresAt`: a presigned URL for S3 (the bytes never
 * pass through the server), or, for a local or SFTP copy, a one-time
 * `/api/v1/backups/downloads/<id>` of the same signed-in account that streams the agent's
 * upload.
 */
export const DownloadLink = z.object({ url: z.string(), expiresAt: z.string() });
export type DownloadLink = z.infer<typeof DownloadLink>;

export const TransferParams = z.object({ transferId: z.string().min(16).max(64) });
export type TransferParams = z.infer<typeof TransferParams>;
