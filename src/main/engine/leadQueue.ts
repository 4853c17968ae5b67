/**
 * Runs tasks one at a time per lead, in arrival order; different leads run concurrently. A failing
 * task does not block the ones after it.
 */
export class LeadQueue {
  private readonly tails = new Map<number, Promise<void>>();

  run<T>(leadId: number, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(leadId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(leadId, tail);
    void tail.then(() => {
      if (this.tails.get(leadId) === tail) this.tails.delete(leadId);
    });
    return result;
  }

  /** Resolves when every queued task has finished. */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }

  get busyLeads(): number {
    return this.tails.size;
  }
}
