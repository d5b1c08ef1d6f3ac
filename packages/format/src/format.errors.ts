import type { ErrorCode } from '@rahatback/protocol';

/** The error codes a backup file can be refused with. */
export type FormatErrorCode = Extract<
  ErrorCode,
  | 'NOT_A_BACKUP'
  | 'UNSUPPORTED_VERSION'
  | 'BAD_HEADER'
  | 'WRONG_PASSPHRASE'
  | 'CORRUPTED'
  | 'TRUNCATED'
  | 'TRAILING_DATA'
>;

/**
 * Why a backup file was refused: a stable `code` from the protocol's catalogue and a
 * sentence naming the cause. Never carries the passphrase or any key material.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';

  constructor(
    readonly code: FormatErrorCode,
    message: string,
  ) {
    super(message);
  }
}
