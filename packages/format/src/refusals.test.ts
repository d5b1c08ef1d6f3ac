import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  encrypt,
  expectCode,
  fixedPieces,
  headerEnd,
  refusal,
  rewriteHeader,
} from '../test/format-helpers.js';
import { createEncryptStream, FormatError } from './index.js';

const CHUNK = 16384;
const RECORD = CHUNK + 16;
// Five records: four full chunks and a last one of 1000 bytes.
const PAYLOAD_SIZE = 4 * CHUNK + 1000;

let file: Buffer;
let body: number;

/** Offset of record `i` in `file`. */
const record = (i: number): number => body + i * RECORD;

function flipBit(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] as number) ^ 0x10;
  return copy;
}

beforeAll(async () => {
  file = await encrypt(fixedPieces(randomBytes(PAYLOAD_SIZE), 8192), {
    chunkSize: CHUNK,
    content: { database: 'shop' },
  });
  body = headerEnd(file);
});

describe('a reader refuses what is not a backup', () => {
  it('wrong magic bytes', async () => {
    const { error } = await refusal(gzipSync(Buffer.from('SELECT 1;')));
    expectCode(error, 'NOT_A_BACKUP');
    expect(error.message).toBe('not a RahatBack backup (wrong magic bytes)');
  });

  it('an empty input', async () => {
    const { error } = await refusal(Buffer.alloc(0));
    expectCode(error, 'NOT_A_BACKUP');
    expect(error.message).toMatch(/the input is empty/);
  });

  it('an unknown version', async () => {
    const { error } = await refusal(rewriteHeader(file, (h) => (h.version = 2)));
    expectCode(error, 'UNSUPPORTED_VERSION');
    expect(error.message).toMatch(/unsupported format version 2: this reader knows version 1/);
  });

  it('a header that is not JSON', async () => {
    const broken = Buffer.from(file);
    broken.write('}', 12);
    const { error } = await refusal(broken);
    expectCode(error, 'BAD_HEADER');
    expect(error.message).toMatch(/not valid UTF-8 JSON/);
  });

  it('a header length over 65536', async () => {
    const broken = Buffer.from(file);
    broken.writeUInt32BE(65537, 8);
    const { error } = await refusal(broken);
    expectCode(error, 'BAD_HEADER');
    expect(error.message).toMatch(/length 65537 is over the 65536-byte limit/);
  });
});

