const VOID = new Set(['meta', 'br', 'img', 'input', 'link', 'hr']);

/**
 * Checks that every element the renderer opens is closed, in order: a hand-written template that
 * drops a closing tag shows up here as an error rather than as a page that silently reflows.
 */
export function unbalancedTags(document: string): string[] {
  const withoutStyle = document.replace(/<style>[\s\S]*?<\/style>/, '');
  const stack: string[] = [];
  const problems: string[] = [];
  for (const match of withoutStyle.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, rawName, selfClosing] = match;
    const name = rawName!.toLowerCase();
    if (selfClosing || VOID.has(name)) continue;
    if (!closing) {
      stack.push(name);
      continue;
    }
    const open = stack.pop();
    if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}> at ${match.index}`);
  }
  return [...problems, ...stack.map((name) => `<${name}> never closed`)];
}
