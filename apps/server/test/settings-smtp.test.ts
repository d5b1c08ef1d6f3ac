import type { SmtpSettingsView } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerAccount, startTestApp, type TestApp } from './helpers.js';

describe('the mail settings before and after the first save', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 with null before mail is set up, then the saved settings', async () => {
    const admin = await registerAccount(t.app, 'mail-admin@example.com');
    const get = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/settings/smtp', headers: bearer(admin) });
    const before = await get();
    expect(before.statusCode).toBe(200);
    expect(before.json()).toBeNull();

    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/smtp',
      headers: bearer(admin),
      payload: { host: 'smtp.example.com', from: 'backups@example.com' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await get();
    expect(after.statusCode).toBe(200);
    expect(after.json<SmtpSettingsView>()).toMatchObject({
      host: 'smtp.example.com',
      port: 587,
      hasPassword: false,
    });
  });

  it('still refuses a user who is not the admin', async () => {
    const user = await registerAccount(t.app, 'mail-user@example.com');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/settings/smtp',
      headers: bearer(user),
    });
    expect(res.statusCode).toBe(403);
  });
});
