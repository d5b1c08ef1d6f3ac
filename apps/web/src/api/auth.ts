import {
  type LoginBody,
  MeResponse,
  OkResponse,
  type RegisterBody,
  SessionResponse,
} from '@rahatback/protocol';
import { z } from 'zod';
import { ApiRequestError, apiRequest, setCsrfToken } from './client.js';

export const sessionQueryKey = ['session'] as const;

/** The signed-in user, or null when the session cookie is missing or expired. */
export async function fetchSession(): Promise<MeResponse | null> {
  try {
    const me = await apiRequest('/auth/me', { schema: MeResponse });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export async function register(body: RegisterBody): Promise<SessionResponse> {
  const session = await apiRequest('/auth/register', {
    method: 'POST',
    body,
    schema: SessionResponse,
  });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function login(body: LoginBody): Promise<SessionResponse> {
  const session = await apiRequest('/auth/login', {
    method: 'POST',
    body,
    schema: SessionResponse,
  });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST', schema: OkResponse.or(z.unknown()) });
  setCsrfToken(undefined);
}
