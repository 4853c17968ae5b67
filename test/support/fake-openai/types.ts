/**
 * Shapes the fake OpenAI server understands and exposes. The request types are deliberately narrower
 * than the SDK's (text and image parts only): anything else is refused with a 400, so an adapter that
 * starts sending a part type the tests never exercised fails loudly instead of passing silently.
 */

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export type ContentPart = TextPart | ImagePart;

export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export interface ChatMessage {
  role: ChatRole;
  /** null only for assistant messages (as the API allows). */
  content: string | ContentPart[] | null;
  name?: string;
}

export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
  strict?: boolean | null;
  description?: string;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: JsonSchemaFormat };

/** A /v1/chat/completions body after validation; unknown extra fields are kept on `raw`. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: ResponseFormat;
  /** The JSON body exactly as received. */
  raw: Record<string, unknown>;
}

/** What a scripted reply produces: a string is sent verbatim, anything else is JSON-serialised. */
export type ReplyContent = string | Record<string, unknown> | unknown[];

export interface ReplyContext {
  /** 0 for the first request this rule answered, 1 for the second, ... */
  callIndex: number;
}

export type ReplyFn = (req: ChatRequest, ctx: ReplyContext) => ReplyContent | Promise<ReplyContent>;

export type Fault =
  /** Wait before answering normally (or before applying nothing else). */
  | { kind: 'latency'; ms: number }
  /** 429 with `retry-after` (seconds; default 0 so SDK retries are immediate in tests). */
  | { kind: 'rateLimit'; retryAfterSeconds?: number; message?: string }
  /**
   * 5xx with OpenAI's error body; the SDK retries these when maxRetries > 0. No retry-after unless
   * given (like the real API), so the SDK backs off ~0.5 s per retry by itself.
   */
  | { kind: 'serverError'; status?: number; message?: string; retryAfterSeconds?: number }
  /** Destroy the socket before any response bytes: the client sees a connection error. */
  | { kind: 'connectionReset' }
  /** Never answer; the request is only released when the client gives up or the server closes. */
  | { kind: 'timeout' }
  /** 200 with `content-type: application/json` and a truncated, unparsable body. */
  | { kind: 'malformedJson' }
  /**
   * A normal 200 completion whose content is valid JSON that does NOT match the request's json_schema.
   * `content` overrides the generated violating value. Skips the strict-schema self-check.
   */
  | { kind: 'schemaViolation'; content?: unknown };

export type FaultKind = Fault['kind'];

export interface Matcher {
  model?: string;
  /** Substring (string) or pattern (RegExp) tested against the text parts of the last user message. */
  lastUserText?: string | RegExp;
  /** Substring of the concatenated system and developer messages. */
  systemIncludes?: string;
  /** `response_format.json_schema.name` must equal this. */
  schemaName?: string;
  responseFormat?: ResponseFormat['type'];
  /** true: some message has an image part; false: none has. */
  hasImage?: boolean;
  predicate?: (req: ChatRequest) => boolean;
}

export interface RecordedRequest {
  /** 1-based, in arrival order. */
  seq: number;
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-cased names; `authorization` is removed so keys never end up in test output. */
  headers: Record<string, string>;
  /** The JSON body as parsed (undefined when there was no body or it was not JSON). */
  body: unknown;
  /** Set when the body was a valid chat completion request. */
  chat?: ChatRequest;
  /** Date.now() when the request arrived. */
  receivedAt: number;
  /** HTTP status sent; undefined when no response was sent (reset, timeout). */
  status?: number;
  /** The fault applied to this request, if any. */
  fault?: FaultKind;
  /** Label of the rule that answered, if one did. */
  rule?: string;
}

export interface FakeOpenAIOptions {
  /**
   * Expected API key. Default: a fixed test key that is enforced. `null` turns auth off: any or no
   * `Authorization` header is accepted (the handle still offers a placeholder key for the SDK).
   */
  apiKey?: string | null;
  /** Models served by /v1/models and accepted by chat completions. */
  models?: string[];
  /** Reply used when no rule matches. Default: a fixed generic text. */
  defaultReply?: ReplyContent | ReplyFn;
  /** Check scripted replies against strict json_schema requests before sending them. Default true. */
  validateStrictSchemas?: boolean;
}
