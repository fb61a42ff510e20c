import { formatBytes } from '../../shared/format';
import type { ProjectProfile } from '../../shared/schemas/project';

function evidence(e: { file: string; line: number | null }): string {
  return e.line === null ? e.file : `${e.file}:${e.line}`;
}

function valueText(value: string | number | boolean | string[]): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The readable summary printed by `tunebench scan`. */
export function formatProject(profile: ProjectProfile): string {
  const lines: string[] = [];
  const s = profile.scan;
  lines.push(`${profile.name} (${profile.root})`);
  lines.push(
    `  scanned ${s.files} files, ${formatBytes(s.bytes)} in ${Math.round(s.durationMs)} ms via ${s.method}; cache ${Math.round(s.cache.hitRate * 100)} % hits${s.truncated ? '; TRUNCATED at the file limit' : ''}`,
  );
  for (const skipped of s.skipped)
    lines.push(`  skipped ${skipped.count} (${skipped.reason})${skipped.example ? `, e.g. ${skipped.example}` : ''}`);
  const g = profile.git;
  lines.push(
    g.status === 'present'
      ? `  git: ${g.branch ?? 'detached'} @ ${g.head?.slice(0, 10) ?? 'no commits'}${g.operation ? ` — ${g.operation.toUpperCase()} IN PROGRESS` : ''}, ${g.dirtyFiles.length} dirty files`
      : `  git: ${g.reason}`,
  );
  lines.push(`  trusted: ${profile.trusted ? 'yes' : 'no (commands will not run until you trust this folder)'}`);
  lines.push('Languages');
  const total = profile.languages.reduce((sum, l) => sum + l.lines, 0) || 1;
  for (const language of profile.languages.slice(0, 10)) {
    lines.push(
      `  ${language.language.padEnd(16)} ${String(language.files).padStart(6)} files ${String(language.lines).padStart(8)} lines  ${((language.lines / total) * 100).toFixed(1).padStart(5)} %`,
    );
  }
  lines.push('Stacks');
  if (profile.stacks.length === 0) lines.push('  none detected');
  for (const stack of profile.stacks) {
    lines.push(`  ${stack.name}${stack.dir ? ` (${stack.dir})` : ''}`);
    for (const fact of stack.facts)
      lines.push(`    ${fact.label}: ${valueText(fact.value)}  [${evidence(fact.evidence)}]`);
  }
  lines.push('Commands');
  if (profile.commands.length === 0) lines.push('  none inferred');
  for (const command of profile.commands) {
    lines.push(
      `  ${command.kind.padEnd(6)} ${command.command}${command.cwd ? `  (in ${command.cwd})` : ''}${command.source === 'user' ? '  [yours]' : ''}`,
    );
  }
  if (profile.artifacts.length > 0) {
    lines.push('Artifacts');
    for (const a of profile.artifacts.slice(0, 20)) {
      const compressed =
        a.gzipBytes !== null ? `, gzip ${formatBytes(a.gzipBytes)}, brotli ${formatBytes(a.brotliBytes)}` : '';
      lines.push(`  ${a.kind.padEnd(8)} ${a.path}  ${formatBytes(a.bytes)}${compressed}`);
    }
  }
  if (profile.problems.length > 0) {
    lines.push('Problems');
    for (const p of profile.problems)
      lines.push(
        `  ${p.file}${p.line !== null ? `:${p.line}${p.column !== null ? `:${p.column}` : ''}` : ''}: ${p.message}`,
      );
  }
  return lines.join('\n');
}
