import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A folder under artifacts/ for one test's logs, kept after the run for debugging. */
export function artifactsDir(...parts: string[]): string {
  const dir = join(repoRoot, 'artifacts', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A short random suffix that keeps names unique across parallel test files. */
export const uniqueSuffix = (): string => Math.random().toString(36).slice(2, 10);
