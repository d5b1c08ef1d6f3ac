import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = 'apps/agent/src/main.ts';

/** The agent CLI as a user runs it from a checkout (TypeScript sources through tsx). */
export const CLI = `node --conditions=rahatback-source --import tsx ${MAIN}`;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `rahatback-agent <args>` in a real process, with only `env` added to a clean environment. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runProcess(
    'node',
    ['--conditions=rahatback-source', '--import', 'tsx', MAIN, ...args],
    env,
  );
}

/** Runs a shell pipeline (bash, pipefail) from the repository root: for `decrypt | pg_restore`. */
export function runShell(script: string, env: Record<string, string> = {}): Promise<CliRun> {
  return runProcess('bash', ['-o', 'pipefail', '-c', script], env);
}

function runProcess(command: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Samples the command line of every process on the host until stopped, and reports those
 * that contain `secret`: a password on a command line is readable by every local user.
 */
export function watchCommandLines(secret: string): { stop(): Promise<string[]> } {
  const leaks = new Set<string>();
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      for (const pid of await readdir('/proc').catch(() => [])) {
        if (!/^\d+$/.test(pid)) continue;
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        if (cmdline.includes(secret)) leaks.add(cmdline.replace(/\0/g, ' '));
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    stop: async () => {
      isRunning = false;
      await loop;
      return [...leaks];
    },
  };
}
