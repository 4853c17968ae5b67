import type { NewLead } from '../db/repositories/leadsRepo';
import { ensureLead } from '../db/repositories/leadsRepo';
import { insertIncoming, type NewIncoming } from '../db/repositories/messagesRepo';
import type { Db } from '../db/connection';
import type { WriteQueue } from '../db/writeQueue';
import type { Engine } from '../engine/engine';
import type { TrackerService } from '../tracker/trackerService';

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
export async function receiveMessage(
  db: Db,
  writes: WriteQueue,
  engine: Engine,
  inbound: InboundMessage,
  tracker?: Pick<TrackerService, 'attributeInbound' | 'applyPendingPostbacks'>,
): Promise<{ leadId: number; stored: boolean }> {
  const stored = await storeInbound(db, writes, inbound, tracker);
  if (stored.messageId !== undefined) await handInbound(engine, stored, tracker);
  return { leadId: stored.leadId, stored: stored.messageId !== undefined };
}

export interface StoredInbound {
  leadId: number;
  /** Undefined when this Telegram message was stored before (nothing more to do). */
  messageId: number | undefined;
  clickIdAssigned: boolean;
}

/** The durable half: the lead and the message, with campaign attribution, in one write. */
export function storeInbound(
  db: Db,
  writes: WriteQueue,
  inbound: InboundMessage,
  tracker?: Pick<TrackerService, 'attributeInbound'>,
): Promise<StoredInbound> {
  return writes.run(() => {
    const id = ensureLead(db, { ...inbound.lead, scriptId: inbound.scriptId }, inbound.message.ts);
    // Attribution in the same write, before the message is stored: the click id exists before the
    // first turn, and the campaign token never reaches the AI.
    const attributed = tracker?.attributeInbound(id, inbound.message.text);
    const text = attributed?.text ?? inbound.message.text;
    return { leadId: id, clickIdAssigned: attributed?.clickIdAssigned ?? false, messageId: insertIncoming(db, { ...inbound.message, text, leadId: id }) };
  });
}

/**
 * The processing half: the funnel's turn for a stored message. A failure here leaves the message
 * stored and unhandled (the engine picks up unhandled messages on its next turn or at start-up).
 */
export async function handInbound(engine: Engine, stored: StoredInbound, tracker?: Pick<TrackerService, 'applyPendingPostbacks'>): Promise<void> {
  await engine.incomingMessage(stored.leadId);
  // Postbacks that arrived before the lead wrote apply after the funnel's first turn, as if just received.
  if (stored.clickIdAssigned) await tracker?.applyPendingPostbacks(stored.leadId);
}
