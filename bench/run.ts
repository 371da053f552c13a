// `npm run bench`: every benchmark, each printing one JSON object per line
// ({"metric":…,"value":…,"unit":…}). Figures compared with each other are measured in the same run.
import { benchBridge } from './bridge.bench';
import { benchHealth } from './health.bench';
import { benchPull } from './pull.bench';

async function main(): Promise<void> {
  await benchBridge();
  await benchHealth();
  await benchPull();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
