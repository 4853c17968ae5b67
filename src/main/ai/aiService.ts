import { msg } from '../../shared/appMessage';
import { zodIssueMessage } from '../../shared/zodMessage';
import OpenAI from 'openai';
import { aiProviderSchema, isPlainHttpAllowed, type AiProvider, type AiProviderPatch, type AiProviderView } from '../../shared/aiSettings';
import type { Db } from '../db/connection';
import { aiUsageByDay, loadAiProvider, saveAiProvider } from '../db/repositories/aiProviderRepo';
import type { AiPort } from '../engine/ports';
import { offsetMinutes } from '../engine/time/zonedTime';
import type { Logger } from '../log';
import { AppFailure } from '../appFailure';
import type { AiConnectionTest, AiUsageDay } from '../../shared/rpc/ai';
import type { SecretBox } from '../secrets/secretBox';
import { LocalOcr } from './ocr';
import { createOpenAiPort } from './openAiPort';
import { providerFailure } from './providerErrors';
import { createResilientAi } from './resilientAi';

export interface AiService {
  /** The port the engine uses; follows settings changes without a restart. */
  port: AiPort;
  /** The provider settings as the UI sees them (the key never leaves: only whether one is set). */
  provider(): AiProviderView;
  /** Merges and validates a patch; throws AppFailure('invalid_input') and saves nothing when invalid. */
  setProvider(patch: AiProviderPatch): AiProviderView;
  /**
   * Lists the endpoint's models and says which of the configured ones it lacks. `unsaved` is the form
   * as typed: tested as it would be saved, but nothing is stored or activated.
   */
  testConnection(unsaved?: AiProviderPatch): Promise<AiConnectionTest>;
  usageByDay(range: { from: number; to: number; timezone: string }): AiUsageDay[];
  close(): Promise<void>;
}

/** A provider is usable with a key, or without one at a non-OpenAI URL (Ollama, LM Studio, vLLM). */
function isOnline(provider: AiProvider, apiKey: string | null): boolean {
  if (!isPlainHttpAllowed(provider.baseUrl)) return false;
  return Boolean(apiKey) || !/^https:\/\/api\.openai\.com\//.test(provider.baseUrl);
}

/** Settings with a patch applied, validated; throws AppFailure('invalid_input') with the reason. */
function mergeProvider(before: AiProvider, patch: Omit<AiProviderPatch, 'apiKey'>) {
  const merged = aiProviderSchema.safeParse({ ...before, ...patch });
  if (!merged.success) throw new AppFailure('invalid_input', merged.error.issues[0] ? zodIssueMessage(merged.error.issues[0]) : msg('invalid'));
  if (!isPlainHttpAllowed(merged.data.baseUrl))
    throw new AppFailure('invalid_input', msg('aiPlainHttp'));
  return merged;
}

export function createAiService(options: { db: Db; secrets: SecretBox; dataDir: string; log: Logger; now: () => number }): AiService {
  const { db, secrets, log } = options;
  const ocr = new LocalOcr();
  let current: { provider: AiProvider; apiKey: string | null; port: AiPort | undefined } | undefined;

  const load = () => {
    if (!current) {
      const { provider, sealedKey } = loadAiProvider(db);
      let apiKey: string | null = null;
      try {
        apiKey = sealedKey ? secrets.open(sealedKey) : null;
      } catch {
        log.error('the stored AI key cannot be decrypted (another data folder key?); AI runs offline until it is set again');
      }
      current = { provider, apiKey, port: isOnline(provider, apiKey) ? createOpenAiPort({ provider, apiKey, dataDir: options.dataDir }) : undefined };
    }
    return current;
  };
  const view = (): AiProviderView => {
    const { provider, apiKey, port } = load();
    return { ...provider, hasKey: Boolean(apiKey), mode: port ? 'online' : 'offline' };
  };

  const port = createResilientAi({
    provider: () => load().port,
    ocr,
    dataDir: options.dataDir,
    onFallback: (call, reason) => log.warn('AI fallback', { call, reason }),
  });

  return {
    port,
    provider: view,
    setProvider: ({ apiKey, ...patch }) => {
      const before = load().provider;
      const merged = mergeProvider(before, patch);
      // The key was given for one host: sent to another it would leak. A new host needs the key again.
      const hostChanged = new URL(merged.data.baseUrl).host !== new URL(before.baseUrl).host;
      const sealed = apiKey === undefined ? (hostChanged ? null : undefined) : apiKey === null || apiKey === '' ? null : secrets.seal(apiKey);
      if (hostChanged && apiKey === undefined && load().apiKey) log.info('AI base URL host changed: the API key was cleared', { host: new URL(merged.data.baseUrl).host });
      saveAiProvider(db, merged.data, sealed, options.now());
      current = undefined;
      return view();
    },
    testConnection: async ({ apiKey: typedKey, ...patch } = {}) => {
      const saved = load();
      const provider = mergeProvider(saved.provider, patch).data;
      // The same rule as saving: the stored key goes only to the host it was given for.
      const sameHost = new URL(provider.baseUrl).host === new URL(saved.provider.baseUrl).host;
      const apiKey = typedKey ? typedKey : typedKey === null ? null : sameHost ? saved.apiKey : null;
      const started = performance.now();
      const client = new OpenAI({ baseURL: provider.baseUrl, apiKey: apiKey || 'not-needed', timeout: 15_000, maxRetries: 0 });
      const wanted = [...new Set(Object.values(provider.models))];
      try {
        const models: string[] = [];
        for await (const model of client.models.list()) models.push(model.id);
        const missing = wanted.filter((m) => !models.includes(m));
        return {
          ok: missing.length === 0,
          models,
          missing,
          error: missing.length ? msg('modelsNotOffered', { models: missing.join(', ') }) : null,
          latencyMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        const failure = providerFailure(error, { baseUrl: provider.baseUrl, model: wanted.join(', '), timeoutSeconds: 15, maxRetries: 0 });
        return { ok: false, models: [], missing: wanted, error: failure.detail, latencyMs: Math.round(performance.now() - started) };
      }
    },
    usageByDay: ({ from, to, timezone }) => aiUsageByDay(db, from, to, offsetMinutes(to, timezone)),
    close: () => ocr.close(),
  };
}
