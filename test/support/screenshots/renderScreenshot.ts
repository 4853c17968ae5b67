import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

/** Fonts from Debian's fonts-dejavu-core and fonts-liberation (installed by .ci/run). */
const fontFiles: [string, string][] = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'DejaVu Sans'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 'DejaVu Sans Bold'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'DejaVu Serif'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', 'DejaVu Sans Mono'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', 'Liberation Sans'],
  ['/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf', 'Liberation Serif'],
  ['/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf', 'Liberation Mono'],
];

export function registerFonts(): string[] {
  const families = fontFiles.filter(([path]) => existsSync(path)).map(([path, family]) => (GlobalFonts.registerFromPath(path, family), family));
  if (!families.length) throw new Error('No fonts found: install Debian packages fonts-dejavu-core and fonts-liberation');
  return families;
}

/** A seeded random source so the 200 screenshots are the same on every run. */
export function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const labels = ['ID:', 'Ваш ID:', 'User ID', 'ID игрока:', 'Player ID:', 'Номер счёта:', 'Account №', 'Ваш номер:', 'UID', 'Логин ID:'];
const noise = ['Профиль', 'Баланс 120.50 ₽', 'Balance $35.00', 'Бонус 500', 'Настройки', 'Выйти', 'Уровень 7', 'Deposit', 'Вывод средств', '12:45', 'VIP 3'];

export interface Screenshot {
  png: Buffer;
  id: string;
  description: string;
}

/** One synthetic "profile screenshot" with a player ID among other text, in a random style. */
export function renderScreenshot(random: () => number, families: string[]): Screenshot {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const width = 480 + Math.floor(random() * 400);
  const height = 320 + Math.floor(random() * 200);
  const dark = random() < 0.5;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  const bg = dark ? `hsl(${Math.floor(random() * 360)}, 20%, ${8 + Math.floor(random() * 12)}%)` : `hsl(${Math.floor(random() * 360)}, 25%, ${88 + Math.floor(random() * 10)}%)`;
  g.fillStyle = bg;
  g.fillRect(0, 0, width, height);
  // Speckle noise, as in a compressed phone screenshot.
  for (let i = 0; i < 400; i++) {
    g.fillStyle = dark ? `rgba(255,255,255,${random() * 0.15})` : `rgba(0,0,0,${random() * 0.12})`;
    g.fillRect(random() * width, random() * height, 1 + random() * 2, 1 + random() * 2);
  }
  const ink = dark ? `hsl(0, 0%, ${80 + Math.floor(random() * 20)}%)` : `hsl(0, 0%, ${5 + Math.floor(random() * 20)}%)`;
  const family = pick(families);
  const size = 18 + Math.floor(random() * 20);
  const id = String(Math.floor(10 ** (5 + Math.floor(random() * 6)) * (1 + random() * 8.9)));
  const label = pick(labels);
  g.fillStyle = ink;
  let y = 20 + size;
  const lines = [pick(noise), `${label} ${id}`, pick(noise), pick(noise)];
  const order = random() < 0.5 ? lines : [lines[0], lines[2], lines[1], lines[3]];
  for (const line of order) {
    g.font = `${line?.includes(id) ? size : Math.max(14, size - 6)}px "${family}"`;
    g.fillText(line ?? '', 16 + random() * 30, y);
    y += size * 1.8;
    if (y > height - 10) break;
  }
  return { png: canvas.toBuffer('image/png'), id, description: `${family} ${size}px ${dark ? 'dark' : 'light'} "${label}"` };
}
