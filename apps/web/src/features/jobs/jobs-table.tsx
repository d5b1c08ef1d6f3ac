import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupJob, Database } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../i18n/format.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { usePagedList } from '../../ui/list-pagination.js';
import { RunStatusBadge } from './run-status-badge.js';
import { describeSchedule } from './schedule.js';
import { useDeleteJob, useRunJobNow, useUpdateJob } from './use-jobs.js';

function LastResult({ job }: { job: BackupJob }) {
  const { t, i18n } = useTranslation();
  if (!job.lastRun) return <Text size="sm">{t('jobs.neverRun')}</Text>;
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <RunStatusBadge status={job.lastRun.status} />
        <Text size="xs" c="dimmed">
          {formatDateTime(job.lastRun.startedAt, i18n.language)}
        </Text>
      </Group>
      {job.lastRun.error && (
        <Text size="xs" c="red" maw={320}>
          {job.lastRun.error.message}
        </Text>
      )}
    </Stack>
  );
}

function JobActions({ job }: { job: BackupJob }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const run = useRunJobNow();
  const update = useUpdateJob();
  const remove = useDeleteJob();
  const fail = (error: unknown) =>
    notifications.show({ color: 'red', message: errorMessage(error) });
  const runNow = () =>
    run.mutate(job.id, {
      onSuccess: (started) =>
        notifications.show({
          color: started.status === 'skipped' ? 'yellow' : 'blue',
          message:
            started.status === 'skipped'
              ? (started.error?.message ?? t('runs.status.skipped'))
              : t('jobs.started', { name: job.name }),
        }),
      onError: fail,
    });
  const toggle = () =>
    update.mutate({ id: job.id, patch: { enabled: !job.enabled } }, { onError: fail });
  const onDelete = () =>
    remove
      .mutateAsync(job.id)
      .then(
        () =>
          notifications.show({ color: 'green', message: t('jobs.deleted', { name: job.name }) }),
        fail,
      );
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="xs" variant="light" loading={run.isPending} onClick={runNow}>
        {t('jobs.runNow')}
      </Button>
      <Button size="xs" variant="subtle" loading={update.isPending} onClick={toggle}>
        {job.enabled ? t('jobs.pause') : t('jobs.resume')}
      </Button>
      <Button size="xs" variant="subtle" component={Link} to={`/jobs/${job.id}`}>
        {t('common.edit')}
      </Button>
      <ConfirmButton
        label={t('common.delete')}
        title={t('jobs.deleteTitle', { name: job.name })}
        body={t('jobs.deleteBody')}
        confirmLabel={t('jobs.deleteConfirm')}
        onConfirm={onDelete}
      />
    </Group>
  );
}

export function JobsTable({ jobs, databases }: { jobs: BackupJob[]; databases: Database[] }) {
  const { t, i18n } = useTranslation();
  const databaseById = new Map(databases.map((database) => [database.id, database]));
  const { pageItems, pagination } = usePagedList(jobs, t('jobs.listLabel'));
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" aria-label={t('jobs.listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('jobs.columns.name')}</Table.Th>
              <Table.Th>{t('jobs.columns.schedule')}</Table.Th>
              <Table.Th>{t('jobs.columns.nextRun')}</Table.Th>
              <Table.Th>{t('jobs.columns.lastResult')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pageItems.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td>
                  <Text fw={500}>{job.name}</Text>
                  <Text size="xs" c="dimmed">
                    {databaseById.get(job.databaseId)?.name ?? '—'}
                    {job.encryption.enabled ? ` · ${t('jobs.encrypted')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeSchedule(job.schedule, t, i18n.language)}</Text>
                  {!job.enabled && (
                    <Badge color="yellow" variant="light">
                      {t('jobs.paused')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {job.nextRunAt ? formatDateTime(job.nextRunAt, i18n.language) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <LastResult job={job} />
                </Table.Td>
                <Table.Td>
                  <JobActions job={job} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pagination}
    </>
  );
}
