import { describe, expect, it } from 'vitest';
import { loadAgentSettings, SettingsError, toolEnvironment } from './config.js';

describe('loadAgentSettings', () => {
  it('defaults to ~/.config/rahatback/agent.json and info logs', () => {
    expect(loadAgentSettings({}, { HOME: '/home/ada' })).toEqual({
      configPath: '/home/ada/.config/rahatback/agent.json',
      pgBinDir: undefined,
      logLevel: 'info',
      searchPath: '',
      tools: { searchPath: '', baseEnv: {} },
    });
  });

  it('takes RAHATBACK_AGENT_CONFIG, and --config over it', () => {
    const env = { HOME: '/home/ada', RAHATBACK_AGENT_CONFIG: '/etc/rahatback/agent.json' };
    expect(loadAgentSettings({}, env).configPath).toBe('/etc/rahatback/agent.json');
    expect(loadAgentSettings({ config: '/srv/agent.json' }, env).configPath).toBe(
      '/srv/agent.json',
    );
  });

  it('carries the PATH searched for client tools', () => {
    expect(loadAgentSettings({}, { HOME: '/h', PATH: '/usr/bin:/bin' }).searchPath).toBe(
      '/usr/bin:/bin',
    );
  });

  it('treats empty variables as unset', () => {
    const env = { HOME: '/h', RAHATBACK_AGENT_CONFIG: '', PG_BIN_DIR: '', LOG_LEVEL: '' };
    expect(loadAgentSettings({}, env)).toEqual({
      configPath: '/h/.config/rahatback/agent.json',
      pgBinDir: undefined,
      logLevel: 'info',
      searchPath: '',
      tools: { searchPath: '', baseEnv: {} },
    });
  });

  it('names every invalid variable', () => {
    const env = { PG_BIN_DIR: 'relative/bin', LOG_LEVEL: 'loud' };
    expect(() => loadAgentSettings({}, env)).toThrow(SettingsError);
    expect(() => loadAgentSettings({}, env)).toThrow(
      /PG_BIN_DIR: must be an absolute folder.*LOG_LEVEL/,
    );
  });
});

describe('toolEnvironment', () => {
  it('gives client tools the PATH and locale, never a variable that could redirect them', () => {
    const env = {
      PATH: '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      HOME: '/home/ada',
      PGHOST: 'elsewhere',
      PGPASSWORD: 'canary',
      PGSERVICEFILE: '/tmp/x',
      MYSQL_HOST: 'elsewhere',
      MARIADB_PORT: '1',
      AWS_SECRET_ACCESS_KEY: 'canary',
      TMPDIR: '',
    };
    expect(toolEnvironment(env)).toEqual({
      searchPath: '/usr/bin:/bin',
      baseEnv: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TZ: 'UTC' },
    });
  });
});
