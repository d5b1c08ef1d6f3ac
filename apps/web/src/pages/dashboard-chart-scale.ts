import type { DashboardRunPoint } from '@rahatback/protocol';
import { formatDuration } from '../ui/format.js';

// Where a chart's ticks may fall: sizes in decimal steps (1 MB = 1 000 000 bytes, as
// formatBytes writes them), durations in steps a clock reader knows (15 s, 5 min, 2 h).
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DURATION_STEPS = [
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

export type AxisKind = 'bytes' | 'duration';

/** The smallest step of `kind` that is at least `raw`. */
function stepAtLeast(raw: number, kind: AxisKind): number {
  if (kind === 'duration') {
    const step = DURATION_STEPS.find((candidate) => candidate >= raw);
    if (step !== undefined) return step;
    return Math.ceil(raw / (24 * HOUR)) * 24 * HOUR;
  }
  let power = 1;
  while (power * 10 <= raw) power *= 10;
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw);
  return Math.max(1, step ?? 10 * power);
}

/**
 * Round tick values from 0 to at least `max`, about `count` intervals apart, so that an axis
 * reads "0, 5 MB, 10 MB, 15 MB" rather than "0, 3.7 MB, 7.4 MB".
 */
export function axisTicks(max: number, kind: AxisKind, count = 4): number[] {
  const step = stepAtLeast(Math.max(0, max) / count, kind);
  const intervals = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: intervals + 1 }, (_, i) => i * step);
}

/** A linear map from `domain` onto `range`; a domain of one value maps to the range's middle. */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (value: number) => number {
  if (d0 === d1) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels: left (sizes), right (durations), top, bottom (dates). */
  margin: { left: number; right: number; top: number; bottom: number };
}

export interface PlottedPoint {
  runId: string;
  x: number;
  y: number;
}

export interface ChartModel {
  sizeTicks: { value: number; y: number }[];
  durationTicks: { value: number; y: number }[];
  /** The first and the last run's time, where the date labels go. */
  timeTicks: { time: number; x: number }[];
  size: PlottedPoint[];
  duration: PlottedPoint[];
  /** Runs that did not succeed, marked on the time axis. */
  failures: { runId: string; x: number }[];
}

const isPlotted = (point: DashboardRunPoint, value: number | null): value is number =>
  point.status === 'success' && value !== null;

/**
 * Places a job's runs in `box`: stored size against the left axis, duration against the
 * right one, both from successful runs only (a failed run's partial size would read as a
 * drop); the runs that did not succeed are marked on the time axis instead.
 */
export function chartModel(points: readonly DashboardRunPoint[], box: ChartBox): ChartModel {
  const { width, height, margin } = box;
  const times = points.map((p) => Date.parse(p.startedAt));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const x = linearScale([first, last], [margin.left, width - margin.right]);
  const bottom = height - margin.bottom;

  const sizeTicks = axisTicks(
    Math.max(0, ...points.map((p) => (isPlotted(p, p.storedSize) ? p.storedSize : 0))),
    'bytes',
  );
  const durationTicks = axisTicks(
    Math.max(0, ...points.map((p) => (isPlotted(p, p.durationMs) ? p.durationMs : 0))),
    'duration',
  );
  const ySize = linearScale([0, sizeTicks.at(-1) ?? 1], [bottom, margin.top]);
  const yDuration = linearScale([0, durationTicks.at(-1) ?? 1], [bottom, margin.top]);

  const plot = (pick: (p: DashboardRunPoint) => number | null, y: (v: number) => number) =>
    points.flatMap((p, i) => {
      const value = pick(p);
      return isPlotted(p, value) ? [{ runId: p.runId, x: x(times[i] ?? first), y: y(value) }] : [];
    });

  return {
    sizeTicks: sizeTicks.map((value) => ({ value, y: ySize(value) })),
    durationTicks: durationTicks.map((value) => ({ value, y: yDuration(value) })),
    timeTicks: (first === last ? [first] : [first, last]).map((time) => ({ time, x: x(time) })),
    size: plot((p) => p.storedSize, ySize),
    duration: plot((p) => p.durationMs, yDuration),
    failures: points.flatMap((p, i) =>
      p.status === 'success' ? [] : [{ runId: p.runId, x: x(times[i] ?? first) }],
    ),
  };
}

/** An SVG path through the points in order ("M x y L x y …"); empty for none. */
export function linePath(points: readonly PlottedPoint[]): string {
  return points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`)
    .join(' ');
}

/** Smallest and largest of the values, or null when there are none. */
export function extent(values: readonly (number | null)[]): [number, number] | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  return [Math.min(...present), Math.max(...present)];
}

/** A duration tick: "2 min" or "1 hr" for whole units (an axis needs no "0 sec"), else as everywhere. */
export function formatTickDuration(ms: number, language: string): string {
  const whole = (value: number, unit: 'hour' | 'minute') =>
    new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  if (ms >= HOUR && ms % HOUR === 0) return whole(ms / HOUR, 'hour');
  if (ms >= MINUTE && ms < HOUR && ms % MINUTE === 0) return whole(ms / MINUTE, 'minute');
  return formatDuration(ms, language);
}
