/**
 * The throughput cases a GPU session runs (calibration/throughput-cases.yaml, issue 16), held before they run: 20 or
 * more, 0.5B–8B, micro-batch and sequence sweeps, checkpointing, compile on and off, fp8, and unique ids.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

interface ThroughputCase {
  readonly id: string;
  readonly model: { readonly hidden_size: number; readonly num_hidden_layers: number };
  readonly precision: string;
  readonly micro_batch_size: number;
  readonly sequence_length: number;
  readonly activation_checkpointing: string;
  readonly compile: boolean;
}

const doc = load(readFileSync('calibration/throughput-cases.yaml', 'utf8')) as {
  readonly warmup_steps: number;
  readonly measured_steps: number;
  readonly cases: readonly ThroughputCase[];
};

describe('throughput cases', () => {
  it('20 or more, unique ids, warm-up excluded from 8 measured steps', () => {
    expect(doc.cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(doc.cases.map((c) => c.id)).size).toBe(doc.cases.length);
    expect(doc.warmup_steps).toBeGreaterThanOrEqual(2);
    expect(doc.measured_steps).toBeGreaterThanOrEqual(5);
  });

  it('span 0.5B to 8B (hidden 896 × 24 layers to 4096 × 32)', () => {
    const widths = doc.cases.map((c) => c.model.hidden_size);
    expect(Math.min(...widths)).toBe(896);
    expect(Math.max(...widths)).toBe(4096);
  });

  it('sweep the micro-batch at one sequence length and the sequence length at one micro-batch', () => {
    const batches = new Set(
      doc.cases
        .filter(
          (c) =>
            c.id.startsWith('t-qwen05b-bf16') &&
            c.sequence_length === 2048 &&
            !c.compile &&
            c.activation_checkpointing === 'none',
        )
        .map((c) => c.micro_batch_size),
    );
    expect([...batches].sort()).toEqual([1, 2, 4, 8]);
    const lengths = new Set(doc.cases.filter((c) => c.micro_batch_size === 1).map((c) => c.sequence_length));
    expect(lengths.size).toBeGreaterThanOrEqual(5);
    expect(Math.max(...lengths)).toBeGreaterThan(8192);
  });

  it('pair compile on and off, checkpointing on and off, and run fp8', () => {
    const key = (c: ThroughputCase) =>
      `${c.id.split('-').slice(0, 2).join('-')} ${c.precision} ${c.micro_batch_size} ${c.sequence_length} ${c.activation_checkpointing}`;
    const compiled = doc.cases.filter((c) => c.compile);
    expect(
      compiled.filter((c) => doc.cases.some((d) => !d.compile && key(d) === key(c))).length,
    ).toBeGreaterThanOrEqual(3);
    expect(doc.cases.filter((c) => c.activation_checkpointing === 'full').length).toBeGreaterThanOrEqual(4);
    expect(doc.cases.filter((c) => c.precision === 'fp8').length).toBeGreaterThanOrEqual(3);
  });
});
