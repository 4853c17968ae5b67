import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';

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

/** A seeded random source so the screenshots are the same on every run. */
export function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Screenshot {
  /** JPEG, as Telegram delivers a photo. */
  image: Buffer;
  id: string;
  description: string;
}

type Row = { label: string; value: string };

/** How the platform labels the player's ID (mostly with "ID", as real cabinets do; some without). */
const idLabels = ['ID', 'ID:', 'Your ID', 'Player ID', 'Account ID', 'User ID', 'UID', 'ID игрока', 'Ваш ID', 'Игровой ID', 'Account №', 'Login ID'];
const titles = ['Профиль', 'Profile', 'Личный кабинет', 'My account', 'Кошелёк', 'Wallet', 'Настройки аккаунта'];
const names = ['Алексей К.', 'Marina S.', 'Dmitry', 'Ольга П.', 'player_2291', 'Иван', 'Sergey M.'];
const tabs = [['Главная', 'Игры', 'Профиль'], ['Home', 'Casino', 'Sport', 'Profile'], ['Лобби', 'Бонусы', 'Кабинет']];

/**
 * One synthetic phone screenshot of a gaming platform's profile or wallet screen, as leads send
 * them: a status bar (clock, battery), a title, the player's name, the ID among rows of balances,
 * phone numbers, dates and times and other long numbers (transaction and order numbers, promo
 * codes — at least one right next to the ID), all in the same body size; light or dark theme;
 * rendered at a phone's pixel ratio, scaled down the way Telegram recompresses photos, and saved
 * as JPEG.
 */
