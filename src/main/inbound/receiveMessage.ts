import type { NewLead } from '../db/repositories/leadsRepo';
import { ensureLead } from '../db/repositories/leadsRepo';
import { insertIncoming, type NewIncoming } from '../db/repositories/messagesRepo';
import type { Db } from '../db/connection';
import type { WriteQueue } from '../db/writeQueue';
import type { Engine } from '../engine/engine';

export interface InboundMessage {
  lead: Omit<NewLead, 'scriptId'>;
  /** The account's assigned script, used when this is the lead's first message. */
  scriptId: number | null;
  message: Omit<NewIncoming, 'leadId'>;
}

/**
 * The one way a lead's message enters Voronka (Telegram adapter, emulator): stored durably first —
 * lead created on first contact, a re-delivered Telegram message ignored — then handed to the engine.
 * Resolves with the lead id, and whether the message was new.
 */
export async function receiveMessage(db: Db, writes: WriteQueue, engine: Engine, inbound: InboundMessage): Promise<{ leadId: number; stored: boolean }> {
  const { leadId, messageId } = await writes.run(() => {
    const id = ensureLead(db, { ...inbound.lead, scriptId: inbound.scriptId }, inbound.message.ts);
    return { leadId: id, messageId: insertIncoming(db, { ...inbound.message, leadId: id }) };
  });
  if (messageId !== undefined) await engine.incomingMessage(leadId);
  return { leadId, stored: messageId !== undefined };
}
