import { Api, type TelegramClient } from 'teleproto';

/**
 * teleproto handles new_session_created silently (it only takes the new salt), yet Telegram sends
 * it when the server lost the session's state — pushes of that gap are gone and only getDifference
 * has them (core.telegram.org/mtproto/service_messages#new-session-creation-notification). This
 * wraps teleproto's own handler on the client's sender to tell us. It reaches into teleproto's
 * internals, so it is confined to this file and degrades to nothing (the quiet-period catch-up
 * still runs) if a teleproto upgrade moves them.
 */
export function onNewServerSession(client: TelegramClient, listener: () => void): boolean {
  const sender = (client as unknown as { _sender?: { _handlers?: Record<string, (message: unknown) => Promise<void>> } })._sender;
  const handlers = sender?._handlers;
  const key = Api.NewSessionCreated.CONSTRUCTOR_ID.toString();
  const original = handlers?.[key];
  if (!handlers || typeof original !== 'function') return false;
  handlers[key] = async (message: unknown) => {
    await original(message);
    listener();
  };
  return true;
}
