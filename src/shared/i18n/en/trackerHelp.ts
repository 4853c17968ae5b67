/** The Tracker page's per-preset help and listener-safety texts (EN); must match src/main/tracker/. */
export const trackerHelpEn = {
  presetHelp: {
    keitaro:
      'Keitaro → campaign → S2S postback. status: lead = registration, sale = first deposit, rebill = re-deposit, rejected = rejection; no status = sale. Your network’s own words win when the URL says so: lead_status=reg,topup&sale_status=billed&rejected_status=fraud. Statuses listed in ignore_status= (or the older ignore=) are logged as ignored, with no event. A deposit with a tid not seen for this subid is the next re-deposit (#N); the same tid again is a duplicate. Without a tid one deposit per subid counts: repeats are duplicates, as in Keitaro.',
    binom:
      'Binom → S2S postback. cnv_status in any letter case: reg / lead / signup = registration; sale / ftd / deposit / approved = first deposit; rebill / redeposit / upsell = re-deposit; rejected / declined = rejection; chargeback / refund = chargeback. Map other words below. A repeat deposit needs a txid= (or tid=) not seen for this click; without one, one deposit per click counts.',
    voluum:
      'Voluum → traffic source postback. et= names the event (none = first deposit). As in Voluum, a second postback for the same cid is a duplicate unless its txid is new for that click — then it is the next re-deposit.',
    bemob:
      'BeMob → traffic source postback with its {status} token: new = registration, confirm = first deposit, decline = rejection, charge = chargeback. Networks without a status token: one URL per status with status=lead or hold (registration) or reject. A repeat deposit needs a txid new for the click; without one, one deposit per click counts.',
    redtrack:
      'RedTrack → traffic channel postback. type= is case-sensitive, as in RedTrack: Registration / Lead / SignUp = registration; FTD / Deposit / Purchase / Conversion = deposit; Upsell / Redeposit = re-deposit. Map your own type names below exactly as written (ftd ≠ FTD). status=Declined makes any type a rejection; Approved, Pending, Other or none keep the type’s event. rdtk_event_id= de-duplicates: a new one on a click that has a deposit is the next re-deposit, the same one a duplicate; without it, one deposit per click counts.',
    igaming:
      'One postback per event in the programme’s panel: event=registration, event=ftd (first deposit), event=deposit (every later deposit). For click_id use the macro that returns the sub id you put in the registration link. Do not send {transaction_id} as the transaction id: on some programmes it is the sub id. If the programme has a unique deposit id macro, add &tid=<that macro> so a resent postback is a duplicate; without it every call of the deposit URL counts as the next re-deposit, and a repeated ftd is a duplicate.',
    custom:
      'Choose which params carry the click id, status, payout, currency and transaction id, and map status words to events. As for the trackers: a deposit with a tid new for the click is the next re-deposit, without a tid one deposit per click counts; rejected / declined and chargeback are events of their own.',
  },
  presetHelpCommon:
    'Rejections and chargebacks never count as deposits and never trigger deposit auto actions; add auto actions on rejected or chargeback (e.g. a tag) if you want them. Payouts such as 20,50 · 1,000.50 · 1 000,50 · 25 USD · $25 are read with their currency; a payout that cannot be read is kept as sent and flagged in the log and on the lead. Broken percent-encoding is refused (400) with that reason.',
  strangers: 'Refused before the token check: {{count}}',
  strangersHint: 'Wrong token, unknown path, outside the allowlist or unreadable HTTP. Counted, not stored one by one; the latest few:',
  strangerReasons: { token: 'wrong token', path: 'unknown path', allowlist: 'not in the allowlist', malformed: 'unreadable request' },
  payoutUnparsed: 'Payout not readable: {{raw}}',
  resaleNumber: 're-deposit #{{n}}',
  mapping: {
    title: 'Status words → events',
    hint: "Your sender's own status words, added to the preset (letter case ignored).",
    hintCaseSensitive: 'RedTrack compares type names exactly as written: ftd and FTD are different types.',
    word: 'Word as sent',
    event: 'Event',
    remove: 'Remove',
    add: 'Add a word',
  },
  security: {
    tokenRateLimit: 'Requests per minute for the token',
    frontProxy: 'In front of the listener',
    frontProxyHint: 'Client addresses come from X-Forwarded-For or CF-Connecting-IP only if you say a proxy or tunnel on this machine forwards the requests',
    frontProxyOptions: { none: 'Nothing (direct)', proxy: 'A reverse proxy (X-Forwarded-For)', cloudflared: 'cloudflared (CF-Connecting-IP)' },
    logRetentionDays: 'Keep the postback log (days)',
  },
} as const;
