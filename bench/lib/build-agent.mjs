// Bundles the agent CLI from its TypeScript sources into one file, so that the timings
// measure the agent and not a TypeScript loader's start-up (what users run is compiled too).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

// Native add-ons stay outside the bundle and load from node_modules.
const NATIVE = ['zstd-napi', 'better-sqlite3', 'ssh2', 'cpu-features', 'pg-native'];

export async function buildAgent(repoRoot) {
  const outdir = join(repoRoot, 'node_modules/.cache/rahatback-bench/agent');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: [join(repoRoot, 'apps/agent/src/main.ts')],
    outdir,
    outExtension: { '.js': '.mjs' },
    // Each command and driver is loaded when used, as in the sources.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['rahatback-source'],
    external: NATIVE,
    logLevel: 'error',
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return join(outdir, 'main.mjs');
}
