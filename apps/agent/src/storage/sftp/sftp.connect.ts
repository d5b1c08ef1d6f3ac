import { createHash } from 'node:crypto';
import type { SFTPWrapper } from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import type { SftpStorageConfig, StorageSecrets } from '@rahatback/protocol';
import { sftpError } from './sftp.errors.js';

/** What the host key check saw, so that a refusal can name the fingerprint presented. */
export interface HostKeyCheck {
  presented?: string;
  isRejected: boolean;
}

/** `SHA256:abc=` and `abc` name the same fingerprint. */
export function normalizeFingerprint(value: string): string {
  return value
    .trim()
    .replace(/^SHA256:/i, '')
    .replace(/=+$/, '');
}

/**
 * One SSH connection per driver, opened on first use and again after it drops. Every
 * operation of the driver runs over it (the SFTP channel multiplexes requests).
 */
export class SftpSession {
  private client: SftpClient | undefined;
  private raw: SFTPWrapper | undefined;
  private connecting: Promise<SftpClient> | undefined;

  constructor(
    private readonly config: SftpStorageConfig,
    private readonly secrets: StorageSecrets,
  ) {}

  async open(): Promise<SftpClient> {
    if (this.client) return this.client;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.raw = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<SftpClient> {
    const client = new SftpClient('rahatback');
    const check: HostKeyCheck = { isRejected: false };
    const expected = this.config.hostKeySha256;
    let raw: SFTPWrapper;
    try {
      raw = await client.connect({
        host: this.config.host,
        port: this.config.port,
        username: this.config.username,
        password: this.secrets.password,
        privateKey: this.secrets.privateKey,
        passphrase: this.secrets.passphrase,
        readyTimeout: 15_000,
        keepaliveInterval: 15_000,
        hostVerifier: expected ? (key: Buffer) => verifyHostKey(key, expected, check) : undefined,
      });
    } catch (error) {
      await client.end().catch(() => undefined);
      throw sftpError(error, { config: this.config, secrets: this.secrets, hostKey: check });
    }
    client.on('close', () => {
      if (this.client === client) this.client = undefined;
    });
    this.client = client;
    this.raw = raw;
    return client;
  }

  /**
   * Free bytes for the connection's user on the file system holding `path`, when the server
   * offers the statvfs extension (OpenSSH does); undefined otherwise. SFTP reports a full disk
   * as a bare "Failure", so this is how one is told apart.
   */
  async freeBytes(path: string): Promise<number | undefined> {
    const raw = this.raw;
    if (!raw) return undefined;
    return new Promise((resolve) => {
      try {
        raw.ext_openssh_statvfs(path, (error, info?: { f_bavail?: number; f_frsize?: number }) => {
          const free = (info?.f_bavail ?? NaN) * (info?.f_frsize ?? NaN);
          resolve(error || Number.isNaN(free) ? undefined : free);
        });
      } catch {
        resolve(undefined);
      }
    });
  }
}

function verifyHostKey(key: Buffer, expected: string, check: HostKeyCheck): boolean {
  const presented = createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
  check.presented = presented;
  check.isRejected = presented !== normalizeFingerprint(expected);
  return !check.isRejected;
}
