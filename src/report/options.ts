import type { Lang } from '../core/finding.js';

/** The output formats a report can be rendered in (render()). */
export type Format = 'terminal' | 'json' | 'markdown' | 'html' | 'csv';

/** How to render a report: the language, and for the terminal view colour, wrap width and whether to show evidence. */
export interface RenderOptions {
  lang: Lang;
  /** ANSI colour (terminal only). The CLI turns it on only for a TTY without NO_COLOR. */
  color?: boolean;
  /** Wrap width for the terminal view. */
  width?: number;
  /** Show evidence in the terminal view (always shown in the other formats). */
  verbose?: boolean;
}
