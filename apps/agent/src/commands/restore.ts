import { randomBytes } from 'node:crypto';
import process from 'node:process';
import { z } from 'zod';
import { RestoreRequest, type RestoreResult } from '@rahatback/protocol';
import { runRestore } from '../pipeline/restore-runner.js';
import { parseCommandArgs } from '../cli/args.js';
import { readCliEnv } from '../cli/cli-env.js';
import { formatBytes, runCommand } from '../cli/command-runner.js';
import { parseDatabaseUrl } from '../cli/database-url.js';
import { readOptionalPassphraseFile, runPipelineTask } from '../cli/pipeline-command.js';
import { parseBackupLocation } from '../cli/storage-location.js';

const HELP = `usage: rahatback-agent restore --from SRC --to URL [options]

  --from SRC             a backup file, s3://bucket/key or sftp://user@host:22/path/file
  --to URL               the database to load into (postgresql://…, mysql://…, mariadb://…, sqlite:///…)
  --passphrase-file F    the passphrase of an encrypted (.rbk) backup, in file F
  --clean                drop the existing objects first
  --verify               restore into a scratch database next to --to, count rows, drop it
  --sha256 HEX           refuse the backup unless its SHA-256 is HEX (default: its .meta.json)

Secrets come from the environment, as for "backup". Prints the result as one JSON line on
stdout. Exit: 0 restored, 1 failed, 2 bad usage.`;

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  'passphrase-file': { type: 'string' },
  clean: { type: 'boolean', default: false },
  verify: { type: 'boolean', default: false },
  sha256: { type: 'string' },
} as const;

const Args = z.object({
  from: z.string({ message: 'is required' }),
  to: z.string({ message: 'is required' }),
  'passphrase-file': z.string().optional(),
  clean: z.boolean(),
  verify: z.boolean(),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hexadecimal digits' })
    .optional(),
});

export function run(argv: string[]): Promise<number> {
  return runCommand('restore', argv, HELP, async () => {
    const request = await buildRequest(parseCommandArgs(argv, OPTIONS, Args));
    return runPipelineTask((deps) => runRestore(request, deps), describe);
  });
}

async function buildRequest(args: z.infer<typeof Args>): Promise<RestoreRequest> {
  const env = readCliEnv(process.env);
  const { target, objectKey } = parseBackupLocation('--from', args.from, env);
  const passphrase = await readOptionalPassphraseFile(args['passphrase-file']);
  return RestoreRequest.parse({
    restoreId: randomBytes(6).toString('hex'),
    source: {
      target,
      objectKey,
      ...(args.sha256 === undefined ? {} : { expectedSha256: args.sha256.toLowerCase() }),
    },
    ...(passphrase === undefined ? {} : { passphrase }),
    database: parseDatabaseUrl('--to', args.to, env),
    dropExisting: args.clean,
    mode: args.verify ? 'verify' : 'restore',
  });
}

function describe(result: RestoreResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.status !== 'success')
    return `restore ${result.status}: ${result.error?.code ?? 'UNKNOWN'}: ${result.error?.message ?? ''}`;
  const counts = result.tableCounts?.map((t) => `${t.table}=${t.rows}`).join(', ');
  return `restore finished: ${formatBytes(result.bytesRead)} read in ${seconds} s${counts === undefined ? '' : `; rows: ${counts}`}`;
}
