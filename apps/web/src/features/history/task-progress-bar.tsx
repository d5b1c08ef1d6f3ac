import { Group, Progress, Stack, Text } from '@mantine/core';
import type { TaskProgress } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { useTaskProgress } from '../../live/run-progress.js';
import { formatBytes, formatDuration, formatRate } from '../../ui/format.js';

/**
 * A running task's bytes, rate and elapsed time, moved by the live channel. The total is
 * unknown while dumping, so the bar is animated rather than a fake percentage.
 */
export function TaskProgressBar({
  taskId,
  initial,
}: {
  taskId: string;
  initial: TaskProgress | null;
}) {
  const { t, i18n } = useTranslation();
  const progress = useTaskProgress(taskId, initial);
  const language = i18n.language;
  return (
    // The raw byte count lets a browser test see the bar move without parsing formatted sizes.
    <Stack gap={4} miw={220} data-testid="run-progress" data-bytes-read={progress?.bytesRead ?? 0}>
      <Progress value={100} striped animated aria-label={t('history.progressLabel')} />
      <Group gap="xs">
        <Text size="xs" data-testid="run-progress-bytes">
          {progress ? formatBytes(progress.bytesRead, language) : t('history.starting')}
        </Text>
        {progress && (
          <>
            <Text size="xs" c="dimmed">
              {formatRate(progress.bytesPerSecond, language)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDuration(progress.elapsedMs, language)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`history.phase.${progress.phase}`)}
            </Text>
          </>
        )}
      </Group>
    </Stack>
  );
}
