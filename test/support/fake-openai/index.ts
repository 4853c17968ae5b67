export { DEFAULT_API_KEY, DEFAULT_MODELS, DEFAULT_REPLY, startFakeOpenAI, type FakeOpenAI } from './fakeOpenAIServer';
export { estimatePromptTokens, estimateTokens } from './completion';
export { imageUrls, messageText } from './parseChatRequest';
export { schemaErrors } from './jsonSchemaCheck';
export type { Rule } from './rules';
export type * from './types';
