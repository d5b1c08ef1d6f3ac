import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Sealer } from '../../crypto/sealer.js';
import { AppError, notFound } from '../../errors.js';
import type { RestoresRepository } from '../restores/restores.repository.js';
import { targetOf } from '../storages/storage.secrets.js';

/** Long enough to start a large download, short enough that a leaked link soon dies. */
const LINK_SECONDS = 15 * 60;

export interface DownloadLink {
  url: string;
  expiresAt: string;
}

const joinPrefix = (prefix: string, key: string) =>
  prefix === '' ? key : prefix.endsWith('/') ? `${prefix}${key}` : `${prefix}/${key}`;

/**
 * Downloads of a backup file. For an S3 destination the server signs a short-lived URL
 * (locally: it never contacts the bucket, and the file never passes through the server);
 * local and SFTP destinations are read on the agent host with `rahatback-agent`.
 */
export function createDownloadsService(deps: {
  repo: Pick<RestoresRepository, 'findRun' | 'healthyCopies'>;
  sealer: Sealer;
  now?: () => Date;
}) {
  const { repo, sealer, now = () => new Date() } = deps;
  return {
    async link(ownerId: string, runId: string, storageId?: string): Promise<DownloadLink> {
      const run = await repo.findRun(ownerId, runId);
      if (run === undefined) throw notFound(`backup ${runId}`);
      const copies = await repo.healthyCopies(run.id);
      const chosen =
        storageId === undefined
          ? (copies.find((c) => c.kind === 's3') ?? copies[0])
          : copies.find((c) => c.id === storageId);
      if (chosen?.object_key == null)
        throw new AppError(
          'OBJECT_NOT_FOUND',
          'no destination holds a copy of this backup to download: choose another backup or destination',
        );
      const { config, secrets } = targetOf(sealer, chosen);
      if (config.kind !== 's3')
        throw new AppError(
          'VALIDATION_FAILED',
          `download through the server is available for S3 destinations; for this ${config.kind} destination use rahatback-agent on the agent host: \`rahatback-agent restore --file <path>\` or read the file from the destination directly (object key "${chosen.object_key}")`,
        );
      const client = new S3Client({
        region: config.region,
        ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
        forcePathStyle: config.forcePathStyle,
        credentials: {
          accessKeyId: secrets.accessKeyId ?? '',
          secretAccessKey: secrets.secretAccessKey ?? '',
        },
      });
      try {
        const url = await getSignedUrl(
          client,
          new GetObjectCommand({
            Bucket: config.bucket,
            Key: joinPrefix(config.prefix, chosen.object_key),
          }),
          { expiresIn: LINK_SECONDS },
        );
        return { url, expiresAt: new Date(now().getTime() + LINK_SECONDS * 1000).toISOString() };
      } finally {
        client.destroy();
      }
    },
  };
}
