// `npm test`: every check CI runs, in order, with one summary at the end. Stages go on after a
// failure so one run shows everything that is wrong; the exit code is non-zero if any failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';

interface Stage {
  name: string;
  command: string[];
  /** JSON report to read test counts from, if the stage runs tests. */
  report?: { file: string; kind: 'vitest' | 'playwright' };
  env?: Record<string, string>;
  /** Skip when an earlier stage of this name failed (e2e needs the build). */
  needs?: string;
}

interface Outcome {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  passed: number;
  failed: number;
  skipped: number;
}

const bin = (name: string): string => `node_modules/.bin/${name}`;
const results = 'test-results';

const stages: Stage[] = [
  { name: 'lint', command: [bin('eslint'), '--max-warnings', '0', '.'] },
  { name: 'typecheck:node', command: [bin('tsc'), '-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'typecheck:web', command: [bin('tsc'), '-p', 'tsconfig.web.json', '--noEmit'] },
  { name: 'build', command: [bin('electron-vite'), 'build'] },
  {
    name: 'unit',
    command: [bin('vitest'), 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/unit.json`],
    report: { file: `${results}/unit.json`, kind: 'vitest' },
  },
  {
    name: 'integration',
    command: [bin('vitest'), 'run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/integration.json`],
    report: { file: `${results}/integration.json`, kind: 'vitest' },
  },
  {
    name: 'e2e',
    command: [bin('playwright'), 'test', '--reporter=list,json'],
    report: { file: `${results}/e2e.json`, kind: 'playwright' },
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/e2e.json` },
    needs: 'build',
  },
];

const vitestReport = z.object({ numPassedTests: z.number(), numFailedTests: z.number(), numPendingTests: z.number(), numTodoTests: z.number() });
const playwrightReport = z.object({ stats: z.object({ expected: z.number(), unexpected: z.number(), skipped: z.number(), flaky: z.number() }) });

/** Reads pass/fail counts from a runner's JSON report; null when it wrote none. */
function readCounts(report: NonNullable<Stage['report']>): Pick<Outcome, 'passed' | 'failed' | 'skipped'> | null {
  if (!existsSync(report.file)) return null;
  const json: unknown = JSON.parse(readFileSync(report.file, 'utf8'));
  if (report.kind === 'vitest') {
    const r = vitestReport.parse(json);
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  }
  const { stats } = playwrightReport.parse(json);
  // A flaky test passed on retry; it still counts as a failure to look at, not a pass.
  return { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped };
}

function run(stage: Stage): Promise<number> {
  const [command, ...args] = stage.command;
  return new Promise((resolve) => {
    const child = spawn(command ?? '', args, { stdio: 'inherit', env: { ...process.env, ...stage.env } });
    child.on('error', () => resolve(127));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const only = process.argv.slice(2);
  // Stages that read the build get a fresh one, so a subset never tests a stale out/.
  if (only.some((name) => name === 'e2e' || name === 'integration') && !only.includes('build')) only.push('build');
  const outcomes: Outcome[] = [];
  for (const stage of stages) {
    if (only.length && !only.includes(stage.name)) continue;
    const blocked = stage.needs && outcomes.some((o) => o.name === stage.needs && o.status !== 'ok');
    if (blocked) {
      outcomes.push({ name: stage.name, status: 'skipped', seconds: 0, passed: 0, failed: 0, skipped: 0 });
      console.log(`\n▶ ${stage.name}: skipped because ${stage.needs} failed`);
      continue;
    }
    console.log(`\n▶ ${stage.name}: ${stage.command.join(' ')}`);
    const started = performance.now();
    const code = await run(stage);
    const counts = stage.report ? readCounts(stage.report) : null;
    const failedTests = counts?.failed ?? 0;
    outcomes.push({
      name: stage.name,
      status: code === 0 && failedTests === 0 ? 'ok' : 'failed',
      seconds: (performance.now() - started) / 1000,
      passed: counts?.passed ?? 0,
      failed: failedTests,
      skipped: counts?.skipped ?? 0,
    });
  }

  console.log('\n── summary ─────────────────────────────────────────');
  for (const o of outcomes) {
    const tests = o.passed + o.failed + o.skipped > 0 ? `  ${o.passed} passed, ${o.failed} failed, ${o.skipped} skipped` : '';
    console.log(`${o.status === 'ok' ? '✔' : o.status === 'skipped' ? '–' : '✘'} ${o.name.padEnd(16)} ${o.status.padEnd(8)} ${o.seconds.toFixed(1).padStart(6)} s${tests}`);
  }
  // A failed stage without test counts (lint, typecheck, build, a crashed runner) counts as one failure.
  const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
  const failed = outcomes.reduce((sum, o) => sum + (o.status !== 'ok' && o.failed === 0 ? 1 : o.failed), 0);
  const skipped = outcomes.reduce((sum, o) => sum + o.skipped, 0);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
