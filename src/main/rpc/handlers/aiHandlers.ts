import type { AiService } from '../../ai/aiService';
import type { RpcHandlers } from '../router';

/** The AI provider settings methods over the AI adapter's service. */
export function aiHandlers(ai: AiService): Pick<RpcHandlers, 'ai.provider.get' | 'ai.provider.set' | 'ai.testConnection' | 'ai.usageByDay'> {
  return {
    'ai.provider.get': () => ai.provider(),
    'ai.provider.set': (patch) => ai.setProvider(patch),
    'ai.testConnection': (unsaved) => ai.testConnection(unsaved),
    'ai.usageByDay': (range) => ai.usageByDay(range),
  };
}
