// The console's pages: each page's data from the same services as Slack and the CLI, drawn as HTML.
import type { Config } from "../../config/config.ts";
import type { Viewer } from "../../services/access.ts";
import type { PipelineCache } from "../../services/pipeline-cache.ts";
import type { StatsService } from "../../services/stats.ts";
import type { Store } from "../../store/store.ts";
import type { ConsolePages, PageContent, PageId } from "../console-pages.ts";
import { html } from "../html.ts";

export interface ConsolePagesDeps {
  store: Store;
  stats: StatsService;
  pipeline: PipelineCache;
  config: Config;
  clock: () => Date;
}

export function createConsolePages(deps: ConsolePagesDeps): ConsolePages {
  return {
    styles: [],
    scripts: [],
    asset: () => undefined,
    async render(page: PageId, viewer: Viewer): Promise<PageContent> {
      const { evaluation } = await deps.pipeline.current("cached");
      const scoped = await deps.stats.forViewer(viewer, evaluation);
      const rows = scoped?.report.rules ?? [];
      return {
        title: page,
        body: html`<table><tr><th>Rule</th><th>Nudged</th><th>Fixed within 3</th></tr>${rows.map(
          (row) => html`<tr><td>${row.rule}</td><td>${row.nudged}</td><td>${row.fixedWithin3}</td></tr>`,
        )}</table>`,
      };
    },
  };
}
