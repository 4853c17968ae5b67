import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { errorText } from './messageText';

export { errorText };

/** Every save says so (issue 15): one look for all of them. */
export function toastSaved(t: TFunction, what?: string): void {
  notifications.show({ color: 'teal', message: what ? t('desk.savedWhat', { what }) : t('desk.saved'), autoClose: 2500, 'data-testid': 'toast-saved' } as Parameters<typeof notifications.show>[0]);
}

/** A failed save or action, with the reason. */
export function toastFailed(t: TFunction, error: unknown, title?: string): void {
  notifications.show({ color: 'red', title: title ?? t('desk.notSaved'), message: errorText(t, error), 'data-testid': 'toast-failed' } as Parameters<typeof notifications.show>[0]);
}
