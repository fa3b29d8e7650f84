/**
 * Which layers each pipeline stage holds, by hand: counts per stage under each split rule (core/rules/layout-rules.ts
 * StageSplitRule), the walk over an architecture's layer groups, and when two stages hold the same tensors.
 */
import { describe, expect, test } from '@jest/globals';
import type { Architecture, LayerGroup } from '../../../src/core/architecture/types.js';
import { layersPerStage, pipelineStages, sameStageContents } from '../../../src/core/memory/stage-layout.js';
import type { PipelineStage } from '../../../src/core/memory/stage-layout.js';
import type { StageSplitRule } from '../../../src/core/rules/layout-rules.js';
import { BASE_PARALLELISM } from '../../../__fixtures__/resolved-plan.js';
import { TOY8, TOY_MOE } from './plan-fixture.js';

/** TOY8's decoder layer and TOY_MOE's (attention, router and 4 experts): two groups that differ. */
const DENSE: LayerGroup = TOY8.layerGroups[0]!;
const MOE: LayerGroup = TOY_MOE.layerGroups[0]!;
const withGroups = (...layerGroups: LayerGroup[]): Architecture => ({ ...TOY8, layerGroups });
const group = (g: LayerGroup, count: number): LayerGroup => ({ ...g, count });

describe('layers per stage', () => {
  test.each([
    // [rule, layers, pipeline, virtual, first, last, per stage]
    // ⌊8 / 3⌋ = 2, the remainder 2 to the two earliest stages (DeepSpeed partition_uniform).
    ['uniform', 8, 3, 1, null, null, [3, 3, 2]],
    ['megatron', 8, 3, 1, null, null, [3, 3, 2]],
    // Last stage 3: the other 5 over 3 stages, ⌊5 / 3⌋ = 1, the remainder 2 to the first two: 2, 2, 1.
    ['megatron', 8, 4, 1, null, 3, [2, 2, 1, 3]],
    // First 3, last 4: the one middle stage takes the 1 left.
    ['megatron', 8, 3, 1, 3, 4, [3, 1, 4]],
    // First 3, last 5 on 2 stages: no middle stage.
    ['megatron', 8, 2, 1, 3, 5, [3, 5]],
    // Only the first given, 5 stages: 7 over 4, ⌊7 / 4⌋ = 1 and 3 more to the earliest: 2, 2, 2, 1.
    ['uniform', 8, 5, 1, 1, null, [1, 2, 2, 2, 1]],
    // torchtitan with a first or last stage size given splits as the others do.
    ['torchtitan', 8, 4, 1, 1, null, [1, 3, 2, 2]],
    ['torchtitan', 8, 4, 1, null, 1, [3, 2, 2, 1]],
    // torchtitan generate_llm_fqn_per_model_part: embedding and norm + head one unit each. 2 layers + 2 = 4 units over
    // 2 stages of 2: the embedding and one layer, one layer and the head.
    ['torchtitan', 2, 2, 1, null, null, [1, 1]],
    // 3 + 2 = 5 units over 4 stages: 2, 1, 1, 1; stage 0 2 − 1 = 1, stage 3 1 − 1 = 0 (the head alone).
    ['torchtitan', 3, 4, 1, null, null, [1, 1, 1, 0]],
    // 1 + 2 = 3 units over 4 stages: 1, 1, 1, 0; stage 0 holds the embedding, stage 1 the one layer, stage 2's unit
    // would be a second layer the model does not have, stage 3 none: 0, 1, 0, 0.
    ['torchtitan', 1, 4, 1, null, null, [0, 1, 0, 0]],
    // 6 + 2 = 8 units over 2 × 2 = 4 stages of 2: stage 0 1 layer, 1 and 2 two each, 3 one; rank 0 runs stages 0 and 2
    // (1 + 2), rank 1 stages 1 and 3 (2 + 1).
    ['torchtitan', 6, 2, 2, null, null, [3, 3]],
    // 4 + 2 = 6 units over 2 × 2 = 4 stages: 2, 2, 1, 1 units; layers 1, 2, 1, 0; rank 0: 1 + 1, rank 1: 2 + 0.
    ['torchtitan', 4, 2, 2, null, null, [2, 2]],
    // 5 + 2 = 7 units over 2 × 2 = 4 stages: 2, 2, 2, 1 units; layers 1, 2, 2, 0; rank 0: 1 + 2 = 3, rank 1: 2 + 0.
    ['torchtitan', 5, 2, 2, null, null, [3, 2]],
    // One stage holds everything, whatever the rule.
    ['torchtitan', 8, 1, 1, null, null, [8]],
  ] as [StageSplitRule, number, number, number, number | null, number | null, number[]][])(
    '%s: %d layers over %d × %d, first %s, last %s → %j',
    (rule, layers, pipeline, virtualPipeline, first, last, expected) => {
      const split = layersPerStage(
        layers,
        { pipeline, virtualPipeline, firstStageLayers: first, lastStageLayers: last },
        rule,
      );
      expect(split).toEqual(expected);
    },
  );
});

