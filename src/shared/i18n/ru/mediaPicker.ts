import type { SameKeys } from '../sameKeys';
import type { mediaPickerEn } from '../en/mediaPicker';

/** Выбор вложения в редакторе (шаги «Сообщение»): файлы копируются в папку данных. */
export const mediaPickerRu: SameKeys<typeof mediaPickerEn> = {
  drop: 'Перетащите сюда фото, видео, голосовое или файл',
  pick: 'Выбрать файл',
  replace: 'Заменить',
  remove: 'Убрать',
  stored: 'В папке данных: {{size}}',
  tooLarge: 'Файл больше {{mb}} МБ — это предел Telegram для файлов от аккаунта',
  empty: 'Файл пустой',
  unreadable: 'Не удалось прочитать файл «{{name}}» с диска: выберите его заново',
  uploading: 'Копируем {{name}}: {{sent}} из {{total}}',
  cancel: 'Отменить',
  cancelled: 'Отменено: ничего не добавлено',
  importing: 'Копируем медиафайлы скрипта ({{index}} из {{count}})',
  exporting: 'Сохраняем {{name}}: {{sent}} из {{total}}',
  failed: 'Не удалось сохранить файл: {{message}}',
  media_missing: 'Файла нет в папке медиа: выберите его заново',
  media_outside: 'Путь ведёт за пределы папки медиа: выберите файл заново',
  importWithMedia: 'Выберите .json-файл скрипта вместе с его медиафайлами (фото, видео…).',
  noPreview: 'Для этого типа файла нет превью',
  problemPath: 'Вложение должно быть файлом из папки медиа (media/…): выберите файл, а не вводите путь',
  problemOutside: 'Вложение «{{a}}» — не файл из папки медиа',
  problemMissing: 'Нет файла вложения «{{a}}»: добавьте его вместе со скриптом или выберите заново',
};
