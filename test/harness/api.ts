import { uniqueSuffix } from './paths.js';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  /** The raw text, for tests that look for what must not be there (a secret). */
  text: string;
}

/** A tiny JSON client for the server's HTTP API, authenticated with a bearer token. */
export function apiClient(baseUrl: string, token?: string) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed as T, text };
  };
  return {
    get: <T = unknown>(path: string) => call<T>('GET', path),
    post: <T = unknown>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
    patch: <T = unknown>(path: string, body: unknown) => call<T>('PATCH', path, body),
    delete: <T = unknown>(path: string) => call<T>('DELETE', path),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

export interface RegisteredUser {
  token: string;
  email: string;
  password: string;
  userId: string;
}

/** Registers an account through the API and returns its bearer token. */
export async function registerUser(baseUrl: string, email?: string): Promise<RegisteredUser> {
  const address = email ?? `user-${uniqueSuffix()}@example.com`;
  const password = `pw-${uniqueSuffix()}-${uniqueSuffix()}`;
  const response = await apiClient(baseUrl).post<{ token: string; user: { id: string } }>(
    '/api/v1/auth/register',
    { email: address, password, name: 'Test User' },
  );
  if (response.status !== 201)
    throw new Error(`register failed with HTTP ${response.status}: ${response.text}`);
  return { token: response.body.token, email: address, password, userId: response.body.user.id };
}
