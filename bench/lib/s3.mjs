// A private S3 server (radosgw, started by the tests' own script) for the S3 figures.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';

const run = promisify(execFile);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export async function startS3(repoRoot) {
  const script = join(repoRoot, 'scripts/test-services/s3-radosgw.sh');
  const dir = await mkdtemp(join(tmpdir(), 'rb-bench-s3-'));
  const port = await freePort();
  const env = {
    ...process.env,
    RGW_PORT: String(port),
    RGW_MON_PORT: String(await freePort()),
    RGW_ACCESS_KEY: 'RBBENCHKEY',
    RGW_SECRET_KEY: 'rahatback-bench-secret-0123456789',
    RGW_MEMORY_BYTES: String(6 * 1024 ** 3),
  };
  await run(script, ['start', dir], { env, timeout: 180_000 });
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: env.RGW_ACCESS_KEY, secretAccessKey: env.RGW_SECRET_KEY };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  const bucket = 'rb-bench';
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    bucket,
    env: {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: 'us-east-1',
      RAHATBACK_S3_ENDPOINT: endpoint,
    },
    /** Deletes every object, so that RAM-backed storage does not fill between runs. */
    async empty() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      for (const { Key } of listed.Contents ?? [])
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    },
    async stop() {
      client.destroy();
      await run(script, ['stop', dir], { env }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
