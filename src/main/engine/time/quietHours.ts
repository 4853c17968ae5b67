import type { QuietHours } from '../../../shared/script';
import { minutesOf, nextClockTime, wallClock } from './zonedTime';

/**
 * When a reminder due at `at` may go out: `at` itself, or the end of the script's quiet hours when
 * `at` falls inside them (a window such as 23:00–09:00 wraps midnight).
 */
export function outsideQuietHours(at: number, quiet: QuietHours, zone: string): number {
  if (!quiet.enabled || quiet.from === quiet.to) return at;
  const { minutes } = wallClock(at, zone);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const inside = from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
  return inside ? nextClockTime(at, quiet.to, zone) : at;
}
