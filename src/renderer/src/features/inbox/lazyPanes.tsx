import { useEffect, useState, type ComponentProps } from 'react';
import { LoadingState } from '../../components/LoadingState';
import type * as ConversationModule from './conversation/Conversation';
import type * as LeadCardModule from './card/LeadCard';

// The conversation and the lead card are most of the inbox's code (and pull in the script schemas);
// the inbox opens with no chat selected, so they load apart from the list, which paints first.
// Not React.lazy: a lazy component suspends on its first render even when its module is already
// loaded, and React then holds the fallback for up to 300 ms — the first chat opened took ~430 ms.
// Once preloaded, these render at once.
let conversationModule: typeof ConversationModule | undefined;
let leadCardModule: typeof LeadCardModule | undefined;
const loadConversation = () => import('./conversation/Conversation').then((m) => (conversationModule = m));
const loadLeadCard = () => import('./card/LeadCard').then((m) => (leadCardModule = m));

/** The module once loaded (at once when it already is); loads it on first use otherwise. */
function useModule<M>(loaded: M | undefined, load: () => Promise<M>): M | undefined {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (!module) void load().then(setModule);
  }, [module, load]);
  return module ?? loaded;
}

export function Conversation(props: ComponentProps<typeof ConversationModule.Conversation>) {
  const module = useModule(conversationModule, loadConversation);
  return module ? <module.Conversation {...props} /> : <LoadingState />;
}

export function LeadCard(props: ComponentProps<typeof LeadCardModule.LeadCard>) {
  const module = useModule(leadCardModule, loadLeadCard);
  return module ? <module.LeadCard {...props} /> : <LoadingState />;
}

/** Called once the chat list shows rows: both load while the operator looks, so a click does not wait for them. */
export function preloadPanes(): void {
  void loadConversation();
  void loadLeadCard();
}
