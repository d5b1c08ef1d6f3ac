import { Button, Group, NativeSelect, Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import type { DashboardJob } from '@rahatback/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../i18n/format.js';
import { formatBytes, formatDuration } from '../ui/format.js';
import {
  chartModel,
  extent,
  formatTickDuration,
  linePath,
  type ChartBox,
} from './dashboard-chart-scale.js';

// The drawing takes the width it is given (so that its labels stay readable on a phone),
// with this one until it has been measured.
const BOX: ChartBox = {
  width: 640,
  height: 240,
  margin: { left: 76, right: 76, top: 14, bottom: 30 },
};
const COLORS = {
  size: 'var(--mantine-color-blue-6)',
  duration: 'var(--mantine-color-teal-7)',
  failed: 'var(--mantine-color-red-6)',
  grid: 'var(--mantine-color-gray-3)',
  label: 'var(--mantine-color-dimmed)',
};
const FONT = 12;
const MIN_WIDTH = 320;

function shortDate(time: number, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }).format(time);
}

/** One sentence a screen reader says for the chart: period, count, ranges, failures. */
export function chartSummary(
  job: DashboardJob,
  t: (key: string, values?: Record<string, unknown>) => string,
  language: string,
): string {
  const { series } = job;
  const succeeded = series.filter((p) => p.status === 'success');
  const sizes = extent(succeeded.map((p) => p.storedSize));
  const durations = extent(succeeded.map((p) => p.durationMs));
  const failed = series.length - succeeded.length;
  const parts = [
    t('dashboard.chartSummary', {
      job: job.name,
      count: series.length,
      from: formatDateTime(series[0]?.startedAt ?? '', language),
      to: formatDateTime(series.at(-1)?.startedAt ?? '', language),
    }),
  ];
  if (sizes !== null && durations !== null)
    parts.push(
      t('dashboard.chartSummaryRanges', {
        minSize: formatBytes(sizes[0], language),
        maxSize: formatBytes(sizes[1], language),
        minDuration: formatDuration(durations[0], language),
        maxDuration: formatDuration(durations[1], language),
      }),
    );
  if (failed > 0) parts.push(t('dashboard.chartSummaryFailed', { count: failed }));
  return parts.join(' ');
}

type Model = ReturnType<typeof chartModel>;

/** Grid and size labels on the left, duration labels on the right, first and last date below. */
function Axes({ model, box, language }: { model: Model; box: ChartBox; language: string }) {
  const { width, height, margin } = box;
  return (
    <>
      {model.sizeTicks.map((tick) => (
        <g key={`s${tick.value}`}>
          <line
            x1={margin.left}
            x2={width - margin.right}
            y1={tick.y}
            y2={tick.y}
            stroke={COLORS.grid}
          />
          <text x={margin.left - 6} y={tick.y + 4} textAnchor="end" fill={COLORS.size}>
            {formatBytes(tick.value, language)}
          </text>
        </g>
      ))}
      {model.durationTicks.map((tick) => (
        <text
          key={`d${tick.value}`}
          x={width - margin.right + 6}
          y={tick.y + 4}
          fill={COLORS.duration}
        >
          {formatTickDuration(tick.value, language)}
        </text>
      ))}
      {model.timeTicks.map((tick, i) => (
        <text
          key={tick.time}
          x={tick.x}
          y={height - 8}
          textAnchor={model.timeTicks.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}
          fill={COLORS.label}
        >
          {shortDate(tick.time, language)}
        </text>
      ))}
    </>
  );
}

/** The two series (size solid with dots, duration dashed with squares) and failure crosses. */
function Marks({ model, bottom }: { model: Model; bottom: number }) {
  const cross = (x: number) =>
    `M${x - 5} ${bottom - 5} L${x + 5} ${bottom + 5} M${x - 5} ${bottom + 5} L${x + 5} ${bottom - 5}`;
  return (
    <>
      <path d={linePath(model.size)} fill="none" stroke={COLORS.size} strokeWidth={2} />
      <path
        d={linePath(model.duration)}
        fill="none"
        stroke={COLORS.duration}
        strokeWidth={2}
        strokeDasharray="6 4"
      />
      {model.size.map((p) => (
        <circle key={`s${p.runId}`} cx={p.x} cy={p.y} r={3} fill={COLORS.size} />
      ))}
      {model.duration.map((p) => (
        <rect
          key={`d${p.runId}`}
          x={p.x - 3}
          y={p.y - 3}
          width={6}
          height={6}
          fill={COLORS.duration}
        />
      ))}
      {model.failures.map((f) => (
        <path
          key={`f${f.runId}`}
          data-testid="chart-failure"
          d={cross(f.x)}
          stroke={COLORS.failed}
          strokeWidth={2.5}
        />
      ))}
    </>
  );
}

