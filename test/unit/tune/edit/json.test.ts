import { describe, expect, it } from 'vitest';
import { detectJsonFormat, setJsonValue, setJsonValues } from '../../../../src/main/core/tune/edit/json';

const TSCONFIG = `{
  // Bundler mode, as npm create vite writes it.
  "compilerOptions": {
    "target": "ES2022", // matches build.target
    "strict": true
  },
  "include": ["src"]
}
`;

describe('detectJsonFormat', () => {
  it('finds the smallest indentation, tabs and CRLF', () => {
    expect(detectJsonFormat(TSCONFIG)).toEqual({ insertSpaces: true, tabSize: 2, eol: '\n' });
    expect(detectJsonFormat('{\n    "a": {\n        "b": 1\n    }\n}\n')).toMatchObject({ tabSize: 4 });
    expect(detectJsonFormat('{\r\n\t"a": 1\r\n}\r\n')).toEqual({ insertSpaces: false, tabSize: 1, eol: '\r\n' });
    expect(detectJsonFormat('{}')).toMatchObject({ insertSpaces: true, tabSize: 2 });
    expect(detectJsonFormat('{\n    /*\n     * Note.\n     */\n    "a": 1\n}\n')).toMatchObject({ tabSize: 4 });
  });
});

describe('setJsonValue', () => {
  it('adds a key to an object, keeping comments and the other keys as written', () => {
    expect(setJsonValue(TSCONFIG, ['compilerOptions', 'skipLibCheck'], true)).toBe(`{
  // Bundler mode, as npm create vite writes it.
  "compilerOptions": {
    "target": "ES2022", // matches build.target
    "strict": true,
    "skipLibCheck": true
  },
  "include": ["src"]
}
`);
  });

  it('replaces a value in place', () => {
    expect(setJsonValue(TSCONFIG, ['compilerOptions', 'strict'], false)).toBe(
      TSCONFIG.replace('"strict": true', '"strict": false'),
    );
  });

  it('creates missing parents with the file’s indentation, tabs and line endings', () => {
    expect(setJsonValues('{\n    "extends": "./base.json",\n}\n', [[['compilerOptions', 'incremental'], true]])).toBe(
      '{\n    "extends": "./base.json",\n    "compilerOptions": {\n        "incremental": true\n    },\n}\n',
    );
    expect(
      setJsonValues('{\r\n\t"name": "x"\r\n}\r\n', [
        [['compilerOptions', 'incremental'], true],
        [['compilerOptions', 'tsBuildInfoFile'], './node_modules/.tmp/tsconfig.tsbuildinfo'],
      ]),
    ).toBe(
      '{\r\n\t"name": "x",\r\n\t"compilerOptions": {\r\n\t\t"incremental": true,\r\n\t\t"tsBuildInfoFile": "./node_modules/.tmp/tsconfig.tsbuildinfo"\r\n\t}\r\n}\r\n',
    );
  });

  it('refuses a broken file instead of editing a guess', () => {
    expect(() => setJsonValue('{\n  "compilerOptions": {\n    "strict": true,,\n  }\n}\n', ['a'], 1)).toThrow(
      /invalid JSON at line 3/,
    );
  });
});
