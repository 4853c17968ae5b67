import { describe, expect, it } from 'vitest';
import { outsideQuietHours } from '../../../src/main/engine/time/quietHours';

const zone = 'Europe/Moscow';
const at = (iso: string) => Date.parse(iso);
const night = { enabled: true, from: '23:00', to: '09:00' };

describe('quiet hours for reminders', () => {
  it('moves a time inside a window that wraps midnight to the window end, in the script time zone', () => {
    expect(outsideQuietHours(at('2026-03-02T23:05:00+03:00'), night, zone)).toBe(at('2026-03-03T09:00:00+03:00'));
    expect(outsideQuietHours(at('2026-03-03T03:00:00+03:00'), night, zone)).toBe(at('2026-03-03T09:00:00+03:00'));
    expect(outsideQuietHours(at('2026-03-03T08:59:30+03:00'), night, zone)).toBe(at('2026-03-03T09:00:00+03:00'));
  });

  it('leaves times outside the window, the window end itself, and a disabled window alone', () => {
    expect(outsideQuietHours(at('2026-03-02T22:59:00+03:00'), night, zone)).toBe(at('2026-03-02T22:59:00+03:00'));
    expect(outsideQuietHours(at('2026-03-03T09:00:00+03:00'), night, zone)).toBe(at('2026-03-03T09:00:00+03:00'));
    expect(outsideQuietHours(at('2026-03-03T03:00:00+03:00'), { ...night, enabled: false }, zone)).toBe(at('2026-03-03T03:00:00+03:00'));
  });

  it('handles a window within one day', () => {
    const lunch = { enabled: true, from: '13:00', to: '14:00' };
    expect(outsideQuietHours(at('2026-03-02T13:30:00+03:00'), lunch, zone)).toBe(at('2026-03-02T14:00:00+03:00'));
    expect(outsideQuietHours(at('2026-03-02T14:30:00+03:00'), lunch, zone)).toBe(at('2026-03-02T14:30:00+03:00'));
  });
});
