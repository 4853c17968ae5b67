import type { TrackerPresetId } from '../../shared/rpc/tracker';
import type { Preset } from './presets';

export interface PostbackUrl {
  preset: TrackerPresetId;
  label: string;
  url: string;
  clickIdMacro: string;
  /** The status word fixed in this URL, for senders that fire one URL per event. */
  event: string | null;
}

/**
 * The URL(s) to paste into a tracker or affiliate program for a preset. Macros stay literal (not
 * percent-encoded): the sender replaces `{subid}` only if it finds it verbatim. Pure, so the Tracker
 * page, tests and docs show the same thing.
 */
export function postbackUrls(baseUrl: string, token: string, preset: Preset): PostbackUrl[] {
  const endpoint = `${baseUrl.replace(/\/+$/, '')}/pb/${token}/${preset.id}`;
  const { macros } = preset;
  const pairs = (status: string | undefined): string =>
    [
      [preset.clickIdParams[0], macros.clickId],
      [preset.statusParams[0], status],
      [preset.payoutParams[0], macros.payout],
      [preset.currencyParams[0], macros.currency],
      [preset.transactionIdParams[0], macros.transactionId],
    ]
      .filter((pair): pair is [string, string] => pair[0] !== undefined && pair[1] !== undefined)
      .map(([param, value]) => `${encodeURIComponent(param)}=${value}`)
      .join('&');
  const events = preset.perEvent ?? [undefined];
  return events.map((event) => ({
    preset: preset.id,
    label: event ? `${preset.label}: ${event}` : preset.label,
    url: `${endpoint}?${pairs(event ?? macros.status)}`,
    clickIdMacro: macros.clickId,
    event: event ?? null,
  }));
}
