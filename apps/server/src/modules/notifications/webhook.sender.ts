import { setTimeout as sleep } from 'node:timers/promises';
import { type DeliveryResult, failure } from './delivery.js';

export interface WebhookOptions {
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts after the first, for network errors, timeouts, 408, 429 and 5xx. */
  retries?: number;
  /** Doubles after each failed attempt. */
  backoffMs?: number;
}

type Attempt = { done: true; result: DeliveryResult } | { done: false; error: DeliveryResult };

/** Only the host: a webhook URL's path often is its secret (Slack, Discord). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

async function attemptOnce(
  url: string,
  body: string,
  timeoutMs: number,
  n: number,
): Promise<Attempt> {
  const host = hostOf(url);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'RahatBack' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    await response.body?.cancel();
    if (response.ok)
      return { done: true, result: { ok: true, attempts: n, detail: `HTTP ${response.status}` } };
    const refused = failure(
      'NOTIFICATION_FAILED',
      `The webhook at ${host} answered HTTP ${response.status} ${response.statusText}: check its URL in the job's notification settings.`,
      n,
    );
    return isRetryableStatus(response.status)
      ? { done: false, error: refused }
      : { done: true, result: refused };
  } catch (error) {
    const timedOut =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    const result = timedOut
      ? failure(
          'TIMED_OUT',
          `The webhook at ${host} did not answer within ${timeoutMs} ms: check that it is up.`,
          n,
        )
      : failure(
          'HOST_UNREACHABLE',
          `Could not reach the webhook at ${host} (${cause}): check the URL and the network.`,
          n,
        );
    return { done: false, error: result };
  }
}

/** POSTs a JSON body, retrying transient failures with exponential backoff. */
export async function postWebhook(
  url: string,
  body: unknown,
  options: WebhookOptions = {},
): Promise<DeliveryResult> {
  const { timeoutMs = 10_000, retries = 2, backoffMs = 1_000 } = options;
  const payload = JSON.stringify(body);
  let last: DeliveryResult = failure('UNKNOWN', 'The webhook was not attempted.', 0);
  for (let n = 1; n <= retries + 1; n += 1) {
    const attempt = await attemptOnce(url, payload, timeoutMs, n);
    if (attempt.done) return attempt.result;
    last = attempt.error;
    if (n <= retries) await sleep(backoffMs * 2 ** (n - 1));
  }
  if (!last.ok && last.attempts > 1)
    last.error.message = `${last.error.message} (${last.attempts} attempts)`;
  return last;
}
