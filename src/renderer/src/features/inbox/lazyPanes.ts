import { lazy } from 'react';

// The conversation and the lead card are most of the inbox's code (and pull in the script schemas);
// the inbox opens with no chat selected, so they load apart from the list, which paints first.
const loadConversation = () => import('./conversation/Conversation');
const loadLeadCard = () => import('./card/LeadCard');

export const Conversation = lazy(() => loadConversation().then((m) => ({ default: m.Conversation })));
export const LeadCard = lazy(() => loadLeadCard().then((m) => ({ default: m.LeadCard })));

/** Called once the chat list shows rows: both load while the operator looks, so a click does not wait for them. */
export function preloadPanes(): void {
  void loadConversation();
  void loadLeadCard();
}
