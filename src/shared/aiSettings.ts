import { z } from 'zod';

/** Price of a model in US dollars per million tokens. */
const modelPriceSchema = z.object({ input: z.number().min(0), output: z.number().min(0) });

/** Known prices as shipped; the user can edit them (providers change prices). */
const defaultModelPrices: Record<string, z.infer<typeof modelPriceSchema>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
};

/** The AI provider: any OpenAI-compatible endpoint. The API key is stored apart, encrypted. */
export const aiProviderSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, message: 'httpUrl' }),
  models: z.object({
    /** Routing, transition requirements, time extraction: small and fast. */
    router: z.string().trim().min(1).max(200),
    /** The replies leads read. */
    reply: z.string().trim().min(1).max(200),
    /** Screenshot reading: needs image input. */
    vision: z.string().trim().min(1).max(200),
  }),
  temperature: z.number().min(0).max(2),
  timeoutSeconds: z.number().int().min(5).max(300),
  /** Retries on 429/5xx/network errors before the step's failure policy applies. */
  maxRetries: z.number().int().min(0).max(6),
  prices: z.record(z.string(), modelPriceSchema),
  /** Output token limit per call and role: bounds cost and how much a manipulated model can say. */
  maxTokens: z
    .object({ router: z.number().int().min(16).max(4096), reply: z.number().int().min(16).max(4096), vision: z.number().int().min(16).max(4096) })
    .default({ router: 400, reply: 800, vision: 600 }),
});
export type AiProvider = z.infer<typeof aiProviderSchema>;

export const defaultAiProvider: AiProvider = {
  baseUrl: 'https://api.openai.com/v1',
  models: { router: 'gpt-4o-mini', reply: 'gpt-4o-mini', vision: 'gpt-4o-mini' },
  temperature: 0.7,
  timeoutSeconds: 30,
  maxRetries: 2,
  prices: defaultModelPrices,
  maxTokens: { router: 400, reply: 800, vision: 600 },
};

/** Plain http only to this machine: a key or a lead's messages must not cross a network in clear text. */
export function isPlainHttpAllowed(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** What the UI sees: never the key itself. */
export const aiProviderViewSchema = aiProviderSchema.extend({ hasKey: z.boolean(), mode: z.enum(['online', 'offline']) });
export type AiProviderView = z.infer<typeof aiProviderViewSchema>;

/** A partial update; `apiKey: null` removes the key, a string replaces it. */
export const aiProviderPatchSchema = aiProviderSchema
  .partial()
  .extend({ apiKey: z.string().trim().max(500).nullable().optional() })
  .strict();
export type AiProviderPatch = z.infer<typeof aiProviderPatchSchema>;
