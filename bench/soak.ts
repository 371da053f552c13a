import { parseArgs } from 'node:util';
import { CrashRun, KILL_PHASES, prepareCrashRig, seedCrashFile, type CrashRig, type KillPhase } from '../tests/fixtures/crash/runner';
import { CRASH_BREAKS, type CrashBreak } from '../tests/fixtures/crash/world';
import { report } from './measure';

// `npm run soak -- --minutes 10`: the crash test of tests/integration/core/crash.test.ts for as
// long as asked. The harness records staff actions and ingests pull pages on one cache file and
// is SIGKILLed at random moments; after each kill the file is checked (integrity, every action
// reported as queued still queued, no half-written action, the cursor's page whole). Progress
// every ten seconds; the first failure stops the run with its seed and iteration.
//
// Options: --minutes N (10), --seed S (random; replays the kill plans of a failed run),
// --fresh-every K (start a new file every K kills, 1000; 0 = one file for the whole run: with no
// server the outbox only grows, and every page's rebase replays all of it), --break <fault>
// (run against a deliberately broken harness: it must fail).

function options(): { minutes: number; seed: number; freshEvery: number; broken: CrashBreak | undefined } {
  const { values } = parseArgs({
    options: { minutes: { type: 'string', default: '10' }, seed: { type: 'string' }, 'fresh-every': { type: 'string', default: '1000' }, break: { type: 'string' } },
  });
  const broken = CRASH_BREAKS.find((name) => name === values.break);
  if (values.break !== undefined && broken === undefined) throw new Error(`--break is one of ${CRASH_BREAKS.join(', ')}`);
  const minutes = Number(values.minutes);
  const freshEvery = Number(values['fresh-every']);
  if (!(minutes > 0) || !(freshEvery >= 0)) throw new Error('--minutes must be above 0 and --fresh-every at least 0');
  return { minutes, seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(values.seed) >>> 0, freshEvery, broken };
}

async function main(): Promise<number> {
  const { minutes, seed, freshEvery, broken } = options();
  const rig: CrashRig = await prepareCrashRig();
  const stop = (): void => {
    rig.remove();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  try {
    const started = Date.now();
    const deadline = started + minutes * 60_000;
    const phases = Object.fromEntries(KILL_PHASES.map((phase) => [phase, 0])) as Record<KillPhase, number>;
    let kills = 0;
    let files = 0;
    let run: CrashRun | undefined;
    let lastProgress = started;
    console.log(`soak: ${minutes} min, seed ${seed}${broken === undefined ? '' : `, broken by ${broken}`}, file ${rig.file}`);
    while (Date.now() < deadline) {
      if (run === undefined || (freshEvery > 0 && kills % freshEvery === 0 && kills > 0)) {
        if (run !== undefined) seedCrashFile(rig.file);
        // Each file's plans come from its own seed, so a failure replays with --seed alone.
        run = new CrashRun(rig, (seed + files++) >>> 0, broken === undefined ? {} : { break: broken });
      }
      const result = await run.next();
      kills++;
      phases[result.phase]++;
      if (result.problems.length > 0) {
        console.log(`FAILED after ${kills} kills: ${run.describe(result)}`);
        for (const problem of result.problems) console.log(`  - ${problem}`);
        console.log(`replay: npm run soak -- --seed ${run.seed} --fresh-every 0${broken === undefined ? '' : ` --break ${broken}`}`);
        return 1;
      }
      if (Date.now() - lastProgress >= 10_000) {
        lastProgress = Date.now();
        const seconds = (lastProgress - started) / 1000;
        console.log(`${seconds.toFixed(0)} s: ${kills} kills (${(kills / seconds).toFixed(1)}/s), file ${files} at page-${result.cursor} with ${result.queueDepth} queued; phases ${JSON.stringify(phases)}`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`soak passed: ${kills} kills in ${seconds.toFixed(0)} s over ${files} files, none lost a queued action or tore the cache; phases ${JSON.stringify(phases)}`);
    report({ metric: 'soak_kills', value: kills, unit: 'kills' });
    report({ metric: 'soak_kills_per_s', value: kills / seconds, unit: 'kills/s' });
    return 0;
  } finally {
    process.off('SIGINT', stop);
    rig.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
