import { type AppMessage } from '../../shared/appMessage';
import type { LeadStatus } from '../../shared/script';
import type { Random, TurnCommit } from './ports';
import { cloneJson } from './cloneJson';
import { randomId64 } from './randomId';
import type { EngineEvent, JobSpec, LeadSnapshot, Outgoing, Position } from './types';
import { stepScopedJobKinds } from './types';

/**
 * The working copy of a lead during one turn and everything the turn will write. Steps' results
 * are applied here; `toCommit()` hands the store one object to write in a single transaction.
 */
export class TurnDraft {
  readonly lead: LeadSnapshot;
  readonly commit: TurnCommit;
  private sendAt: number;
  private outboundCalls = 0;

  constructor(
    lead: LeadSnapshot,
    readonly now: number,
    private readonly random: Random,
  ) {
    this.lead = cloneJson(lead);
    this.sendAt = now;
    this.commit = {
      leadId: lead.id,
      accountId: lead.accountId,
      status: lead.status,
      statusReason: lead.statusReason,
      scriptId: lead.scriptId,
      position: lead.position,
      stepState: lead.stepState,
      memo: lead.memo,
      tagsAdded: [],
      tagsRemoved: [],
      fields: null,
      handledMessageIds: [],
      outgoing: [],
      cancelOutbox: false,
      jobsToAdd: [],
      jobIdsToDelete: [],
      jobKindsToDelete: [],
      events: [],
      abAssignments: [],
      leadEvents: [],
      now,
    };
  }

  event(type: string, payload: Record<string, unknown> = {}): void {
    this.commit.events.push({ type, payload });
  }

  events(events: EngineEvent[] | undefined): void {
    if (events) this.commit.events.push(...events);
  }

  /**
   * The idempotency key of the next outbound call this turn makes (sent as `Idempotency-Key`).
   * Made from the lead and its committed-turn count, not drawn at random: a turn that called out but
   * did not commit (a crash, a failed write) runs again from the same state and sends the same key,
   * so the receiver can drop the repeat. Retries carry the key in their stored state or job.
   */
  outboundKey(): string {
    this.outboundCalls++;
    return `voronka-${this.lead.id}-${this.lead.createdAt.toString(36)}-${this.lead.stateVersion}-${this.outboundCalls}`;
  }

  setStatus(status: LeadStatus, reason: AppMessage | null): void {
    if (status === this.lead.status && JSON.stringify(reason) === JSON.stringify(this.lead.statusReason)) return;
    this.event('lead.status', { from: this.lead.status, to: status, reason });
    this.lead.status = status;
    this.lead.statusReason = reason;
  }

  /** Enters a step: fresh state, and no timer of the previous step can fire any more. */
  moveTo(position: Position, cause: string): void {
    const from = this.lead.position;
    this.lead.position = position;
    this.lead.stepState = {};
    this.deleteJobKinds(stepScopedJobKinds);
    this.event('step.entered', { flowId: position.flowId, stepId: position.stepId, fromStepId: from?.stepId ?? null, cause });
  }

  send(messages: Outgoing[] | undefined, sender: 'bot' | 'operator' = 'bot'): void {
    for (const m of messages ?? []) {
      if (!m.text.trim() && !m.media) continue; // a lead never receives an empty message
      this.sendAt += m.delayMs ?? 0;
      this.commit.outgoing.push({ ...m, notBefore: this.sendAt, randomId: randomId64(this.random), sender });
    }
  }

  addTags(tags: readonly string[]): void {
    for (const tag of tags) {
      if (this.lead.tags.includes(tag)) continue;
      this.lead.tags.push(tag);
      this.commit.tagsAdded.push(tag);
      this.commit.tagsRemoved = this.commit.tagsRemoved.filter((t) => t !== tag);
    }
  }

  removeTags(tags: readonly string[]): void {
    for (const tag of tags) {
      if (!this.lead.tags.includes(tag)) continue;
      this.lead.tags = this.lead.tags.filter((t) => t !== tag);
      this.commit.tagsRemoved.push(tag);
      this.commit.tagsAdded = this.commit.tagsAdded.filter((t) => t !== tag);
    }
  }

  setFields(values: Record<string, string | number>): void {
    Object.assign(this.lead.fields, values);
    this.commit.fields = this.lead.fields;
  }

  setMemo(values: Record<string, unknown>): void {
    this.lead.memo = { ...this.lead.memo, ...values };
  }

  assignVariant(routerId: string, variantId: string): void {
    this.lead.variants[routerId] = variantId;
    this.commit.abAssignments.push({ routerId, variantId });
  }

  addJob(job: JobSpec): void {
    this.commit.jobsToAdd.push(job);
  }

  deleteJob(id: number): void {
    this.commit.jobIdsToDelete.push(id);
  }

  deleteJobKinds(kinds: readonly string[]): void {
    // Jobs added earlier in this same turn of a deleted kind must go too.
    this.commit.jobsToAdd = this.commit.jobsToAdd.filter((j) => !kinds.includes(j.kind));
    if (!this.lead.hasJobs) return; // nothing stored to delete
    for (const kind of kinds) if (!this.commit.jobKindsToDelete.includes(kind)) this.commit.jobKindsToDelete.push(kind);
  }

  toCommit(): TurnCommit {
    return {
      ...this.commit,
      status: this.lead.status,
      statusReason: this.lead.statusReason,
      position: this.lead.position,
      stepState: this.lead.stepState,
      memo: this.lead.memo,
    };
  }
}
