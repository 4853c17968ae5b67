import type { commonEn } from '../en/common';
import type { SameKeys } from '../sameKeys';

export const commonRu: SameKeys<typeof commonEn> = {
  common: {
    loading: 'Загрузка…',
    add: 'Добавить',
    remove: 'Убрать',
    delete: 'Удалить',
    cancel: 'Отмена',
    close: 'Закрыть',
    save: 'Сохранить',
    copy: 'Копировать',
    undo: 'Отменить',
    actions: 'Действия',
    none: 'Пока пусто.',
    nothingFound: 'Ничего не найдено',
    moveUp: 'Выше',
    moveDown: 'Ниже',
    retry: 'Повторить',
    exportCsv: 'CSV',
    all: 'Все',
    yes: 'Да',
    no: 'Нет',
    notAvailableTitle: 'В этой сборке пока недоступно',
    notAvailableBody: 'Приложение, к которому вы подключены, пока этого не умеет. Страница заработает, как только функция появится в основном процессе.',
  },
  status: {
    auto: 'Бот',
    waiting: 'Ждёт',
    manual: 'Ручная',
    paused: 'Пауза',
    stopped: 'Остановлен',
    finished: 'Завершён',
  },
  events: {
    registration: 'Регистрация',
    sale: 'Первый депозит',
    resale: 'Повторный депозит',
  },
};
