import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import-layering lint rule', () => {
  it('fails core code that imports electron, react or its callers', async () => {
    expect(
      await layeringErrors('src/main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toHaveLength(1);
    expect(
      await layeringErrors('src/main/core/x.ts', "import React from 'react';\nexport const r = React;\n"),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'src/main/core/hardware/x.ts',
        "import { main } from '../../cli/program';\nexport const m = main;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'src/main/core/x.ts',
        "import { App } from '../../renderer/src/App';\nexport const m = App;\n",
      ),
    ).toHaveLength(1);
  });

  it('fails renderer code that imports Node built-ins, electron or core', async () => {
    expect(
      await layeringErrors(
        'src/renderer/src/x.ts',
        "import { readFile } from 'node:fs';\nexport const f = readFile;\n",
      ),
    ).toHaveLength(1);
    expect(await layeringErrors('src/renderer/src/x.ts', "import fs from 'fs';\nexport const f = fs;\n")).toHaveLength(
      1,
    );
    expect(
      await layeringErrors(
        'src/renderer/src/x.ts',
        "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'src/renderer/src/x.ts',
        "import { createEngine } from '../../main/core/engine';\nexport const e = createEngine;\n",
      ),
    ).toHaveLength(1);
  });

  it('fails raw ipcMain use outside the one registration wrapper', async () => {
    expect(
      await layeringErrors('src/main/index2.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n"),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'src/main/ipc/register-api.ts',
        "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n",
      ),
    ).toHaveLength(0);
  });

  it('keeps shared free of Node and of our other layers, and allows the intended directions', async () => {
    expect(await layeringErrors('src/shared/x.ts', "import os from 'node:os';\nexport const o = os;\n")).toHaveLength(
      1,
    );
    expect(
      await layeringErrors(
        'src/renderer/src/x.ts',
        "import { apiMethods } from '../../shared/contract';\nexport const a = apiMethods;\n",
      ),
    ).toHaveLength(0);
    expect(
      await layeringErrors(
        'src/main/cli/x.ts',
        "import { createEngine } from '../core/engine';\nexport const e = createEngine;\n",
      ),
    ).toHaveLength(0);
  });
});
