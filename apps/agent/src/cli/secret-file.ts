import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/**
 * Reads a passphrase from a file. One trailing newline is dropped (editors and `echo` add
 * one); everything else is kept as is, since a passphrase may end in spaces.
 */
export async function readPassphraseFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(
      `--passphrase-file: cannot read ${path} (${code}); check the path and its permissions`,
    );
  }
  const passphrase = text.replace(/\r?\n$/, '');
  if (passphrase === '')
    throw new UsageError(`--passphrase-file: ${path} is empty; put the passphrase in it`);
  return passphrase;
}
