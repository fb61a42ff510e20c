/** The class of one unified-diff line: file headers, hunk headers, additions, removals, context. */
export function diffLineKind(line: string): 'file' | 'hunk' | 'add' | 'del' | 'meta' | 'ctx' {
  if (line.startsWith('diff --git') || /^(new|deleted) file mode/.test(line)) return 'meta';
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (line.startsWith('Index:') || line.startsWith('=====') || line.startsWith('\\')) return 'meta';
  return 'ctx';
}

/**
 * A unified diff with its lines coloured by kind. No highlighter library: the +/− prefixes stay
 * in the text, so the meaning does not depend on the colour.
 */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre className="diff" aria-label={label} tabIndex={0}>
      <code>
        {lines.map((line, index) => (
          <span key={index} className={`diff-line diff-${diffLineKind(line)}`}>
            {line || ' '}
            {'\n'}
          </span>
        ))}
      </code>
    </pre>
  );
}
