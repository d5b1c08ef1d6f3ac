// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { agentFixture } from '../../test/fixtures.js';
import { byLabel, choose, labels, type Rendered, render } from '../../test/render.js';
import { DatabaseFields } from './database-fields.js';
import { emptyFormValues } from './database-form-values.js';

const neverSeen = { lastSeenAt: null, hostname: null, agentVersion: null, createdAt: '' };
const agents = [
  agentFixture({ ...neverSeen, id: 'a1', name: 'backup host', online: false }),
  agentFixture({ ...neverSeen, id: 'a2', name: 'this server', isEmbedded: true }),
];

function Form() {
  const [values, setValues] = useState(emptyFormValues(agents));
  return (
    <DatabaseFields
      values={values}
      onChange={setValues}
      errors={{}}
      agents={agents}
      isEditing={false}
    />
  );
}

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  await changeLanguage('en');
});

describe('the database form', () => {
  it('starts on PostgreSQL, port 5432, with the online agent chosen', async () => {
    rendered = await render(<Form />);
    expect(byLabel(rendered.container, 'Engine').value).toBe('postgresql');
    expect(byLabel(rendered.container, 'Port').value).toBe('5432');
    expect(byLabel(rendered.container, 'Agent').value).toBe('a2');
  });

  it('moves the port to 3306 for MariaDB', async () => {
    rendered = await render(<Form />);
    await choose(byLabel(rendered.container, 'Engine'), 'mariadb');
    expect(byLabel(rendered.container, 'Port').value).toBe('3306');
  });

  it('asks SQLite for a file path instead of host, port and credentials', async () => {
    rendered = await render(<Form />);
    await choose(byLabel(rendered.container, 'Engine'), 'sqlite');
    expect(labels(rendered.container)).toEqual(['Name', 'Engine', 'Agent', 'Database file']);
  });

  it('labels every input in Turkish too', async () => {
    await changeLanguage('tr');
    rendered = await render(<Form />);
    expect(labels(rendered.container)).toEqual([
      'Ad',
      'Veritabanı türü',
      'Ajan',
      'Sunucu',
      'Port',
      'Kullanıcı',
      'Parola',
      'Veritabanı adı',
    ]);
    expect(document.documentElement.lang).toBe('tr');
  });
});
