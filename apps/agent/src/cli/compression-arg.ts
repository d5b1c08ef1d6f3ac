import { Compression } from '@rahatback/protocol';
import { UsageError } from './usage-error.js';

/** Reads `none`, `gzip`, `gzip:6`, `zstd`, `zstd:3`. */
export function parseCompressionArg(value: string): Compression {
  const [algorithm, level, extra] = value.split(':');
  if (extra !== undefined || (level !== undefined && !/^\d+$/.test(level)))
    throw new UsageError(`--compression: "${value}" is not none, gzip[:1-9] or zstd[:1-19]`);
  const parsed = Compression.safeParse({
    algorithm,
    ...(level === undefined ? {} : { level: Number(level) }),
  });
  if (!parsed.success)
    throw new UsageError(`--compression: "${value}" is not none, gzip[:1-9] or zstd[:1-19]`);
  if (parsed.data.algorithm === 'none' && level !== undefined)
    throw new UsageError('--compression: "none" takes no level');
  return parsed.data;
}
