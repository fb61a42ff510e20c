import type { ProjectProfile } from '../../../../shared/schemas/project';

const COLORS = ['#3d6df2', '#9ece6a', '#e0af68', '#bb9af7', '#7dcfff', '#f7768e', '#73daca', '#ff9e64'];

/** Share of lines per language as one bar, with the numbers in a list beside it. */
export function LanguageBar({ languages }: { languages: ProjectProfile['languages'] }) {
  const total = languages.reduce((sum, l) => sum + l.lines, 0) || 1;
  const top = languages.slice(0, 8);
  return (
    <div>
      <div
        className="lang-bar"
        role="img"
        aria-label={top.map((l) => `${l.language} ${((l.lines / total) * 100).toFixed(0)} %`).join(', ')}
      >
        {top.map((l, i) => (
          <span
            key={l.language}
            style={{ width: `${(l.lines / total) * 100}%`, background: COLORS[i % COLORS.length] }}
          />
        ))}
      </div>
      <ul className="lang-list">
        {top.map((l, i) => (
          <li key={l.language}>
            <span className="swatch" style={{ background: COLORS[i % COLORS.length] }} /> {l.language} · {l.files} files
            · {l.lines.toLocaleString()} lines ({((l.lines / total) * 100).toFixed(1)} %)
          </li>
        ))}
      </ul>
    </div>
  );
}
