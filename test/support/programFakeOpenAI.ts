import { DateTime } from 'luxon';
import { routeByKeywords } from '../../src/main/ai/keywordRouter';
import type { ScriptedAiTurn } from '../../src/shared/scenario';
import { parseDuration, type AiRoute, type Script } from '../../src/shared/script';
import type { ChatRequest, FakeOpenAI } from './fake-openai';
import { messageText } from './fake-openai';

/**
 * Makes the fake OpenAI server answer one scenario turn the way the scenario's `ai` object says —
 * so the same scenarios run through the real SDK, our prompts and structured outputs, and back.
 */
export function programFakeOpenAI(server: FakeOpenAI, script: Script, turn: ScriptedAiTurn | undefined, now: number): void {
  server.reset();
  const t = turn ?? {};
  if (t.fail) {
    server.failNext({ kind: 'serverError', status: 503 }, 1000);
    return;
  }
  const routes = new Map<string, AiRoute>();
  for (const flow of script.flows) for (const step of flow.steps) if (step.type === 'ai_reply') for (const r of step.routes) routes.set(r.id, r);

  server.when({ schemaName: 'route_decision' }).reply((req) => {
    const offered = routeIds(req).map((id) => routes.get(id)).filter((r): r is AiRoute => Boolean(r));
    const chosen = t.route === undefined ? routeByKeywords(lastUserText(req), offered) : offered.find((r) => r.title === t.route || r.id === t.route);
    return { route: chosen?.id ?? null, requirements_met: t.requirements ?? false, confidence: 0.9, reason: 'scripted' };
  });
  server.when({ schemaName: 'time_extraction' }).reply(() => {
    if (!t.time) return { at: null, reason: 'no time' };
    const relative = parseDuration(t.time);
    const at = relative !== undefined ? now + relative : Date.parse(t.time);
    return { at: DateTime.fromMillis(at, { zone: 'utc' }).toISO(), reason: 'scripted' };
  });
  server.when({ schemaName: 'image_reading' }).reply((req) => {
    const fields = Object.keys(((req.response_format as { json_schema?: { schema?: { properties?: { values?: { properties?: object } } } } }).json_schema?.schema?.properties?.values?.properties) ?? {});
    return { values: Object.fromEntries(fields.map((f) => [f, t.fields?.[f] ?? null])), summary: 'scripted' };
  });
  const replies = t.reply === undefined ? [] : Array.isArray(t.reply) ? t.reply : [t.reply];
  server.when({ predicate: (req) => !req.response_format }).reply((req, { callIndex }) => replies[Math.min(callIndex, replies.length - 1)] ?? `(AI reply to "${lastUserText(req).slice(0, 60)}")`);
}

function routeIds(req: ChatRequest): string[] {
  const schema = (req.response_format as { json_schema?: { schema?: { properties?: { route?: { enum?: (string | null)[] } } } } }).json_schema;
  return (schema?.schema?.properties?.route?.enum ?? []).filter((v): v is string => typeof v === 'string');
}

function lastUserText(req: ChatRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  return last ? messageText(last) : '';
}
