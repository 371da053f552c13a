/** One benchmark figure, printed as a JSON line. */
export interface Figure {
  metric: string;
  value: number;
  unit: string;
}

/** Prints a figure the way `npm run bench` promises: one JSON object per line. */
export function report(figure: Figure): void {
  console.log(JSON.stringify({ ...figure, value: Number(figure.value.toFixed(3)) }));
}

/** The q-quantile (0…1) of a sample, by nearest rank. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
