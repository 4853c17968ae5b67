import { msg } from '../../../shared/appMessage';
import { randomBytes } from 'node:crypto';
import { probabilityBest, wilson } from '../../../shared/stats/intervals';
import { sampleVerdict } from '../../../shared/stats/sample';
import type { Db } from '../../db/connection';
import { abCounts, aiByDay, eventsByDay, leadsWaitingAt, mostRecentlyActiveScript, stepFlowCounts, trackerFunnel, type StatsScope } from '../../db/repositories/statsRepo';
import type { EngineStore } from '../../engine/ports';
import { offsetMinutes } from '../../engine/time/zonedTime';
import { AppFailure } from '../../appFailure';
import type { RpcHandlers } from '../router';

const uniform = (): number => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

type Counts = ReturnType<typeof abCounts>[number];

export function statsHandlers(
  db: Db,
  store: EngineStore,
): Pick<RpcHandlers, 'stats.defaultScript' | 'stats.ab' | 'stats.funnel' | 'stats.trackerFunnel' | 'stats.eventsByDay' | 'stats.aiByDay'> {
  const script = (id: number) => {
    const compiled = store.script(id);
    if (!compiled) throw new AppFailure('not_found', msg('scriptMissing', { id }));
    return compiled;
  };
  const scopeOf = (input: StatsScope): StatsScope => ({ scriptId: input.scriptId, accountId: input.accountId, from: input.from, to: input.to });
  return {
    'stats.defaultScript': () => ({ scriptId: mostRecentlyActiveScript(db) }),
    'stats.ab': (input) => {
      const compiled = script(input.scriptId);
      const scope = scopeOf(input);
      return compiled.body.flows.flatMap((flow) =>
        flow.steps.flatMap((step) => {
          if (step.type !== 'ab_router') return [];
          const counts = new Map(abCounts(db, scope, step.id).map((c) => [c.variant, c]));
          const rows = step.variants.map((v) => ({ v, c: counts.get(v.id) ?? { variant: v.id, assigned: 0, replied: 0, registrations: 0, firstDeposits: 0, reDeposits: 0 } }));
          // A chance-of-best is only given once the comparison has enough data; before that it would be noise.
          const metric = (pick: (c: Counts) => number) => {
            const verdict = sampleVerdict(rows.map(({ c }) => ({ successes: pick(c), trials: c.assigned })));
            if (!verdict.enough) return { verdict, pBest: rows.map(() => 0) };
            const p = probabilityBest(rows.map(({ c }) => ({ successes: pick(c), trials: c.assigned })), uniform);
            return { verdict, pBest: p };
          };
          const reply = metric((c) => c.replied);
          const reg = metric((c) => c.registrations);
          const dep = metric((c) => c.firstDeposits);
          return [
            {
              routerId: step.id,
              title: step.title || step.id,
              flowName: flow.name,
              mode: step.mode,
              sample: { replyRate: reply.verdict, registrationRate: reg.verdict, depositRate: dep.verdict },
              variants: rows.map(({ v, c }, i) => ({
                variantId: v.id,
                title: v.title || v.id,
                weight: v.weight,
                assigned: c.assigned,
                replied: c.replied,
                registrations: c.registrations,
                firstDeposits: c.firstDeposits,
                reDeposits: c.reDeposits,
                replyRate: { ...wilson(c.replied, c.assigned), pBest: reply.pBest[i] ?? 0 },
                registrationRate: { ...wilson(c.registrations, c.assigned), pBest: reg.pBest[i] ?? 0 },
                depositRate: { ...wilson(c.firstDeposits, c.assigned), pBest: dep.pBest[i] ?? 0 },
              })),
            },
          ];
        }),
      );
    },
    'stats.funnel': (input) => {
      const flow = script(input.scriptId).flowById.get(input.flowId);
      if (!flow) throw new AppFailure('not_found', msg('flowMissing', { flow: input.flowId }));
      const scope = scopeOf(input);
      const moved = new Map(stepFlowCounts(db, scope).map((r) => [r.stepId, r]));
      const waiting = new Map(leadsWaitingAt(db, scope, input.flowId).map((r) => [r.stepId, r.waiting]));
      return flow.steps
        .filter((s) => s.type !== 'note')
        .map((s) => ({ stepId: s.id, title: s.title || s.id, type: s.type, entered: moved.get(s.id)?.entered ?? 0, passed: moved.get(s.id)?.passed ?? 0, waitingNow: waiting.get(s.id) ?? 0 }));
    },
    'stats.trackerFunnel': (input) => {
      const compiled = script(input.scriptId);
      const rows = trackerFunnel(db, scopeOf(input), input.by);
      if (input.by === 'campaign') return rows;
      // Router and variant ids are internal: the table shows their titles from the script.
      const routers = new Map(compiled.body.flows.flatMap((f) => f.steps).flatMap((s) => (s.type === 'ab_router' ? [[s.id, s] as const] : [])));
      return rows.map((r) => {
        const router = routers.get(r.group);
        return { ...r, group: router?.title || r.group, sub: router?.variants.find((v) => v.id === r.sub)?.title || r.sub };
      });
    },
    'stats.eventsByDay': (input) => eventsByDay(db, scopeOf(input), offsetMinutes(input.to, input.timezone)),
    'stats.aiByDay': (input) => aiByDay(db, scopeOf(input), offsetMinutes(input.to, input.timezone)),
  };
}
