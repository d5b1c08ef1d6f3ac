import { CSRF_HEADER, SESSION_COOKIE, type SessionResponse } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerAccount, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('accounts and sessions', () => {
  it('makes the first account admin and the next ones not', async () => {
    const first = await registerAccount(t.app, 'first@example.com');
    const second = await registerAccount(t.app, 'second@example.com');
    expect(first.user.isAdmin).toBe(true);
    expect(second.user.isAdmin).toBe(false);
  });

  it('refuses a second account with the same email', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'FIRST@example.com', password: 'another long password', name: 'x' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  it('logs in with a cookie and a bearer token, answers me, and logs out', async () => {
    await registerAccount(t.app, 'login@example.com');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'login@example.com', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const session = login.json<SessionResponse>();
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).toBe(session.token);

    const viaCookie = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { [SESSION_COOKIE]: session.token },
    });
    expect(viaCookie.json()).toMatchObject({
      user: { email: 'login@example.com' },
      csrfToken: session.csrfToken,
    });
    const viaBearer = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(session),
    });
    expect(viaBearer.statusCode).toBe(200);

    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(session),
    });
    expect(logout.statusCode).toBe(200);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(session),
    });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers a wrong password and an unknown email with the same generic error', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'first@example.com', password: 'not the password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'email or password is incorrect',
    });
    expect(unknown.json<{ message: string }>().message).toBe(
      wrong.json<{ message: string }>().message,
    );
  });

  it('changes the password: the old one stops working, the new one works', async () => {
    const session = await registerAccount(t.app, 'change@example.com');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: bearer(session),
      payload: { currentPassword: 'wrong', newPassword: 'a brand new password' },
    });
    expect(bad.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: bearer(session),
      payload: { currentPassword: 'correct horse battery', newPassword: 'a brand new password' },
    });
    expect(ok.statusCode).toBe(200);
    const login = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'change@example.com', password },
      });
    expect((await login('correct horse battery')).statusCode).toBe(401);
    expect((await login('a brand new password')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  let session: SessionResponse;
  beforeAll(async () => {
    session = await registerAccount(t.app, 'csrf@example.com');
  });
  const createToken = (headers: Record<string, string>, cookies?: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrollment-tokens',
      headers,
      cookies: cookies ?? {},
      payload: {},
    });

  it('refuses a cookie-authenticated write without the header or with a wrong one', async () => {
    const none = await createToken({}, { [SESSION_COOKIE]: session.token });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'CSRF_FAILED' });
    const wrong = await createToken(
      { [CSRF_HEADER]: 'x'.repeat(43) },
      { [SESSION_COOKIE]: session.token },
    );
    expect(wrong.statusCode).toBe(403);
  });

  it('accepts a cookie-authenticated write with the session csrf token', async () => {
    const res = await createToken(
      { [CSRF_HEADER]: session.csrfToken },
      { [SESSION_COOKIE]: session.token },
    );
    expect(res.statusCode).toBe(201);
  });

  it('accepts a bearer write with no csrf token', async () => {
    const res = await createToken(bearer(session));
    expect(res.statusCode).toBe(201);
  });

  it('lets cookie reads through without the header', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      cookies: { [SESSION_COOKIE]: session.token },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('login rate limit', () => {
  it('locks an account after 10 failures, even with the right password, and says when to retry', async () => {
    await registerAccount(t.app, 'victim@example.com');
    const attempt = (password: string, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload: { email: 'victim@example.com', password },
      });
    for (let i = 0; i < 10; i++)
      expect((await attempt('wrong password', `10.0.0.${i + 1}`)).statusCode).toBe(401);
    const locked = await attempt('correct horse battery', '10.0.1.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'too many attempts, try again in 15 minutes',
    });
  });

  it('locks an address after 10 failures across accounts', async () => {
    await registerAccount(t.app, 'other-victim@example.com');
    const ip = '10.9.9.9';
    for (let i = 0; i < 10; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload: { email: `guess${i}@example.com`, password: 'guess' },
      });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      payload: { email: 'other-victim@example.com', password: 'correct horse battery' },
    });
    expect(res.statusCode).toBe(429);
  });
});
