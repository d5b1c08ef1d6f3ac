import { Alert } from '@mantine/core';
import type { StorageTestResult } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../ui/error-message.js';

interface Props {
  result: StorageTestResult | undefined;
  /** The call itself failed (agent offline, validation, network): shown like a failed test. */
  error: unknown;
}

/** The answer of "Test": the round-trip time, or the server's sentence saying what is wrong. */
export function StorageTestResultAlert({ result, error }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (result?.ok === true)
    return (
      <Alert
        color="green"
        role="status"
        data-testid="storage-test-result"
        title={t('storages.test.success')}
      >
        {t('storages.test.latency', { ms: Math.round(result.latencyMs) })}
      </Alert>
    );
  if (result === undefined && !error) return null;
  return (
    <Alert
      color="red"
      role="alert"
      data-testid="storage-test-result"
      data-code={result?.ok === false ? result.code : undefined}
      title={t('storages.test.failed')}
    >
      {result?.ok === false ? result.message : errorMessage(error)}
    </Alert>
  );
}
