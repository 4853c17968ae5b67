import type { z } from 'zod';
import { msg, type AppMessage, type MessageCode, type MessageParams } from '../appMessage';
import { zodIssueMessage } from '../zodMessage';
import { macroProblems, type MacroDeclarations } from './macros';
import { stepRefs } from './refs';
import { scriptSchema, type Script } from './script';
import { isMediaFolderPath, mediaPathProblem, type Step } from './steps';
import { templateTexts } from './texts';

/**
 * One problem, with the JSON path of the offending value (`flows[1].steps[4].routes[2].target`) and
 * what is wrong as a coded message (shown in the UI language; `englishText` for the CLI and logs).
 */
export interface ScriptProblem extends AppMessage {
  path: string;
}

export type ScriptValidation =
  | { ok: true; script: Script; warnings: ScriptProblem[] }
  | { ok: false; problems: ScriptProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

/** Parses and checks a script: shape, every reference, weights, macros, patterns, timezones. */
export function validateScript(input: unknown): ScriptValidation {
  const parsed = scriptSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const script = parsed.data;
  const problems = semanticProblems(script);
  if (problems.length) return { ok: false, problems };
  return { ok: true, script, warnings: unreachableSteps(script) };
}

function zodProblems(error: z.ZodError): ScriptProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), ...zodIssueMessage(issue) }));
}

function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function compileUserRegex(text: string): RegExp | undefined {
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(text);
  try {
    return literal ? new RegExp(literal[1] ?? '', literal[2]) : new RegExp(text);
  } catch {
    return undefined;
  }
}

