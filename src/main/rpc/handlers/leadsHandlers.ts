import { msg } from '../../../shared/appMessage';
import { searchMessages } from '../../db/repositories/messageSearchRepo';
import type { LeadCard } from '../../../shared/rpc/leads';
import type { Db } from '../../db/connection';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { outgoingMediaFile } from '../../media/mediaLibrary';
import { inboxPage, leadEventsOf, leadExists, leadListInfo, leadTimeline, markLeadRead, messageMedia, type InboxRow } from '../../db/repositories/inboxRepo';
import { inspectLead } from '../../db/repositories/leadsRepo';
import { conversationPage } from '../../db/repositories/messagesRepo';
import { dropFailedOutbox, messageLeadId, retryFailedOutbox } from '../../db/repositories/outboxRepo';
import type { Engine } from '../../engine/engine';
import type { EngineStore } from '../../engine/ports';
import type { EventBus } from '../eventBus';
import { AppFailure } from '../../appFailure';
import type { RpcHandlers } from '../router';

type LeadsHandlers = Pick<
  RpcHandlers,
  | 'leads.list'
  | 'leads.get'
  | 'leads.messages'
  | 'leads.searchMessages'
  | 'leads.events'
  | 'leads.media'
  | 'leads.takeover'
  | 'leads.release'
  | 'leads.say'
  | 'leads.stop'
  | 'leads.markRead'
  | 'leads.update'
  | 'leads.retryMessage'
  | 'leads.dropMessage'
>;

const ok = { ok: true as const };

/** What the inbox can show or play, by the extension the Telegram adapter stored the file with. */
const mediaMimes: Record<string, string> = {
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.pdf': 'application/pdf',
};

/**
 * `now`: the app's clock (a retried row is due on it, as the sender reads it — a held or simulated
 * clock would otherwise leave the row waiting). `outboxChanged`: wakes the account's sender after a
 * retried message.
 */
