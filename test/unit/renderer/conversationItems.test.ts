import { describe, expect, it } from 'vitest';
import { conversationItems } from '../../../src/renderer/src/features/inbox/conversation/conversationItems';
import type { z } from 'zod';
import type { chatMessageSchema } from '../../../src/shared/rpc/leads';

type ChatMessage = z.infer<typeof chatMessageSchema>;

const message = (id: number, direction: 'in' | 'out', ts: number, status = direction === 'in' ? 'received' : 'sent'): ChatMessage => ({
  id,
  direction,
  sender: direction === 'in' ? 'lead' : 'bot',
  text: `#${id}`,
  media: null,
  status,
  ts,
  error: null,
});
const order = (pages: ChatMessage[][], events: { id: number; type: string; payload: Record<string, unknown>; ts: number }[] = []) =>
  conversationItems(pages, events).map((i) => (i.kind === 'message' ? i.message.id : `e${i.event.id}`));

describe('conversationItems: the chat in reading order', () => {
  it('a queued reply planned before its predecessor actually went out stays after it (a chat sends in order)', () => {
    // The greeting's two messages were planned for 1,000 and 4,000; the first went out at 6,000
    // (typing took longer), the second is still queued with its planned time.
    const pages = [[message(1, 'in', 500), message(2, 'out', 6_000), message(3, 'out', 4_000, 'queued')]];
    expect(order(pages)).toEqual([1, 2, 3]);
  });

  it('a lead message arriving before a delayed reply goes out is shown before it; timeline events go by time', () => {
    const pages = [[message(1, 'in', 0), message(2, 'out', 60_000, 'queued'), message(3, 'in', 10_000)]];
    expect(order(pages, [{ id: 9, type: 'step.entered', payload: {}, ts: 5_000 }])).toEqual([1, 'e9', 3, 2]);
  });

  it('a cancelled or failed message does not hold later ones back; a message sent from the phone keeps its time', () => {
    const hour = 3_600_000;
    // A reply planned for tomorrow was cancelled (the lead stopped, then was released); the lead and
    // the operator talk meanwhile.
    const pages = [[message(1, 'out', 24 * hour, 'cancelled'), message(2, 'in', hour), message(3, 'out', 2 * hour), message(4, 'in', 3 * hour)]];
    expect(order(pages)).toEqual([2, 3, 4, 1]);
    // A reminder queued for tomorrow; the owner answers from their phone in an hour (stored as sent).
    expect(order([[message(1, 'in', 0), message(2, 'out', 24 * hour, 'queued'), message(3, 'out', hour)]])).toEqual([1, 3, 2]);
  });

  it('pages may overlap (a live refetch): each message once', () => {
    expect(order([[message(2, 'out', 20), message(3, 'in', 30)], [message(1, 'in', 10), message(2, 'out', 20)]])).toEqual([1, 2, 3]);
  });
});
