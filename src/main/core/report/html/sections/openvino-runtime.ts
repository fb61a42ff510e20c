import { openVinoRuntimes } from '../../../../../shared/openvino-extras';
import type { Run } from '../../../../../shared/schemas/bench';
import { html, type SafeHtml } from '../html';

/** Amber like the app's badge; inline because the badge is this section's alone (the CSP allows inline styles). */
const BADGE_STYLE =
  'display: inline-block; font-size: 11px; padding: 0 7px; border: 1px solid var(--warn); border-radius: 10px; color: var(--inconclusive); font-weight: 600;';

/**
 * The OpenVINO module a run's OpenVINO results were measured with, once per run rather than in
 * every row: version, resolved path and a "custom OpenVINO module" badge when
 * TUNEBENCH_OPENVINO_MODULE named it instead of the openvino-node package.
 */
export function openVinoRuntimeSection(run: Run): SafeHtml | null {
  const runtimes = openVinoRuntimes(run.results);
  if (runtimes.length === 0) return null;
  return html`${runtimes.map(
    (runtime) =>
      html`<p class="small openvino-runtime">
        OpenVINO ${runtime.version} from <code>${runtime.module}</code>${
          runtime.customFrom === null
            ? null
            : html` <span class="badge" style="${BADGE_STYLE}" title="${runtime.module} (set by ${runtime.customFrom})"
                  >custom OpenVINO module</span
                >
                <span class="muted">set by <code>${runtime.customFrom}</code></span>`
        }
      </p>`,
  )}`;
}
