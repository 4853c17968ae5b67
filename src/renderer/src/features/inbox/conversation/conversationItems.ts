import type { z } from 'zod';
import type { chatMessageSchema, leadEventSchema } from '../../../../../shared/rpc/leads';

// The shapes MessageBubble and DecisionItem show (from the RPC schema: this file has no JSX).
type ChatMessage = z.infer<typeof chatMessageSchema>;
type LeadEvent = z.infer<typeof leadEventSchema>;

export type ConversationItem = { kind: 'message'; ts: number; message: ChatMessage } | { kind: 'event'; ts: number; event: LeadEvent };

/**
 * The chat in reading order. A message's time is when it was received or sent, and for one still
 * queued, when it is planned to go. The account sends a chat's queued messages one after another in
 * the order they were stored (ids), so a queued message is never placed before an earlier outgoing
 * one that went out or waits before it: once the first is sent (its time becomes the real, later one)
 * the next, still queued with its planned time, would otherwise jump above it. Everything else keeps
 * its own time: what was sent or received, a failed or cancelled message (it left the queue), a
 * message the account's owner wrote from their phone; decisions (timeline events) too.
 */
export function conversationItems(pages: readonly (readonly ChatMessage[])[], events: readonly LeadEvent[]): ConversationItem[] {
  const byId = new Map<number, ChatMessage>();
  for (const page of pages) for (const m of page) if (!byId.has(m.id)) byId.set(m.id, m);
  const list: ConversationItem[] = [];
  let outgoingAt = Number.NEGATIVE_INFINITY; // the latest time of an outgoing message sent or waiting so far
  for (const message of [...byId.values()].sort((a, b) => a.id - b.id)) {
    const inQueueOrder = message.direction === 'out' && message.status !== 'failed' && message.status !== 'cancelled';
    const ts = inQueueOrder && message.status === 'queued' ? Math.max(outgoingAt, message.ts) : message.ts;
    if (inQueueOrder) outgoingAt = Math.max(outgoingAt, ts);
    list.push({ kind: 'message', ts, message });
  }
  for (const event of events) list.push({ kind: 'event', ts: event.ts, event });
  return list.sort((a, b) => a.ts - b.ts || (a.kind === 'message' && b.kind === 'message' ? a.message.id - b.message.id : 0));
}
