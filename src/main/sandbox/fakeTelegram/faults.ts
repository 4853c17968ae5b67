/**
 * Fault injection: scripted rpc_errors and slow answers per method. Method names are matched
 * case-insensitively against teleproto's class names, so 'messages.sendMessage' and
 * 'messages.SendMessage' both work.
 */

export interface InjectedError {
  code: number;
  message: string;
}

interface ErrorRule extends InjectedError {
  method: string;
  /** How many more calls fail; Infinity for "until cleared". */
  remaining: number;
  /** Only calls aimed at this user (sendMessage's peer) fail. */
  peerUserId?: number;
}

export interface FaultContext {
  /** The user a request is aimed at, when it has one. */
  peerUserId?: number;
}

export class Faults {
  private readonly rules: ErrorRule[] = [];
  private readonly delays = new Map<string, number>();
  private droppedPushes = 0;

  /** The next `count` pushes (new messages) are never delivered; getDifference still has them. */
  dropPushes(count = 1): void {
    this.droppedPushes += count;
  }

  /** Consumes one dropped push, if any are scripted. */
  takeDroppedPush(): boolean {
    if (this.droppedPushes <= 0) return false;
    this.droppedPushes -= 1;
    return true;
  }

  /** Answers `method` with `code message` for the next `times` matching calls (default once). */
  fail(method: string, code: number, message: string, options: { times?: number; peerUserId?: number } = {}): void {
    this.rules.push({
      method: key(method),
      code,
      message,
      remaining: options.times ?? 1,
      ...(options.peerUserId === undefined ? {} : { peerUserId: options.peerUserId }),
    });
  }

  /** 420 FLOOD_WAIT_<seconds>: teleproto sleeps and retries at or below its floodSleepThreshold, else throws FloodWaitError. */
  floodWait(method: string, seconds: number, times = 1): void {
    this.fail(method, 420, `FLOOD_WAIT_${seconds}`, { times });
  }

  /** 400 PEER_FLOOD on messages.sendMessage and sendMedia: the account is limited for writing to strangers. */
  peerFlood(times = Infinity): void {
    this.fail('messages.sendMessage', 400, 'PEER_FLOOD', { times });
    this.fail('messages.sendMedia', 400, 'PEER_FLOOD', { times });
  }

  /** 400 PEER_ID_INVALID when the account writes to `peerUserId`. */
  peerInvalid(peerUserId: number): void {
    this.fail('messages.sendMessage', 400, 'PEER_ID_INVALID', { times: Infinity, peerUserId });
  }

  /** 400 USER_IS_BLOCKED when the account writes to `peerUserId` (the lead blocked it). */
  userBlocked(peerUserId: number): void {
    this.fail('messages.sendMessage', 400, 'USER_IS_BLOCKED', { times: Infinity, peerUserId });
  }

  /** 400 INPUT_USER_DEACTIVATED when the account writes to `peerUserId` (deleted account). */
  userDeactivated(peerUserId: number): void {
    this.fail('messages.sendMessage', 400, 'INPUT_USER_DEACTIVATED', { times: Infinity, peerUserId });
  }

  /**
   * Holds every messages.sendMessage (or only those to `peerUserId`) in the middle of its processing
   * (after its checks, before the message exists) until the returned function is called — a slow
   * send still in flight at Telegram. A second call with the same random_id meanwhile answers 500
   * RANDOM_ID_DUPLICATE.
   */
  holdSends(options: { peerUserId?: number } = {}): () => void {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = () => {
        if (this.sendGate?.gate === gate) this.sendGate = undefined;
        resolve();
      };
    });
    this.sendGate = { gate, peerUserId: options.peerUserId };
    return release;
  }

  /**
   * A repeat of a random_id whose message Telegram already stored answers 500 RANDOM_ID_DUPLICATE
   * every time (instead of that same message), as Telegram may after a crash between its storing a
   * send and our recording it: the client never learns the message id.
   */
  duplicateForCompletedSends(on = true): void {
    this.completedSendDuplicates = on;
  }

  completedSendDuplicates = false;

  /** Resolves when a held send to `peerUserId` may go on (at once when none are held). */
  async sendGateOpen(peerUserId: number): Promise<void> {
    const held = this.sendGate;
    if (!held || (held.peerUserId !== undefined && held.peerUserId !== peerUserId)) return;
    await held.gate;
  }

  private sendGate: { gate: Promise<void>; peerUserId: number | undefined } | undefined;

  /** Holds every answer to `method` back by `ms` (0 removes the delay). */
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(key(method), ms);
    else this.delays.delete(key(method));
  }

  clear(): void {
    this.droppedPushes = 0;
    this.completedSendDuplicates = false;
    this.rules.length = 0;
    this.delays.clear();
  }

  /** Consumes and returns the error for this call, if one is scripted. */
  take(method: string, ctx: FaultContext): InjectedError | undefined {
    const k = key(method);
    const rule = this.rules.find(
      (r) => r.method === k && r.remaining > 0 && (r.peerUserId === undefined || r.peerUserId === ctx.peerUserId),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return { code: rule.code, message: rule.message };
  }

  delayFor(method: string): number {
    return this.delays.get(key(method)) ?? 0;
  }
}

function key(method: string): string {
  return method.toLowerCase();
}
