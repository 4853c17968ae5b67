import { benchAiPrompt } from './aiPrompt';
import { benchEngineThroughput } from './engineThroughput';
import { benchPostbacks } from './postbacks';
import { benchWaitJobs } from './waitJobs';

// `npm run bench`: prints `name: value` lines. Figures, not pass/fail: machines here are shared and noisy.
const only = process.argv[2];
if (!only || only === 'engine') await benchEngineThroughput();
if (!only || only === 'jobs') await benchWaitJobs();
if (!only || only === 'ai') await benchAiPrompt();
if (!only || only === 'telegram') await (await import('./telegramLoad')).benchTelegramLoad();
if (!only || only === 'postbacks') await benchPostbacks();
if (!only || only === 'ui') await (await import('./ui')).benchUi();
if (!only || only === 'accounts') await (await import('./accounts')).benchAccounts();
