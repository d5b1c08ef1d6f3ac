import type { DashboardRunPoint, RunStatus } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from '../ui/format.js';
import {
  axisTicks,
  chartModel,
  formatTickDuration,
  linePath,
  linearScale,
  type ChartBox,
} from './dashboard-chart-scale.js';

const box: ChartBox = {
  width: 500,
  height: 200,
  margin: { left: 50, right: 50, top: 0, bottom: 0 },
};

const point = (
  hour: number,
  status: RunStatus,
  storedSize: number | null,
  durationMs: number | null,
): DashboardRunPoint => ({
  runId: `run-${hour}`,
  startedAt: new Date(Date.UTC(2026, 10, 1, hour)).toISOString(),
  status,
  storedSize,
  rawSize: storedSize,
  durationMs,
});

describe('the chart’s axes and scaling', () => {
  it('puts size ticks on round decimal values that read well as sizes', () => {
    const ticks = axisTicks(3_700_000, 'bytes');
    expect(ticks).toEqual([0, 1_000_000, 2_000_000, 3_000_000, 4_000_000]);
    expect(ticks.map((v) => formatBytes(v, 'en'))).toEqual(['0 B', '1 MB', '2 MB', '3 MB', '4 MB']);
    expect(axisTicks(1_300, 'bytes')).toEqual([0, 500, 1000, 1500]);
  });

  it('puts duration ticks on whole seconds, minutes and hours', () => {
    expect(axisTicks(150_000, 'duration').map((v) => formatTickDuration(v, 'en'))).toEqual([
      '0 sec',
      '1 min',
      '2 min',
      '3 min',
    ]);
    expect(formatTickDuration(90 * 60_000, 'tr')).toBe(formatDuration(90 * 60_000, 'tr'));
    expect(formatTickDuration(2 * 3_600_000, 'tr')).toBe('2 sa.');
    expect(axisTicks(40_000, 'duration')).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(axisTicks(5 * 3_600_000, 'duration')).toEqual([0, 2, 4, 6].map((h) => h * 3_600_000));
  });

  it('still draws an axis when every value is zero', () => {
    expect(axisTicks(0, 'bytes')).toEqual([0, 1]);
    expect(axisTicks(0, 'duration')).toEqual([0, 100]);
  });

  it('maps a domain linearly and a single value to the middle', () => {
    const scale = linearScale([0, 10], [100, 0]);
    expect([scale(0), scale(5), scale(10)]).toEqual([100, 50, 0]);
    expect(linearScale([7, 7], [0, 300])(7)).toBe(150);
  });

  it('plots successful runs over time and marks the others on the time axis', () => {
    const model = chartModel(
      [
        point(0, 'success', 2_000_000, 30_000),
        point(12, 'failed', 0, 5_000),
        point(24, 'success', 4_000_000, 60_000),
      ],
      box,
    );
    expect(model.size).toEqual([
      { runId: 'run-0', x: 50, y: 100 },
      { runId: 'run-24', x: 450, y: 0 },
    ]);
    expect(model.sizeTicks.at(-1)).toEqual({ value: 4_000_000, y: 0 });
    // 60 s is the top of the duration axis (ticks every 15 s), 30 s its middle.
    expect(model.duration.map((p) => p.y)).toEqual([100, 0]);
    expect(model.failures).toEqual([{ runId: 'run-12', x: 250 }]);
    expect(model.timeTicks.map((t) => t.x)).toEqual([50, 450]);
    expect(linePath(model.size)).toBe('M50.0 100.0 L450.0 0.0');
  });

  it('centres a job’s only run and draws nothing but its mark when it failed', () => {
    const single = chartModel([point(3, 'success', 1000, 1000)], box);
    expect(single.size).toEqual([{ runId: 'run-3', x: 250, y: 0 }]);
    expect(single.timeTicks).toHaveLength(1);
    const failed = chartModel([point(3, 'failed', null, null)], box);
    expect(linePath(failed.size)).toBe('');
    expect(failed.failures).toEqual([{ runId: 'run-3', x: 250 }]);
  });
});
