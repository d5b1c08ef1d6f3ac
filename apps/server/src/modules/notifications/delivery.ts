import type { Failure } from '@rahatback/protocol';

/**
 * The outcome of one notification delivery. Senders return it rather than throw: a
 * notification that fails is recorded and shown, it never fails the run it reports.
 */
export type DeliveryResult =
  { ok: true; attempts: number; detail: string } | { ok: false; attempts: number; error: Failure };

export const failure = (code: Failure['code'], message: string, attempts = 1): DeliveryResult => ({
  ok: false,
  attempts,
  error: { code, message },
});
