import { randomBytes } from 'node:crypto';
import process from 'node:process';
import { z } from 'zod';
import { BackupRequest, type BackupResult, type DatabaseConnection } from '@rahatback/protocol';
import { runBackup } from '../pipeline/backup-runner.js';
import { parseCommandArgs } from '../cli/args.js';
import { readCliEnv } from '../cli/cli-env.js';
import { formatBytes, runCommand } from '../cli/command-runner.js';
import { parseCompressionArg } from '../cli/compression-arg.js';
import { databaseLabel, parseDatabaseUrl } from '../cli/database-url.js';
import { readOptionalPassphraseFile, runPipelineTask } from '../cli/pipeline-command.js';
import { parseDestination } from '../cli/storage-location.js';
import { UsageError } from '../cli/usage-error.js';

const HELP = `usage: rahatback-agent backup --db URL --to DEST [options]

  --db URL               postgresql://user@host:5432/db, mysql://…, mariadb://…, sqlite:///abs/path.db
  --to DEST              a local folder, s3://bucket/prefix or sftp://user@host:22/folder
  --compression C        none, gzip[:1-9] or zstd[:1-19] (default zstd:3)
  --passphrase-file F    encrypt with the passphrase in file F
  --format F             PostgreSQL only: custom (default) or plain
  --label NAME           folder name for the backup (default: the database name)

Secrets come from the environment: RAHATBACK_DB_PASSWORD (or PGPASSWORD), AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_REGION, RAHATBACK_S3_ENDPOINT, RAHATBACK_SFTP_PASSWORD or
RAHATBACK_SFTP_KEY_FILE, RAHATBACK_SFTP_HOST_KEY_SHA256.
Prints the result as one JSON line on stdout. Exit: 0 stored, 1 failed, 2 bad usage.`;

const OPTIONS = {
  db: { type: 'string' },
  to: { type: 'string' },
  compression: { type: 'string', default: 'zstd:3' },
  'passphrase-file': { type: 'string' },
  format: { type: 'string' },
  label: { type: 'string' },
} as const;

const Args = z.object({
  db: z.string({ message: 'is required' }),
  to: z.string({ message: 'is required' }),
  compression: z.string(),
  'passphrase-file': z.string().optional(),
  format: z.enum(['custom', 'plain'], { message: 'must be custom or plain' }).optional(),
  label: z.string().min(1).max(200).optional(),
});

export function run(argv: string[]): Promise<number> {
  return runCommand('backup', argv, HELP, async () => {
    const request = await buildRequest(parseCommandArgs(argv, OPTIONS, Args));
    return runPipelineTask(
      (deps) => runBackup(request, deps),
      (result) => describe(result, request),
    );
  });
}

async function buildRequest(args: z.infer<typeof Args>): Promise<BackupRequest> {
  const env = readCliEnv(process.env);
  const database = withFormat(parseDatabaseUrl('--db', args.db, env), args.format);
  const passphrase = await readOptionalPassphraseFile(args['passphrase-file']);
  return BackupRequest.parse({
    runId: randomBytes(6).toString('hex'),
    label: args.label ?? databaseLabel(database),
    database,
    destinations: [{ storageId: 'cli', target: parseDestination('--to', args.to, env) }],
    compression: parseCompressionArg(args.compression),
    encryption: passphrase === undefined ? null : { passphrase },
  });
}

function withFormat(
  database: DatabaseConnection,
  format: 'custom' | 'plain' | undefined,
): DatabaseConnection {
  if (format === undefined) return database;
  if (database.engine !== 'postgresql') throw new UsageError('--format applies to PostgreSQL only');
  return { ...database, options: { ...database.options, dumpFormat: format } };
}

function describe(result: BackupResult, request: BackupRequest): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.status === 'success')
    return `backup stored: ${where(request)}${result.objectKey ?? ''} (${formatBytes(result.rawSize)} dumped, ${formatBytes(result.storedSize)} stored, ${seconds} s)`;
  return `backup ${result.status}: ${result.error?.code ?? 'UNKNOWN'}: ${result.error?.message ?? ''}`;
}

/** Where the key lives, as the user wrote it, so the line names a file they can find. */
function where(request: BackupRequest): string {
  const config = request.destinations[0]?.target.config;
  if (config === undefined) return '';
  switch (config.kind) {
    case 'local':
      return `${config.path}/`;
    case 's3':
      return `s3://${config.bucket}/${config.prefix === '' ? '' : `${config.prefix}/`}`;
    case 'sftp':
      return `sftp://${config.username}@${config.host}:${config.port}${config.path}/`;
  }
}
