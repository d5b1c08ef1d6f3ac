import { ApiError, CSRF_HEADER, type ErrorCode } from '@rahatback/protocol';
import type { z } from 'zod';

/**
 * A failed API call: the server's stable code and its sentence for the user.
 * Network failures and unreadable answers get a code of their own so that the UI can
 * still say something a person can act on.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

// The CSRF token lives in memory only: it arrives with login/register/me and is lost on reload,
// when `me` hands out a fresh one.
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions<S extends z.ZodType> {
  method?: Method;
  body?: unknown;
  /** The protocol schema of the answer; parsed so that a drifted server fails loudly. */
  schema: S;
}

const API_BASE = '/api/v1';

export async function apiRequest<S extends z.ZodType>(
  path: string,
  { method = 'GET', body, schema }: RequestOptions<S>,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError('NETWORK', '', 0);
  }
  if (!response.ok) throw await toApiRequestError(response);
  if (response.status === 204) return schema.parse(undefined);
  return schema.parse(await response.json());
}

async function toApiRequestError(response: Response): Promise<ApiRequestError> {
  const parsed = ApiError.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return new ApiRequestError('UNKNOWN', '', response.status);
  const { code, message, issues } = parsed.data;
  return new ApiRequestError(code, message, response.status, issues);
}
