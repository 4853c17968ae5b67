import { randomBytes } from 'node:crypto';
import { probabilityBest, wilson } from '../../../shared/stats/intervals';
import type { Db } from '../../db/connection';
import { abCounts, eventsByDay, leadsWaitingAt, stepFlowCounts } from '../../db/repositories/statsRepo';
import type { EngineStore } from '../../engine/ports';
import { offsetMinutes } from '../../engine/time/zonedTime';
import { AppFailure } from '../../appFailure';
import type { RpcHandlers } from '../router';

const uniform = (): number => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

export function statsHandlers(db: Db, store: EngineStore): Pick<RpcHandlers, 'stats.ab' | 'stats.funnel' | 'stats.eventsByDay'> {
  const script = (id: number) => {
    const compiled = store.script(id);
    if (!compiled) throw new AppFailure('not_found', `Script ${id} does not exist`);
    return compiled;
  };
  return {
    'stats.ab': ({ scriptId, from, to }) => {
      const compiled = script(scriptId);
      return compiled.body.flows.flatMap((flow) =>
        flow.steps.flatMap((step) => {
          if (step.type !== 'ab_router') return [];
          const counts = new Map(abCounts(db, scriptId, step.id, from, to).map((c) => [c.variant, c]));
          const rows = step.variants.map((v) => ({ v, c: counts.get(v.id) ?? { variant: v.id, assigned: 0, replied: 0, registrations: 0, firstDeposits: 0, reDeposits: 0 } }));
          // Variants with no leads yet have no evidence: they get P(best) 0 instead of a prior's guess.
          const best = (pick: (c: (typeof rows)[number]['c']) => number) => {
            const withData = rows.filter(({ c }) => c.assigned > 0);
            const p = probabilityBest(withData.map(({ c }) => ({ successes: pick(c), trials: c.assigned })), uniform);
            return rows.map(({ c }) => (c.assigned > 0 ? (p[withData.findIndex((r) => r.c === c)] ?? 0) : 0));
          };
          const pReply = best((c) => c.replied);
          const pReg = best((c) => c.registrations);
          const pDep = best((c) => c.firstDeposits);
          return [
            {
              routerId: step.id,
              title: step.title || step.id,
              flowName: flow.name,
              mode: step.mode,
              variants: rows.map(({ v, c }, i) => ({
                variantId: v.id,
                title: v.title || v.id,
                weight: v.weight,
                assigned: c.assigned,
                replied: c.replied,
                registrations: c.registrations,
                firstDeposits: c.firstDeposits,
                reDeposits: c.reDeposits,
                replyRate: { ...wilson(c.replied, c.assigned), pBest: pReply[i] ?? 0 },
                registrationRate: { ...wilson(c.registrations, c.assigned), pBest: pReg[i] ?? 0 },
                depositRate: { ...wilson(c.firstDeposits, c.assigned), pBest: pDep[i] ?? 0 },
              })),
            },
          ];
        }),
      );
    },
    'stats.funnel': ({ scriptId, flowId, from, to }) => {
      const flow = script(scriptId).flowById.get(flowId);
      if (!flow) throw new AppFailure('not_found', `Flow ${flowId} does not exist`);
      const moved = new Map(stepFlowCounts(db, from, to, scriptId).map((r) => [r.stepId, r]));
      const waiting = new Map(leadsWaitingAt(db, scriptId, flowId).map((r) => [r.stepId, r.waiting]));
      return flow.steps
        .filter((s) => s.type !== 'note')
        .map((s) => ({ stepId: s.id, title: s.title || s.id, type: s.type, entered: moved.get(s.id)?.entered ?? 0, waitingNow: waiting.get(s.id) ?? 0, passed: moved.get(s.id)?.passed ?? 0 }));
    },
    'stats.eventsByDay': ({ from, to, timezone }) => eventsByDay(db, from, to, offsetMinutes(to, timezone)),
  };
}