function Plot({ job }: { job: DashboardJob }) {
  const { t, i18n } = useTranslation();
  const { ref, width: measured } = useElementSize();
  const box = {
    ...BOX,
    width: measured > 0 ? Math.max(MIN_WIDTH, Math.round(measured)) : BOX.width,
  };
  const model = chartModel(job.series, box);
  return (
    <div ref={ref}>
      <svg
        role="img"
        aria-label={chartSummary(job, t, i18n.language)}
        viewBox={`0 0 ${box.width} ${box.height}`}
        width="100%"
        style={{ display: 'block' }}
        fontSize={FONT}
      >
        <Axes model={model} box={box} language={i18n.language} />
        <Marks model={model} bottom={box.height - box.margin.bottom} />
      </svg>
    </div>
  );
}

function PointsTable({ job }: { job: DashboardJob }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const dash = '—';
  return (
    <VisuallyHidden>
      <table>
        <caption>{t('dashboard.chartTableCaption', { job: job.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.chartStarted')}</th>
            <th scope="col">{t('dashboard.chartOutcome')}</th>
            <th scope="col">{t('dashboard.chartSize')}</th>
            <th scope="col">{t('dashboard.chartDuration')}</th>
          </tr>
        </thead>
        <tbody>
          {job.series.map((p) => (
            <tr key={p.runId}>
              <td>{formatDateTime(p.startedAt, language)}</td>
              <td>{t(`runs.status.${p.status}`)}</td>
              <td>{p.storedSize === null ? dash : formatBytes(p.storedSize, language)}</td>
              <td>{p.durationMs === null ? dash : formatDuration(p.durationMs, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  );
}

function Legend() {
  const { t } = useTranslation();
  const swatch = (stroke: string, dashed = false) => (
    <svg width={22} height={10} aria-hidden="true">
      <line
        x1={1}
        x2={21}
        y1={5}
        y2={5}
        stroke={stroke}
        strokeWidth={2}
        strokeDasharray={dashed ? '6 4' : undefined}
      />
    </svg>
  );
  return (
    <Group gap="lg" mt="xs" aria-hidden="true">
      <Group gap={6}>
        {swatch(COLORS.size)}
        <Text size="sm">{t('dashboard.chartSize')}</Text>
      </Group>
      <Group gap={6}>
        {swatch(COLORS.duration, true)}
        <Text size="sm">{t('dashboard.chartDuration')}</Text>
      </Group>
      <Group gap={6}>
        <Text size="sm" c="red" fw={700}>
          ×
        </Text>
        <Text size="sm">{t('dashboard.chartFailed')}</Text>
      </Group>
    </Group>
  );
}

/** Size and duration of each job's finished backups over the last 30 days, one job at a time. */
export function BackupTrendChart({ jobs }: { jobs: readonly DashboardJob[] }) {
  const { t } = useTranslation();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const job =
    jobs.find((j) => j.jobId === chosenId) ?? jobs.find((j) => j.series.length > 0) ?? jobs[0];

  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4">
          {t('dashboard.chartTitle')}
        </Title>
        {jobs.length > 1 && job !== undefined && (
          <NativeSelect
            label={t('dashboard.chartJob')}
            data={jobs.map((j) => ({ value: j.jobId, label: j.name }))}
            value={job.jobId}
            onChange={(event) => setChosenId(event.currentTarget.value)}
          />
        )}
      </Group>
      {job === undefined || job.series.length === 0 ? (
        <Group justify="space-between" data-testid="chart-empty">
          <Text c="dimmed" maw={520}>
            {job === undefined
              ? t('dashboard.chartNoJobs')
              : t('dashboard.chartEmpty', { job: job.name })}
          </Text>
          <Button component={Link} to="/jobs" variant="light">
            {t('dashboard.goJobs')}
          </Button>
        </Group>
      ) : (
        <>
          <Plot job={job} />
          <Legend />
          <PointsTable job={job} />
        </>
      )}
    </Paper>
  );
}
