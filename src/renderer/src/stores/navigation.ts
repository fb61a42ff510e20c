import { create } from 'zustand';

export const pages = [
  { id: 'overview', label: 'Overview' },
  { id: 'hardware', label: 'Hardware' },
  { id: 'benchmarks', label: 'Benchmarks' },
  { id: 'project', label: 'Project' },
  { id: 'recommendations', label: 'Recommendations' },
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
] as const;

export type PageId = (typeof pages)[number]['id'];

/** The page named by a location hash ("#/hardware"), or the overview. */
export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '');
  return pages.find((page) => page.id === id)?.id ?? 'overview';
}

interface NavigationState {
  page: PageId;
  go: (page: PageId) => void;
}

export const useNavigation = create<NavigationState>((set) => ({
  page: pageFromHash(window.location.hash),
  go: (page) => {
    window.location.hash = `/${page}`;
    set({ page });
  },
}));

window.addEventListener('hashchange', () => useNavigation.setState({ page: pageFromHash(window.location.hash) }));
