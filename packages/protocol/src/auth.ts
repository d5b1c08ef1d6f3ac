import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const Email = z.string().trim().toLowerCase().email().max(254);

export const RegisterBody = z.object({
  email: Email,
  password: z.string().min(10, { message: 'use at least 10 characters' }).max(256),
  name: z.string().trim().min(1).max(100),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

/** Login and register: the cookie is set for browsers, the token serves scripts and the CLI. */
export const SessionResponse = z.object({
  token: z.string(),
  /** Send back as the `x-csrf-token` header on cookie-authenticated writes. */
  csrfToken: z.string(),
  user: User,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const MeResponse = z.object({ user: User, csrfToken: z.string().optional() });
export type MeResponse = z.infer<typeof MeResponse>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10, { message: 'use at least 10 characters' }).max(256),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** Header names shared by server and web. */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'rahatback_session';
