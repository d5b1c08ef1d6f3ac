import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, expectCode, headerEnd, refusal } from '../test/format-helpers.js';
import type { PayloadCompression } from './index.js';
import { deriveKeys } from './key.derive.js';

const folder = new URL('../test-vectors/', import.meta.url);

interface Vector {
  name: string;
  passphrase: string;
  file: string;
  error?:
    | 'WRONG_PASSPHRASE'
    | 'TRUNCATED'
    | 'CORRUPTED'
    | 'TRAILING_DATA'
    | 'UNSUPPORTED_VERSION'
    | 'NOT_A_BACKUP'
    | 'BAD_HEADER';
  kdf?: { N: number; r: number; p: number };
  salt?: string;
  noncePrefix?: string;
  chunkSize?: number;
  compression?: PayloadCompression;
  content?: Record<string, unknown>;
  plaintext?: string;
  intermediate?: { ikm: string; key: string; keyCheck: string; aad: string };
}

const vectors = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as Vector);

describe('test vectors', () => {
  it('are present, both valid files and refusals', () => {
    expect(vectors.filter((v) => v.error === undefined).length).toBeGreaterThanOrEqual(4);
    expect(vectors.filter((v) => v.error !== undefined).length).toBeGreaterThanOrEqual(6);
  });

  for (const v of vectors.filter((vector) => vector.error === undefined)) {
    it(`${v.name}: decodes to its plaintext and re-encodes byte for byte`, async () => {
      const file = Buffer.from(v.file, 'hex');
      const plaintext = await decrypt([file], { passphrase: v.passphrase });
      expect(plaintext.toString('hex')).toBe(v.plaintext);

      const again = await encrypt([Buffer.from(v.plaintext as string, 'hex')], {
        passphrase: v.passphrase,
        compression: v.compression as PayloadCompression,
        chunkSize: v.chunkSize as number,
        kdf: v.kdf as Vector['kdf'] & object,
        ...(v.content === undefined ? {} : { content: v.content }),
        fixedRandomness: {
          salt: Buffer.from(v.salt as string, 'hex'),
          noncePrefix: Buffer.from(v.noncePrefix as string, 'hex'),
        },
      });
      expect(again.toString('hex')).toBe(v.file);
    });

    it(`${v.name}: its intermediate values follow the key derivation`, async () => {
      const keys = await deriveKeys(
        v.passphrase,
        Buffer.from(v.salt as string, 'hex'),
        v.kdf as Vector['kdf'] & object,
      );
      const file = Buffer.from(v.file, 'hex');
      expect(keys.key.toString('hex')).toBe(v.intermediate?.key);
      expect(keys.keyCheck.toString('hex')).toBe(v.intermediate?.keyCheck);
      expect(
        createHash('sha256')
          .update(file.subarray(0, headerEnd(file)))
          .digest('hex'),
      ).toBe(v.intermediate?.aad);
    });
  }

  for (const v of vectors.filter((vector) => vector.error !== undefined)) {
    it(`${v.name}: is refused with ${v.error}`, async () => {
      const { error, emitted } = await refusal(Buffer.from(v.file, 'hex'), {
        passphrase: v.passphrase,
      });
      expectCode(error, v.error as NonNullable<Vector['error']>);
      expect(emitted).toBe(0);
    });
  }

  it('are all read the same by the independent Python decoder written from docs/format.md', async () => {
    const script = new URL('reference_decoder.py', folder).pathname;
    // Debian's python3 with python3-cryptography (installed by .ci/run), not whatever is on PATH.
    const { stdout } = await promisify(execFile)('/usr/bin/python3', [
      script,
      '--check-vectors',
      folder.pathname,
    ]);
    expect(stdout).not.toMatch(/FAIL/);
    expect(stdout.match(/^ok /gm)).toHaveLength(vectors.length);
  });
});
