import { Alert } from '@mantine/core';
import { TestWebhookBody, type WebhookFormat } from '@rahatback/protocol';
import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sendTestWebhook } from '../../api/settings.js';
import { useErrorMessage } from '../../ui/error-message.js';

export type WebhookTest = UseMutationResult<{ detail: string }, Error, TestWebhookBody>;

/**
 * Sends a sample notification to a webhook. `send` checks the URL with the protocol's schema
 * first and returns the translated sentence for the URL field when it is not valid.
 */
export function useWebhookTest() {
  const { t } = useTranslation();
  const test: WebhookTest = useMutation({ mutationFn: sendTestWebhook });
  const send = (url: string, format: WebhookFormat): string | undefined => {
    const body = TestWebhookBody.safeParse({ url: url.trim(), format });
    if (!body.success) return t('validation.webhookUrl');
    test.mutate(body.data);
    return undefined;
  };
  return { test, send };
}

interface OutcomeProps {
  test: WebhookTest;
  /** What the fields hold now: an outcome about another address is no longer shown. */
  url: string;
  format: WebhookFormat;
}

/** What became of the last test: the receiver's answer, or the server's sentence. */
export function WebhookTestOutcome({ test, url, format }: OutcomeProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (test.variables?.url !== url.trim() || test.variables.format !== format) return null;
  if (test.isSuccess)
    return (
      <Alert color="green" role="status">
        {t('settings.webhooks.testSent', { detail: test.data.detail })}
      </Alert>
    );
  if (test.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(test.error)}
      </Alert>
    );
  return null;
}
