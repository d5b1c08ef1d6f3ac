import type { SftpStorageConfig, StorageSecrets } from '@rahatback/protocol';
import { StorageError, detailOf, isNetworkError } from '../storage-errors.js';
import type { HostKeyCheck } from './sftp.connect.js';

/** SFTP status codes (draft-ietf-secsh-filexfer-02) as ssh2 reports them. */
const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;

export interface SftpErrorContext {
  config: SftpStorageConfig;
  secrets: StorageSecrets;
  hostKey?: HostKeyCheck;
  /** The object or folder the failed operation was about. */
  path?: string;
}

/** Turns an ssh2 / ssh2-sftp-client error into a StorageError naming the cause and the fix. */
export function sftpError(error: unknown, context: SftpErrorContext): StorageError {
  if (error instanceof StorageError) return error;
  const { config, secrets } = context;
  const server = `${config.host}:${config.port}`;
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  const fail = (kind: StorageError['code'], message: string) =>
    new StorageError(kind, message, { cause: error });

  if (context.hostKey?.isRejected) {
    return fail(
      'STORAGE_AUTH_FAILED',
      `The SFTP server at ${server} presented host key SHA256:${context.hostKey.presented ?? '?'}, not the fingerprint configured: if the server's key changed on purpose, update the fingerprint; otherwise someone may be intercepting the connection.`,
    );
  }
  if (/authentication methods failed/i.test(text)) {
    return fail(
      'STORAGE_AUTH_FAILED',
      `The SFTP server at ${server} refused user "${config.username}" with the password or key given: check them, and that the key is in the user's authorized_keys.`,
    );
  }
  if (/privateKey|passphrase/i.test(text)) {
    return fail(
      'STORAGE_AUTH_FAILED',
      `The private key could not be read (${detailOf(error, secrets)}): paste an OpenSSH or PEM private key and, if it is encrypted, its passphrase.`,
    );
  }
  if (isNetworkError(error) || /unexpected (close|end) event|no sftp connection/i.test(text)) {
    return fail(
      'STORAGE_UNREACHABLE',
      `The SFTP server at ${server} could not be reached (${detailOf(error, secrets)}): check the host and port, and that sshd runs and accepts connections from the agent's host.`,
    );
  }
  const where = context.path ?? config.path;
  if (code === PERMISSION_DENIED || /permission denied/i.test(text)) {
    return fail(
      'STORAGE_PERMISSION_DENIED',
      `The SFTP server refused user "${config.username}" access to ${where} (permission denied): give that user write access to ${config.path}.`,
    );
  }
  if (code === NO_SUCH_FILE || /no such file/i.test(text)) {
    return fail(
      'OBJECT_NOT_FOUND',
      `${where} does not exist on the SFTP server ${server}: it was deleted or never written.`,
    );
  }
  return fail(
    'STORAGE_FAILED',
    `The SFTP server ${server} failed on ${where} (${detailOf(error, secrets)}): its disk may be full or the path unusable; check the server.`,
  );
}

export function sftpFolderMissing(config: SftpStorageConfig): StorageError {
  return new StorageError(
    'STORAGE_NOT_FOUND',
    `The folder ${config.path} does not exist on the SFTP server ${config.host}:${config.port} (or is not a folder): create it or fix the destination's path.`,
  );
}

export function sftpDiskFull(config: SftpStorageConfig, cause: StorageError): StorageError {
  return new StorageError(
    'STORAGE_FULL',
    `The disk holding ${config.path} on the SFTP server ${config.host}:${config.port} is full: free space there or choose another destination.`,
    { cause },
  );
}