function semanticProblems(script: Script): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  const report = (path: (string | number)[], code: MessageCode, params?: MessageParams): void => {
    problems.push({ path: formatPath(path), ...msg(code, params) });
  };
  const flowIds = new Map<string, number>();
  const stepIds = new Map<string, string>();
  const stepsByFlow = new Map<string, Set<string>>();
  script.flows.forEach((flow, fi) => {
    if (flowIds.has(flow.id)) report(['flows', fi, 'id'], 'flowIdTwice', { id: flow.id });
    flowIds.set(flow.id, fi);
    const ids = new Set<string>();
    flow.steps.forEach((step, si) => {
      if (stepIds.has(step.id)) report(['flows', fi, 'steps', si, 'id'], 'stepIdTwice', { id: step.id });
      stepIds.set(step.id, flow.id);
      ids.add(step.id);
    });
    stepsByFlow.set(flow.id, ids);
    if (!ids.has(flow.start)) report(['flows', fi, 'start'], 'startNotInFlow', { step: flow.start, flow: flow.name });
  });
  if (!flowIds.has(script.startFlow)) report(['startFlow'], 'flowMissing', { flow: script.startFlow });
  if (!isValidTimezone(script.timezone)) report(['timezone'], 'timezoneUnknown', { zone: script.timezone });

  const fields = new Set(script.fields.map((f) => f.key));
  const tags = new Set(script.tags.map((t) => t.name));
  const declared: MacroDeclarations = { fields, variables: new Set(script.variables.map((v) => v.name)) };
  const checkFlowStep = (path: (string | number)[], flow: string, step: string | undefined): void => {
    const steps = stepsByFlow.get(flow);
    if (!steps) report([...path, 'flow'], 'flowMissing', { flow });
    else if (step !== undefined && !steps.has(step)) report([...path, 'step'], 'stepNotInFlow', { step, flow });
  };
  const checkField = (path: (string | number)[], key: string): void => {
    if (!fields.has(key)) report(path, 'fieldUndeclared', { key });
  };
  const checkTags = (path: (string | number)[], names: readonly string[]): void => {
    names.forEach((name, i) => {
      if (!tags.has(name)) report([...path, i], 'tagUndeclared', { tag: name });
    });
  };

  script.flows.forEach((flow, fi) => {
    const inFlow = stepsByFlow.get(flow.id) ?? new Set();
    flow.steps.forEach((step, si) => {
      const at = ['flows', fi, 'steps', si];
      for (const ref of stepRefs(step)) {
        if (!inFlow.has(ref.target)) report([...at, ...ref.path], 'stepNotInFlow', { step: ref.target, flow: flow.name });
      }
      stepProblems(step, at, { report, checkFlowStep, checkField, checkTags });
    });
  });

  script.autoActions.forEach((rule, ai) => {
    rule.actions.forEach((action, i) => {
      const at = ['autoActions', ai, 'actions', i];
      if (action.type === 'goto') checkFlowStep(at, action.flow, action.step);
      if (action.type === 'set_field') checkField([...at, 'key'], action.key);
      if (action.type === 'send_postback' && !/^(https?:\/\/|\{\{)/.test(action.url)) report([...at, 'url'], 'urlScheme');
      if (action.type === 'tag') {
        checkTags([...at, 'add'], action.add);
        checkTags([...at, 'remove'], action.remove);
      }
    });
    if (rule.filters.tags) checkTags(['autoActions', ai, 'filters', 'tags'], rule.filters.tags);
  });
  unique(script.autoActions.map((a) => a.id), (i, id) => report(['autoActions', i, 'id'], 'autoActionIdTwice', { id }));

  script.ai.neverSay.forEach((phrase, i) => {
    if (phrase.startsWith('/') && !compileUserRegex(phrase)) report(['ai', 'neverSay', i], 'regexInvalid');
  });
  for (const { path, text, allowVariables } of templateTexts(script)) {
    for (const problem of macroProblems(text, declared, allowVariables)) report(path, problem.code, problem.params);
  }
  return problems;
}

interface Checks {
  report(path: (string | number)[], code: MessageCode, params?: MessageParams): void;
  checkFlowStep(path: (string | number)[], flow: string, step: string | undefined): void;
  checkField(path: (string | number)[], key: string): void;
  checkTags(path: (string | number)[], names: readonly string[]): void;
}

function stepProblems(step: Step, at: (string | number)[], c: Checks): void {
  switch (step.type) {
    case 'message':
      step.messages.forEach((m, i) => {
        if (!m.text.trim() && !m.media) c.report([...at, 'messages', i], 'messageEmpty');
        if (m.media && !isMediaFolderPath(m.media.path)) c.report([...at, 'messages', i, 'media', 'path'], mediaPathProblem);
      });
      if (step.pushes.length && !step.waitForReply)
        c.report([...at, 'pushes'], 'pushesNeedWait');
      break;
    case 'ab_router': {
      const total = step.variants.reduce((sum, v) => sum + v.weight, 0);
      if (Math.abs(total - 100) > 1e-6) c.report([...at, 'variants'], 'weightsNot100', { total });
      if (step.mode === 'auto' && !step.goalEvent) c.report([...at, 'goalEvent'], 'autoNeedsGoal');
      unique(step.variants.map((v) => v.id), (i, id) => c.report([...at, 'variants', i, 'id'], 'variantIdTwice', { id }));
      break;
    }
    case 'change_flow':
      c.checkFlowStep(at, step.flow, step.step);
      break;
    case 'ai_reply':
      unique(step.routes.map((r) => r.id), (i, id) => c.report([...at, 'routes', i, 'id'], 'routeIdTwice', { id }));
      if (!step.endless && !step.routes.length && !step.requirements.trim())
        c.report([...at, 'requirements'], 'aiNoExit');
      if (!step.endless && !step.routes.length && step.requirements.trim() && !step.next)
        c.report([...at, 'next'], 'aiNoNext');
      if (step.onAiFailure === 'fallback' && !step.fallbackText?.trim())
        c.report([...at, 'fallbackText'], 'fallbackTextMissing');
      break;
    case 'condition':
      unique(step.branches.map((b) => b.id), (i, id) => c.report([...at, 'branches', i, 'id'], 'branchIdTwice', { id }));
      step.branches.forEach((branch, bi) =>
        branch.rules.forEach((rule, ri) => {
          const rp = [...at, 'branches', bi, 'rules', ri];
          if (rule.kind === 'field') c.checkField([...rp, 'key'], rule.key);
          if (rule.kind === 'tag') c.checkTags(rp, [rule.tag]);
          if ((rule.kind === 'field' || rule.kind === 'tracker') && !['exists', 'missing'].includes(rule.op)) {
            if (rule.value === undefined) c.report([...rp, 'value'], 'opNeedsValue', { op: rule.op });
            else if (['gt', 'lt'].includes(rule.op) && typeof rule.value !== 'number')
              c.report([...rp, 'value'], 'opNeedsNumber', { op: rule.op });
          }
        }),
      );
      break;
    case 'wait':
      if (step.until.kind === 'clock' && step.until.timezone && !isValidTimezone(step.until.timezone))
        c.report([...at, 'until', 'timezone'], 'timezoneUnknown', { zone: step.until.timezone });
      break;
    case 'tag':
      c.checkTags([...at, 'add'], step.add);
      c.checkTags([...at, 'remove'], step.remove);
      if (!step.add.length && !step.remove.length) c.report(at, 'tagEmpty');
      break;
    case 'set_field':
      step.assignments.forEach((a, i) => c.checkField([...at, 'assignments', i, 'key'], a.key));
      break;
    case 'image_check':
      step.tasks.forEach((task, i) => {
        c.checkField([...at, 'tasks', i, 'field'], task.field);
        if (task.pattern !== undefined && !compileUserRegex(task.pattern))
          c.report([...at, 'tasks', i, 'pattern'], 'regexInvalid');
      });
      break;
    case 'webhook':
      if (!/^(https?:\/\/|\{\{)/.test(step.url)) c.report([...at, 'url'], 'urlScheme');
      step.saveResponse.forEach((s, i) => c.checkField([...at, 'saveResponse', i, 'field'], s.field));
      break;
    case 'manual':
    case 'goto':
    case 'end':
    case 'note':
      break;
  }
}

function unique(ids: string[], onDuplicate: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) onDuplicate(i, id);
    seen.add(id);
  });
}

/** Steps no path reaches (warnings, not errors: drafts often have them). Notes are exempt. */
function unreachableSteps(script: Script): ScriptProblem[] {
  const reached = new Set<string>();
  const flowById = new Map(script.flows.map((f) => [f.id, f]));
  const stepById = new Map(script.flows.flatMap((f) => f.steps.map((s) => [s.id, s] as const)));
  const queue: string[] = [];
  const visitFlow = (flowId: string, stepId?: string): void => {
    const flow = flowById.get(flowId);
    if (flow) queue.push(stepId ?? flow.start);
  };
  visitFlow(script.startFlow);
  for (const rule of script.autoActions)
    for (const a of rule.actions) if (a.type === 'goto') visitFlow(a.flow, a.step);
  while (queue.length) {
    const id = queue.pop() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    const step = stepById.get(id);
    if (!step) continue;
    for (const ref of stepRefs(step)) queue.push(ref.target);
    if (step.type === 'change_flow') visitFlow(step.flow, step.step);
  }
  const warnings: ScriptProblem[] = [];
  script.flows.forEach((flow, fi) =>
    flow.steps.forEach((step, si) => {
      if (!reached.has(step.id) && step.type !== 'note')
        warnings.push({ path: formatPath(['flows', fi, 'steps', si]), ...msg('stepUnreachable', { step: step.title || step.id }) });
    }),
  );
  return warnings;
}
