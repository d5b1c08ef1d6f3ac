/**
 * Servers shared by every test file of a run: one S3 server (radosgw) and one SFTP server
 * (sshd). sshd starts here at once (a fraction of a second); radosgw takes about 15 s, so it
 * starts on the first `sharedS3()` call and a run that needs no S3 never waits for it.
 * Both are stopped at the end of the run; servers left by an earlier run that was killed
 * before its teardown are stopped first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  claimOwnership,
  planS3,
  reapAbandonedInstances,
  sftpCoordinates,
  startSftp,
  stopIfStarted,
  stopS3,
  withEndpoint,
} from './services.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await reapAbandonedInstances();
  const runDir = await mkdtemp(join(tmpdir(), 'rahatback-test-run-'));
  await claimOwnership(runDir);
  const s3 = withEndpoint(await planS3(join(runDir, 's3')));
  const sftp = await startSftp({ dir: join(runDir, 'sftp') });
  project.provide('s3', s3);
  project.provide('sftp', sftpCoordinates(sftp));

  return async () => {
    await Promise.allSettled([stopIfStarted(s3.dir, stopS3), sftp.stop()]);
    await rm(runDir, { recursive: true, force: true });
  };
}
