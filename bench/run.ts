// `npm run bench`: every benchmark, each printing one JSON object per line
// ({"metric":…,"value":…,"unit":…}). Figures compared with each other are measured in the same run.
import { benchBridge } from './bridge.bench';
import { benchCustomerSearch } from './customerSearch.bench';
import { benchHealth } from './health.bench';
import { benchPull } from './pull.bench';
import { benchQueueScroll } from './queueScroll.bench';
import { benchSync } from './sync.bench';
import { benchActionToEvent, benchSyncOps } from './syncOps.bench';

async function main(): Promise<void> {
  await benchBridge();
  await benchHealth();
  await benchPull();
  // Size M is pulled once: the incremental pull and the push continue from that snapshot, and
  // the customer register is timed on the same cache.
  await benchSync(async (world) => {
    await benchSyncOps(world);
    benchCustomerSearch(world.cache.sqlite);
  });
  await benchActionToEvent();
  await benchQueueScroll();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
