import { Alert } from '@mantine/core';
import type { DatabaseEngine, TestConnectionResult } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../ui/error-message.js';
import { describeServerVersion } from './database-form-values.js';

interface Props {
  engine: DatabaseEngine;
  result: TestConnectionResult | undefined;
  /** The call itself failed (agent offline, validation, network): shown like a failed test. */
  error: unknown;
}

/** The answer of "Test connection": the server's version, or the sentence that says what is wrong. */
export function TestConnectionResultAlert({ engine, result, error }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (result?.ok === true)
    return (
      <Alert
        color="green"
        role="status"
        data-testid="test-result"
        title={t('databases.testResult.success', {
          version: describeServerVersion(engine, result.serverVersion),
        })}
      >
        {t('databases.testResult.latency', { ms: Math.round(result.latencyMs) })}
      </Alert>
    );
  if (result === undefined && !error) return null;
  const message = result?.ok === false ? result.message : errorMessage(error);
  return (
    <Alert
      color="red"
      role="alert"
      data-testid="test-result"
      data-code={result?.ok === false ? result.code : undefined}
      title={t('databases.testResult.failed')}
    >
      {message}
    </Alert>
  );
}
