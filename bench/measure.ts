import { readdirSync, readFileSync } from 'node:fs';

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

/**
 * CPU seconds used so far by every PostgreSQL process on this machine (backends, and through the
 * postmaster's child counters, backends that have exited). Linux only; undefined elsewhere.
 */
export function postgresCpuSeconds(): number | undefined {
  let ticks = 0;
  let found = false;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith('postgres')) continue;
      // Fields after the name: state is field 3; utime, stime, cutime, cstime are fields 14-17.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
      found = true;
    }
  } catch {
    return undefined;
  }
  return found ? ticks / 100 : undefined;
}