describe('the layer groups each stage holds', () => {
  const stages = (architecture: Architecture, pipeline: number, first: number | null = null) =>
    pipelineStages(architecture, { ...BASE_PARALLELISM, pipeline, firstStageLayers: first }, 'megatron');

  test('3 dense layers then 5 MoE layers over 4 stages of 2: the group boundary falls inside stage 1', () => {
    const result = stages(withGroups(group(DENSE, 3), group(MOE, 5)), 4);
    expect(result.map((s) => s.layers)).toEqual([
      [group(DENSE, 2)],
      [group(DENSE, 1), group(MOE, 1)],
      [group(MOE, 2)],
      [group(MOE, 2)],
    ]);
    expect(result.map((s) => [s.index, s.layerCount, s.firstLayer, s.hasEmbedding, s.hasHead])).toEqual([
      [0, 2, 0, true, false],
      [1, 2, 2, false, false],
      [2, 2, 4, false, false],
      [3, 2, 6, false, true],
    ]);
    expect(result.map((s) => s.hasMultiTokenPrediction)).toEqual([false, false, false, false]);
  });

  test('a stage taking layers from three groups: 1 dense, 5 MoE, 2 dense on 2 stages of 1 and 7', () => {
    const result = stages(withGroups(group(DENSE, 1), group(MOE, 5), group(DENSE, 2)), 2, 1);
    expect(result.map((s) => s.layers)).toEqual([[group(DENSE, 1)], [group(MOE, 5), group(DENSE, 2)]]);
    expect(result.map((s) => s.firstLayer)).toEqual([0, 1]);
  });

  test('adjacent groups of the same tensors merge into one on a stage (never across stages)', () => {
    // 4 + 4 layers of TOY8's group: one stage holds one group of 8; two stages one group of 4 each.
    const split = withGroups(group(DENSE, 4), group(DENSE, 4));
    expect(stages(split, 1)[0]!.layers).toEqual([group(DENSE, 8)]);
    expect(stages(split, 2).map((s) => s.layers)).toEqual([[group(DENSE, 4)], [group(DENSE, 4)]]);
    // 3 + 5 over 2 stages of 4: stage 0 takes 3 and then 1 of the second group, merged into 4.
    expect(stages(withGroups(group(DENSE, 3), group(DENSE, 5)), 2).map((s) => s.layers)).toEqual([
      [group(DENSE, 4)],
      [group(DENSE, 4)],
    ]);
  });

  test('a group with no layers adds nothing', () => {
    const result = stages(withGroups(group(DENSE, 2), group(MOE, 0), group(DENSE, 2)), 2);
    expect(result.map((s) => s.layers)).toEqual([[group(DENSE, 2)], [group(DENSE, 2)]]);
  });

  test('the multi-token-prediction modules live on the last stage only', () => {
    const mtp = {
      ...TOY8,
      multiTokenPrediction: { modules: 1, layer: DENSE, projection: DENSE.linears[0]!, norms: [] },
    };
    expect(stages(mtp, 2).map((s) => s.hasMultiTokenPrediction)).toEqual([false, true]);
    expect(stages(mtp, 1).map((s) => s.hasMultiTokenPrediction)).toEqual([true]);
  });
});

describe('whether two stages hold the same tensors', () => {
  const base: PipelineStage = {
    index: 1,
    layers: [group(DENSE, 1), group(MOE, 2)],
    layerCount: 3,
    firstLayer: 3,
    hasEmbedding: false,
    hasHead: false,
    hasMultiTokenPrediction: false,
  };
  test.each([
    ['another index and first layer (same layers elsewhere in the pipeline)', { index: 2, firstLayer: 6 }, true],
    ['equal copies of the same groups', { layers: [group(DENSE, 1), group(MOE, 2)] }, true],
    ['one layer more', { layerCount: 4, layers: [group(DENSE, 2), group(MOE, 2)] }, false],
    ['the embedding', { hasEmbedding: true }, false],
    ['the head', { hasHead: true }, false],
    ['the multi-token-prediction modules', { hasMultiTokenPrediction: true }, false],
    ['the same count in one group more', { layers: [group(DENSE, 1), group(MOE, 1), group(DENSE, 1)] }, false],
    ['the same groups, split otherwise', { layers: [group(DENSE, 2), group(MOE, 1)] }, false],
    ['the same counts of other groups', { layers: [group(MOE, 1), group(DENSE, 2)] }, false],
    ['the first group the same, the second another', { layers: [group(DENSE, 1), group(DENSE, 2)] }, false],
    ['other norms only', { layers: [{ ...group(DENSE, 1), norms: [] }, group(MOE, 2)] }, false],
    ['other experts only', { layers: [group(DENSE, 1), { ...group(MOE, 2), experts: null }] }, false],
    ['other linears only', { layers: [group(DENSE, 1), { ...group(MOE, 2), linears: DENSE.linears }] }, false],
  ] as [string, Partial<PipelineStage>, boolean][])('%s → %s', (_name, change, same) => {
    const other = { ...base, ...change };
    expect(sameStageContents(base, other)).toBe(same);
    expect(sameStageContents(other, base)).toBe(same);
  });
});
