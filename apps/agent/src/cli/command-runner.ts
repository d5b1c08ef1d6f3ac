import process from 'node:process';
import { ZodError } from 'zod';
import { wantsHelp } from './args.js';
import { UsageError } from './usage-error.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * Runs one command's body with the CLI's conventions: `--help` prints the help, bad input
 * prints one sentence and exits 2, any other failure prints its message and exits 1.
 */
export async function runCommand(
  name: string,
  argv: string[],
  help: string,
  body: () => Promise<number>,
): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${help}\n`);
    return EXIT_OK;
  }
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ZodError) {
      const message =
        error instanceof ZodError ? error.issues.map((i) => i.message).join('; ') : error.message;
      process.stderr.write(
        `rahatback-agent ${name}: ${message}\nrun "rahatback-agent ${name} --help" for its options.\n`,
      );
      return EXIT_USAGE;
    }
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? `${String(error.code)}: `
        : '';
    process.stderr.write(
      `rahatback-agent ${name}: ${code}${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_FAILED;
  }
}

/** An AbortSignal that Ctrl-C or SIGTERM aborts, so a run cleans up before the process ends. */
export function abortOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit] ?? 'B'}`;
}

/** Progress on stderr, only for a person watching a terminal. */
export function terminalProgress():
  ((p: { bytesRead: number; bytesPerSecond: number }) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) =>
    process.stderr.write(
      `\r${formatBytes(p.bytesRead)} read, ${formatBytes(p.bytesPerSecond)}/s   `,
    );
}
