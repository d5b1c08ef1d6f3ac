import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupRun } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { formatBytes, formatDuration } from '../../ui/format.js';
import { RunStatusBadge } from '../jobs/run-status-badge.js';
import { storageName } from '../storages/storage-name.js';
import { TaskProgressBar } from './task-progress-bar.js';
import { TestRestoreButton, VerificationBadge } from './test-restore.js';
import { useCancelRun } from './use-history.js';

interface Props {
  runs: BackupRun[];
  onDetails: (run: BackupRun) => void;
  onRestore: (run: BackupRun) => void;
}

function RunRow({ run, onDetails, onRestore }: Omit<Props, 'runs'> & { run: BackupRun }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const cancel = useCancelRun();
  const language = i18n.language;
  const isRunning = run.status === 'running' || run.status === 'queued';
  return (
    <Table.Tr data-run-id={run.id} data-status={run.status}>
      <Table.Td>
        <Text fw={500}>{run.jobName}</Text>
        <Text size="xs" c="dimmed">
          {t(`history.trigger.${run.trigger}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        <RunStatusBadge status={run.status} />
        {run.error && (
          <Text size="xs" c="red" maw={320} data-testid="run-error">
            {run.error.message}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{formatDateTime(run.startedAt, language)}</Table.Td>
      <Table.Td>
        {isRunning ? (
          <TaskProgressBar
            taskId={run.id}
            initial={run.progress}
            expectedBytes={run.expectedBytes}
          />
        ) : run.durationMs === null ? (
          '—'
        ) : (
          formatDuration(run.durationMs, language)
        )}
      </Table.Td>
      <Table.Td>{run.storedSize === null ? '—' : formatBytes(run.storedSize, language)}</Table.Td>
      <Table.Td>
        <Text size="sm">
          {run.destinations.map((d) => storageName({ name: d.storageName }, t)).join(', ') || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={6} align="flex-start">
          {run.status === 'success' && <VerificationBadge run={run} hasSentence />}
          <Group gap={4} wrap="nowrap">
            <Button size="xs" variant="subtle" onClick={() => onDetails(run)}>
              {t('history.detailsButton')}
            </Button>
            {run.status === 'success' && (
              <Button size="xs" variant="light" onClick={() => onRestore(run)}>
                {t('history.restoreButton')}
              </Button>
            )}
            <TestRestoreButton run={run} />
            {isRunning && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                loading={cancel.isPending}
                onClick={() =>
                  cancel.mutate(run.id, {
                    onError: (error) =>
                      notifications.show({ color: 'red', message: errorMessage(error) }),
                  })
                }
              >
                {t('history.cancelButton')}
              </Button>
            )}
          </Group>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

export function RunsTable({ runs, onDetails, onRestore }: Props) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" aria-label={t('history.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.columns.job')}</Table.Th>
            <Table.Th>{t('history.columns.status')}</Table.Th>
            <Table.Th>{t('history.columns.started')}</Table.Th>
            <Table.Th>{t('history.columns.duration')}</Table.Th>
            <Table.Th>{t('history.columns.size')}</Table.Th>
            <Table.Th>{t('history.columns.destinations')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <RunRow key={run.id} run={run} onDetails={onDetails} onRestore={onRestore} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
