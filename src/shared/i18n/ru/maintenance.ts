import type { maintenanceEn } from '../en/maintenance';
import type { SameKeys } from '../sameKeys';

/** Настройки: журналы и резервные копии. */
export const maintenanceRu: SameKeys<typeof maintenanceEn> = {
  maintenance: {
    title: 'Резервные копии и журналы',
    hint: 'Копия базы данных делается каждый день и перед каждым обновлением её формата; хранятся последние 7 копий каждого вида.',
    backupNow: 'Сделать копию',
    backedUp: 'Копия сделана: {{name}}',
    restore: 'Восстановить',
    restoreTitle: 'Восстановить эту копию?',
    restoreBody: 'Voronka остановится, поставит {{name}} на место текущей базы и запустится снова. Текущая база сохранится рядом как voronka.db.before-restore.',
    restored: 'Восстановлено: {{name}}',
    none: 'Копий пока нет.',
    reason: { daily: 'ежедневная', manual: 'вручную', 'pre-migration': 'перед обновлением' },
    logs: 'Журналы',
    openLogs: 'Открыть папку журналов',
    openBackups: 'Открыть папку копий',
    folder: 'Папка',
  },
};
