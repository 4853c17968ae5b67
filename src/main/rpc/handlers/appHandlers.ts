import type { AppInfo } from '../../../shared/appInfo';
import type { Settings } from '../../../shared/settings';
import type { AiService } from '../../ai/aiService';
import type { Db } from '../../db/connection';
import { getSettings } from '../../db/repositories/settingsRepo';
import type { WriteQueue } from '../../db/writeQueue';
import type { Engine } from '../../engine/engine';
import type { EngineStore, HttpPort } from '../../engine/ports';
import type { TelegramService } from '../../telegram/telegramService';
import type { TrackerService } from '../../tracker/trackerService';
import type { EventBus } from '../eventBus';
import type { RpcHandlers } from '../router';
import { accountImportHandlers } from './accountImportHandlers';
import { accountsHandlers } from './accountsHandlers';
import { aiHandlers } from './aiHandlers';
import { emulatorHandlers } from './emulatorHandlers';
import { leadsHandlers } from './leadsHandlers';
import { maintenanceHandlers, type MaintenanceDeps } from './maintenanceHandlers';
import { mediaHandlers } from './mediaHandlers';
import { MediaUploads } from '../../media/mediaUploads';
import { tagsHandlers } from './tagsHandlers';
import { firstRunHandlers } from './firstRunHandlers';
import { sandboxHandlers, type SandboxService } from './sandboxHandlers';
import { scriptsHandlers } from './scriptsHandlers';
import { settingsHandlers } from './settingsHandlers';
import { statsHandlers } from './statsHandlers';
import { trackerHandlers } from './trackerHandlers';

/** The services and stores the RPC methods run over; the composition root (app.ts) builds them. */
export interface AppHandlerDeps {
  info: AppInfo;
  db: Db;
  store: EngineStore;
  writes: WriteQueue;
  engine: Engine;
  events: EventBus;
  http: HttpPort;
  dataDir: string;
  defaults: Settings;
  now: () => number;
  ai: AiService;
  tracker: TrackerService;
  telegram: TelegramService;
  sandbox?: SandboxService;
  maintenance: Omit<MaintenanceDeps, 'db' | 'dataDir'>;
}

/**
 * The one place the RPC handler map is assembled: every handler lives in rpc/handlers/ and talks to
 * the adapters through their plain service interfaces. `close` ends what the handlers own (emulator
 * sessions, media uploads in progress).
 */
export function createAppHandlers(deps: AppHandlerDeps): { handlers: RpcHandlers; close(): Promise<void> } {
  const { db, events, now } = deps;
  // Built at start-up: deletes temporary files left by uploads a previous run never finished.
  const uploads = new MediaUploads(deps.dataDir, now);
  const { closeAll, ...emulator } = emulatorHandlers({
    db,
    ai: deps.ai.port,
    http: deps.http,
    dataDir: deps.dataDir,
    stopWords: () => getSettings(db, deps.defaults).stopWords,
  });
  const handlers: RpcHandlers = {
    'app.info': () => deps.info,
    ...settingsHandlers(db, events, deps.defaults, now),
    ...aiHandlers(deps.ai),
    ...scriptsHandlers(db, events, now, deps.dataDir),
    ...mediaHandlers(db, deps.dataDir, uploads),
    ...tagsHandlers(db),
    ...firstRunHandlers(db, deps.sandbox !== undefined, now),
    ...leadsHandlers(db, deps.store, deps.engine, events, deps.dataDir, now, (accountId) => deps.telegram.pokeSender(accountId)),
    ...statsHandlers(db, deps.store),
    ...emulator,
    ...trackerHandlers({ db, writes: deps.writes, now, tracker: deps.tracker }),
    ...accountsHandlers(deps.telegram, db),
    ...accountImportHandlers(deps.telegram, db, events),
    ...sandboxHandlers(deps.sandbox),
    ...maintenanceHandlers({ db, dataDir: deps.dataDir, ...deps.maintenance }),
  };
  return {
    handlers,
    close: async () => {
      closeAll();
      await uploads.close();
    },
  };
}
