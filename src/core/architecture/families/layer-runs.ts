import type { LayerGroup } from '../types.js';

/**
 * Compresses a per-layer list of structures into runs of consecutive identical layers, keeping their order
 * (pipeline stages take layers in order, so MoE/dense interleaving must survive).
 */
export function layerRuns(
  kinds: readonly string[],
  groupOf: (kind: string, count: number) => LayerGroup,
): LayerGroup[] {
  const runs: LayerGroup[] = [];
  let start = 0;
  for (let index = 1; index <= kinds.length; index += 1) {
    if (index === kinds.length || kinds[index] !== kinds[start]) {
      runs.push(groupOf(kinds[start]!, index - start));
      start = index;
    }
  }
  return runs;
}
