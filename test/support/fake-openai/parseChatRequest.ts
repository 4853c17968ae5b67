/**
 * Validates a /v1/chat/completions body the way the real API would refuse it (400 with `param`), so an
 * adapter that builds a malformed request fails in tests rather than in production.
 */
import { invalidRequest } from './errors';
import type { ChatMessage, ChatRequest, ChatRole, ContentPart, ResponseFormat } from './types';

const ROLES: readonly ChatRole[] = ['system', 'developer', 'user', 'assistant', 'tool'];
const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
// Base64 payload of an image data URL; the API refuses anything else as `invalid_image_format`.
const IMAGE_DATA_URL = /^data:image\/(png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parsePart(part: unknown, param: string): ContentPart {
  if (!isRecord(part)) throw invalidRequest(`${param} must be an object.`, param);
  if (part.type === 'text') {
    if (typeof part.text !== 'string') throw invalidRequest(`${param}.text must be a string.`, `${param}.text`);
    return { type: 'text', text: part.text };
  }
  if (part.type === 'image_url') {
    const image = part.image_url;
    if (!isRecord(image) || typeof image.url !== 'string') {
      throw invalidRequest(`${param}.image_url.url must be a string.`, `${param}.image_url.url`);
    }
    const url = image.url;
    if (url.startsWith('data:') ? !IMAGE_DATA_URL.test(url) : !/^https?:\/\//.test(url)) {
      const message = 'Invalid image URL: expected http(s) or a base64 image data URL.';
      throw invalidRequest(message, `${param}.image_url.url`, 'invalid_image_format');
    }
    const detail = image.detail;
    if (detail !== undefined && detail !== 'auto' && detail !== 'low' && detail !== 'high') {
      throw invalidRequest(`${param}.image_url.detail must be auto, low or high.`, `${param}.image_url.detail`);
    }
    return { type: 'image_url', image_url: detail === undefined ? { url } : { url, detail } };
  }
  const message = `fake-openai supports only text and image_url parts, got ${JSON.stringify(part.type)}.`;
  throw invalidRequest(message, `${param}.type`);
}

function parseMessage(msg: unknown, i: number): ChatMessage {
  const param = `messages[${i}]`;
  if (!isRecord(msg)) throw invalidRequest(`${param} must be an object.`, param);
  const role = msg.role as ChatRole;
  if (!ROLES.includes(role)) throw invalidRequest(`${param}.role must be one of ${ROLES.join(', ')}.`, `${param}.role`);
  const out: ChatMessage = { role, content: null };
  if (typeof msg.name === 'string') out.name = msg.name;
  const content = msg.content;
  if (typeof content === 'string') out.content = content;
  else if (Array.isArray(content)) {
    if (content.length === 0) throw invalidRequest(`${param}.content must not be an empty array.`, `${param}.content`);
    out.content = content.map((p, j) => parsePart(p, `${param}.content[${j}]`));
    if (role !== 'user' && out.content.some((p) => p.type === 'image_url')) {
      throw invalidRequest(`Image parts are only allowed in user messages.`, `${param}.content`);
    }
  } else if (!(role === 'assistant' && (content === null || content === undefined))) {
    throw invalidRequest(`${param}.content must be a string or an array of parts.`, `${param}.content`);
  }
  return out;
}

function parseResponseFormat(rf: unknown): ResponseFormat {
  if (!isRecord(rf)) throw invalidRequest('response_format must be an object.', 'response_format');
  if (rf.type === 'text' || rf.type === 'json_object') return { type: rf.type };
  if (rf.type !== 'json_schema') {
    throw invalidRequest("response_format.type must be 'text', 'json_object' or 'json_schema'.", 'response_format.type');
  }
  const js = rf.json_schema;
  if (!isRecord(js)) throw invalidRequest('response_format.json_schema is required.', 'response_format.json_schema');
  if (typeof js.name !== 'string' || !SCHEMA_NAME.test(js.name)) {
    const param = 'response_format.json_schema.name';
    throw invalidRequest(`${param} must match ^[a-zA-Z0-9_-]{1,64}$.`, param);
  }
  if (!isRecord(js.schema)) {
    throw invalidRequest('response_format.json_schema.schema must be an object.', 'response_format.json_schema.schema');
  }
  const strict = js.strict;
  if (strict !== undefined && strict !== null && typeof strict !== 'boolean') {
    throw invalidRequest('response_format.json_schema.strict must be a boolean.', 'response_format.json_schema.strict');
  }
  return {
    type: 'json_schema',
    json_schema: {
      name: js.name,
      schema: js.schema,
      ...(strict === undefined ? {} : { strict }),
      ...(typeof js.description === 'string' ? { description: js.description } : {}),
    },
  };
}

function positiveInt(body: Record<string, unknown>, key: 'max_tokens' | 'max_completion_tokens'): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw invalidRequest(`${key} must be a positive integer.`, key);
  }
  return v;
}

/** Throws FakeApiError (400) when the body is not an acceptable chat completion request. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isRecord(body)) throw invalidRequest('The request body must be a JSON object.');
  if (body.stream === true) {
    throw invalidRequest('fake-openai does not support stream: true; use stream: false.', 'stream', 'unsupported_value');
  }
  if (typeof body.model !== 'string' || body.model === '') {
    throw invalidRequest('you must provide a model parameter', 'model');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw invalidRequest("'messages' must be a non-empty array.", 'messages');
  }
  const req: ChatRequest = { model: body.model, messages: body.messages.map(parseMessage), raw: body };
  const t = body.temperature;
  if (t !== undefined && t !== null) {
    if (typeof t !== 'number' || t < 0 || t > 2) {
      throw invalidRequest('temperature must be a number between 0 and 2.', 'temperature');
    }
    req.temperature = t;
  }
  const maxTokens = positiveInt(body, 'max_tokens');
  if (maxTokens !== undefined) req.max_tokens = maxTokens;
  const maxCompletion = positiveInt(body, 'max_completion_tokens');
  if (maxCompletion !== undefined) req.max_completion_tokens = maxCompletion;
  if (body.response_format !== undefined && body.response_format !== null) {
    req.response_format = parseResponseFormat(body.response_format);
    // The real API insists on this for JSON mode; mirroring it catches prompts that forget to ask.
    if (req.response_format.type === 'json_object' && !/json/i.test(JSON.stringify(req.messages))) {
      const message = "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";
      throw invalidRequest(message, 'messages');
    }
  }
  return req;
}

/** Concatenated text parts of a message (image parts contribute nothing). */
export function messageText(msg: ChatMessage): string {
  if (msg.content === null) return '';
  if (typeof msg.content === 'string') return msg.content;
  return msg.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n');
}

export function imageUrls(req: ChatRequest): string[] {
  return req.messages.flatMap((m) =>
    Array.isArray(m.content) ? m.content.flatMap((p) => (p.type === 'image_url' ? [p.image_url.url] : [])) : [],
  );
}
