import type { Settings } from '../../../shared/settings';
import type { Db } from '../../db/connection';
import { getSettings, updateSettings } from '../../db/repositories/settingsRepo';
import type { EventBus } from '../eventBus';
import type { RpcHandlers } from '../router';

export function settingsHandlers(
  db: Db,
  events: EventBus,
  defaults: Settings,
  now: () => number,
): Pick<RpcHandlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => getSettings(db, defaults),
    'settings.set': (patch) => {
      const settings = updateSettings(db, patch, defaults, now());
      events.emit('settings.changed', settings);
      return settings;
    },
  };
}
