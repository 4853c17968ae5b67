import type { Engine } from './engine';
import type { Clock, EngineStore } from './ports';

/** Longest single sleep: setTimeout overflows past 2^31-1 ms. */
const maxSleepMs = 2 ** 31 - 1;

/**
 * One timer for every durable job: it sleeps until the earliest `due_at`, fires what is due, and
 * sleeps again. Nothing polls, so an idle app uses no CPU; overdue jobs fire right after `start()`.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private armedFor: number | undefined;
  private running = false;
  private stopped = true;

  constructor(
    private readonly engine: Engine,
    private readonly store: Pick<EngineStore, 'nextJobDueAt'>,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  start(): void {
    this.stopped = false;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
  }

  /** Jobs changed: re-arm if something is now due earlier than the current timer. */
  poke(): void {
    if (this.stopped || this.running) return;
    const next = this.store.nextJobDueAt();
    if (next !== undefined && (this.armedFor === undefined || next < this.armedFor)) this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
    if (this.stopped) return;
    const next = this.store.nextJobDueAt();
    if (next === undefined) return;
    this.armedFor = next;
    const delay = Math.min(Math.max(0, next - this.clock.now()), maxSleepMs);
    this.timer = setTimeout(() => void this.fire(), delay);
    this.timer.unref?.();
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    this.armedFor = undefined;
    this.running = true;
    try {
      while (!this.stopped && (await this.engine.runDueJobs(500)) > 0) {
        // keep draining: a burst of due jobs is handled in batches without sleeping in between
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
      this.arm();
    }
  }
}
