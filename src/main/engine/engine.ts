import { durationMs, renderUrlTemplate } from '../../shared/script';
import { matchStopWord } from '../../shared/stopWords';
import { matchingAutoActions } from './autoActions';
import { StoredStateError } from '../storedStateError';
import { LeadQueue } from './leadQueue';
import { macroContextForLead, renderForLead } from './render';
import type { Notifier, TurnCommit } from './ports';
import { TurnDraft } from './turnDraft';
import { Walker, type EngineLimits, type TurnDeps } from './turn';
import type { CompiledScript, IncomingMessage, Job, LeadSnapshot, Position } from './types';

export interface EngineSettings extends EngineLimits {
  /** Quiet window that merges a burst of messages into one AI turn (ms; 0 = off). */
  debounceMs: number;
  stopWords: readonly string[];
}

export interface LeadEventInput {
  name: string;
  amount?: number | null;
  currency?: string | null;
  transactionId?: string | null;
  source: 'postback' | 'operator' | 'simulation' | 'webhook' | 'api';
  payload?: Record<string, unknown>;
  /** Custom fields the event carries (a postback's `fields.KEY=`), set before auto actions run. */
  fields?: Record<string, string>;
}

export type OperatorAction =
  | { kind: 'takeover' }
  | { kind: 'release'; to?: Position }
  | { kind: 'say'; text: string }
  | { kind: 'stop' }
  /** The operator edits the lead card: applied in the lead's queue so no turn overwrites it. */
  | { kind: 'edit'; addTags: string[]; removeTags: string[]; fields: Record<string, string | number | null> };

export interface EngineDeps extends Omit<TurnDeps, 'limits'> {
  settings(): EngineSettings;
  notifier?: Notifier;
  /** Told after every commit that changed jobs, so the scheduler can re-arm its timer. */
  onJobsChanged?(): void;
  onError?(error: unknown, context: Record<string, unknown>): void;
}

export const stoppedTag = 'stopped';

/**
 * The funnel runtime. Inputs arrive here (a stored message, a business event, a due job, an operator
 * action); each lead's inputs run one at a time, and each input becomes exactly one committed turn.
 */
export class Engine {
  private readonly queue = new LeadQueue();
  private readonly firing = new Set<number>();

  constructor(private readonly deps: EngineDeps) {}

  /** A message from the lead was stored (unhandled); act on it, or wait for the burst to end. */
  incomingMessage(leadId: number): Promise<void> {
    return this.inQueue(leadId, async () => {
      const { debounceMs } = this.deps.settings();
      const lead = this.deps.store.lead(leadId);
      if (lead && debounceMs > 0 && lead.status === 'waiting' && this.currentStepType(lead) === 'ai_reply') {
        const draft = this.draft(lead);
        draft.addJob({ kind: 'debounce', key: `debounce:${leadId}`, dueAt: draft.now + debounceMs });
        return await this.commit(draft.toCommit());
      }
      await this.messageTurn(leadId, lead);
    });
  }

  event(leadId: number, input: LeadEventInput): Promise<void> {
    return this.inQueue(leadId, () => this.eventTurn(leadId, input));
  }

  /**
   * Stops automation for a lead for good (the messenger reports they blocked us, deactivated, or
   * Telegram forbids writing to them): status `stopped`, tag, pending sends cancelled, reason logged.
   */
  stopLead(leadId: number, reason: string, details: Record<string, unknown> = {}): Promise<void> {
    return this.inQueue(leadId, async () => {
      const lead = this.deps.store.lead(leadId);
      if (!lead || lead.status === 'stopped') return;
      const draft = this.draft(lead);
      draft.event('messenger.refused', { reason, ...details });
      await this.commit(this.stop(draft, reason));
    });
  }

  operator(leadId: number, action: OperatorAction): Promise<void> {
    // The operator is told (the RPC answers `conflict`) rather than acting on damaged state.
    return this.inQueue(leadId, () => this.operatorTurn(leadId, action), { rethrowDamage: true });
  }

