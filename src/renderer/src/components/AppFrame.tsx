import type { ReactNode } from 'react';
import { pages, useNavigation } from '../stores/navigation';

export function AppFrame({ children }: { children: ReactNode }) {
  const { page, go } = useNavigation();
  return (
    <div className="frame">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Tunebench</div>
        <ul>
          {pages.map((entry) => (
            <li key={entry.id}>
              <a
                href={`#/${entry.id}`}
                aria-current={page === entry.id ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  go(entry.id);
                }}
              >
                {entry.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
