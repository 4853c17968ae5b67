import type { Db } from '../db/connection';
import { appendEvent } from '../db/repositories/eventsRepo';
import { campaignByCode, leadTracker, setLeadTracker } from '../db/repositories/trackerRepo';
import { extractCampaignToken, generateClickId } from './campaignToken';

export interface AttributionResult {
  /** The message text to store and show the AI: the campaign token removed. */
  text: string;
  /** A click id was newly set from a campaign token: pending postbacks may now match. */
  clickIdAssigned: boolean;
}

/**
 * Reads the campaign token of an incoming message and fills the lead's tracker fields. Synchronous
 * and database-only, so the caller runs it inside the same write as the message insert: the token
 * is never stored, and the click id exists before the engine's first turn reads the lead.
 *
 * - token with a click id (from a tracker redirect), or a known campaign code → tracker fields
 *   `clickid`, `campaign`, `campaign_id`, `source`, the campaign's static subs and the token's subs;
 * - no token and no click id yet → a generated `org_…` click id (`source: organic`), so events and
 *   auto actions still work for the lead;
 * - an organic lead whose later message carries a token is upgraded; a lead with a real click id
 *   keeps it (the token is still stripped).
 */
export function attributeInbound(db: Db, leadId: number, text: string, options: { pattern: string; organic: boolean; now: number }): AttributionResult {
  const current = leadTracker(db, leadId);
  if (current === undefined) return { text, clickIdAssigned: false };
  const found = extractCampaignToken(text, options.pattern);
  const campaign = found?.token.code ? campaignByCode(db, found.token.code) : undefined;
  // An unknown code without a click id is probably the lead's own "#hashtag": leave it alone.
  const accepted = found && (campaign || found.token.clickid) ? found : undefined;
  const cleanText = accepted ? accepted.cleanText : text;
  const replaceable = !current.clickid || current.source === 'organic';

  if (accepted && replaceable) {
    const { token } = accepted;
    const tracker: Record<string, string> = {
      ...current,
      ...(campaign?.subs ?? {}),
      ...token.subs,
      clickid: token.clickid ?? generateClickId('vr'),
      source: token.clickid ? 'campaign' : 'campaign-direct',
      ...(campaign ? { campaign: campaign.name } : {}),
      ...(token.code ? { campaign_id: token.code } : {}),
    };
    setLeadTracker(db, leadId, tracker, options.now);
    appendEvent(db, { type: 'tracker.attributed', leadId, ts: options.now, payload: { token: token.raw, clickid: tracker.clickid, campaign: tracker.campaign ?? null } });
    return { text: cleanText, clickIdAssigned: Boolean(token.clickid) };
  }
  if (!current.clickid && options.organic) {
    setLeadTracker(db, leadId, { ...current, clickid: generateClickId('org'), source: 'organic' }, options.now);
  }
  return { text: cleanText, clickIdAssigned: false };
}
