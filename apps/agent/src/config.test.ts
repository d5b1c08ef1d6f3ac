import { describe, expect, it } from 'vitest';
import { loadAgentSettings, SettingsError } from './config.js';

describe('loadAgentSettings', () => {
  it('defaults to ~/.config/rahatback/agent.json and info logs', () => {
    expect(loadAgentSettings({}, { HOME: '/home/ada' })).toEqual({
      configPath: '/home/ada/.config/rahatback/agent.json',
      pgBinDir: undefined,
      logLevel: 'info',
      searchPath: '',
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
