import { DatabaseInput, RegisterBody } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { validate } from './field-errors.js';
import { testTranslator } from '../test/translator.js';

const { i18n } = testTranslator();

const validDatabase = {
  name: 'shop',
  engine: 'postgresql',
  host: '127.0.0.1',
  port: 5432,
  username: 'postgres',
  database: 'shop',
  agentId: 'agent-1',
  options: {},
};

describe('form validation with the protocol schemas', () => {
  it('accepts a complete database form', () => {
    expect(validate(DatabaseInput, validDatabase, i18n.t).errors).toBeNull();
  });

  it('names each wrong field in the reader’s language', () => {
    const form = { ...validDatabase, host: '', port: 70000, agentId: '' };
    expect(validate(DatabaseInput, form, i18n.getFixedT('en')).errors).toEqual({
      host: 'Enter the host name or IP address of the database server.',
      port: 'Enter a number no greater than 65535.',
      agentId: 'Choose the agent that can reach this database.',
    });
    expect(validate(DatabaseInput, form, i18n.getFixedT('tr')).errors).toMatchObject({
      host: 'Veritabanı sunucusunun adını ya da IP adresini girin.',
      agentId: 'Bu veritabanına erişebilen ajanı seçin.',
    });
  });

  it('asks for an absolute path for SQLite', () => {
    const form = { ...validDatabase, engine: 'sqlite', host: '', port: null, database: 'data.db' };
    expect(validate(DatabaseInput, form, i18n.getFixedT('en')).errors).toEqual({
      database:
        "Give the absolute path of the database file on the agent's host; it starts with /.",
    });
  });

  it('explains a short password and a malformed email at registration', () => {
    const result = validate(
      RegisterBody,
      { name: 'Ayşe', email: 'not-an-email', password: 'short' },
      i18n.getFixedT('tr'),
    );
    expect(result.errors).toEqual({
      email: 'Geçerli bir e-posta adresi girin, örneğin ad@ornek.com.',
      password: 'En az 10 karakter kullanın.',
    });
  });
});
