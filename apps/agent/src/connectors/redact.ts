/** What replaces a secret wherever it would have been shown. */
export const REDACTED = '********';

/**
 * Removes every occurrence of each secret from a text that is about to be shown or logged
 * (a tool's stderr, a driver's error message). Empty secrets are ignored.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    result = result.split(secret).join(REDACTED);
  }
  return result;
}
