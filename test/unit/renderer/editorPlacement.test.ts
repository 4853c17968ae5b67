import { describe, expect, it } from 'vitest';
import { autoLayout } from '../../../src/renderer/src/features/scripts/editor/canvas/autoLayout';
import { freeSpot } from '../../../src/renderer/src/features/scripts/editor/canvas/freeSpot';
import type { Flow, Step } from '../../../src/shared/script';

const msg = (id: string, next?: string): Step => ({ id, type: 'message', title: id, position: { x: 0, y: 0 }, messages: [{ text: 'x' }], splitLines: false, waitForReply: false, pushes: [], ...(next ? { next } : {}) });

function router(id: string, targets: string[]): Step {
  return { id, type: 'ab_router', title: id, position: { x: 0, y: 0 }, mode: 'fixed', variants: targets.map((target, i) => ({ id: `v${i}`, title: `V${i}`, weight: 100 / targets.length, target })) } as Step;
}

describe('auto-layout keeps variant order (issue 15)', () => {
  it.each([
    ['three variants listed before the router', ['c', 'b', 'a', 'r'], ['a', 'b', 'c']],
    ['variants whose targets share a next step', ['r', 'b', 'a', 'c', 'end'], ['b', 'a', 'c']],
    ['four variants in reverse id order', ['r', 'd', 'c', 'b', 'a'], ['d', 'c', 'b', 'a']],
  ])('%s: variant 1 above variant 2 above variant 3', (_name, order, targets) => {
    const byId: Record<string, Step> = { r: router('r', targets), a: msg('a', 'end'), b: msg('b', 'end'), c: msg('c', 'end'), d: msg('d', 'end'), end: { id: 'end', type: 'end', title: 'End', position: { x: 0, y: 0 } } };
    const ids = [...new Set([...order, ...targets, 'end'])];
    const flow: Flow = { id: 'f', name: 'F', start: 'r', steps: ids.map((id) => byId[id]!) } as Flow;
    const positions = autoLayout(flow);
    const ys = targets.map((t) => positions.get(t)!.y);
    expect(ys).toEqual([...ys].sort((p, q) => p - q));
    // Nothing overlaps: distinct positions for every step.
    expect(new Set([...positions.values()].map((p) => `${p.x},${p.y}`)).size).toBe(positions.size);
  });
});

describe('new steps land in free space near the selection (issue 15)', () => {
  const at = (x: number, y: number) => ({ position: { x, y }, outputs: 1 });
  const overlapsAny = (p: { x: number; y: number }, steps: { position: { x: number; y: number } }[]) =>
    steps.some((s) => Math.abs(s.position.x - p.x) < 260 && Math.abs(s.position.y - p.y) < 132);

  it('goes right of the selected step when that is free', () => {
    const steps = [at(0, 0), at(0, 400)];
    const p = freeSpot(steps, steps[0], { x: 5000, y: 5000 });
    expect(p.y).toBe(0);
    expect(p.x).toBeGreaterThan(260);
    expect(p.x).toBeLessThan(400);
  });

  it('goes below when the right is taken, and elsewhere near when both are', () => {
    const anchor = at(0, 0);
    const right = at(320, 0);
    expect(freeSpot([anchor, right], anchor, { x: 0, y: 0 })).toEqual({ x: 0, y: 172 });
    const crowd = [anchor, right, at(0, 172), at(320, 172), at(640, 0)];
    const p = freeSpot(crowd, anchor, { x: 0, y: 0 });
    expect(overlapsAny(p, crowd)).toBe(false);
    expect(Math.hypot(p.x, p.y)).toBeLessThan(1200);
  });

  it('without a selection, takes the nearest free place to the middle of the view, never on a step', () => {
    const steps = [at(100, 100), at(100, 300), at(420, 100)];
    const p = freeSpot(steps, undefined, { x: 100, y: 100 });
    expect(overlapsAny(p, steps)).toBe(false);
    expect(freeSpot([], undefined, { x: 7.4, y: 9.6 })).toEqual({ x: 7, y: 10 });
  });
});
