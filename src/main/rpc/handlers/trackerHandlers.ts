import { msg } from '../../../shared/appMessage';
import type { z } from 'zod';
import { trackerPresetIds, type trackerRpcMethods, type Campaign } from '../../../shared/rpc/tracker';
import type { Db } from '../../db/connection';
import { listPostbacks } from '../../db/repositories/postbacksRepo';
import { campaignByCode, depositTotals, insertCampaign, leadTracker, listCampaigns, setLeadTracker, type CampaignRow } from '../../db/repositories/trackerRepo';
import { appendEvent } from '../../db/repositories/eventsRepo';
import type { WriteQueue } from '../../db/writeQueue';
import { campaignLink, trackerLinkTemplate } from '../../tracker/campaignLink';
import { compilePattern, generateCampaignCode } from '../../tracker/campaignToken';
import { createIpAllowlist } from '../../tracker/ipAllowlist';
import { postbackUrls } from '../../tracker/postbackUrl';
import { presets, resolvePreset } from '../../tracker/presets';
import type { TrackerService } from '../../tracker/trackerService';
import { AppFailure } from '../../appFailure';

type Methods = typeof trackerRpcMethods;
/** One handler per tracker method, typed from the contract (the same shape as `Pick<RpcHandlers, …>`). */
export type TrackerHandlers = {
  [M in keyof Methods]: (input: z.output<Methods[M]['input']>) => z.output<Methods[M]['output']> | Promise<z.output<Methods[M]['output']>>;
};

export interface TrackerHandlerDeps {
  db: Db;
  writes: WriteQueue;
  now: () => number;
  tracker: TrackerService;
}

/** Every tracker method, over the tracker adapter's service and the tracker tables. */
export function trackerHandlers(deps: TrackerHandlerDeps): TrackerHandlers {
  const { db, tracker: service } = deps;
  const { config } = service;
  // Campaign links use the tracker-side macro of the preset the operator posts with.
  const macroFor = (preset = config.settings().defaultPreset) => presets[preset].linkClickMacro;
  const toCampaign = (row: CampaignRow): Campaign => ({
    ...row,
    link: campaignLink(row.username, row.greeting, row.code),
    trackerTemplate: trackerLinkTemplate(row.username, row.greeting, row.code, macroFor()),
  });

  return {
    'tracker.status': () => service.status(),
    'tracker.settings.get': () => config.settings(),
    'tracker.settings.set': async (patch) => {
      if (patch.campaignPattern !== undefined && !compilePattern(patch.campaignPattern)) throw new AppFailure('invalid_input', msg('campaignPatternInvalid'));
      const badIps = patch.allowedIps ? createIpAllowlist(patch.allowedIps).invalid : [];
      if (badIps.length) throw new AppFailure('invalid_input', msg('notIpOrCidr', { values: badIps.join(', ') }));
      const before = config.settings();
      const after = config.update(patch);
      await service.settingsChanged(before, after);
      return after;
    },
    'tracker.regenerateToken': () => {
      config.regenerate();
      service.tokenChanged();
      return service.status();
    },
    'tracker.postbackUrls': ({ baseUrl }) => {
      const s = config.settings();
      const base = baseUrl ?? (s.publicBaseUrl || service.status().endpoint?.replace(/\/pb\/.*$/, '') || `http://${s.host}:${s.port}`);
      return trackerPresetIds.flatMap((id) => postbackUrls(base, config.pathToken(), resolvePreset(id, s.presets[id])));
    },
    'tracker.log': (filter) => {
      const rows = listPostbacks(db, filter);
      return { rows, nextBeforeId: rows.length === filter.limit ? (rows[rows.length - 1]?.id ?? null) : null };
    },
    'tracker.campaigns.list': () => listCampaigns(db).map(toCampaign),
    'tracker.campaigns.create': async ({ name, username, greeting, subs }) => {
      const row = await deps.writes.run(() => {
        let code = generateCampaignCode();
        while (campaignByCode(db, code)) code = generateCampaignCode();
        const campaign = { code, name, username: username.replace(/^@/, ''), greeting, subs, createdAt: deps.now() };
        return { id: insertCampaign(db, campaign), ...campaign };
      });
      return toCampaign(row);
    },
    'tracker.campaignLink': ({ username, greeting, code, preset }) => ({
      link: campaignLink(username, greeting, code),
      trackerTemplate: trackerLinkTemplate(username, greeting, code, macroFor(preset)),
    }),
    'tracker.lead': ({ leadId }) => {
      const tracker = leadTracker(db, leadId);
      if (!tracker) throw new AppFailure('not_found', msg('leadMissing', { id: leadId }));
      return { tracker, deposits: depositTotals(db, leadId), postbacks: listPostbacks(db, { leadId, limit: 50 }) };
    },
    'tracker.setLeadTracker': async ({ leadId, tracker }) => {
      const merged = await deps.writes.run(() => {
        const current = leadTracker(db, leadId);
        if (!current) return undefined;
        const next = { ...current, ...tracker, ...(tracker.clickid && tracker.clickid !== current.clickid ? { source: 'manual' } : {}) };
        setLeadTracker(db, leadId, next, deps.now());
        appendEvent(db, { type: 'tracker.set_by_operator', leadId, ts: deps.now(), payload: { changed: tracker } });
        return next;
      });
      if (!merged) throw new AppFailure('not_found', msg('leadMissing', { id: leadId }));
      return { tracker: merged, pendingApplied: await service.applyPendingPostbacks(leadId) };
    },
    'tracker.tunnel.start': () => service.startTunnel(),
    'tracker.tunnel.stop': () => service.stopTunnel(),
  };
}
