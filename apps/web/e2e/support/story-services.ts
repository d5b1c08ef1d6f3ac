import {
  type PrivateCluster,
  startPrivateCluster,
} from '../../../../test/harness/pg-private-cluster.js';
import { type S3Service, sharedS3 } from '../../../../test/services.js';
import { blobsChecksum, createBlobDatabase, psql } from './postgres.js';

/** What the backup story needs besides its own server: made once per file, for both languages. */
export interface StoryServices {
  /** The run's shared S3 server (radosgw). */
  s3: S3Service;
  /** A PostgreSQL that checks passwords, holding the database "shop". */
  cluster: PrivateCluster;
  /** The big database to back up, and the checksum of its rows. */
  source: string;
  sourceChecksum: string;
  stop(): Promise<void>;
}

/** Starts them side by side: radosgw takes about 15 s, the big table a few. */
export async function startStoryServices(source: string): Promise<StoryServices> {
  const started = await Promise.allSettled([
    sharedS3(),
    startPrivateCluster(),
    createBlobDatabase(source),
  ]);
  const [s3, cluster] = started;
  const stop = async () => {
    if (cluster.status === 'fulfilled') await cluster.value.stop();
    await psql('postgres', `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
  };
  if (
    s3.status === 'rejected' ||
    cluster.status === 'rejected' ||
    started[2].status === 'rejected'
  ) {
    await stop();
    const failure = started.find((result) => result.status === 'rejected');
    throw failure?.reason;
  }
  const scram = { port: cluster.value.port, password: cluster.value.password };
  await psql('postgres', 'CREATE DATABASE shop', scram);
  await psql('shop', 'CREATE TABLE orders AS SELECT g AS id FROM generate_series(1, 100) g', scram);
  const sourceChecksum = await blobsChecksum(source);
  return { s3: s3.value, cluster: cluster.value, source, sourceChecksum, stop };
}