describe('a reader refuses absurd or unsafe header values before running scrypt', () => {
  const cases: [string, (h: Record<string, unknown>) => void, RegExp][] = [
    [
      'N = 2^30',
      (h) => ((h.kdf as Record<string, unknown>).N = 2 ** 30),
      /kdf.N = 2\^30 is above the safe bound 2\^20/,
    ],
    [
      'N not a power of two',
      (h) => ((h.kdf as Record<string, unknown>).N = 1000),
      /kdf.N must be a power of two/,
    ],
    [
      'r = 64',
      (h) => ((h.kdf as Record<string, unknown>).r = 64),
      /kdf.r = 64 is outside the safe bounds 1..32/,
    ],
    [
      'p = 1000',
      (h) => ((h.kdf as Record<string, unknown>).p = 1000),
      /kdf.p = 1000 is outside the safe bounds 1..16/,
    ],
    [
      'a salt of 8 bytes',
      (h) => ((h.kdf as Record<string, unknown>).salt = 'AAAAAAAAAAA='),
      /salt must hold at least 16 bytes/,
    ],
    [
      'another KDF',
      (h) => ((h.kdf as Record<string, unknown>).name = 'pbkdf2'),
      /kdf.name must be "scrypt"/,
    ],
    [
      'chunkSize 1000',
      (h) => (h.chunkSize = 1000),
      /chunkSize must be a power of two from 16384 to 4194304/,
    ],
    [
      'chunkSize 2^23',
      (h) => (h.chunkSize = 2 ** 23),
      /chunkSize must be a power of two from 16384 to 4194304/,
    ],
    ['another cipher', (h) => (h.cipher = 'CHACHA20'), /"cipher" must be "AES-256-GCM-STREAM"/],
    [
      'an unknown compression',
      (h) => (h.compression = 'lz4'),
      /"compression" must be one of none, gzip, zstd/,
    ],
    ['a short nonce prefix', (h) => (h.noncePrefix = 'AAAA'), /noncePrefix must hold 7 bytes/],
  ];
  for (const [name, change, message] of cases) {
    it(name, async () => {
      const started = Date.now();
      const { error, emitted } = await refusal(rewriteHeader(file, change));
      expectCode(error, 'BAD_HEADER');
      expect(error.message).toMatch(message);
      expect(emitted).toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  }

  it('a writer refuses the same values at construction', () => {
    const make = (options: object) => () =>
      createEncryptStream({ passphrase: 'pw', compression: 'none', ...options });
    expect(make({ kdf: { N: 2 ** 21, r: 8, p: 1 } })).toThrow(FormatError);
    expect(make({ chunkSize: 65535 })).toThrow(/chunkSize must be a power of two/);
    expect(make({ passphrase: '' })).toThrow(/passphrase must not be empty/);
  });
});

describe('a reader refuses a wrong passphrase', () => {
  it('before decrypting anything', async () => {
    const { error, emitted } = await refusal(file, { passphrase: 'Correct horse battery staple' });
    expectCode(error, 'WRONG_PASSPHRASE');
    expect(error.message).toBe(
      'wrong passphrase: the key check does not match; nothing was decrypted',
    );
    expect(emitted).toBe(0);
  });
});

describe('a reader refuses damaged files, naming where', () => {
  it('a bit flipped in the header (its content metadata)', async () => {
    const at = file.indexOf('shop', 12) + 1;
    const started = Date.now();
    const { error, emitted } = await refusal(flipBit(file, at));
    expect(Date.now() - started).toBeLessThan(2000); // the diagnosis searches are bounded
    expectCode(error, 'CORRUPTED');
    expect(error.message).toMatch(
      /^corrupted at chunk 0: authentication tag mismatch \(the header or this chunk was altered\)/,
    );
    expect(emitted).toBe(0);
  });

  it('a bit flipped in the body', async () => {
    const { error, emitted } = await refusal(flipBit(file, record(2) + 500));
    expectCode(error, 'CORRUPTED');
    expect(error.message).toBe(
      'corrupted at chunk 2: authentication tag mismatch (this chunk was altered or damaged)',
    );
    // Only chunks verified before the damaged one may have been handed on, never chunk 2.
    expect(emitted).toBeLessThanOrEqual(2 * CHUNK);
  });

  it('a file truncated mid-chunk', async () => {
    const { error } = await refusal(file.subarray(0, record(3) + 5000));
    expectCode(error, 'TRUNCATED');
    expect(error.message).toMatch(
      /^truncated or corrupted at chunk 3: the file ends with a record that does not authenticate as the last chunk/,
    );
  });

  it('a file truncated exactly at a chunk boundary', async () => {
    const { error } = await refusal(file.subarray(0, record(4)));
    expectCode(error, 'TRUNCATED');
    expect(error.message).toBe('truncated: the file ends after chunk 3 without its last chunk');
  });

  it('a file truncated right after its header, or inside it', async () => {
    expect((await refusal(file.subarray(0, body))).error.message).toBe(
      'truncated: the file ends right after its header, before chunk 0',
    );
    expect((await refusal(file.subarray(0, body - 10))).error.message).toBe(
      'truncated: the file ends inside its header',
    );
  });

  it('two chunks swapped', async () => {
    const swapped = Buffer.concat([
      file.subarray(0, record(1)),
      file.subarray(record(2), record(3)),
      file.subarray(record(1), record(2)),
      file.subarray(record(3)),
    ]);
    const { error } = await refusal(swapped);
    expectCode(error, 'CORRUPTED');
    expect(error.message).toBe(
      'corrupted at chunk 1: it holds chunk 2 (chunks were reordered, duplicated or dropped)',
    );
  });

  it('a chunk dropped', async () => {
    const dropped = Buffer.concat([file.subarray(0, record(1)), file.subarray(record(2))]);
    const { error } = await refusal(dropped);
    expect(error.message).toMatch(/^corrupted at chunk 1: it holds chunk 2/);
  });
});

describe('a reader refuses bytes after the last chunk', () => {
  it('a few trailing bytes', async () => {
    const { error } = await refusal(Buffer.concat([file, Buffer.from('\n')]));
    expectCode(error, 'TRAILING_DATA');
    expect(error.message).toBe(
      'trailing data: 1 byte follows the last chunk (chunk 4); the file was appended to or copied badly, so it is refused whole',
    );
  });

  it('a second backup appended', async () => {
    const { error } = await refusal(Buffer.concat([file, file]));
    expectCode(error, 'TRAILING_DATA');
    expect(error.message).toMatch(/^trailing data: more bytes follow the last chunk \(chunk 4\)/);
  });

  it('100 KB of garbage appended', async () => {
    const { error } = await refusal(Buffer.concat([file, randomBytes(100_000)]));
    expectCode(error, 'TRAILING_DATA');
  });
});