export function leadsHandlers(db: Db, store: EngineStore, engine: Engine, events: EventBus, dataDir: string, now: () => number, outboxChanged?: (accountId: number) => void): LeadsHandlers {
  const stepTitle = (row: Pick<InboxRow, 'scriptId' | 'stepId'>): string | null => {
    if (row.scriptId === null || row.stepId === null) return null;
    const step = store.script(row.scriptId)?.stepById.get(row.stepId)?.step;
    return step ? step.title || step.id : row.stepId;
  };
  const name = (r: { firstName: string | null; lastName: string | null; username: string | null }, id: number): string =>
    [r.firstName, r.lastName].filter(Boolean).join(' ') || (r.username ? `@${r.username}` : `#${id}`);
  const mustExist = (id: number): void => {
    if (!leadExists(db, id)) throw new AppFailure('not_found', msg('leadMissing', { id }));
  };
  const acted = async (id: number, run: () => Promise<void>) => {
    mustExist(id);
    await run();
    events.emit('lead.changed', { id });
    return ok;
  };

  return {
    'leads.list': ({ filters, cursor, limit }) => {
      const page = inboxPage(db, filters, cursor, limit);
      return { ...page, rows: page.rows.map((r) => ({ id: r.id, accountId: r.accountId, name: name(r, r.id), username: r.username, status: r.status, statusReason: r.statusReason, scriptId: r.scriptId, flowId: r.flowId, stepId: r.stepId, stepTitle: stepTitle(r), lastMessageAt: r.lastMessageAt, preview: r.preview, unread: r.unread, tags: r.tags })) };
    },
    'leads.get': ({ id }): LeadCard => {
      // Not store.lead(): a lead with damaged state still has a card, which shows the damage.
      const found = inspectLead(db, id);
      if (!found) throw new AppFailure('not_found', msg('leadMissing', { id }));
      const { lead } = found;
      const script = lead.scriptId === null ? undefined : store.script(lead.scriptId);
      const received = leadEventsOf(db, id);
      const deposits = received.filter((e) => e.name === 'sale' || e.name === 'resale');
      const first = received.find((e) => e.name === 'sale');
      return {
        id,
        accountId: lead.accountId,
        name: name(lead.profile, id),
        username: lead.profile.username,
        status: lead.status,
        statusReason: lead.statusReason,
        scriptId: lead.scriptId,
        flowId: lead.position?.flowId ?? null,
        flowName: lead.position ? (script?.flowById.get(lead.position.flowId)?.name ?? lead.position.flowId) : null,
        stepId: lead.position?.stepId ?? null,
        stepTitle: lead.position ? stepTitle({ scriptId: lead.scriptId, stepId: lead.position.stepId }) : null,
        ...leadListInfo(db, id),
        tags: lead.tags,
        fields: lead.fields,
        tracker: lead.tracker,
        variants: Object.entries(lead.variants).map(([routerId, variantId]) => {
          const router = script?.stepById.get(routerId)?.step;
          const variant = router?.type === 'ab_router' ? router.variants.find((v) => v.id === variantId) : undefined;
          return { routerId, routerTitle: router?.title || routerId, variantId, variantTitle: variant?.title || variantId };
        }),
        deposits: { count: deposits.length, total: deposits.reduce((sum, e) => sum + (e.amount ?? 0), 0), first: first?.amount ?? null },
        leadEvents: received,
        createdAt: lead.createdAt,
        stateDamage: found.damage.map((d) => ({ column: d.column, problem: d.problem })),
      };
    },
    'leads.messages': ({ id, beforeId, limit }) => {
      mustExist(id);
      return conversationPage(db, id, beforeId, limit);
    },
    'leads.searchMessages': ({ query, limit }) =>
      searchMessages(db, query, limit).map((h) => ({ messageId: h.messageId, leadId: h.leadId, leadName: name(h, h.leadId), sender: h.sender as 'lead' | 'bot' | 'operator', ts: h.ts, snippet: h.snippet })),
    'leads.events': ({ id, limit }) => {
      mustExist(id);
      return leadTimeline(db, id, limit);
    },
    'leads.retryMessage': ({ messageId }) => {
      const leadId = messageLeadId(db, messageId);
      // The sender cancels a stopped lead's messages: a retry would silently become a cancel.
      if (leadId !== undefined && db.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(leadId) === 'stopped') throw new AppFailure('conflict', msg('retryLeadStopped'));
      const accountId = retryFailedOutbox(db, messageId, now());
      if (leadId === undefined || accountId === undefined) throw new AppFailure('not_found', msg('messageNotFailed', { id: messageId }));
      outboxChanged?.(accountId);
      events.emit('lead.changed', { id: leadId });
      return ok;
    },
    'leads.dropMessage': ({ messageId }) => {
      const leadId = messageLeadId(db, messageId);
      if (leadId === undefined || !dropFailedOutbox(db, messageId)) throw new AppFailure('not_found', msg('messageNotFailed', { id: messageId }));
      events.emit('lead.changed', { id: leadId });
      return ok;
    },
    'leads.media': async ({ messageId }) => {
      const media = messageMedia(db, messageId);
      if (!media) throw new AppFailure('not_found', msg('messageNoMedia', { id: messageId }));
      try {
        // A script's relative path is read only inside the media folder (see outgoingMediaFile).
        const path = outgoingMediaFile(dataDir, media.path);
        const info = await stat(path);
        if (info.size > 10 * 1024 * 1024) return { dataUrl: null };
        const mime = mediaMimes[extname(path).toLowerCase()] ?? 'image/jpeg';
        return { dataUrl: `data:${mime};base64,${(await readFile(path)).toString('base64')}` };
      } catch {
        return { dataUrl: null };
      }
    },
    'leads.takeover': ({ id }) => acted(id, () => engine.operator(id, { kind: 'takeover' })),
    'leads.release': ({ id, to }) => acted(id, () => engine.operator(id, { kind: 'release', to: to ?? undefined })),
    'leads.say': ({ id, text }) => acted(id, () => engine.operator(id, { kind: 'say', text })),
    'leads.stop': ({ id }) => acted(id, () => engine.operator(id, { kind: 'stop' })),
    'leads.markRead': ({ id }) => acted(id, async () => markLeadRead(db, id)),
    'leads.update': ({ id, addTags, removeTags, fields }) => acted(id, () => engine.operator(id, { kind: 'edit', addTags, removeTags, fields })),
  };
}
