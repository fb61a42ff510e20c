import {
  applyEdits,
  type FormattingOptions,
  type JSONPath,
  modify,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';

/**
 * Edits of JSON and JSONC files (tsconfig.json, package.json) that keep comments, key order and
 * indentation: jsonc-parser computes the smallest text edit and formats only what it inserts.
 */

/** The file's own layout: tabs or N spaces (the smallest indentation used), and its line ending. */
export function detectJsonFormat(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text
    .split(/\r?\n/)
    // Continuation lines of block comments (` * …`) sit one space in: they are not indentation.
    .map((line) => /^([ \t]+)[^\s*]/.exec(line)?.[1])
    .filter((indent): indent is string => indent !== undefined);
  if (indents.some((indent) => indent.startsWith('\t'))) return { insertSpaces: false, tabSize: 1, eol };
  const spaces = Math.min(...indents.map((indent) => indent.length));
  return { insertSpaces: true, tabSize: Number.isFinite(spaces) ? spaces : 2, eol };
}

/** Sets each path to its value in turn (creating missing parents); undefined removes the key. */
export function setJsonValues(text: string, changes: ReadonlyArray<[JSONPath, unknown]>): string {
  // On a broken file modify() still returns edits, aimed at whatever it guessed: refuse instead.
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first !== undefined) {
    const line = text.slice(0, first.offset).split('\n').length;
    throw new Error(`invalid JSON at line ${line}: ${printParseErrorCode(first.error)}`);
  }
  const formattingOptions = detectJsonFormat(text);
  let result = text;
  for (const [path, value] of changes) {
    result = applyEdits(result, modify(result, path, value, { formattingOptions }));
  }
  return result;
}

export function setJsonValue(text: string, path: JSONPath, value: unknown): string {
  return setJsonValues(text, [[path, value]]);
}