export function renderScreenshot(random: () => number, families: string[]): Screenshot {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const digits = (count: number): string => String(int(1, 9)) + Array.from({ length: count - 1 }, () => int(0, 9)).join('');
  const grouped = (n: number, sep: string): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

  const id = digits(int(6, 10));
  const longNumbers: Row[] = [
    { label: 'Transaction ID', value: digits(int(8, 12)) },
    { label: 'Номер транзакции', value: digits(int(8, 11)) },
    { label: 'Order №', value: digits(int(6, 9)) },
    { label: 'Номер заказа', value: `#${digits(int(6, 9))}` },
    { label: 'Promo code', value: digits(6) },
    { label: 'Последний депозит', value: `№${digits(int(7, 10))}` },
    { label: 'Ref. code', value: digits(int(6, 8)) },
  ];
  const others: Row[] = [
    { label: 'Баланс', value: `${grouped(int(0, 250_000), ' ')},${digits(2)} ₽` },
    { label: 'Balance', value: `$${grouped(int(0, 90_000), ',')}.${digits(2)}` },
    { label: 'Бонусный счёт', value: `${grouped(int(0, 20_000), ' ')} ₽` },
    { label: 'Телефон', value: `+7 9${digits(2)} ${digits(3)}-${digits(2)}-${digits(2)}` },
    { label: 'Phone', value: `+${pick(['7', '380', '998', '375'])}${digits(9)}` },
    { label: 'Дата регистрации', value: `${String(int(1, 28)).padStart(2, '0')}.${String(int(1, 12)).padStart(2, '0')}.20${int(20, 26)}` },
    { label: 'Last login', value: `${String(int(1, 28)).padStart(2, '0')}.${String(int(1, 12)).padStart(2, '0')}.2026 ${String(int(0, 23)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}` },
    { label: 'Уровень', value: `VIP ${int(1, 9)}` },
    { label: 'Валюта', value: pick(['RUB', 'USD', 'UZS', 'KZT']) },
  ];
  const shuffled = <T>(items: T[]): T[] => items.map((v) => [random(), v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  const label = pick(idLabels);
  const [neighbour, ...moreLong] = shuffled(longNumbers) as [Row, ...Row[]];
  const rows: Row[] = shuffled([...shuffled(others).slice(0, int(2, 4)), ...moreLong.slice(0, int(1, 2))]);
  // A long number right next to the ID, before or after it, on every screen.
  const at = int(0, rows.length);
  rows.splice(at, 0, ...(random() < 0.5 ? [{ label, value: id }, neighbour] : [neighbour, { label, value: id }]));

  const dark = random() < 0.5;
  const theme = dark
    ? { bg: pick(['#0e1621', '#121212', '#17212b', '#1c1c1e']), card: pick(['#182533', '#1e1e1e', '#232e3c', '#2c2c2e']), ink: pick(['#ffffff', '#e9e9e9', '#f5f5f5']), dim: pick(['#8e9aa6', '#9a9a9a', '#7f8b96']) }
    : { bg: pick(['#ffffff', '#f2f2f7', '#eef1f5', '#fafafa']), card: pick(['#ffffff', '#f7f7f9', '#fdfdfd']), ink: pick(['#000000', '#1c1c1e', '#222222']), dim: pick(['#8a8a8e', '#707579', '#999999']) };
  const family = pick(families);
  const dpr = pick([2, 2.625, 3]);
  const logicalW = pick([360, 375, 393, 412]);
  const logicalH = int(740, 860);
  const body = int(14, 17);
  const layout = pick(['inline', 'columns', 'stacked'] as const);

  const canvas = createCanvas(Math.round(logicalW * dpr), Math.round(logicalH * dpr));
  const g = canvas.getContext('2d');
  g.scale(dpr, dpr);
  g.fillStyle = theme.bg;
  g.fillRect(0, 0, logicalW, logicalH);
  const text = (value: string, x: number, y: number, size: number, color: string, align: 'left' | 'right' | 'center' = 'left', bold = false) => {
    g.font = `${bold ? 'bold ' : ''}${size}px "${family}"`;
    g.fillStyle = color;
    g.textAlign = align;
    g.fillText(value, x, y);
  };

  // Status bar: clock, network, battery.
  text(`${int(0, 23)}:${String(int(0, 59)).padStart(2, '0')}`, 20, 18, 13, theme.ink, 'left', true);
  text(`${pick(['LTE', '5G', '4G', 'Wi-Fi'])}  ${int(5, 100)}%`, logicalW - 16, 18, 12, theme.ink, 'right');
  statusIcons(g, logicalW, theme.ink);

  text(pick(titles), logicalW / 2, 60, 18, theme.ink, 'center', true);
  g.fillStyle = theme.dim;
  g.beginPath();
  g.arc(logicalW / 2, 112, 32, 0, Math.PI * 2);
  g.fill();
  text(pick(names), logicalW / 2, 170, body + 3, theme.ink, 'center', true);

  let y = 200;
  const rowHeight = layout === 'stacked' ? body * 3.2 : body * 2.6;
  g.fillStyle = theme.card;
  roundRect(g, 12, y, logicalW - 24, rows.length * rowHeight + 12, 12);
  y += 6;
  for (const row of rows) {
    const base = y + rowHeight / 2 + body / 3;
    if (layout === 'inline') text(`${row.label}: ${row.value}`.replace('::', ':'), 28, base, body, theme.ink);
    else if (layout === 'columns') {
      text(row.label, 28, base, body, theme.dim);
      text(row.value, logicalW - 28, base, body, theme.ink, 'right');
    } else {
      text(row.label, 28, y + body + 2, body - 2, theme.dim);
      text(row.value, 28, y + body * 2.4 + 2, body, theme.ink);
    }
    g.fillStyle = theme.dim;
    g.fillRect(28, y + rowHeight - 0.5, logicalW - 56, 0.5);
    y += rowHeight;
  }
  const tabRow = pick(tabs);
  tabRow.forEach((tab, i) => text(tab, ((i + 0.5) * logicalW) / tabRow.length, logicalH - 14, 10, i === tabRow.length - 1 ? theme.ink : theme.dim, 'center'));

  // Telegram recompresses photos to at most 1280 px on the long side; some senders crop or zoom first.
  const scale = Math.min(1, 1280 / canvas.height) * (0.8 + random() * 0.35);
  const out = createCanvas(Math.round(canvas.width * scale), Math.round(canvas.height * scale));
  const o = out.getContext('2d');
  o.imageSmoothingQuality = 'high';
  o.drawImage(canvas, 0, 0, out.width, out.height);
  const quality = int(60, 88);
  return {
    image: out.toBuffer('image/jpeg', quality),
    id,
    description: `${family} ${body}px ${layout} ${dark ? 'dark' : 'light'} "${label}" ${out.width}x${out.height} q${quality}`,
  };
}

function roundRect(g: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  g.beginPath();
  g.roundRect(x, y, w, h, r);
  g.fill();
}

/** Signal bars next to the battery text, drawn as shapes (as on a real status bar). */
function statusIcons(g: SKRSContext2D, width: number, color: string): void {
  g.fillStyle = color;
  for (let i = 0; i < 4; i++) g.fillRect(width - 110 + i * 5, 16 - (i + 1) * 2.5, 3, (i + 1) * 2.5);
}
