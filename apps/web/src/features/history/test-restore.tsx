import { Alert, Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupRun, RunDestination } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { TaskProgressBar } from './task-progress-bar.js';
import { useRunningVerification, useVerifyRun } from './use-history.js';

/** A copy still on its destination, which a download or a restore can read. */
export const holdsCopy = (destination: RunDestination) =>
  destination.ok && destination.objectKey !== null && (destination.deletedAt ?? null) === null;

/** A successful backup with a copy left can be test-restored. */
export const isTestRestorable = (run: BackupRun) =>
  run.status === 'success' && run.destinations.some(holdsCopy);

/**
 * The run's last test restore at a glance: verified with its time, failed (with its sentence
 * when `hasSentence`), or never.
 */
export function VerificationBadge({
  run,
  hasSentence = false,
}: {
  run: BackupRun;
  hasSentence?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const verification = run.verification;
  if (verification === null)
    return (
      <Badge color="gray" variant="light" data-verification="never">
        {t('history.verify.never')}
      </Badge>
    );
  const date = formatDateTime(verification.verifiedAt, i18n.language);
  return verification.status === 'success' ? (
    <Badge color="green" variant="light" data-verification="success" title={date}>
      {t('history.verify.verified', { date })}
    </Badge>
  ) : (
    <Stack gap={2}>
      <Badge color="red" variant="light" data-verification="failed" title={date}>
        {t('history.verify.failed', { date })}
      </Badge>
      {hasSentence && verification.error && (
        <Text size="xs" c="red" maw={320} data-testid="verification-error">
          {verification.error.message}
        </Text>
      )}
    </Stack>
  );
}

/** Starts a test restore; while one of this run goes, it says so instead. */
export function TestRestoreButton({ run, size = 'xs' }: { run: BackupRun; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const verify = useVerifyRun();
  const running = useRunningVerification(run.id);
  if (!isTestRestorable(run)) return null;
  return (
    <Button
      size={size}
      variant="light"
      color="grape"
      loading={verify.isPending || running !== undefined}
      aria-label={t('history.verify.buttonLabel', { name: run.jobName })}
      onClick={() =>
        verify.mutate(run.id, {
          onSuccess: () =>
            notifications.show({ color: 'blue', message: t('history.verify.started') }),
          onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
        })
      }
    >
      {t('history.verify.button')}
    </Button>
  );
}

/** The details drawer's part: the running test restore, else the last one with its row counts. */
export function VerificationSection({ run }: { run: BackupRun }) {
  const { t, i18n } = useTranslation();
  const running = useRunningVerification(run.id);
  const verification = run.verification;
  return (
    <Stack gap="xs" data-testid="verification">
      <Title order={4}>{t('history.verify.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('history.verify.explain')}
      </Text>
      {running && (
        <TaskProgressBar
          taskId={running.id}
          initial={running.progress}
          expectedBytes={running.expectedBytes}
          basis="backupSize"
        />
      )}
      {verification === null ? (
        <Text size="sm">{t('history.verify.neverLong')}</Text>
      ) : (
        <>
          <div>
            <VerificationBadge run={run} />
          </div>
          {verification.error && (
            <Alert color="red" role="alert" title={t('history.verify.failedTitle')}>
              {verification.error.message}
            </Alert>
          )}
          {verification.status === 'success' && (
            <Table aria-label={t('history.verify.countsLabel')} data-testid="verification-counts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('history.verify.table')}</Table.Th>
                  <Table.Th ta="right">{t('history.verify.rows')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {verification.tableCounts.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={2}>{t('history.verify.noTables')}</Table.Td>
                  </Table.Tr>
                ) : (
                  verification.tableCounts.map((count) => (
                    <Table.Tr key={count.table}>
                      <Table.Td ff="monospace">{count.table}</Table.Td>
                      <Table.Td ta="right">
                        {new Intl.NumberFormat(i18n.language).format(count.rows)}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      <div>
        <TestRestoreButton run={run} size="sm" />
      </div>
    </Stack>
  );
}
