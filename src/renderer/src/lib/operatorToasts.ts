import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { RpcCallError } from '../rpc/hooks';

/** Every save says so (issue 15): one look for all of them. */
export function toastSaved(t: TFunction, what?: string): void {
  notifications.show({ color: 'teal', message: what ? t('desk.savedWhat', { what }) : t('desk.saved'), autoClose: 2500, 'data-testid': 'toast-saved' } as Parameters<typeof notifications.show>[0]);
}

/**
 * An RPC failure in the UI language: the main side's reason code with its parameters when it sent one
 * (`serverReasons.*`), else the error class's text, else the raw message.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof RpcCallError) {
    const { reason, code, message } = error.error;
    if (reason) return t(`serverReasons.${reason.code}`, { ...reason.params, defaultValue: message });
    return message || t(`errors.${code}`);
  }
  return error instanceof Error ? error.message : String(error);
}

/** A failed save or action, with the reason. */
export function toastFailed(t: TFunction, error: unknown, title?: string): void {
  notifications.show({ color: 'red', title: title ?? t('desk.notSaved'), message: errorText(t, error), 'data-testid': 'toast-failed' } as Parameters<typeof notifications.show>[0]);
}
