import { Group, Stack, Text } from '@mantine/core';
import type { RunSummary } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { RunStatusBadge } from '../jobs/run-status-badge.js';
import { formatRelativeTime } from './relative-time.js';

/** A database's newest backup run: its status, when it started, and why it failed. */
export function LastBackup({ run }: { run: RunSummary | null }) {
  const { t, i18n } = useTranslation();
  if (run === null) return <Text size="sm">{t('databases.neverBackedUp')}</Text>;
  const at = formatDateTime(run.startedAt, i18n.language);
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap">
        <RunStatusBadge status={run.status} />
        <Text size="xs" c="dimmed" component="time" dateTime={run.startedAt} title={at}>
          {formatRelativeTime(run.startedAt, i18n.language)}
        </Text>
      </Group>
      {run.error && (
        <Text size="xs" c="red" maw={280} lineClamp={2} title={run.error.message}>
          {run.error.message}
        </Text>
      )}
    </Stack>
  );
}
