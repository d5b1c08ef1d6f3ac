import type { Transform } from 'node:stream';
import { createDecryptStream, createEncryptStream } from '@rahatback/format';
import type { CompressionAlgorithm } from '@rahatback/protocol';

/** The 8 bytes every RahatBack file (format v1) starts with. */
export const RBK_MAGIC = Buffer.from([0x52, 0x42, 0x4b, 0x31, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isRbkFile(head: Buffer): boolean {
  return head.length >= RBK_MAGIC.length && head.subarray(0, RBK_MAGIC.length).equals(RBK_MAGIC);
}

/** Encrypts the (already compressed) payload into the chunked v1 format. */
export function createEncryptStage(options: {
  passphrase: string;
  compression: CompressionAlgorithm;
  content?: Record<string, unknown>;
}): Transform {
  return createEncryptStream(options);
}

/** Decrypts a v1 file; `onCompression` learns what the payload holds as soon as the header is read. */
export function createDecryptStage(options: {
  passphrase: string;
  onCompression: (compression: CompressionAlgorithm) => void;
}): Transform {
  return createDecryptStream({
    passphrase: options.passphrase,
    onHeader: (header) => options.onCompression(header.compression),
  });
}
