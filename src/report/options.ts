import type { Lang } from '../core/finding.js';

/** The output formats every report renders to. */
export type Format = 'terminal' | 'json' | 'markdown' | 'html' | 'csv';

/** How to render: the reader's language, colour (terminal), all evidence (verbose), terminal width. */
export interface RenderOptions {
  lang: Lang;
  /** ANSI colour (terminal only). The CLI turns it on only for a TTY without NO_COLOR. */
  color?: boolean;
  /** Wrap width for the terminal view. */
  width?: number;
  /** Show evidence in the terminal view (always shown in the other formats). */
  verbose?: boolean;
}