  /** Fires every job due now (each in its lead's queue) and resolves when they are done. */
  async runDueJobs(limit = 1000): Promise<number> {
    const jobs = this.deps.store.dueJobs(this.deps.clock.now(), limit).filter((j) => !this.firing.has(j.id));
    await Promise.all(
      jobs.map((job) => {
        this.firing.add(job.id);
        return this.inQueue(job.leadId, () => this.jobTurn(job))
          .catch((error: unknown) => {
            // A job whose turn cannot commit must not spin: retry it later, and say why.
            this.deps.store.deferJob(job.id, this.deps.clock.now() + 60_000);
            this.deps.onError?.(error, { jobId: job.id, leadId: job.leadId });
          })
          .finally(() => this.firing.delete(job.id));
      }),
    );
    return jobs.length;
  }

  /** Start-up: messages stored but never acted on (the app stopped mid-way) are processed now. */
  async recover(): Promise<number> {
    const leads = this.deps.store.leadsWithUnhandledMessages();
    await Promise.all(leads.map((id) => this.inQueue(id, () => this.messageTurn(id))));
    return leads.length;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  // ——— turns ———

  /** `known`: the snapshot the caller just loaded in this same queue slot (saves a read). */
  private async messageTurn(leadId: number, known?: LeadSnapshot): Promise<void> {
    const lead = known ?? this.deps.store.lead(leadId);
    if (!lead) return;
    const input = this.deps.store.unhandledMessages(leadId);
    if (!input.length) return;
    const draft = this.draft(lead);
    draft.commit.handledMessageIds.push(...input.map((m) => m.id));
    draft.deleteJobKinds(['push', 'debounce']); // any reply stops the "догрев" chain

    const stopWord = input.map((m) => matchStopWord(m.text, this.deps.settings().stopWords)).find(Boolean);
    if (stopWord && lead.status !== 'stopped') return await this.commit(this.stop(draft, `The lead wrote "${stopWord}"`));
    if (!this.automated(lead)) return await this.commit(draft.toCommit());

    const script = this.script(lead);
    if (!script) return await this.commit(draft.toCommit());
    const walker = new Walker(this.turnDeps(), draft, script, input);
    if (!lead.position) {
      await walker.walk({ mode: 'execute', position: this.entry(script), cause: 'new lead', enter: true });
    } else {
      await walker.walk({ mode: 'resume', position: lead.position, wake: { kind: 'message', messages: input } });
    }
    await this.commit(draft.toCommit());
  }

  private async jobTurn(job: Job): Promise<void> {
    if (job.damage) throw job.damage;
    const lead = this.deps.store.lead(job.leadId);
    if (!lead) return;
    if (job.kind === 'debounce') {
      await this.commit({ ...this.draft(lead).toCommit(), jobIdsToDelete: [job.id] });
      return this.messageTurn(job.leadId);
    }
    const draft = this.draft(lead);
    draft.deleteJob(job.id);
    const script = this.script(lead);
    const atStep = lead.position?.stepId === job.payload.stepId;
    if (!script || !lead.position || !atStep || !this.automated(lead)) return await this.commit(draft.toCommit());

    if (job.kind === 'push') {
      this.sendPush(draft, script, lead.position, Number(job.payload.index ?? 0));
      return await this.commit(draft.toCommit());
    }
    // A wait that kept replies for later hands them to the next step now.
    const queued = lead.memo.queuedMessageIds ?? [];
    const input: IncomingMessage[] = queued.length ? this.deps.store.messagesByIds(queued) : [];
    if (queued.length) draft.setMemo({ queuedMessageIds: [] });
    await new Walker(this.turnDeps(), draft, script, input).walk({ mode: 'resume', position: lead.position, wake: { kind: 'timer', job } });
    await this.commit(draft.toCommit());
  }

  private sendPush(draft: TurnDraft, script: CompiledScript, position: Position, index: number): void {
    const step = script.stepById.get(position.stepId)?.step;
    const pushes = step && 'pushes' in step ? step.pushes : [];
    const push = pushes[index];
    if (!push || draft.lead.status !== 'waiting') return;
    draft.send([{ text: renderForLead(push.text, draft.lead, script) }]);
    draft.event('push.sent', { stepId: position.stepId, index });
    const next = pushes[index + 1];
    if (next) draft.addJob({ kind: 'push', key: `push:${draft.lead.id}`, dueAt: draft.now + durationMs(next.after), payload: { stepId: position.stepId, index: index + 1 } });
  }

  private async eventTurn(leadId: number, input: LeadEventInput): Promise<void> {
    const lead = this.deps.store.lead(leadId);
    if (!lead) return;
    const draft = this.draft(lead);
    const amount = input.amount ?? null;
    draft.commit.leadEvents.push({ name: input.name, amount, currency: input.currency ?? null, transactionId: input.transactionId ?? null, source: input.source });
    const seen = draft.lead.leadEvents[input.name] ?? { count: 0, amount: 0, firstAmount: null };
    draft.lead.leadEvents[input.name] = { count: seen.count + 1, amount: seen.amount + (amount ?? 0), firstAmount: seen.firstAmount ?? amount };
    if (input.fields && Object.keys(input.fields).length) draft.setFields(input.fields);
    draft.event('lead.event', { name: input.name, amount, currency: input.currency ?? null, transactionId: input.transactionId ?? null, source: input.source, ...input.payload });

    const script = this.script(lead);
    if (!script) return await this.commit(draft.toCommit());
    const walker = new Walker(this.turnDeps(), draft, script, []);
    const step = lead.position ? script.stepById.get(lead.position.stepId)?.step : undefined;
    if (lead.position && lead.status === 'paused' && step?.type === 'wait' && step.until.kind === 'event' && step.until.events.includes(input.name)) {
      await walker.walk({ mode: 'resume', position: lead.position, wake: { kind: 'event', name: input.name, payload: input.payload ?? {} } });
    }
    for (const rule of matchingAutoActions(script.body.autoActions, input.name, draft.lead, seen.count + 1)) {
      draft.event('auto_action.fired', { ruleId: rule.id, event: input.name });
      for (const action of rule.actions) {
        if (action.type === 'tag') {
          draft.addTags(action.add);
          draft.removeTags(action.remove);
        } else if (action.type === 'set_field') {
          draft.setFields({ [action.key]: renderForLead(action.value, draft.lead, script) });
        } else if (action.type === 'send_postback') {
          // Data out, not a move: it runs whatever the lead's status.
          await this.sendPostback(draft, script, rule.id, action.url);
        } else if (!this.automated(draft.lead)) {
          // A human has this chat (or it is stopped): data changes apply, moves do not.
          draft.event('auto_action.skipped', { ruleId: rule.id, action: action.type, reason: `lead is ${draft.lead.status}` });
        } else if (action.type === 'set_status') {
          if (action.status === 'stopped') this.stop(draft, `Auto action "${rule.title || rule.id}"`);
          else draft.setStatus(action.status, `Auto action "${rule.title || rule.id}"`);
        } else {
          const flow = script.flowById.get(action.flow);
          if (flow) await walker.walk({ mode: 'execute', position: { flowId: flow.id, stepId: action.step ?? flow.start }, cause: `auto action ${rule.id}`, enter: true });
        }
      }
    }
    await this.commit(draft.toCommit());
  }

  private async operatorTurn(leadId: number, action: OperatorAction): Promise<void> {
    const lead = this.deps.store.lead(leadId);
    if (!lead) return;
    const draft = this.draft(lead);
    const { kind, ...details } = action;
    draft.event(`operator.${kind}`, details);
    switch (action.kind) {
      case 'edit': {
        draft.addTags(action.addTags);
        draft.removeTags(action.removeTags);
        const fields = { ...draft.lead.fields };
        for (const [key, value] of Object.entries(action.fields)) {
          if (value === null) delete fields[key];
          else fields[key] = value;
        }
        draft.lead.fields = {};
        draft.setFields(fields);
        break;
      }
      case 'takeover':
        draft.setStatus('manual', 'An operator took over');
        draft.deleteJobKinds(['wake', 'timeout', 'push', 'retry', 'debounce']);
        break;
      case 'say':
        draft.send([{ text: action.text }], 'operator');
        break;
      case 'stop':
        this.stop(draft, 'Stopped by an operator');
        break;
      case 'release': {
        const script = this.script(lead);
        if (!script) break;
        if (draft.lead.status === 'stopped') draft.removeTags([stoppedTag]);
        if (action.to) {
          draft.setStatus('auto', 'Released by an operator');
          await new Walker(this.turnDeps(), draft, script, []).walk({ mode: 'execute', position: action.to, cause: 'operator release', enter: true });
        } else {
          // Back to the funnel where the lead was: the next message continues from that step.
          draft.setStatus(draft.lead.position ? 'waiting' : 'auto', null);
        }
        break;
      }
    }
    await this.commit(draft.toCommit());
  }

  // ——— helpers ———

  /**
   * Runs `turn` in the lead's queue. Damaged stored state met on the way (and only that) takes the
   * lead out of automation with a visible reason instead of acting on it; other leads carry on.
   */
  private inQueue(leadId: number, turn: () => Promise<void>, options: { rethrowDamage?: boolean } = {}): Promise<void> {
    return this.queue.run(leadId, async () => {
      try {
        await turn();
      } catch (error) {
        if (!(error instanceof StoredStateError)) throw error;
        if (await this.deps.store.markDamaged(leadId, error, this.deps.clock.now())) {
          this.deps.onError?.(error, { leadId });
          this.deps.onJobsChanged?.();
          this.deps.notifier?.leadChanged(leadId);
          this.deps.notifier?.leadNeedsHuman(leadId, error.message);
        }
        if (options.rethrowDamage) throw error;
      }
    });
  }

  /** "Send event to tracker": macro values URL-encoded, retried by the HTTP port, logged either way. */
  private async sendPostback(draft: TurnDraft, script: CompiledScript, ruleId: string, template: string): Promise<void> {
    let url = renderForLead(template, draft.lead, script);
    try {
      // Every value (the lead's name too) is encoded for where it lands in the URL.
      url = renderUrlTemplate(template, macroContextForLead(draft.lead, script));
      const response = await this.deps.http.request({ method: 'GET', url, headers: {}, timeoutMs: 10_000, retries: 3, allowLocal: script.body.allowLocalTargets });
      if (response.status >= 400) throw new Error(`HTTP ${response.status}`);
      draft.event('tracker.s2s_sent', { ruleId, url, status: response.status });
    } catch (error) {
      draft.event('tracker.s2s_failed', { ruleId, url, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private stop(draft: TurnDraft, reason: string): TurnCommit {
    draft.setStatus('stopped', reason);
    draft.addTags([stoppedTag]);
    draft.commit.cancelOutbox = true;
    draft.deleteJobKinds(['wake', 'timeout', 'push', 'retry', 'debounce']);
    draft.event('lead.stopped', { reason });
    return draft.toCommit();
  }

  private automated(lead: LeadSnapshot): boolean {
    return lead.status !== 'manual' && lead.status !== 'stopped' && lead.status !== 'finished';
  }

  private entry(script: CompiledScript): Position {
    const flow = script.flowById.get(script.body.startFlow);
    if (!flow) throw new Error('The start flow is missing'); // ruled out by validation
    return { flowId: flow.id, stepId: flow.start };
  }

  private script(lead: LeadSnapshot): CompiledScript | undefined {
    return lead.scriptId === null ? undefined : this.deps.store.script(lead.scriptId);
  }

  private currentStepType(lead: LeadSnapshot): string | undefined {
    const script = this.script(lead);
    return lead.position ? script?.stepById.get(lead.position.stepId)?.step.type : undefined;
  }

  private draft(lead: LeadSnapshot): TurnDraft {
    return new TurnDraft(lead, this.deps.clock.now(), this.deps.random);
  }

  private turnDeps(): TurnDeps {
    return { ...this.deps, limits: this.deps.settings() };
  }

  private async commit(turn: TurnCommit): Promise<void> {
    await this.deps.store.commit(turn);
    if (turn.jobsToAdd.length || turn.jobIdsToDelete.length || turn.jobKindsToDelete.length) this.deps.onJobsChanged?.();
    this.deps.notifier?.leadChanged(turn.leadId);
    if (turn.outgoing.length) this.deps.notifier?.outboxChanged?.(turn.accountId);
    if (turn.status === 'manual' && turn.events.some((e) => e.type === 'lead.status')) {
      this.deps.notifier?.leadNeedsHuman(turn.leadId, turn.statusReason ?? '');
    }
  }
}

