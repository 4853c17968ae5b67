import { describe, expect, it } from 'vitest';
import { englishText } from '../../../../src/shared/appMessage';
import { remapScriptIds, stepRefs, validateScript, type ScriptInput } from '../../../../src/shared/script';
import { parseDuration } from '../../../../src/shared/script/duration';

function base(): ScriptInput {
  return {
    formatVersion: 1,
    name: 'Test',
    fields: [{ key: 'platform_id' }],
    tags: [{ name: 'hot' }],
    variables: [{ name: 'link', value: 'https://x.io/?c={{tracker.clickid}}' }],
    startFlow: 'f1',
    flows: [
      {
        id: 'f1',
        name: 'One',
        start: 'a',
        steps: [
          { id: 'a', type: 'message', messages: [{ text: 'Hi {{lead.first_name}} {{variables.link}}' }], next: 'r' },
          {
            id: 'r',
            type: 'ai_reply',
            routes: [{ id: 'x', title: 'X', condition: 'x', target: 'c' }],
            skipOnFirstRun: true,
          },
          { id: 'c', type: 'change_flow', flow: 'f2', step: 'z' },
        ],
      },
      { id: 'f2', name: 'Two', start: 'z', steps: [{ id: 'z', type: 'tag', add: ['hot'] }] },
    ],
    autoActions: [{ id: 'aa', event: 'registration', actions: [{ type: 'goto', flow: 'f2' }] }],
  };
}

function problems(script: unknown): string[] {
  const result = validateScript(script);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${englishText(p)}`);
}

describe('validateScript', () => {
  it('accepts a well-formed script and applies defaults', () => {
    const result = validateScript(base());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.script.timezone).toBe('Europe/Moscow');
    expect(result.script.flows[0]?.steps[0]).toMatchObject({ waitForReply: false, splitLines: false, position: { x: 0, y: 0 } });
    expect(result.warnings).toEqual([]);
  });

  it('names the JSON path and reason of a dangling reference', () => {
    const script = base();
    const router = script.flows[0]?.steps[1];
    if (router?.type !== 'ai_reply') throw new Error('fixture');
    router.routes = [{ id: 'x', title: 'X', condition: 'x', target: 'nowhere' }];
    expect(problems(script)).toEqual(['flows[0].steps[1].routes[0].target: Step "nowhere" is not in flow "One"']);
  });

  it('lists every problem at once, and shape errors with their paths', () => {
    const script = base() as Record<string, unknown>;
    script.startFlow = 'missing';
    script.timezone = 'Mars/Olympus';
    (script.flows as { steps: { id: string }[] }[])[1]!.steps[0]!.id = 'a';
    expect(problems(script)).toEqual(
      expect.arrayContaining([
        'startFlow: Flow "missing" does not exist',
        'timezone: Unknown timezone "Mars/Olympus"',
        'flows[1].steps[0].id: Step id "a" is used twice',
        'flows[1].start: Start step "z" is not in flow "Two"',
      ]),
    );
    expect(problems({ formatVersion: 1, name: '', flows: [] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^name: /), expect.stringMatching(/^startFlow: /), expect.stringMatching(/^flows: /)]),
    );
    expect(problems({ formatVersion: 2 })[0]).toMatch(/^formatVersion: This file is not a Voronka script/);
  });

  it('rejects unknown or undeclared macros instead of sending blanks', () => {
    const script = base();
    const first = script.flows[0]?.steps[0];
    if (first?.type !== 'message') throw new Error('fixture');
    first.messages = [{ text: '{{lead.phone}} {{fields.nope}} {{tracker.zzz}} {{variables.missing}} {{oops}}' }];
    expect(problems(script)).toEqual([
      'flows[0].steps[0].messages[0].text: Unknown lead property "phone" (known: first_name, last_name, username, full_name)',
      'flows[0].steps[0].messages[0].text: Custom field "nope" is not declared in the script\'s fields',
      expect.stringContaining('Unknown tracker field "zzz"'),
      'flows[0].steps[0].messages[0].text: Variable "missing" is not declared in the script\'s variables',
      'flows[0].steps[0].messages[0].text: Unknown macro {{oops}}: use lead.*, fields.*, tracker.* or variables.*',
    ]);
  });

  it('checks A/B weights, regex patterns, undeclared tags and fields, AI step exits', () => {
    const script = base();
    script.flows[1]!.steps = [
      { id: 'z', type: 'ab_router', variants: [{ id: 'v1', weight: 60, target: 'y' }, { id: 'v2', weight: 30, target: 'y' }] },
      { id: 'y', type: 'image_check', tasks: [{ field: 'nope', instruction: 'id', pattern: '(' }], onSuccess: 'w' },
      { id: 'w', type: 'tag', add: ['cold'] },
      { id: 'v', type: 'ai_reply' },
    ];
    expect(problems(script)).toEqual([
      'flows[1].steps[0].variants: Variant weights add up to 90, not 100',
      'flows[1].steps[1].tasks[0].field: Custom field "nope" is not declared in the script\'s fields',
      'flows[1].steps[1].tasks[0].pattern: Not a valid regular expression',
      'flows[1].steps[2].add[0]: Tag "cold" is not declared in the script\'s tags',
      'flows[1].steps[3].requirements: Give transition requirements or AI routes, or make the step endless',
    ]);
  });

  it('warns about steps nothing reaches', () => {
    const script = base();
    script.flows[1]!.steps.push({ id: 'orphan', type: 'end' });
    const result = validateScript(script);
    expect(result.ok && result.warnings.map((w) => w.path)).toEqual(['flows[1].steps[1]']);
  });
});

describe('remapScriptIds', () => {
  it('gives fresh ids everywhere, rewrites every reference, and two imports never collide', () => {
    const parsed = validateScript(base());
    if (!parsed.ok) throw new Error('fixture');
    let n = 0;
    const counter = () => String(n++).padStart(5, '0');
    const first = remapScriptIds(parsed.script, counter);
    const second = remapScriptIds(parsed.script, counter);
    for (const copy of [first, second]) expect(validateScript(copy).ok).toBe(true);
    const ids = (s: typeof first) => s.flows.flatMap((f) => [f.id, ...f.steps.map((st) => st.id)]);
    expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
    expect(ids(first).filter((id) => ids(parsed.script).includes(id))).toEqual([]);
    const [f1, f2] = first.flows;
    expect(first.startFlow).toBe(f1?.id);
    expect(f1?.start).toBe(f1?.steps[0]?.id);
    const change = f1?.steps[2];
    expect(change?.type === 'change_flow' && [change.flow, change.step]).toEqual([f2?.id, f2?.steps[0]?.id]);
    expect(first.autoActions[0]?.actions[0]).toMatchObject({ type: 'goto', flow: f2?.id });
    for (const step of f1?.steps ?? []) for (const ref of stepRefs(step)) expect(f1?.steps.map((s) => s.id)).toContain(ref.target);
    // Stems stay readable, and re-importing an import does not grow the suffix.
    expect(f1?.steps[0]?.id).toMatch(/^a_\d{5}$/);
    expect(remapScriptIds(first, counter).flows[0]?.steps[0]?.id).toMatch(/^a_\d{5}$/);
  });
});

describe('durations', () => {
  it('parses compact durations and rejects the rest', () => {
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});
