import { join } from 'node:path';
import type { ScriptInput } from '../../src/shared/script';
import { createLogger } from '../../src/main/log';
import { fakeTelegramClientOptions } from '../../src/main/sandbox/fakeTelegram/clientHooks';
import { createSecretBox } from '../../src/main/secrets/secretBox';
import { createTelegramService, type TelegramService } from '../../src/main/telegram/telegramService';
import { openEngine, type EngineFixture } from '../support/engineFixture';
import { tempDir } from '../support/tempDb';

/** The Telegram benches' host: a group-committed engine and the real Telegram service dialing a fake server on `port`. */
export function startBenchTelegramHost(name: string, port: number, script?: ScriptInput): { dataDir: string; engine: EngineFixture; service: TelegramService } {
  const dataDir = tempDir(`voronka-bench-${name}-`);
  const engine = openEngine(join(dataDir, 'voronka.db'), { groupCommit: true, ...(script ? { script } : {}) });
  const writes = engine.writes;
  if (!writes) throw new Error('group commit is off');
  const service = createTelegramService({
    db: engine.db,
    writes,
    engine: engine.engine,
    secrets: createSecretBox(dataDir),
    dataDir,
    clock: { now: () => Date.now() },
    log: createLogger('bench', { level: 'error' }),
    clientOptions: fakeTelegramClientOptions(port),
  });
  return { dataDir, engine, service };
}
