// @vitest-environment happy-dom
import { EMBEDDED_AGENT_NAME, EMBEDDED_STORAGE_NAME } from '@rahatback/protocol';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { agentName } from '../agents/agent-name.js';
import { storageName } from './storage-name.js';

beforeAll(async () => {
  await setupI18n();
  await changeLanguage('tr');
});
afterEach(() => changeLanguage('tr'));

const t = () => i18next.t;
const folder = (name: string) => ({ name, kind: 'local' as const });

describe("the names the server gave, in the reader's language", () => {
  it('shows the embedded agent and its default folder in Turkish, and in English', async () => {
    expect(agentName({ name: EMBEDDED_AGENT_NAME, isEmbedded: true }, t())).toBe('bu sunucu');
    expect(storageName(folder(EMBEDDED_STORAGE_NAME), t())).toBe('Yerel klasör (bu sunucu)');
    // A history row keeps the name alone.
    expect(storageName({ name: EMBEDDED_STORAGE_NAME }, t())).toBe('Yerel klasör (bu sunucu)');
    await changeLanguage('en');
    expect(storageName(folder(EMBEDDED_STORAGE_NAME), t())).toBe('Local folder (this server)');
  });

  it('shows a name the user chose as it was written', () => {
    expect(agentName({ name: 'sunucum', isEmbedded: true }, t())).toBe('sunucum');
    expect(agentName({ name: EMBEDDED_AGENT_NAME, isEmbedded: false }, t())).toBe('this server');
    expect(storageName(folder('Yedekler'), t())).toBe('Yedekler');
    expect(storageName({ name: EMBEDDED_STORAGE_NAME, kind: 's3' }, t())).toBe(
      EMBEDDED_STORAGE_NAME,
    );
  });
});
