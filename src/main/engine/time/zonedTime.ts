import { DateTime } from 'luxon';

/** Wall-clock facts of an instant in a timezone: minutes since midnight and ISO weekday (1 = Monday). */
export function wallClock(now: number, zone: string): { minutes: number; weekday: number } {
  const local = DateTime.fromMillis(now, { zone });
  return { minutes: local.hour * 60 + local.minute, weekday: local.weekday };
}

/** The next instant (strictly after `now`) at which the clock in `zone` shows `HH:MM`. */
export function nextClockTime(now: number, hhmm: string, zone: string): number {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  const local = DateTime.fromMillis(now, { zone });
  let at = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (at.toMillis() <= now) at = at.plus({ days: 1 });
  return at.toMillis();
}

export function minutesOf(hhmm: string): number {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  return hour * 60 + minute;
}

/** UTC offset of `zone` at `now`, in minutes (what chrono-node expects as `timezone`). */
export function offsetMinutes(now: number, zone: string): number {
  return DateTime.fromMillis(now, { zone }).offset;
}
