import type { Clock, Random } from '../engine/ports';

/** A clock that only moves when told: simulation and tests run a 2-day wait in no time. */
export class VirtualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(at: number): void {
    this.current = Math.max(this.current, at);
  }
}

/** Deterministic uniform random numbers (mulberry32): the same seed draws the same A/B variants. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
