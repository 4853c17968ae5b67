/** Desktop and in-app notices when a chat needs a person, by cause (`lead.needsHuman`). */
export const notifyEn = {
  handover: 'A chat needs a human',
  account_limited: 'Telegram limited the account',
  send_failed: 'A message was not sent',
  handoverBody: 'The funnel handed a lead to manual handling.',
  account_limitedBody: 'Telegram refused a message as spam (PEER_FLOOD): automatic sending is paused. Open the chat to answer by hand.',
  send_failedBody: 'Telegram refused the message for good. Open the chat to retry or drop it.',
  reason: 'Reason: {{reason}}',
};
