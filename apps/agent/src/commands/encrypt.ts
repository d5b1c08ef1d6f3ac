import process from 'node:process';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { parseCommandArgs } from '../cli/args.js';
import { abortOnSignals, EXIT_OK, runCommand } from '../cli/command-runner.js';
import { parseCompressionArg } from '../cli/compression-arg.js';
import { readPassphraseFile } from '../cli/secret-file.js';
import { createCompressStream } from '../pipeline/stages/compress.js';
import { createEncryptStage } from '../pipeline/stages/encrypt.js';
import { createRechunkStream } from '../pipeline/stages/rechunk.js';

const HELP = `usage: rahatback-agent encrypt --passphrase-file F [--compression none|gzip|zstd[:level]] < in > out.rbk

Compresses (default zstd:3) then encrypts standard input into a RahatBack v1 file on
standard output. "decrypt" reverses it. Exit: 0 done, 1 failed, 2 bad usage.`;

const OPTIONS = {
  'passphrase-file': { type: 'string' },
  compression: { type: 'string', default: 'zstd:3' },
} as const;

const Args = z.object({
  'passphrase-file': z.string({ message: 'is required' }),
  compression: z.string(),
});

export function run(argv: string[]): Promise<number> {
  return runCommand('encrypt', argv, HELP, async () => {
    const args = parseCommandArgs(argv, OPTIONS, Args);
    const compression = parseCompressionArg(args.compression);
    const passphrase = await readPassphraseFile(args['passphrase-file']);
    const { signal, dispose } = abortOnSignals();
    try {
      await pipeline(
        [
          process.stdin,
          createRechunkStream(),
          createCompressStream(compression),
          createEncryptStage({ passphrase, compression: compression.algorithm }),
          process.stdout,
        ],
        { signal },
      );
      return EXIT_OK;
    } finally {
      dispose();
    }
  });
}
