import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives a working embedded default from an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sqlitePath).toBe(join(process.cwd(), 'data', 'rahatback.db'));
    expect(config.masterKeyFile).toBe(join(process.cwd(), 'data', 'master.key'));
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.embeddedAgent).toBe(true);
    expect(config.webDir).toMatch(/apps\/web\/dist$/);
    expect(config.agentEntry).toMatch(/apps\/agent\/dist\/main\.js$/);
  });

  it('reads PostgreSQL, a master key and switches', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      PORT: '9000',
      RAHATBACK_DATABASE_URL: 'postgres://u:p@db:5432/rb',
      RAHATBACK_MASTER_KEY: key,
      RAHATBACK_EMBEDDED_AGENT: 'false',
      RAHATBACK_PUBLIC_URL: 'https://backups.example.com/',
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/rb');
    expect(config.masterKey?.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(config.embeddedAgent).toBe(false);
    expect(config.publicUrl).toBe('https://backups.example.com');
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({
      PORT: '',
      RAHATBACK_PUBLIC_URL: '',
      RAHATBACK_MASTER_KEY: '',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'http://localhost:8080',
      isPublicUrlSet: false,
      logLevel: 'info',
    });
    expect(config.masterKey).toBeUndefined();
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        RAHATBACK_DATABASE_URL: 'mysql://x',
        RAHATBACK_MASTER_KEY: 'c2hvcnQ=',
        RAHATBACK_EMBEDDED_AGENT: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT:');
    expect(message).toContain('RAHATBACK_DATABASE_URL: use a postgres://');
    expect(message).toContain('RAHATBACK_MASTER_KEY: must be 32 bytes');
    expect(message).toContain('RAHATBACK_EMBEDDED_AGENT: use true or false');
  });
});
