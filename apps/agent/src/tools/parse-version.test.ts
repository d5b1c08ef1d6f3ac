import { describe, expect, it } from 'vitest';
import { parseToolVersion } from './parse-version.js';

describe('parseToolVersion', () => {
  it('reads the PostgreSQL version, not the Debian package suffix', () => {
    expect(parseToolVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toBe('15.20');
  });

  it('reads the MariaDB release after "Distrib", not the client protocol version', () => {
    const line =
      'mysql  Ver 15.1 Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64) using  EditLine wrapper';
    expect(parseToolVersion(line)).toBe('10.11.19-MariaDB');
  });

  it('reads newer MariaDB clients that say "from"', () => {
    expect(parseToolVersion('mariadb from 11.4.2-MariaDB, client 15.2 for Linux (x86_64)')).toBe(
      '11.4.2-MariaDB',
    );
  });

  it('reads MySQL 8 clients', () => {
    expect(parseToolVersion('mysqldump  Ver 8.0.36 for Linux on x86_64 (MySQL Community)')).toBe(
      '8.0.36',
    );
  });

  it('reads sqlite3', () => {
    expect(parseToolVersion('3.40.1 2022-12-28 14:03:47 df5c253c0b3dd24916e4ec7cf77d3db5')).toBe(
      '3.40.1',
    );
  });

  it('gives up on output with no version', () => {
    expect(parseToolVersion('command not found')).toBeUndefined();
  });
});
