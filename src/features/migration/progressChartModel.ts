import type { MigrationOverview } from '../../../electron/shared/ipc/customers';

// The progress chart's geometry, apart from its drawing so a test can check every point against
// the data: x is time (Oslo calendar dates), y is customers moved by then.

/** The chart's size in SVG units and its plot area. */
export const CHART = { width: 640, height: 260, left: 48, right: 16, top: 16, bottom: 40 } as const;

/** A point of the moved line. */
export interface MovedPoint {
  date: string;
  moved: number;
  planned: number;
  x: number;
  y: number;
}

/** A point of the plan's line. */
export interface PlannedPoint {
  date: string;
  planned: number;
  x: number;
  y: number;
}

/** Everything the chart draws. */
export interface ChartGeometry {
  /** Weeks up to today (the future has no moved customers to show). */
  moved: MovedPoint[];
  /** The plan's straight line over every week given. */
  planned: PlannedPoint[];
  yTicks: { value: number; y: number }[];
  xTicks: { date: string; x: number }[];
  /** Today's vertical marker, when today lies within the chart's dates. */
  today: { date: string; x: number } | null;
  yMax: number;
  /** The last week up to today, which the summary text tells. */
  latest: MovedPoint | null;
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** The smallest "nice" step (1, 2 or 5 × 10ⁿ) of at least `value`. */
export function niceStep(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= value) return factor * power;
  }
  return 10 * power;
}

/** The chart for `progress` over `plan` with `total` customers, as seen on `today` (Oslo date). */
export function chartGeometry(progress: MigrationOverview['progress'], plan: MigrationOverview['plan'], total: number, today: string): ChartGeometry {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const dates = progress.map((point) => point.date);
  const first = [plan.start, ...dates].reduce((a, b) => (b < a ? b : a));
  const last = [plan.end, ...dates].reduce((a, b) => (b > a ? b : a));
  const span = Math.max(1, dayNumber(last) - dayNumber(first));
  const x = (date: string): number => round(CHART.left + ((dayNumber(date) - dayNumber(first)) / span) * plotWidth);

  const highest = Math.max(1, total, ...progress.map((point) => Math.max(point.moved, point.planned)));
  const step = niceStep(highest / 4);
  const yMax = step * Math.ceil(highest / step);
  const y = (value: number): number => round(CHART.top + plotHeight - (value / yMax) * plotHeight);

  const moved = progress.filter((point) => point.date <= today).map((point) => ({ ...point, x: x(point.date), y: y(point.moved) }));
  const planned = progress.map((point) => ({ date: point.date, planned: point.planned, x: x(point.date), y: y(point.planned) }));
  const yTicks: { value: number; y: number }[] = [];
  for (let value = 0; value <= yMax; value += step) yTicks.push({ value, y: y(value) });
  // At most about eight date labels, so they never overlap.
  const stride = Math.max(1, Math.ceil(progress.length / 8));
  const xTicks = progress.filter((_point, index) => index % stride === 0).map((point) => ({ date: point.date, x: x(point.date) }));
  return {
    moved,
    planned,
    yTicks,
    xTicks,
    today: today >= first && today <= last ? { date: today, x: x(today) } : null,
    yMax,
    latest: moved.at(-1) ?? null,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
