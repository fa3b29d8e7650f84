/**
 * Whether terminal text may be coloured: only on a terminal, never with NO_COLOR set to anything but the empty string
 * (no-color.org: "when present and not an empty string … prevents the addition of ANSI color") or with TERM=dumb.
 */
export function colorWanted(isTerminal: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTerminal && (env['NO_COLOR'] ?? '') === '' && env['TERM'] !== 'dumb';
}
