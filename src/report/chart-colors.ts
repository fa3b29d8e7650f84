/**
 * One colour per memory term, the same in every picture: the Mermaid palette, the SVG fills, the terminal's 256-colour
 * codes and the emoji square that stands for it in a markdown legend (a legend that does not depend on the Mermaid
 * version GitHub runs). The hex values are those of the emoji squares as Twemoji draws them.
 */
import type { TermName } from './compare.js';

export interface TermColor {
  readonly hex: string;
  readonly emoji: string;
  /** xterm 256-colour index. */
  readonly ansi256: number;
}

export const TERM_COLORS: Readonly<Record<TermName, TermColor>> = {
  parameters: { hex: '#55ACEE', emoji: '🟦', ansi256: 75 },
  gradients: { hex: '#78B159', emoji: '🟩', ansi256: 107 },
  optimizerStates: { hex: '#FDCB58', emoji: '🟨', ansi256: 221 },
  activations: { hex: '#F4900C', emoji: '🟧', ansi256: 208 },
  logits: { hex: '#DD2E44', emoji: '🟥', ansi256: 161 },
  overheads: { hex: '#AA8ED6', emoji: '🟪', ansi256: 140 },
};

/** The usable-memory line: a mid grey, visible on light and dark backgrounds. */
export const CAPACITY_COLOR = '#8C8C8C';
/** A memory budget below the capacity. */
export const BUDGET_COLOR = '#DD2E44';
/** Device memory in the sweeps; the base's, when compared. */
export const SWEEP_HEAD_COLOR = '#55ACEE';
export const SWEEP_BASE_COLOR = '#AA8ED6';
