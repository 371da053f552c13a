// A small in-process scheduler for the service's background jobs. Each job runs on its own
// timer; the next run is planned only when the previous one has finished, so a slow run never
// overlaps itself. A run that throws is logged and simply tried again at the next interval: a
// database that is away for a minute must not take the service down with it.

/** One background job. */
export interface Job {
  /** Short name for the log, e.g. `expire-quotes`. */
  name: string;
  /** Time from the end of one run to the start of the next, in milliseconds. */
  everyMs: number;
  /** Does one run; returns a one-line summary worth logging, or undefined when there is nothing to tell. */
  run(): Promise<string | undefined>;
}

/** How {@link startScheduler} runs its jobs. */
export interface SchedulerOptions {
  /** Delay before each job's first run; default the job's own interval. */
  firstRunAfterMs?: number;
  /** Where summaries and failures go; default stderr (stdout is kept for the "listening" line). */
  log?: (line: string) => void;
}

/** Running jobs; {@link Scheduler.close} stops them. */
export interface Scheduler {
  /** Plans no further runs and waits for the runs in flight to finish. Safe to call twice. */
  close(): Promise<void>;
}

// setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days).
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Starts a timer per job; throws a RangeError for an interval it cannot honour. */
export function startScheduler(jobs: readonly Job[], options: SchedulerOptions = {}): Scheduler {
  for (const job of jobs) checkDelay(`${job.name}: everyMs`, job.everyMs);
  if (options.firstRunAfterMs !== undefined) checkDelay('firstRunAfterMs', options.firstRunAfterMs, 0);
  const log = options.log ?? writeStderr;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  function plan(job: Job, delayMs: number): void {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run: Promise<void> = runOnce(job).finally(() => {
        inFlight.delete(run);
        plan(job, job.everyMs);
      });
      inFlight.add(run);
    }, delayMs);
    // The jobs alone should not keep a process alive whose server has gone.
    timer.unref();
    timers.add(timer);
  }

  async function runOnce(job: Job): Promise<void> {
    try {
      const summary = await job.run();
      if (summary !== undefined) safeLog(log, `job ${job.name}: ${summary}`);
    } catch (error) {
      safeLog(log, `job ${job.name} failed, next try in ${describeDelay(job.everyMs)}: ${describeError(error)}`);
    }
  }

  for (const job of jobs) plan(job, options.firstRunAfterMs ?? job.everyMs);

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        await Promise.all(inFlight);
      })();
      return closing;
    },
  };
}

function checkDelay(what: string, ms: number, min = 1): void {
  if (!Number.isFinite(ms) || ms < min || ms > MAX_DELAY_MS) {
    throw new RangeError(`${what} must be from ${min} to ${MAX_DELAY_MS} milliseconds, not ${ms}`);
  }
}

// A logger that throws must not turn a handled failure into an unhandled rejection.
function safeLog(log: (line: string) => void, line: string): void {
  try {
    log(line);
  } catch {
    // Nowhere left to report it.
  }
}

function writeStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

function describeDelay(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
