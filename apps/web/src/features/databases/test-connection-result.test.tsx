// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { type Rendered, render } from '../../test/render.js';
import { TestConnectionResultAlert } from './test-connection-result.js';

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  await changeLanguage('en');
});

const resultText = (r: Rendered) =>
  r.container.querySelector('[data-testid="test-result"]')?.textContent;

describe('the connection test result', () => {
  it('names the server and its version on success', async () => {
    rendered = await render(
      <TestConnectionResultAlert
        engine="postgresql"
        result={{ ok: true, serverVersion: '15.19', latencyMs: 12.4 }}
        error={null}
      />,
    );
    expect(resultText(rendered)).toBe(
      'Connection successful — PostgreSQL 15.19The database answered in 12 ms.',
    );
  });

  it('shows the sentence the agent gave on failure', async () => {
    await changeLanguage('tr');
    const message = 'database "shop" does not exist on this server: check the name or create it';
    rendered = await render(
      <TestConnectionResultAlert
        engine="postgresql"
        result={{ ok: false, code: 'DATABASE_NOT_FOUND', message }}
        error={null}
      />,
    );
    expect(resultText(rendered)).toBe(`Bağlantı kurulamadı${message}`);
  });
});
