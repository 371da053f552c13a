import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, type SimClient } from './client';
import type { SimAction, SimContext } from './context';
import { shopActions } from './shopActions';
import { warehouseActions } from './warehouseActions';

/** How a simulation runs. */
export interface SimulationOptions {
  client: SimClient;
  /** Events per minute. */
  rate: number;
  /** Stop after this many successful events; default: until `signal` aborts. */
  count?: number;
  /** Aborting it ends the run after the event in flight. */
  signal?: AbortSignal;
  random: () => number;
  /** Receives one line per event (and per refusal). */
  print(line: string): void;
  /** Refusals in a row after which the run gives up (the service or its data is off). Default 25. */
  maxRefusalsInRow?: number;
}

/** What a run did. */
export interface SimulationSummary {
  events: number;
  refused: number;
  elapsedMs: number;
}

/** Every action of the simulation, shop and warehouse. */
export const simActions: readonly SimAction[] = [...shopActions, ...warehouseActions];

/**
 * Drives a steady stream of events against the service: one every 60/rate seconds (±25 %, so it
 * does not look machine-made), each a randomly chosen kind that finds something to act on. A
 * refusal (4xx) is printed and not counted; an unreachable service or a 5xx ends the run.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const ctx: SimContext = { client: options.client, random: options.random, returnedOrders: new Set() };
  const interval = 60_000 / options.rate;
  const maxRefusals = options.maxRefusalsInRow ?? 25;
  let events = 0;
  let refused = 0;
  let refusedInRow = 0;
  let idleReported = false;
  const finished = (): boolean => options.signal?.aborted === true || (options.count !== undefined && events >= options.count);
  while (!finished()) {
    const tick = performance.now();
    const outcome = await oneEvent(ctx);
    if (outcome.kind === 'done') {
      events += 1;
      refusedInRow = 0;
      idleReported = false;
      options.print(`${stamp()}  ${outcome.action.padEnd(18)} ${outcome.text}`);
    } else if (outcome.kind === 'refused') {
      refused += 1;
      refusedInRow += 1;
      options.print(`${stamp()}  ${outcome.action.padEnd(18)} refused ${outcome.error.status} ${outcome.error.code}: ${outcome.error.message}`);
      if (refusedInRow >= maxRefusals) throw new Error(`${refusedInRow} refusals in a row; stopping. The last: ${outcome.error.code} ${outcome.error.message}`);
    } else if (!idleReported) {
      idleReported = true;
      options.print(`${stamp()}  idle               nothing to do for any kind of event; waiting`);
    }
    const wait = interval * (0.75 + options.random() * 0.5) - (performance.now() - tick);
    if (wait > 0 && !finished()) {
      await sleep(wait, undefined, { signal: options.signal }).catch(() => undefined);
    }
  }
  return { events, refused, elapsedMs: performance.now() - started };
}

type Outcome = { kind: 'done'; action: string; text: string } | { kind: 'refused'; action: string; error: ApiError } | { kind: 'idle' };

// Tries kinds in a weighted random order until one finds something to do.
async function oneEvent(ctx: SimContext): Promise<Outcome> {
  const remaining = [...simActions];
  while (remaining.length > 0) {
    const total = remaining.reduce((sum, action) => sum + action.weight, 0);
    let roll = ctx.random() * total;
    const index = Math.max(0, remaining.findIndex((action) => (roll -= action.weight) < 0));
    const [action] = remaining.splice(index, 1);
    if (action === undefined) break;
    try {
      const result = await action.run(ctx);
      if ('done' in result) return { kind: 'done', action: action.name, text: result.done };
    } catch (error) {
      // A 4xx is the service saying no (a race with staff or another simulator): worth a line.
      if (error instanceof ApiError && error.status < 500) return { kind: 'refused', action: action.name, error };
      throw error;
    }
  }
  return { kind: 'idle' };
}

function stamp(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}
