/** What every statistics block shows: one script, optionally one account, a period [from, to]. */
export interface StatsScope {
  scriptId: number;
  accountId: number | null;
  from: number;
  to: number;
}
