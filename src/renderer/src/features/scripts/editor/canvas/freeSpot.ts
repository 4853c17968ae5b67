import type { Step } from '../../../../../../shared/script';
import { nodeWidth } from './autoLayout';

const gapX = 60;
const gapY = 40;
/** A node's footprint: the card plus a row per output (as drawn by StepNode), rounded up. */
function footprint(step: Pick<Step, 'position'> & { outputs?: number }): { w: number; h: number } {
  return { w: nodeWidth, h: 110 + (step.outputs ?? 2) * 22 };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w + gapX / 2 && b.x < a.x + a.w + gapX / 2 && a.y < b.y + b.h + gapY / 2 && b.y < a.y + a.h + gapY / 2;

/**
 * Where a new step goes: right of the anchor (the selected step), else below it, else the nearest free
 * place around it — never on top of another step. Without an anchor, the nearest free place to
 * `fallback` (the middle of the visible canvas).
 */
export function freeSpot(
  steps: readonly (Pick<Step, 'position'> & { outputs?: number })[],
  anchor: (Pick<Step, 'position'> & { outputs?: number }) | undefined,
  fallback: { x: number; y: number },
): { x: number; y: number } {
  const taken: Box[] = steps.map((s) => ({ x: s.position?.x ?? 0, y: s.position?.y ?? 0, ...footprint(s) }));
  const size = { w: nodeWidth, h: 110 + 2 * 22 };
  const free = (p: { x: number; y: number }): boolean => !taken.some((b) => overlaps({ ...p, ...size }, b));
  const round = (p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) });
  if (anchor) {
    const a = { x: anchor.position?.x ?? 0, y: anchor.position?.y ?? 0, ...footprint(anchor) };
    const right = { x: a.x + a.w + gapX, y: a.y };
    const below = { x: a.x, y: a.y + a.h + gapY };
    for (const p of [right, below]) if (free(p)) return round(p);
    return round(nearestFree(right, free));
  }
  return round(nearestFree(fallback, free));
}

/** Walks outward from `origin` on a grid of node-sized cells, rings of growing size, nearest first. */
function nearestFree(origin: { x: number; y: number }, free: (p: { x: number; y: number }) => boolean): { x: number; y: number } {
  const stepX = nodeWidth + gapX;
  const stepY = 90;
  for (let ring = 0; ring < 60; ring++) {
    const cells: { x: number; y: number; d: number }[] = [];
    for (let i = -ring; i <= ring; i++)
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        cells.push({ x: origin.x + i * stepX, y: origin.y + j * stepY, d: Math.hypot(i * stepX, j * stepY) });
      }
    cells.sort((p, q) => p.d - q.d);
    const hit = cells.find((c) => free(c));
    if (hit) return { x: hit.x, y: hit.y };
  }
  return origin;
}
