/**
 * A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI REST API (chat completions,
 * models) for the app's AI adapter to be tested through the genuine `openai` SDK: its retries,
 * timeouts and error classes are exercised exactly as in production. Plain node:http rather than
 * fastify because faults need the raw socket (reset, hang, truncated bodies).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCompletion } from './completion';
import {
  FakeApiError,
  invalidRequest,
  missingKey,
  modelNotFound,
  rateLimited,
  routeNotFound,
  scriptError,
  serverError,
  wrongKey,
} from './errors';
import { schemaErrors, violatingValue } from './jsonSchemaCheck';
import { parseChatRequest } from './parseChatRequest';
import { Rule, describeMatcher } from './rules';
import type { ChatRequest, Fault, FakeOpenAIOptions, Matcher, RecordedRequest, ReplyContent, ReplyFn } from './types';

export const DEFAULT_API_KEY = 'sk-fake-openai-test-key';
export const DEFAULT_MODELS: readonly string[] = ['gpt-4o-mini', 'gpt-4o'];
export const DEFAULT_REPLY = 'This is a reply from the fake OpenAI server.';
// Handed out when auth is off: the SDK refuses to construct a client without some key.
const UNCHECKED_KEY = 'sk-fake-openai-unchecked';
// A fixed `created` keeps /v1/models output identical across runs.
const MODEL_CREATED = 1_700_000_000;

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>/v1` — pass straight to `new OpenAI({ baseURL })`. */
  baseURL: string;
  port: number;
  /** The key the server expects (or a placeholder when auth is off). */
  apiKey: string;
  /** Every request in arrival order, including refused and faulted ones. Cleared by reset(). */
  readonly requests: readonly RecordedRequest[];
  /** Adds a scripted rule; chain `.reply()`, `.fail()`, `.times()`, `.once()`. Earlier rules win. */
  when(matcher?: Matcher): Rule;
  /** Injects `fault` into the next `count` requests (any endpoint), before auth and rules. */
  failNext(fault: Fault, count?: number): void;
  /** Forgets rules, pending faults and recorded requests. */
  reset(): void;
  /** Stops listening and drops every open connection, including hung `timeout` requests. */
  close(): Promise<void>;
}

type FaultOutcome = 'handled' | 'continue';

