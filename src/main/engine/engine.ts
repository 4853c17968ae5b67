import { damagedReason, englishText, msg, type AppMessage } from '../../shared/appMessage';
import { durationMs, renderUrlTemplate } from '../../shared/script';
import { matchStopWord } from '../../shared/stopWords';
import { matchingAutoActions } from './autoActions';
import { StoredStateError } from '../storedStateError';
import { LeadQueue } from './leadQueue';
import { attemptOutbound, isOutboundJobPayload, outboundRetryDelayMs, postbackAttempts, type OutboundAttempt, type OutboundJobPayload } from './outbound';
import { macroContextForLead, renderForLead } from './render';
import { outsideQuietHours } from './time/quietHours';
import type { TurnCommit } from './ports';
import { TurnDraft } from './turnDraft';
import type { EngineDeps, LeadEventInput, OperatorAction } from './engineInputs';
import { Walker, type TurnDeps } from './turn';
import type { CompiledScript, IncomingMessage, Job, LeadSnapshot, Position } from './types';
import { stepScopedJobKinds } from './types';

const stoppedTag = 'stopped';

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
        // The answer waits for the burst to end; the reminders and a stop word do not.
        const input = this.deps.store.unhandledMessages(leadId);
        const stopWord = input.map((m) => matchStopWord(m.text, this.deps.settings().stopWords)).find(Boolean);
        if (stopWord) {
          draft.commit.handledMessageIds.push(...input.map((m) => m.id));
          return await this.commit(this.stop(draft, msg('stopWord', { word: stopWord })));
        }
        draft.deleteJobKinds(['push']);
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
      await this.commit(this.stop(draft, msg('telegramRefused', { error: reason })));
    });
  }

  /**
   * "Send event to tracker" from outside a turn (the tracker service): the first attempt now, in the
   * lead's queue; a failure that may pass is retried by a durable job. Resolves with the first attempt.
   */
  sendOutbound(leadId: number, origin: OutboundJobPayload['origin'], request: OutboundJobPayload['request'], maxAttempts = postbackAttempts): Promise<OutboundAttempt | undefined> {
    let first: OutboundAttempt | undefined;
    return this.inQueue(leadId, async () => {
      const lead = this.deps.store.lead(leadId);
      if (!lead) return;
      const draft = this.draft(lead);
      first = await this.outboundAttempt(draft, { origin, request: { ...request, idempotencyKey: draft.outboundKey() }, attempt: 1, maxAttempts });
      await this.commit(draft.toCommit());
    }).then(() => first);
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
    if (stopWord && lead.status !== 'stopped') return await this.commit(this.stop(draft, msg('stopWord', { word: stopWord })));
    if (!this.automated(lead)) {
      // The lead answered the human: the reminders suspended at the takeover must not come back.
      const suspended = lead.memo.suspended;
      if (suspended?.jobs.some((j) => j.kind === 'push')) draft.setMemo({ suspended: { ...suspended, jobs: suspended.jobs.filter((j) => j.kind !== 'push') } });
      return await this.commit(draft.toCommit());
    }

    const script = this.script(lead);
    if (!script) return await this.commit(draft.toCommit());
    const photo = [...input].reverse().find((m) => m.media?.kind === 'photo');
    // Kept for an image check reached later in this flow (the lead sent the screenshot early).
    if (photo?.media) draft.setMemo({ lastPhoto: { id: photo.id, path: photo.media.path, ts: photo.ts, flowId: lead.position?.flowId ?? script.body.startFlow } });
    const walker = new Walker(this.turnDeps(), draft, script, input);
    if (!lead.position || lead.memo.enterOnFirstMessage) {
      // A postback may have placed a lead who had not written yet: their first message starts that step.
      if (lead.memo.enterOnFirstMessage) draft.setMemo({ enterOnFirstMessage: false });
      const position = lead.position ?? this.entry(script);
      await walker.walk({ mode: 'execute', position, cause: 'new lead', enter: !lead.position });
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
    if (job.kind === 'outbound') {
      // Data out, not a move: it runs whatever the lead's status or step.
      // A retry stored before calls had keys gets one now; it is kept for the retries after it.
      if (isOutboundJobPayload(job.payload)) await this.outboundAttempt(draft, job.payload.request.idempotencyKey ? job.payload : { ...job.payload, request: { ...job.payload.request, idempotencyKey: draft.outboundKey() } });
      else draft.event('tracker.s2s_failed', { reason: 'The stored retry is unreadable', jobId: job.id });
      return await this.commit(draft.toCommit());
    }
    const script = this.script(lead);
    const atStep = lead.position?.stepId === job.payload.stepId;
    if (!script || !lead.position || !atStep || !this.automated(lead)) return await this.commit(draft.toCommit());

    if (job.kind === 'push') {
      // A message the lead just sent, not yet acted on, is answered instead: no reminder over it.
      if (this.deps.store.unhandledMessages(lead.id).length) return await this.commit(draft.toCommit());
      const allowedAt = outsideQuietHours(draft.now, script.body.quietHours, script.body.timezone);
      if (allowedAt > draft.now) {
        draft.addJob({ kind: 'push', key: `push:${lead.id}`, dueAt: allowedAt, payload: job.payload });
        return await this.commit(draft.toCommit());
      }
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
    // `after` counts from this reminder; one falling into the quiet hours waits for their end.
    const dueAt = next && outsideQuietHours(draft.now + durationMs(next.after), script.body.quietHours, script.body.timezone);
    if (next && dueAt) draft.addJob({ kind: 'push', key: `push:${draft.lead.id}`, dueAt, payload: { stepId: position.stepId, index: index + 1 } });
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
        } else if (!this.movable(draft.lead)) {
          // A human has this chat (or it is stopped): data changes apply, moves do not. A finished
          // lead is still moved (a deposit after the funnel ended starts the retention flow).
          draft.event('auto_action.skipped', { ruleId: rule.id, action: action.type, reason: `lead is ${draft.lead.status}` });
        } else if (action.type === 'set_status') {
          if (action.status === 'stopped') this.stop(draft, msg('autoAction', { rule: rule.title || rule.id }));
          else draft.setStatus(action.status, msg('autoAction', { rule: rule.title || rule.id }));
        } else {
          const flow = script.flowById.get(action.flow);
          if (flow) await this.moveOrPlace(draft, walker, { flowId: flow.id, stepId: action.step ?? flow.start }, `auto action ${rule.id}`);
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
      case 'takeover': {
        if (draft.lead.status === 'manual' || draft.lead.status === 'stopped') break;
        // Keep what the step had pending (a pause, a timeout, reminders): release brings it back.
        const jobs = lead.hasJobs ? this.deps.store.leadJobs(leadId).filter((j) => stepScopedJobKinds.includes(j.kind)) : [];
        draft.setMemo({
          suspended: { status: draft.lead.status, statusReason: draft.lead.statusReason, jobs: jobs.map(({ kind, dueAt, payload }) => ({ kind, dueAt, payload })) },
        });
        draft.setStatus('manual', action.reason ?? msg('operatorTookOver'));
        draft.deleteJobKinds(stepScopedJobKinds);
        break;
      }
      case 'say':
        draft.send([{ text: action.text }], 'operator');
        break;
      case 'stop':
        this.stop(draft, msg('stoppedByOperator'));
        break;
      case 'release': {
        const script = this.script(lead);
        if (!script) break;
        const suspended = draft.lead.memo.suspended;
        draft.setMemo({ suspended: undefined });
        if (draft.lead.status === 'stopped') draft.removeTags([stoppedTag]);
        if (action.to) {
          // A named step starts afresh (its own timers); what was suspended is dropped.
          draft.setStatus('auto', msg('releasedByOperator'));
          await this.moveOrPlace(draft, new Walker(this.turnDeps(), draft, script, []), action.to, 'operator release');
        } else if (!draft.lead.position) {
          draft.setStatus('auto', null);
        } else if (suspended && suspended.status !== 'manual' && suspended.status !== 'stopped') {
          // Back where the lead was, as it was: the step's timers re-armed, those already due fire now.
          draft.setStatus(suspended.status, suspended.statusReason);
          const stepId = draft.lead.position.stepId;
          for (const job of suspended.jobs) {
            if (job.payload?.stepId !== stepId) continue;
            draft.addJob({ ...job, key: `${job.kind}:${leadId}`, dueAt: Math.max(job.dueAt, draft.now) });
          }
        } else if (draft.lead.status === 'manual' || draft.lead.status === 'stopped') {
          // Nothing to restore (the script handed the lead over): the next message continues the step.
          draft.setStatus('waiting', null);
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
          this.deps.notifier?.leadNeedsHuman(leadId, damagedReason(error.column));
        }
        if (options.rethrowDamage) throw error;
      }
    });
  }

  /** "Send event to tracker": macro values URL-encoded; the first attempt now, retries as durable jobs. */
  private async sendPostback(draft: TurnDraft, script: CompiledScript, ruleId: string, template: string): Promise<void> {
    let url = renderForLead(template, draft.lead, script);
    try {
      // Every value (the lead's name too) is encoded for where it lands in the URL.
      url = renderUrlTemplate(template, macroContextForLead(draft.lead, script));
    } catch (error) {
      draft.event('tracker.s2s_failed', { ruleId, url, reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    // A GET: the key is kept with the call but not sent (the tracker's URL stays as configured).
    const request = { method: 'GET' as const, url, headers: {}, timeoutMs: 10_000, allowLocal: script.body.allowLocalTargets, idempotencyKey: draft.outboundKey() };
    await this.outboundAttempt(draft, { origin: { kind: 'postback', ruleId }, request, attempt: 1, maxAttempts: postbackAttempts });
  }

  /**
   * One attempt of an outbound call, logged in the lead's timeline (time, status or error, duration);
   * a failure that may pass schedules the next attempt as a durable job (it survives a restart) until
   * `maxAttempts`; one that cannot (refused, 4xx) ends at once, so bad config never retries forever.
   */
  private async outboundAttempt(draft: TurnDraft, job: OutboundJobPayload): Promise<OutboundAttempt> {
    const result = await attemptOutbound(this.deps.http, job.request, job.attempt);
    const { ruleId, event } = job.origin;
    const log = { ...(ruleId ? { ruleId } : {}), ...(event ? { event } : {}), url: job.request.url, attempt: job.attempt, of: job.maxAttempts, status: result.status, durationMs: result.durationMs };
    if (result.ok) {
      draft.event('tracker.s2s_sent', log);
    } else if (result.retryable && job.attempt < job.maxAttempts) {
      const dueAt = draft.now + outboundRetryDelayMs(job.attempt);
      draft.event('tracker.s2s_retry', { ...log, reason: result.error, retryAt: dueAt });
      draft.addJob({ kind: 'outbound', dueAt, payload: { ...job, attempt: job.attempt + 1 } });
    } else {
      draft.event('tracker.s2s_failed', { ...log, reason: result.error });
    }
    return result;
  }

  private stop(draft: TurnDraft, reason: AppMessage): TurnCommit {
    draft.setStatus('stopped', reason);
    draft.addTags([stoppedTag]);
    draft.commit.cancelOutbox = true;
    draft.deleteJobKinds(['wake', 'timeout', 'push', 'retry', 'debounce']);
    draft.event('lead.stopped', { reason: englishText(reason), detail: reason });
    return draft.toCommit();
  }

  private automated(lead: LeadSnapshot): boolean {
    return lead.status !== 'manual' && lead.status !== 'stopped' && lead.status !== 'finished';
  }

  /** Whether automatic moves (auto actions) apply: not while a human has the chat or it is stopped. */
  private movable(lead: LeadSnapshot): boolean {
    return lead.status !== 'manual' && lead.status !== 'stopped';
  }

  /**
   * Moves the lead to `position` and runs from there, or — for a lead who never wrote (inbound
   * only) — only places them there: nothing is sent, and their first message starts that step.
   */
  private async moveOrPlace(draft: TurnDraft, walker: Walker, position: Position, cause: string): Promise<void> {
    if (this.deps.store.hasIncoming(draft.lead.id)) {
      await walker.walk({ mode: 'execute', position, cause, enter: true });
      return;
    }
    draft.moveTo(position, cause);
    draft.setStatus('auto', null);
    draft.setMemo({ enterOnFirstMessage: true });
  }

  /**
   * Invariant: a lead the bot still handles always has something that can wake it — it expects a
   * message, waits for an event, or has a timer. A paused lead with none would wait forever, so it
   * goes to a human with the reason (and shows up as needing one).
   */
  private guardStuck(turn: TurnCommit): TurnCommit {
    if (turn.status !== 'paused' || !turn.position) return turn;
    const step = this.deps.store.script(turn.scriptId ?? -1)?.stepById.get(turn.position.stepId)?.step;
    if (step?.type === 'wait' && (step.until.kind === 'event' || step.onMessage === 'wake')) return turn;
    const timers = ['wake', 'timeout', 'retry'];
    if (turn.jobsToAdd.some((j) => timers.includes(j.kind))) return turn;
    const stored = this.deps.store
      .leadJobs(turn.leadId)
      .some((j) => timers.includes(j.kind) && !turn.jobKindsToDelete.includes(j.kind) && !turn.jobIdsToDelete.includes(j.id));
    if (stored) return turn;
    const reason = msg('nothingCanWake', { step: step?.title || turn.position.stepId });
    return {
      ...turn,
      status: 'manual',
      statusReason: reason,
      events: [...turn.events, { type: 'guard.stuck', payload: { stepId: turn.position.stepId, reason: englishText(reason), detail: reason } }, { type: 'lead.status', payload: { from: 'paused', to: 'manual', reason } }],
    };
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

  private async commit(checked: TurnCommit): Promise<void> {
    const turn = this.guardStuck(checked);
    await this.deps.store.commit(turn);
    if (turn.jobsToAdd.length || turn.jobIdsToDelete.length || turn.jobKindsToDelete.length) this.deps.onJobsChanged?.();
    this.deps.notifier?.leadChanged(turn.leadId);
    if (turn.outgoing.length) this.deps.notifier?.outboxChanged?.(turn.accountId);
    if (turn.status === 'manual' && turn.events.some((e) => e.type === 'lead.status')) {
      this.deps.notifier?.leadNeedsHuman(turn.leadId, turn.statusReason ?? msg('handedByScript', { step: turn.position?.stepId ?? '' }));
    }
  }
}

