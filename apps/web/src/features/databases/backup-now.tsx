import { Button, Menu, Popover, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupJob, Database } from '@rahatback/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { databasesQueryKey } from '../../api/databases.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { useRunJobNow } from '../jobs/use-jobs.js';

export interface BackupNowProps {
  database: Database;
  /** The jobs of this database. */
  jobs: readonly BackupJob[];
  onRun: (job: BackupJob) => void;
  isRunning: boolean;
}

/**
 * "Back up now" from a database: runs its one job, offers a choice of its jobs, or, with no
 * job yet, explains that a backup needs one (it says where the copies go) and leads to the
 * job form with this database chosen.
 */
export function BackupNowButton({ database, jobs, onRun, isRunning }: BackupNowProps) {
  const { t } = useTranslation();
  const label = t('databases.backupNow');
  const [only] = jobs;

  if (only === undefined)
    return (
      <Popover width={280} position="bottom-end" withArrow shadow="md">
        <Popover.Target>
          <Button size="xs" variant="light">
            {label}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <Text size="sm">{t('databases.backupNeedsJob')}</Text>
            <Button
              size="xs"
              component={Link}
              to={`/jobs/new?databaseId=${encodeURIComponent(database.id)}`}
            >
              {t('databases.createJobFor', { name: database.name })}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    );

  if (jobs.length === 1)
    return (
      <Button size="xs" variant="light" loading={isRunning} onClick={() => onRun(only)}>
        {label}
      </Button>
    );

  return (
    <Menu position="bottom-end" withArrow>
      <Menu.Target>
        <Button size="xs" variant="light" loading={isRunning}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('databases.pickJob')}</Menu.Label>
        {jobs.map((job) => (
          <Menu.Item key={job.id} onClick={() => onRun(job)}>
            {job.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The row's "Back up now", wired to the run endpoint with the Jobs list's notifications. */
export function DatabaseBackupNow({ database, jobs }: Pick<BackupNowProps, 'database' | 'jobs'>) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const run = useRunJobNow();
  const queryClient = useQueryClient();
  const onRun = (job: BackupJob) =>
    run.mutate(job.id, {
      onSuccess: (started) => {
        // The row shows the new run at once, live events or not.
        void queryClient.invalidateQueries({ queryKey: databasesQueryKey });
        notifications.show({
          color: started.status === 'skipped' ? 'yellow' : 'blue',
          message:
            started.status === 'skipped'
              ? (started.error?.message ?? t('runs.status.skipped'))
              : t('jobs.started', { name: job.name }),
        });
      },
      onError: (error: unknown) =>
        notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  return (
    <BackupNowButton database={database} jobs={jobs} onRun={onRun} isRunning={run.isPending} />
  );
}