/** One request in flight: what the handlers need to answer it and to fill in its record. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const expectedKey = options.apiKey === undefined ? DEFAULT_API_KEY : options.apiKey;
  const models = [...(options.models ?? DEFAULT_MODELS)];
  const defaultReply: ReplyContent | ReplyFn = options.defaultReply ?? DEFAULT_REPLY;
  const validateStrict = options.validateStrictSchemas ?? true;
  const requests: RecordedRequest[] = [];
  let rules: Rule[] = [];
  let ruleCounter = 0;
  let pendingFaults: Fault[] = [];
  let seq = 0;
  let completionSeq = 0;
  const closing = new AbortController();

  function send({ res, record }: Exchange, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    // The client may have given up (timeout) while a latency fault was sleeping.
    if (res.headersSent || res.destroyed) return;
    const text = JSON.stringify(payload);
    record.status = status;
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-request-id': `req_fake_${record.seq}`,
      ...headers,
    });
    res.end(text);
  }

  function checkAuth(header: string | undefined): void {
    if (expectedKey === null) return;
    const match = /^Bearer (.+)$/.exec(header ?? '');
    if (!match) throw missingKey();
    if (match[1] !== expectedKey) throw wrongKey();
  }

  /** Applies a fault; 'continue' means the request should still be answered normally. */
  async function applyFault(fault: Fault, { req, res, record }: Exchange): Promise<FaultOutcome> {
    record.fault = fault.kind;
    switch (fault.kind) {
      case 'latency':
        try {
          await sleep(fault.ms, undefined, { signal: closing.signal });
        } catch {
          return 'handled'; // server closed while waiting
        }
        return 'continue';
      case 'rateLimit':
        throw rateLimited(fault.retryAfterSeconds ?? 0, fault.message);
      case 'serverError':
        throw serverError(fault.status, fault.message, fault.retryAfterSeconds);
      case 'connectionReset':
        req.socket.destroy();
        return 'handled';
      case 'timeout':
        return 'handled'; // leave the response open; close() or the client's abort ends it
      case 'malformedJson': {
        const broken = '{"id":"chatcmpl-fake-broken","object":"chat.completion","choices":[{"index":0,"message":{"ro';
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(broken) });
        res.end(broken);
        return 'handled';
      }
      case 'schemaViolation':
        return 'continue'; // applied when the completion content is produced
    }
  }

  async function produceContent(
    chat: ChatRequest,
    rule: Rule | undefined,
    callIndex: number,
    violation: Fault | undefined,
  ): Promise<string> {
    const format = chat.response_format;
    const label = rule?.label ?? 'defaultReply';
    if (violation?.kind === 'schemaViolation') {
      const value =
        violation.content !== undefined
          ? violation.content
          : format?.type === 'json_schema'
            ? violatingValue(format.json_schema.schema)
            : ['injected schema violation'];
      if (value === undefined) throw scriptError('schemaViolation fault: the request schema accepts any value.');
      return JSON.stringify(value);
    }
    const source = rule?.content ?? defaultReply;
    let content: ReplyContent;
    try {
      content = typeof source === 'function' ? await source(chat, { callIndex }) : source;
    } catch (e) {
      throw scriptError(`reply function of ${label} threw: ${e instanceof Error ? e.message : String(e)}`);
    }
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    if (validateStrict && format?.type === 'json_schema' && format.json_schema.strict === true) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw scriptError(`reply of ${label} is not JSON but schema "${format.json_schema.name}" is strict.`);
      }
      const errors = schemaErrors(format.json_schema.schema, parsed);
      if (errors.length > 0) {
        throw scriptError(`reply of ${label} breaks strict schema "${format.json_schema.name}": ${errors.join('; ')}`);
      }
    }
    return text;
  }

  async function chatCompletion(ex: Exchange, bodyIsJson: boolean, globalFault: Fault | undefined): Promise<void> {
    if (!bodyIsJson) throw invalidRequest('We could not parse the JSON body of your request.');
    const chat = parseChatRequest(ex.record.body);
    ex.record.chat = chat;
    if (!models.includes(chat.model)) throw modelNotFound(chat.model);
    const rule = rules.find((r) => r.matches(chat));
    const callIndex = rule ? rule.take() : 0;
    if (rule) ex.record.rule = rule.label;
    if (rule?.fault && (await applyFault(rule.fault, ex)) === 'handled') return;
    const violation = [rule?.fault, globalFault].find((f) => f?.kind === 'schemaViolation');
    const content = await produceContent(chat, rule, callIndex, violation);
    send(ex, 200, buildCompletion(chat, content, ++completionSeq));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let bodyIsJson = rawBody.length > 0;
    try {
      if (bodyIsJson) body = JSON.parse(rawBody);
    } catch {
      bodyIsJson = false;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name !== 'authorization' && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const record: RecordedRequest = { seq: ++seq, method, path, headers, body, receivedAt: Date.now() };
    requests.push(record);
    const ex: Exchange = { req, res, record };
    try {
      // Global faults stand for the network or a gateway, so they hit before auth and routing.
      const globalFault = pendingFaults.shift();
      if (globalFault && (await applyFault(globalFault, ex)) === 'handled') return;
      checkAuth(req.headers.authorization);
      if (method === 'POST' && path === '/v1/chat/completions') {
        await chatCompletion(ex, bodyIsJson, globalFault);
      } else if (method === 'GET' && path === '/v1/models') {
        const data = models.map((id) => ({ id, object: 'model', created: MODEL_CREATED, owned_by: 'fake-openai' }));
        send(ex, 200, { object: 'list', data });
      } else if (method === 'GET' && path.startsWith('/v1/models/')) {
        const id = decodeURIComponent(path.slice('/v1/models/'.length));
        if (!models.includes(id)) throw modelNotFound(id);
        send(ex, 200, { id, object: 'model', created: MODEL_CREATED, owned_by: 'fake-openai' });
      } else {
        throw routeNotFound(method, path);
      }
    } catch (e) {
      const err = e instanceof FakeApiError ? e : scriptError(e instanceof Error ? e.message : String(e));
      send(ex, err.status, err.body(), err.headers);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    apiKey: expectedKey ?? UNCHECKED_KEY,
    requests,
    when(matcher: Matcher = {}): Rule {
      const rule = new Rule(matcher, describeMatcher(matcher, ++ruleCounter));
      rules.push(rule);
      return rule;
    },
    failNext(fault: Fault, count = 1): void {
      if (!Number.isInteger(count) || count < 1) throw new Error(`failNext count must be a positive integer, got ${count}`);
      for (let i = 0; i < count; i++) pendingFaults.push(fault);
    },
    reset(): void {
      rules = [];
      pendingFaults = [];
      requests.length = 0; // in place, so references to `requests` stay live
    },
    close(): Promise<void> {
      closing.abort();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
