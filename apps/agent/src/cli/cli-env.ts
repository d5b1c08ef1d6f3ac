import { z } from 'zod';

/**
 * The environment the CLI commands read secrets and endpoints from: secrets never travel on
 * the command line, where every user of the host can read them in /proc/<pid>/cmdline.
 */
export const CliEnv = z.object({
  PGPASSWORD: z.string().optional(),
  RAHATBACK_DB_PASSWORD: z.string().optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_REGION: z.string().optional(),
  RAHATBACK_S3_ENDPOINT: z
    .string()
    .url({ message: 'RAHATBACK_S3_ENDPOINT must be a URL' })
    .optional(),
  RAHATBACK_SFTP_PASSWORD: z.string().optional(),
  RAHATBACK_SFTP_KEY_FILE: z.string().optional(),
  RAHATBACK_SFTP_KEY_PASSPHRASE: z.string().optional(),
  /** The server's host key as `ssh-keygen -lf` prints it after "SHA256:". */
  RAHATBACK_SFTP_HOST_KEY_SHA256: z.string().optional(),
});
export type CliEnv = z.infer<typeof CliEnv>;

/** Empty variables count as unset, as shells make it easy to export an empty one. */
export function readCliEnv(env: NodeJS.ProcessEnv): CliEnv {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  return CliEnv.parse(present);
}
