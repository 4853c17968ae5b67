import type { AutoAction } from '../../shared/script';
import type { LeadSnapshot } from './types';

/** Auto actions that fire for this event on this lead (filters and the Nth-occurrence rule). */
export function matchingAutoActions(
  rules: readonly AutoAction[],
  event: string,
  lead: LeadSnapshot,
  occurrence: number,
): AutoAction[] {
  return rules.filter((rule) => {
    if (rule.event !== event) return false;
    if (rule.occurrence !== undefined && rule.occurrence !== occurrence) return false;
    const { tags, accountIds, campaign } = rule.filters;
    if (tags?.length && !tags.every((t) => lead.tags.includes(t))) return false;
    if (accountIds?.length && !accountIds.includes(lead.accountId)) return false;
    if (campaign && lead.tracker.campaign !== campaign && lead.tracker.campaign_id !== campaign) return false;
    return true;
  });
}
