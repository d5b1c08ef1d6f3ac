import { Anchor, Button, Divider, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { BackupJob, DashboardJob, DashboardStorageUsage } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../i18n/format.js';
import { storageName } from '../features/storages/storage-name.js';
import { formatBytes } from '../ui/format.js';
import { verificationAttention } from './dashboard-summary.js';

const jobPath = (id: string) => `/jobs/${encodeURIComponent(id)}`;

function FailingJobs({ failing }: { failing: readonly BackupJob[] }) {
  const { t } = useTranslation();
  if (failing.length === 0) return <Text c="dimmed">{t('dashboard.noFailing')}</Text>;
  return (
    <Stack gap="xs">
      {failing.map((job) => (
        <div key={job.id}>
          <Anchor component={Link} to="/history" fw={500}>
            {job.name}
          </Anchor>
          <Text size="sm" c="red">
            {job.lastRun?.error?.message ?? t(`runs.status.${job.lastRun?.status ?? 'failed'}`)}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

function UnverifiedJobs({ jobs }: { jobs: readonly DashboardJob[] }) {
  const { t, i18n } = useTranslation();
  const attention = verificationAttention(jobs);
  if (attention.length === 0) return <Text c="dimmed">{t('dashboard.allVerified')}</Text>;
  return (
    <Stack gap="xs" data-testid="unverified-jobs">
      {attention.map(({ job, reason }) => (
        <div key={job.jobId}>
          <Anchor component={Link} to={jobPath(job.jobId)} fw={500}>
            {job.name}
          </Anchor>
          {reason === 'failed' ? (
            <Text size="sm" c="red">
              {t('dashboard.verificationFailed', {
                date: formatDateTime(job.lastVerification?.verifiedAt ?? '', i18n.language),
              })}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('dashboard.neverVerified')}{' '}
              {reason === 'pending' ? (
                t('dashboard.verificationPending')
              ) : (
                <>
                  <Anchor component={Link} to={jobPath(job.jobId)} size="sm">
                    {t('dashboard.turnOnVerification')}
                  </Anchor>{' '}
                  <Anchor component={Link} to="/history" size="sm">
                    {t('dashboard.verifyFromHistory')}
                  </Anchor>
                </>
              )}
            </Text>
          )}
        </div>
      ))}
    </Stack>
  );
}

/** Jobs whose last run failed, then jobs whose backups were never (or not successfully) test-restored. */
export function NeedsAttention({
  failing,
  jobs,
}: {
  failing: readonly BackupJob[];
  jobs: readonly DashboardJob[] | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('dashboard.failingTitle')}
      </Title>
      <FailingJobs failing={failing} />
      {jobs !== undefined && (
        <>
          <Divider my="md" />
          <Title order={3} size="h6" mb="xs">
            {t('dashboard.verificationTitle')}
          </Title>
          <UnverifiedJobs jobs={jobs} />
        </>
      )}
    </Paper>
  );
}

/** What each destination holds now: bytes and number of backups, with the total. */
export function StorageUsed({ storages }: { storages: readonly DashboardStorageUsage[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const total = storages.reduce((sum, s) => sum + s.bytes, 0);
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('dashboard.storageTitle')}
      </Title>
      {storages.length === 0 ? (
        <Group justify="space-between">
          <Text c="dimmed">{t('dashboard.storageEmpty')}</Text>
          <Button component={Link} to="/storages/new" variant="light">
            {t('dashboard.goStorages')}
          </Button>
        </Group>
      ) : (
        <Table aria-label={t('dashboard.storageTitle')} data-testid="storage-used">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.storageName')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.storageBytes')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.storageBackups')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {storages.map((s) => (
              <Table.Tr key={s.storageId}>
                <Table.Td>
                  <Anchor component={Link} to={`/storages/${encodeURIComponent(s.storageId)}`}>
                    {storageName(s, t)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`storages.kinds.${s.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatBytes(s.bytes, language)}</Table.Td>
                <Table.Td ta="right">{new Intl.NumberFormat(language).format(s.backups)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {storages.length > 1 && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('dashboard.storageTotal')}</Table.Th>
                <Table.Th ta="right">{formatBytes(total, language)}</Table.Th>
                <Table.Th ta="right">
                  {new Intl.NumberFormat(language).format(
                    storages.reduce((sum, s) => sum + s.backups, 0),
                  )}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      )}
    </Paper>
  );
}
