import type { Lang } from '../core/finding.js';

export type Format = 'terminal' | 'json' | 'markdown' | 'html' | 'csv';

export interface RenderOptions {
  lang: Lang;
  /** ANSI colour (terminal only). The CLI turns it on only for a TTY without NO_COLOR. */
  color?: boolean;
  /** Wrap width for the terminal view. */
  width?: number;
  /** Show evidence in the terminal view (always shown in the other formats). */
  verbose?: boolean;
}
