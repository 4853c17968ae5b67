import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints in-memory sources as if they lived at the given paths, with the project's real config.
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries', () => {
  it.each([
    ['src/renderer/src/features/Bad.tsx', "import { createApp } from '../../../main/app';\nexport const x = createApp;\n"],
    ['src/renderer/src/Bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['src/preload/bad.ts', "import { createApp } from '../main/app';\nexport const x = createApp;\n"],
    ['src/shared/bad.ts', "import { createApp } from '../main/app';\nexport const x = createApp;\n"],
    ['src/shared/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src/shared/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/main/engine/bad.ts', "import { openDatabase } from '../db/connection';\nexport const x = openDatabase;\n"],
    ['src/main/engine/steps/bad.ts', "import { sender } from '../../telegram/sender';\nexport const x = sender;\n"],
    ['src/main/engine/bad.ts', "import OpenAI from 'openai';\nexport const x = OpenAI;\n"],
    ['src/main/engine/bad.ts', "import { listener } from '../tracker/listener';\nexport const x = listener;\n"],
    ['src/main/telegram/bad.ts', "import { accountsHandlers } from '../rpc/handlers/accountsHandlers';\nexport const x = accountsHandlers;\n"],
    ['src/main/tracker/bad.ts', "import type { EventBus } from '../rpc/eventBus';\nexport type X = EventBus;\n"],
    ['src/main/ai/bad.ts', "import type { RpcHandlers } from '../rpc/router';\nexport type X = RpcHandlers;\n"],
    ['src/main/telegram/import/bad.ts', "import { createRpcRouter } from '../../rpc/router';\nexport const x = createRpcRouter;\n"],
    ['src/main/db/repositories/bad.ts', "import { createEventBus } from '../../rpc/eventBus';\nexport const x = createEventBus;\n"],
  ])('rejects the forbidden import in %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['src/renderer/src/Good.ts', "import { rpcMethods } from '../../shared/rpc';\nexport const x = rpcMethods;\n"],
    ['src/main/rpc/good.ts', "import { openDatabase } from '../db/connection';\nexport const x = openDatabase;\n"],
    ['src/main/engine/good.ts', "import type { Settings } from '../../shared/settings';\nexport type X = Settings;\n"],
    ['src/shared/good.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['src/main/telegram/good.ts', "import type { AccountView } from '../../shared/rpc/accounts';\nexport type X = AccountView;\n"],
    ['src/main/tracker/good.ts', "import { AppFailure } from '../appFailure';\nexport const x = AppFailure;\n"],
    ['src/main/rpc/handlers/good.ts', "import { createTelegramService } from '../../telegram/telegramService';\nexport const x = createTelegramService;\n"],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
