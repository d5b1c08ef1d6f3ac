import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The first line a tool prints for `--version`, or undefined when it cannot be run. */
export async function toolVersion(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(path, ['--version'], { timeout: 10_000 });
    return stdout.split('\n')[0]?.trim();
  } catch {
    return undefined;
  }
}

/** The folders of $PATH, in order. */
export function pathDirs(): string[] {
  return (process.env['PATH'] ?? '').split(':').filter((dir) => dir !== '');
}
