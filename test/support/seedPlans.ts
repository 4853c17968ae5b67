// What the e2e seeders write, importable by specs without loading the app's main-process code.

const day = 86_400_000;

/** Local calendar date `days` ago as the value of an `<input type="date">` (the stats range). */
export function dateInputDaysAgo(days: number, now = Date.now()): string {
  const d = new Date(now - days * day);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The people of the inbox journey, each with what they write (one message per turn). */
export const journeyLeads = [
  { peer: 'anna', firstName: 'Анна', username: 'anna_k', says: ['Привет! Увидела вашу рекламу'] },
  { peer: 'oleg', firstName: 'Олег', username: 'oleg_p', says: ['Здравствуйте', 'Да, интересно'] },
  { peer: 'irina', firstName: 'Ирина', username: 'irina_m', says: ['Добрый вечер, это про игру?'] },
  { peer: 'maxim', firstName: 'Максим', username: 'max_88', says: ['Привет', 'Да, расскажите'] },
  { peer: 'sveta', firstName: 'Светлана', username: null, says: ['Hi! Is this the chicken game?'] },
] as const;

/** Known A/B outcomes per variant of the screenshot funnel's greeting router (`greet_router`). */
export interface VariantPlan {
  variant: string;
  assigned: number;
  replied: number;
  registrations: number;
  firstDeposits: number;
  reDeposits: number;
}

export const abPlan: VariantPlan[] = [
  { variant: 'a', assigned: 40, replied: 22, registrations: 10, firstDeposits: 4, reDeposits: 2 },
  { variant: 'b', assigned: 35, replied: 12, registrations: 5, firstDeposits: 1, reDeposits: 0 },
  { variant: 'c', assigned: 25, replied: 20, registrations: 12, firstDeposits: 6, reDeposits: 3 },
  { variant: 'd', assigned: 0, replied: 0, registrations: 0, firstDeposits: 0, reDeposits: 0 },
];

