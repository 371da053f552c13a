import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrashRun, KILL_PHASES, prepareCrashRig, seedCrashFile, type CrashRig, type KillPhase } from '../../fixtures/crash/runner';
import { CRASH_BREAKS } from '../../fixtures/crash/world';

// The fault test of the local cache: SIGKILL the client core (a child process running the real
// openCache, Outbox.submit and PageWriter.apply with the outbox rebase) at random moments while
// it records staff actions and ingests a pull. After every kill the file must pass
// `PRAGMA integrity_check`, hold every action reported to the user as queued (there is no server
// here, so none can have been applied and left the outbox), hold no half-written action (the
// cache equals the queued effects folded over the server rows), and hold exactly the page its
// cursor names. The next iteration continues on the same file.
//
// A SIGKILL is a process crash, not a power cut: WAL frames written before the kill are in the
// OS's page cache and survive it whatever `synchronous` says. What this proves is atomicity
// (a transaction is all there or not at all) and that nothing is reported before its commit;
// the fsync that synchronous=FULL adds for power loss is outside what a kill can show.
//
// The kill plans come from a seeded PRNG: a failure names its seed, and LYSDESK_CRASH_SEED=<seed>
// replays the same kill plans and harness choices (the kill's exact instant still depends on timing).
// LYSDESK_CRASH_ITERATIONS raises the count; `npm run soak` runs the same for minutes.

const ITERATIONS = Number(process.env.LYSDESK_CRASH_ITERATIONS ?? 200);
const SEED = Number(process.env.LYSDESK_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32));

describe('the client core killed at random moments', () => {
  let rig: CrashRig;

  beforeAll(async () => {
    rig = await prepareCrashRig();
  });
  afterAll(() => {
    rig.remove();
  });

  it(`keeps the cache whole and every queued action across ${ITERATIONS} SIGKILLs`, { timeout: 300_000 }, async () => {
    const run = new CrashRun(rig, SEED);
    const phases = Object.fromEntries(KILL_PHASES.map((phase) => [phase, 0])) as Record<KillPhase, number>;
    let last = { cursor: 0, queueDepth: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const result = await run.next();
      expect(result.problems, run.describe(result)).toEqual([]);
      phases[result.phase]++;
      last = result;
    }
    console.info(`crash seed ${SEED}: ${ITERATIONS} kills, cursor page-${last.cursor}, ${last.queueDepth} actions queued; kills by phase ${JSON.stringify(phases)}`);
    // The file has moved on (pages and actions committed across the kills), and kills landed
    // inside submits and page applies before their commit, and while a restarted process was
    // opening the file, not only between operations.
    expect(last.cursor, `crash seed ${SEED}`).toBeGreaterThan(ITERATIONS / 10);
    expect(last.queueDepth, `crash seed ${SEED}`).toBeGreaterThan(ITERATIONS / 2);
    expect(phases['submit:rolled-back'], `crash seed ${SEED}: kills inside a submit`).toBeGreaterThanOrEqual(ITERATIONS / 20);
    expect(phases['page:rolled-back'], `crash seed ${SEED}: kills inside a page apply`).toBeGreaterThanOrEqual(ITERATIONS / 20);
    expect(phases.startup, `crash seed ${SEED}: kills while opening the file`).toBeGreaterThanOrEqual(ITERATIONS / 50);
  });

  // The checker must be able to fail: each deliberately broken write path (an action reported
  // before its commit, an action in two transactions, a page in two transactions) is caught.
  // About one kill in ten lands in the fault's window here, so 150 tries all but never miss.
  it.each(CRASH_BREAKS)('catches a harness broken by %s', { timeout: 120_000 }, async (broken) => {
    seedCrashFile(rig.file);
    const run = new CrashRun(rig, SEED, { break: broken });
    let caught: string[] = [];
    for (let i = 0; i < 150 && caught.length === 0; i++) caught = (await run.next()).problems;
    expect(caught, `crash seed ${SEED}, break ${broken}`).not.toEqual([]);
  });
});
