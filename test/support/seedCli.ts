import { seedDataDir } from './seedDb';
import { seedAbStats, seedInboxJourney } from './seedJourney';

/**
 * `node --import tsx test/support/seedCli.ts KIND DATA_DIR [LEADS MESSAGES_PER_LEAD]`: fills a data
 * folder in its own process (the app's main-process modules import JSON, which Playwright's loader
 * cannot). Kinds: `inbox` (the inbox journey), `ab` (known A/B figures), `demo` (both), `bulk` (seedDataDir).
 */
const [kind, dataDir, leads, perLead] = process.argv.slice(2);
if (!kind || !dataDir) throw new Error('usage: seedCli.ts inbox|ab|demo|bulk DATA_DIR [LEADS MESSAGES_PER_LEAD]');
if (kind === 'inbox' || kind === 'demo') await seedInboxJourney(dataDir);
if (kind === 'ab' || kind === 'demo') seedAbStats(dataDir);
if (kind === 'bulk') seedDataDir(dataDir, { leads: Number(leads ?? 100_000), messagesPerLead: Number(perLead ?? 10) }).db.close();
if (!['inbox', 'ab', 'demo', 'bulk'].includes(kind)) throw new Error(`unknown seed kind: ${kind}`);
