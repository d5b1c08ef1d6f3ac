import { Group, Progress, Stack, Text } from '@mantine/core';
import type { TaskProgress } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { useTaskProgress } from '../../live/run-progress.js';
import { formatBytes, formatDuration, formatRate } from '../../ui/format.js';

/** Where an expected size comes from, which the estimate's label names. */
export type EstimateBasis = 'lastBackup' | 'backupSize';

/**
 * How far along a task is, in whole percent: never 100 while it runs, because the expected
 * size is only an estimate (the database may have grown since the last backup).
 */
export function estimatedPercent(bytesRead: number, expectedBytes: number): number {
  return Math.min(99, Math.floor((bytesRead / expectedBytes) * 100));
}

/**
 * A running task's bytes, rate and elapsed time, moved by the live channel. With an expected
 * size the bar fills to an estimated percentage; without one (a job's first backup) the total
 * is unknown, so the bar is animated rather than a fake percentage.
 */
export function TaskProgressBar({
  taskId,
  initial,
  expectedBytes,
  basis = 'lastBackup',
}: {
  taskId: string;
  initial: TaskProgress | null;
  /** The size the task will probably read; null or absent when unknown. */
  expectedBytes?: number | null | undefined;
  basis?: EstimateBasis;
}) {
  const { t, i18n } = useTranslation();
  const progress = useTaskProgress(taskId, initial);
  const bytesRead = progress?.bytesRead ?? 0;
  const percent =
    expectedBytes != null && expectedBytes > 0 ? estimatedPercent(bytesRead, expectedBytes) : null;
  return (
    // The raw byte count lets a browser test see the bar move without parsing formatted sizes.
    <Stack gap={4} miw={220} data-testid="run-progress" data-bytes-read={bytesRead}>
      <Progress.Root>
        {percent === null ? (
          // No aria-valuenow: an indeterminate progress bar to assistive technology.
          <Progress.Section
            value={100}
            striped
            animated
            withAria={false}
            role="progressbar"
            aria-label={t('history.progressLabel')}
          />
        ) : (
          <Progress.Section
            value={percent}
            aria-label={t('history.progressLabel')}
            aria-valuetext={t('history.estimate.about', {
              percent: formatPercent(percent, i18n.language),
            })}
          />
        )}
      </Progress.Root>
      <ProgressFacts progress={progress} percent={percent} basis={basis} />
    </Stack>
  );
}

// Intl places the sign as the language writes it: "42%" in English, "%42" in Turkish.
function formatPercent(percent: number, language: string): string {
  return new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(percent / 100);
}

function ProgressFacts({
  progress,
  percent,
  basis,
}: {
  progress: TaskProgress | null;
  percent: number | null;
  basis: EstimateBasis;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Group gap="xs">
      {percent !== null && (
        <Text size="xs" fw={500} data-testid="run-percent">
          {t('history.estimate.about', { percent: formatPercent(percent, language) })}
        </Text>
      )}
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
      {percent !== null && (
        <Text size="xs" c="dimmed" data-testid="run-estimate-basis">
          {t(`history.estimate.${basis}`)}
        </Text>
      )}
    </Group>
  );
}
