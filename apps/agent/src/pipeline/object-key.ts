import type { CompressionAlgorithm } from '@rahatback/protocol';

const COMPRESSION_EXTENSION: Record<CompressionAlgorithm, string> = {
  none: '',
  gzip: '.gz',
  zstd: '.zst',
};

/** Only characters every storage accepts, so a label can never climb out of its folder. */
export function safeLabel(label: string): string {
  const cleaned = label
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return cleaned === '' ? 'database' : cleaned;
}

/** UTC `yyyy-mm-ddTHH-MM-SSZ`: sorts by time and has no `:` (which some filesystems refuse). */
export function keyTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

/** `<label>/<UTC time>_<runId>.<dump ext>[.gz|.zst][.rbk]`; the driver adds its own prefix. */
export function backupObjectKey(parts: {
  label: string;
  startedAt: Date;
  runId: string;
  extension: string;
  compression: CompressionAlgorithm;
  isEncrypted: boolean;
}): string {
  const name = `${keyTimestamp(parts.startedAt)}_${safeLabel(parts.runId)}.${parts.extension}`;
  const suffix = COMPRESSION_EXTENSION[parts.compression] + (parts.isEncrypted ? '.rbk' : '');
  return `${safeLabel(parts.label)}/${name}${suffix}`;
}

export const sidecarKey = (objectKey: string): string => `${objectKey}.meta.json`;

export interface KeyDescription {
  /** The raw dump's extension ("dump", "sql", "sqlite") when the name tells it. */
  extension: string | undefined;
  /** What the name says about compression; undefined when it says nothing. */
  compression: CompressionAlgorithm | undefined;
  isEncrypted: boolean;
}

/** Reads the extension chain of a backup's name, e.g. `x.dump.zst.rbk`. */
export function describeObjectKey(key: string): KeyDescription {
  const base = key.slice(key.lastIndexOf('/') + 1);
  const parts = base.split('.').slice(1);
  const isEncrypted = parts.at(-1) === 'rbk';
  if (isEncrypted) parts.pop();
  let compression: CompressionAlgorithm | undefined;
  if (parts.at(-1) === 'gz') compression = 'gzip';
  if (parts.at(-1) === 'zst') compression = 'zstd';
  if (compression !== undefined) parts.pop();
  const last = parts.at(-1);
  const extension =
    last !== undefined && ['dump', 'sql', 'sqlite'].includes(last) ? last : undefined;
  if (compression === undefined && extension !== undefined) compression = 'none';
  return { extension, compression, isEncrypted };
}
