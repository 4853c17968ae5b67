import { describe, expect, it } from 'vitest';
import { campaignLink, trackerLinkTemplate } from '../../../src/main/tracker/campaignLink';
import { defaultCampaignPattern, extractCampaignToken, generateCampaignCode } from '../../../src/main/tracker/campaignToken';
import { postbackUrls } from '../../../src/main/tracker/postbackUrl';
import { presets, resolvePreset } from '../../../src/main/tracker/presets';

describe('postback URLs per preset', () => {
  it('keeps sender macros literal and uses the preset’s own param names', () => {
    expect(postbackUrls('https://pb.example.com/', 'TOKEN', presets.keitaro)).toEqual([
      expect.objectContaining({ preset: 'keitaro', url: 'https://pb.example.com/pb/TOKEN/keitaro?subid={subid}&status={status}&payout={revenue}&tid={tid}', clickIdMacro: '{subid}' }),
    ]);
    expect(postbackUrls('http://h', 'T', presets.binom)[0]?.url).toBe('http://h/pb/T/binom?cnv_id={clickid}&cnv_status={cnv_status}&payout={payout}&cnv_currency={cnv_currency}');
    expect(postbackUrls('http://h', 'T', presets.bemob)[0]?.url).toBe('http://h/pb/T/bemob?cid={clickId}&status={status}&payout={payout}');
  });

  it('gives affiliate programs one URL per event, without the {transaction_id} some fill with the sub id', () => {
    const urls = postbackUrls('http://h', 'T', presets.igaming);
    expect(urls.map((u) => [u.event, u.url])).toEqual([
      ['registration', 'http://h/pb/T/igaming?click_id={sub_id}&event=registration&amount={amount}&currency={currency}'],
      ['ftd', 'http://h/pb/T/igaming?click_id={sub_id}&event=ftd&amount={amount}&currency={currency}'],
      ['deposit', 'http://h/pb/T/igaming?click_id={sub_id}&event=deposit&amount={amount}&currency={currency}'],
    ]);
  });

  it('shows the custom preset with the operator’s param names', () => {
    const preset = resolvePreset('custom', { clickIdParam: 'pbclick', payoutParam: 'sum' });
    expect(postbackUrls('http://h', 'T', preset)[0]?.url).toBe('http://h/pb/T/custom?pbclick={clickid}&event={event}&sum={payout}&currency={currency}&tid={tid}');
  });
});

describe('campaign links', () => {
  it('URL-encodes the greeting with the token in its slot, or appended', () => {
    expect(campaignLink('@anna', 'Привет! Код {token}', 'K7Q2M9')).toBe(`https://t.me/anna?text=${encodeURIComponent('Привет! Код #K7Q2M9')}`);
    expect(campaignLink('anna', 'Hi', 'K7Q2M9')).toBe('https://t.me/anna?text=Hi%20%23K7Q2M9');
  });

  it('leaves the tracker’s click-id macro unencoded in the tracker template', () => {
    expect(trackerLinkTemplate('anna', 'Hi {token}!', 'K7Q2M9', '{subid}')).toBe('https://t.me/anna?text=Hi%20%23K7Q2M9-{subid}!');
  });

  it('generates codes from an unambiguous alphabet', () => {
    for (let i = 0; i < 50; i++) expect(generateCampaignCode()).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });
});

describe('extractCampaignToken', () => {
  it('finds code and click id anywhere in the text, case-insensitively, and tidies the seam', () => {
    expect(extractCampaignToken('Hi! code #k7q2m9-3f9a1c2b, tell me more', defaultCampaignPattern)).toEqual({
      token: { raw: '#k7q2m9-3f9a1c2b', code: 'K7Q2M9', clickid: '3f9a1c2b', subs: {} },
      cleanText: 'Hi! code, tell me more',
    });
    expect(extractCampaignToken('#K7Q2M9 привет', defaultCampaignPattern)).toMatchObject({ token: { code: 'K7Q2M9', clickid: undefined }, cleanText: 'привет' });
  });

  it('finds nothing in ordinary text or a too-long hashtag', () => {
    expect(extractCampaignToken('привет, как дела?', defaultCampaignPattern)).toBeUndefined();
    expect(extractCampaignToken('#verylonghashtag', defaultCampaignPattern)).toBeUndefined();
  });

  it('supports a custom pattern with subs, and ignores one that does not compile', () => {
    const found = extractCampaignToken('start ref=abc.fb.ad7 ok', 'ref=(?<clickid>\\w+)\\.(?<sub1>\\w+)\\.(?<sub2>\\w+)');
    expect(found).toEqual({ token: { raw: 'ref=abc.fb.ad7', code: undefined, clickid: 'abc', subs: { sub1: 'fb', sub2: 'ad7' } }, cleanText: 'start ok' });
    expect(extractCampaignToken('anything', '(unclosed')).toBeUndefined();
  });
});
