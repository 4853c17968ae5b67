import type { SameKeys } from '../sameKeys';
import type { notifyEn } from '../en/notify';

/** Уведомления, когда чату нужен человек, по причине (`lead.needsHuman`). */
export const notifyRu: SameKeys<typeof notifyEn> = {
  handover: 'Чату нужен человек',
  account_limited: 'Telegram ограничил аккаунт',
  send_failed: 'Сообщение не отправлено',
  handoverBody: 'Воронка передала лида на ручную обработку.',
  account_limitedBody: 'Telegram отклонил сообщение как спам (PEER_FLOOD): автоматическая отправка приостановлена. Откройте чат, чтобы ответить вручную.',
  send_failedBody: 'Telegram окончательно отклонил сообщение. Откройте чат, чтобы повторить или отменить отправку.',
  reason: 'Причина: {{reason}}',
};
