import { AppFrame } from './components/AppFrame';
import { BenchmarksPage } from './pages/BenchmarksPage';
import { HardwarePage } from './pages/HardwarePage';
import { HistoryPage } from './pages/HistoryPage';
import { OverviewPage } from './pages/OverviewPage';
import { ProjectPage } from './pages/ProjectPage';
import { RecommendationsPage } from './pages/RecommendationsPage';
import { SettingsPage } from './pages/SettingsPage';
import { useNavigation } from './stores/navigation';

const PAGES = {
  overview: OverviewPage,
  hardware: HardwarePage,
  benchmarks: BenchmarksPage,
  project: ProjectPage,
  recommendations: RecommendationsPage,
  history: HistoryPage,
  settings: SettingsPage,
} as const;

export function App() {
  const page = useNavigation((state) => state.page);
  const Page = PAGES[page];
  return (
    <AppFrame>
      <Page />
    </AppFrame>
  );
}
