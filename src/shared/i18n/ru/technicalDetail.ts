import type { technicalDetailEn } from '../en/technicalDetail';
import type { SameKeys } from '../sameKeys';

export const technicalDetailRu: SameKeys<typeof technicalDetailEn> = {
  refused: 'соединение отклонено: по этому адресу никто не отвечает ({{code}})',
  notFound: 'имя хоста не найдено: проверьте адрес и подключение к интернету ({{code}})',
  timedOut: 'нет ответа вовремя ({{code}})',
  dropped: 'соединение оборвалось ({{code}})',
  unreachable: 'сеть не может достучаться до этого хоста ({{code}})',
  certificate: 'TLS-сертификат сервера не принят ({{code}})',
  portBusy: 'порт уже занят другой программой ({{code}})',
  noPermission: 'нет прав доступа ({{code}})',
  diskFull: 'диск заполнен ({{code}})',
  noFile: 'файл или папка не найдены ({{code}})',
  connectFailed: 'не удалось подключиться ({{code}})',
};
