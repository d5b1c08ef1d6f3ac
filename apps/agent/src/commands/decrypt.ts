import process from 'node:process';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { CompressionAlgorithm } from '@rahatback/protocol';
import { parseCommandArgs } from '../cli/args.js';
import { abortOnSignals, EXIT_OK, runCommand } from '../cli/command-runner.js';
import { readPassphraseFile } from '../cli/secret-file.js';
import { createDecompressStream } from '../pipeline/stages/compress.js';
import { createDeferredStage } from '../pipeline/stages/deferred-stage.js';
import { createDecryptStage } from '../pipeline/stages/encrypt.js';

const HELP = `usage: rahatback-agent decrypt --passphrase-file F [--raw] < backup.rbk > out

Decrypts a RahatBack v1 file from standard input and decompresses it as its header says,
onto standard output: e.g. "decrypt --passphrase-file F < x.dump.zst.rbk | pg_restore -d db".
--raw skips the decompression. Nothing is written for a wrong passphrase; a damaged file
stops with the chunk that failed. Exit: 0 done, 1 failed, 2 bad usage.`;

const OPTIONS = {
  'passphrase-file': { type: 'string' },
  raw: { type: 'boolean', default: false },
} as const;

const Args = z.object({
  'passphrase-file': z.string({ message: 'is required' }),
  raw: z.boolean(),
});

export function run(argv: string[]): Promise<number> {
  return runCommand('decrypt', argv, HELP, async () => {
    const args = parseCommandArgs(argv, OPTIONS, Args);
    const passphrase = await readPassphraseFile(args['passphrase-file']);
    let compression: CompressionAlgorithm = 'none';
    const decrypt = createDecryptStage({ passphrase, onCompression: (c) => (compression = c) });
    // The header is read before the first payload byte, so the choice is made in time.
    const decompress = args.raw
      ? []
      : [createDeferredStage(() => createDecompressStream(compression))];
    const { signal, dispose } = abortOnSignals();
    try {
      await pipeline([process.stdin, decrypt, ...decompress, process.stdout], { signal });
      return EXIT_OK;
    } finally {
      dispose();
    }
  });
}
