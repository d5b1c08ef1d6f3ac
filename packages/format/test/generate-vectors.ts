// Writes packages/format/test-vectors/*.json. Run by hand after a deliberate format change:
//   npx tsx packages/format/test/generate-vectors.ts
// The vectors are committed; vectors.test.ts checks the code against them, never the reverse.
import { createHash, hkdfSync, scryptSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { EncryptOptions } from '../src/index.js';
import { encrypt, headerEnd, rewriteHeader } from './format-helpers.js';

const folder = new URL('../test-vectors/', import.meta.url);
const KDF = { N: 1024, r: 8, p: 1 };
const CHUNK = 16384;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const pattern = (length: number): Buffer =>
  Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 3) % 256));

interface Positive {
  name: string;
  description: string;
  passphrase: string;
  salt: Buffer;
  noncePrefix: Buffer;
  compression: EncryptOptions['compression'];
  content?: Record<string, unknown>;
  plaintext: Buffer;
}

async function positive(v: Positive): Promise<Buffer> {
  const options: Partial<EncryptOptions> = {
    passphrase: v.passphrase,
    compression: v.compression,
    chunkSize: CHUNK,
    kdf: KDF,
    fixedRandomness: { salt: v.salt, noncePrefix: v.noncePrefix },
  };
  if (v.content !== undefined) options.content = v.content;
  const file = await encrypt([v.plaintext], options);
  const ikm = scryptSync(Buffer.from(v.passphrase, 'utf8'), v.salt, 32, KDF);
  const derive = (info: string, length: number): string =>
    hex(new Uint8Array(hkdfSync('sha256', ikm, Buffer.alloc(0), info, length)));
  const vector = {
    name: v.name,
    description: v.description,
    passphrase: v.passphrase,
    kdf: KDF,
    salt: hex(v.salt),
    noncePrefix: hex(v.noncePrefix),
    chunkSize: CHUNK,
    compression: v.compression,
    ...(v.content === undefined ? {} : { content: v.content }),
    plaintext: hex(v.plaintext),
    intermediate: {
      ikm: hex(ikm),
      key: derive('rahatback v1 payload key', 32),
      keyCheck: derive('rahatback v1 key check', 16),
      aad: createHash('sha256')
        .update(file.subarray(0, headerEnd(file)))
        .digest('hex'),
    },
    file: hex(file),
  };
  writeFileSync(new URL(`${v.name}.json`, folder), `${JSON.stringify(vector, null, 2)}\n`);
  return file;
}

function negative(
  name: string,
  description: string,
  passphrase: string,
  file: Buffer,
  error: string,
): void {
  const vector = { name, description, passphrase, file: hex(file), error };
  writeFileSync(new URL(`${name}.json`, folder), `${JSON.stringify(vector, null, 2)}\n`);
}

const salt = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const noncePrefix = Buffer.from('a0a1a2a3a4a5a6', 'hex');

await positive({
  name: 'v1-empty',
  description: 'An empty payload: the file holds only the header and one empty last chunk.',
  passphrase: 'password',
  salt,
  noncePrefix,
  compression: 'none',
  plaintext: Buffer.alloc(0),
});
const text = await positive({
  name: 'v1-text-with-content',
  description: 'A short payload in one last chunk, with content metadata in the header.',
  passphrase: 'correct horse battery staple',
  salt: Buffer.from('f0e1d2c3b4a5968778695a4b3c2d1e0f', 'hex'),
  noncePrefix: Buffer.from('01020304050607', 'hex'),
  compression: 'none',
  content: { engine: 'postgres', database: 'shop', createdAt: '2026-01-01T00:00:00Z' },
  plaintext: Buffer.from('SELECT 1;\n', 'utf8'),
});
await positive({
  name: 'v1-exactly-one-chunk',
  description: 'A payload of exactly chunkSize bytes: one full chunk, then an empty last chunk.',
  passphrase: 'password',
  salt,
  noncePrefix,
  compression: 'none',
  plaintext: pattern(CHUNK),
});
const multi = await positive({
  name: 'v1-three-chunks-gzip-unicode',
  description:
    'Two full chunks and a last one of 100 bytes; a non-ASCII passphrase (used as UTF-8); a gzip payload (decrypting does not decompress it).',
  passphrase: 'pässwörd 🔐',
  salt: Buffer.from('00112233445566778899aabbccddeeff0011', 'hex'),
  noncePrefix: Buffer.from('ffeeddccbbaa99', 'hex'),
  compression: 'gzip',
  plaintext: pattern(2 * CHUNK + 100),
});

const body = headerEnd(multi);
const record = (i: number): Buffer =>
  multi.subarray(body + i * (CHUNK + 16), body + (i + 1) * (CHUNK + 16));
negative(
  'v1-bad-wrong-passphrase',
  'v1-text-with-content read with another passphrase.',
  'Correct horse battery staple',
  text,
  'WRONG_PASSPHRASE',
);
negative(
  'v1-bad-truncated-at-boundary',
  'v1-three-chunks-gzip-unicode without its last chunk.',
  'pässwörd 🔐',
  multi.subarray(0, body + 2 * (CHUNK + 16)),
  'TRUNCATED',
);
negative(
  'v1-bad-chunks-swapped',
  'v1-three-chunks-gzip-unicode with chunks 0 and 1 swapped.',
  'pässwörd 🔐',
  Buffer.concat([
    multi.subarray(0, body),
    record(1),
    record(0),
    multi.subarray(body + 2 * (CHUNK + 16)),
  ]),
  'CORRUPTED',
);
const flipped = Buffer.from(multi);
flipped[body + 100] = (flipped[body + 100] as number) ^ 1;
negative(
  'v1-bad-bit-flip',
  'v1-three-chunks-gzip-unicode with one bit flipped in chunk 0.',
  'pässwörd 🔐',
  flipped,
  'CORRUPTED',
);
negative(
  'v1-bad-trailing-data',
  'v1-text-with-content followed by one newline byte.',
  'correct horse battery staple',
  Buffer.concat([text, Buffer.from('\n')]),
  'TRAILING_DATA',
);
negative(
  'v1-bad-version',
  'v1-text-with-content with "version": 2 in its header.',
  'correct horse battery staple',
  rewriteHeader(text, (h) => (h.version = 2)),
  'UNSUPPORTED_VERSION',
);
negative(
  'v1-bad-magic',
  'A gzip stream, not a RahatBack file.',
  'password',
  gzipSync(Buffer.from('SELECT 1;\n')),
  'NOT_A_BACKUP',
);
negative(
  'v1-bad-kdf-bounds',
  'v1-text-with-content with scrypt N = 2^30 in its header.',
  'correct horse battery staple',
  rewriteHeader(text, (h) => ((h.kdf as Record<string, unknown>).N = 2 ** 30)),
  'BAD_HEADER',
);
