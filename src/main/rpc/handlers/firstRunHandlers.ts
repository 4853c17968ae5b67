import type { Db } from '../../db/connection';
import { dismissFirstRun, firstRunDismissed, firstRunFacts } from '../../db/repositories/firstRunRepo';
import type { RpcHandlers } from '../router';

/** The first-run checklist: what is done, from the data folder; whether the operator closed it; sandbox mode. */
export function firstRunHandlers(db: Db, sandbox: boolean, now: () => number): Pick<RpcHandlers, 'firstRun.status' | 'firstRun.dismiss'> {
  const status = () => ({ done: firstRunFacts(db), dismissed: firstRunDismissed(db), sandbox });
  return {
    'firstRun.status': status,
    'firstRun.dismiss': () => {
      dismissFirstRun(db, now());
      return status();
    },
  };
}
