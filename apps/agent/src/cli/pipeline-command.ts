import process from 'node:process';
import { getConnector } from '../connectors/registry.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import { createStorageDriver } from '../storage/registry.js';
import { abortOnSignals, EXIT_FAILED, EXIT_OK, terminalProgress } from './command-runner.js';
import { readPassphraseFile } from './secret-file.js';

/**
 * Runs a backup or restore for the command line: Ctrl-C or SIGTERM cancels it, progress shows
 * on a terminal, the result goes to stdout as JSON and `describe`'s sentence to stderr.
 * Exits 0 only when the task succeeded.
 */
export async function runPipelineTask<R extends { status: string }>(
  execute: (deps: PipelineDeps) => Promise<R>,
  describe: (result: R) => string,
): Promise<number> {
  const { signal, dispose } = abortOnSignals();
  try {
    const progress = terminalProgress();
    const result = await execute({
      connectors: getConnector,
      storage: createStorageDriver,
      signal,
      ...(progress === undefined ? {} : { onProgress: progress }),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stderr.write(`${describe(result)}\n`);
    return result.status === 'success' ? EXIT_OK : EXIT_FAILED;
  } finally {
    dispose();
  }
}

/** The passphrase in `--passphrase-file`, or undefined when the option was not given. */
export const readOptionalPassphraseFile = (
  path: string | undefined,
): Promise<string | undefined> =>
  path === undefined ? Promise.resolve(undefined) : readPassphraseFile(path);
