import { spawnSync } from 'node:child_process';
import { benchAiPrompt } from './aiPrompt';
import { benchPostbacks } from './postbacks';
import { benchWaitJobs } from './waitJobs';

// `npm run bench`: prints `name: value` lines. Figures, not pass/fail: machines here are shared and noisy.
const only = process.argv[2];
if (!only || only === 'engine') await (await import('./shippedBundle')).runBundled('test/bench/engineMain.ts');
if (!only || only === 'jobs') await benchWaitJobs();
if (!only || only === 'ai') await benchAiPrompt();
if (!only || only === 'telegram') {
  await (await import('./telegramBurst')).benchTelegramBurst();
  await (await import('./telegramLoad')).benchTelegramLoad();
}
if (!only || only === 'postbacks') await benchPostbacks();
if (!only || only === 'ui') await (await import('./ui')).benchUi();
if (only === 'accounts') await (await import('./accounts')).benchAccounts();
// Memory per account is measured from the process's own start: after the other benchmarks, freed heap
// would absorb the accounts and read as nothing. So in a process of its own.
if (!only) spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? '', 'accounts'], { stdio: 'inherit' });
