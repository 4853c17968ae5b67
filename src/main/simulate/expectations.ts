import { eventTypesForLead } from '../db/repositories/eventsRepo';
import { englishText } from '../../shared/appMessage';
import type { Expectation } from '../../shared/scenario';
import type { SimulationWorld } from './simulationWorld';

/** What the previous action did: the bot's messages and the event types it recorded. */
export interface LastAction {
  sent: string[];
  events: string[];
}

/** Checks one `expect` block against the simulated lead; returns a message per failed check. */
export function checkExpectation(world: SimulationWorld, expect: Expectation, last: LastAction): string[] {
  const sentByLastAction = last.sent;
  const failures: string[] = [];
  const lead = world.store.lead(world.leadId);
  const script = world.store.script(world.scriptId);
  if (!lead || !script) return ['the simulated lead or script is missing'];
  const flow = lead.position ? script.flowById.get(lead.position.flowId) : undefined;
  const step = lead.position ? script.stepById.get(lead.position.stepId)?.step : undefined;
  const where = `${flow?.name ?? '-'} / ${step?.title || step?.id || '-'}`;

  if (expect.flow !== undefined && expect.flow !== flow?.id && expect.flow !== flow?.name)
    failures.push(`flow: expected "${expect.flow}", lead is in "${flow?.name ?? 'none'}"`);
  if (expect.step !== undefined && expect.step !== step?.id && expect.step !== step?.title)
    failures.push(`step: expected "${expect.step}", lead is at "${where}"`);
  if (expect.status !== undefined && expect.status !== lead.status)
    failures.push(`status: expected ${expect.status}, got ${lead.status}${lead.statusReason ? ` (${englishText(lead.statusReason)})` : ''}`);
  for (const tag of expect.tags ?? []) if (!lead.tags.includes(tag)) failures.push(`tag "${tag}" is missing (tags: ${lead.tags.join(', ') || 'none'})`);
  for (const tag of expect.notTags ?? []) if (lead.tags.includes(tag)) failures.push(`tag "${tag}" should be absent`);
  for (const [key, value] of Object.entries(expect.fields ?? {})) {
    const actual = lead.fields[key];
    if (value === null ? actual !== undefined : String(actual) !== String(value))
      failures.push(`field ${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(actual ?? null)}`);
  }
  if (expect.variant !== undefined) {
    const routers = script.body.flows.flatMap((f) => f.steps).filter((s) => s.type === 'ab_router');
    const routerRef = typeof expect.variant === 'string' ? undefined : expect.variant.router;
    const variantRef = typeof expect.variant === 'string' ? expect.variant : expect.variant.variant;
    const router = routerRef === undefined ? routers[0] : routers.find((r) => r.id === routerRef || r.title === routerRef);
    const drawn = router?.type === 'ab_router' ? router.variants.find((v) => v.id === lead.variants[router.id]) : undefined;
    if (!drawn || (drawn.id !== variantRef && drawn.title !== variantRef))
      failures.push(`variant: expected "${variantRef}", got "${drawn?.title || drawn?.id || 'none'}"`);
  }
  const sent = expect.sent === undefined ? [] : Array.isArray(expect.sent) ? expect.sent : [expect.sent];
  let from = 0;
  for (const pattern of sent) {
    const re = new RegExp(pattern, 'i');
    const index = sentByLastAction.findIndex((text, i) => i >= from && re.test(text));
    if (index < 0) failures.push(`sent: no message matching /${pattern}/i (sent: ${sentByLastAction.map((t) => JSON.stringify(t)).join(', ') || 'nothing'})`);
    else from = index + 1;
  }
  const listed = () => sentByLastAction.map((t) => JSON.stringify(t)).join(', ') || 'nothing';
  if (expect.sentCount !== undefined && sentByLastAction.length !== expect.sentCount)
    failures.push(`sentCount: expected ${expect.sentCount} message(s), the bot sent ${sentByLastAction.length} (${listed()})`);
  const forbidden = expect.notSent === undefined ? [] : Array.isArray(expect.notSent) ? expect.notSent : [expect.notSent];
  for (const pattern of forbidden) {
    const re = new RegExp(pattern, 'i');
    const hit = sentByLastAction.find((text) => re.test(text));
    if (hit !== undefined) failures.push(`notSent: the bot sent ${JSON.stringify(hit)}, which matches /${pattern}/i`);
  }
  if (expect.nothingSent && sentByLastAction.length) failures.push(`nothingSent: the bot sent ${sentByLastAction.map((t) => JSON.stringify(t)).join(', ')}`);
  if (expect.events?.length) {
    const types = eventTypesForLead(world.db, world.leadId);
    for (const type of expect.events) if (!types.has(type)) failures.push(`event "${type}" was not recorded`);
  }
  for (const type of expect.eventsNow ?? [])
    if (!last.events.includes(type)) failures.push(`eventsNow: "${type}" was not recorded by the previous action (it recorded: ${[...new Set(last.events)].join(', ') || 'nothing'})`);
  if (expect.notEvents?.length) {
    const types = eventTypesForLead(world.db, world.leadId);
    for (const type of expect.notEvents) if (types.has(type)) failures.push(`notEvents: "${type}" was recorded`);
  }
  for (const [key, value] of Object.entries(expect.tracker ?? {})) {
    const actual = lead.tracker[key];
    if (value === null ? actual !== undefined : actual !== value)
      failures.push(`tracker ${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(actual ?? null)}`);
  }
  return failures;
}
