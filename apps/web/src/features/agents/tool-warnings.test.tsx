// @vitest-environment happy-dom
import type { Database } from '@rahatback/protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { agentFixture, clientTool, databaseFixture } from '../../test/fixtures.js';
import { type Rendered, render } from '../../test/render.js';
import { toolWarnings } from './missing-tools.js';
import { ToolWarnings } from './tool-warnings.js';

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  await changeLanguage('en');
});

const agent = agentFixture({ tools: [clientTool('mariadb-dump', '10.11.19-MariaDB')] });
const database = (name: string, engine: Database['engine']) =>
  databaseFixture(name, engine, { port: null, username: '' });

const sentences = (r: Rendered) =>
  [...r.container.querySelectorAll('[data-testid="tool-warnings"] li')].map((li) => li.textContent);

describe('the missing-tool warning', () => {
  it('names the database, the missing tools, the host and the fix', async () => {
    const warnings = toolWarnings(agent, [
      database('Shop', 'postgresql'),
      database('Blog', 'mysql'),
    ]);
    rendered = await render(<ToolWarnings agent={agent} warnings={warnings} />);
    expect(sentences(rendered)).toEqual([
      '“Shop” cannot be backed up: pg_dump was not found on db-host. Install postgresql-client on db-host, or set PG_BIN_DIR to the folder that holds pg_dump, pg_restore and psql, then restart the agent.',
      '“Shop” cannot be restored: pg_restore was not found on db-host. Install postgresql-client on db-host, or set PG_BIN_DIR to the folder that holds pg_dump, pg_restore and psql, then restart the agent.',
      '“Blog” cannot be restored: mariadb or mysql was not found on db-host. Install mysql-client or mariadb-client on db-host (the agent looks for them on its PATH), then restart the agent.',
    ]);
  });

  it('speaks Turkish, joining alternatives with “veya”', async () => {
    await changeLanguage('tr');
    const warnings = toolWarnings(agent, [database('Blog', 'mariadb')]);
    rendered = await render(<ToolWarnings agent={agent} warnings={warnings} />);
    expect(sentences(rendered)).toEqual([
      '“Blog” geri yüklenemiyor: db-host üzerinde mariadb veya mysql bulunamadı. db-host üzerine mariadb-client kurun (ajan onu PATH üzerinde arar), sonra ajanı yeniden başlatın.',
    ]);
  });

  it('renders nothing when no tool is missing', async () => {
    rendered = await render(<ToolWarnings agent={agent} warnings={[]} />);
    expect(rendered.container.querySelector('[data-testid="tool-warnings"]')).toBeNull();
  });
});
