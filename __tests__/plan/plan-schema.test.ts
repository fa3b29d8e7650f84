/**
 * The plan file's JSON Schema: generated from the key table the loader checks, committed current, and true to the
 * loader — every example and validation plan passes it, and it refuses what the loader refuses by key, type and enum.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { planJsonSchema, planJsonSchemaText } from '../../src/plan/plan-schema.js';
import {
  parseBandwidth,
  parseCount,
  parseDuration,
  parseMemory,
  parsePercent,
  QUANTITY_PATTERNS,
} from '../../src/plan/units.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const SCHEMA_FILE = path.join(ROOT, 'schema', 'plan-v1.schema.json');

// strictRequired off: `anyOf: [{ required: [name] }, { required: [from] }]` names properties declared beside it.
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(planJsonSchema());

function planFiles(): string[] {
  const files = readdirSync(path.join(ROOT, 'examples')).map((name) => `examples/${name}`);
  for (const directory of readdirSync(path.join(ROOT, 'validation'))) {
    const full = path.join(ROOT, 'validation', directory);
    try {
      for (const name of readdirSync(full)) if (name.endsWith('.yml')) files.push(`validation/${directory}/${name}`);
    } catch {
      // a file, not a directory
    }
  }
  return files.filter((file) => file.endsWith('.yml'));
}

describe('schema/plan-v1.schema.json', () => {
  it('is the schema the key table generates (regenerate: npx tsx scripts/plan-schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(planJsonSchemaText());
  });

  it.each(planFiles())('accepts %s', (file) => {
    const value = load(readFileSync(path.join(ROOT, file), 'utf8'));
    expect(validate(value) ? [] : validate.errors).toEqual([]);
  });

  it.each(planFiles().filter((file) => file.startsWith('examples/')))('%s names the schema for editors', (file) => {
    expect(readFileSync(path.join(ROOT, file), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schema/plan-v1.schema.json',
    );
  });

  const plan = (fields: Record<string, unknown>) => ({ version: 1, plans: [{ name: 'p', model: 'm', ...fields }] });
  it.each([
    // [what, file, accepted]
    ['a minimal plan', plan({}), true],
    ['a plan named by its config', { version: 1, plans: [{ from: { axolotl: 'a.yml' } }] }, true],
    ['a plan with neither name nor from', { version: 1, plans: [{ model: 'm' }] }, false],
    ['an unknown key', plan({ training: { optimiser: 'adamw' } }), false],
    ['an unknown framework', plan({ framework: 'jax' }), false],
    ['an unknown sharding engine', plan({ parallelism: { sharding: 'fsdp3' } }), false],
    ['a known sharding engine', plan({ parallelism: { sharding: 'fsdp2', zero: 3 } }), true],
    ['a zero stage out of range', plan({ parallelism: { zero: 4 } }), false],
    ['a micro batch of 0', plan({ training: { micro_batch_size: 0 } }), false],
    ['tokens as a count', plan({ training: { tokens: '2.5B' } }), true],
    ['tokens that are not a count', plan({ training: { tokens: 'lots' } }), false],
    ['a memory budget in percent', plan({ budget: { max_memory_per_gpu: '95%' } }), true],
    ['a memory budget without a unit', plan({ budget: { max_memory_per_gpu: 80 } }), false],
    ['inline model fields', plan({ model: { model_type: 'llama', hidden_size: 64 } }), true],
    ['a custom GPU', plan({ hardware: { gpu: { name: 'X', memory: '96GiB', bf16_tflops: 800 } } }), true],
    ['an unknown from: format', plan({ from: { axolotol: 'a.yml' } }), false],
    ['a file without plans', { version: 1 }, false],
  ])('%s: valid = %s', (_what, value, accepted) => {
    expect(validate(value)).toBe(accepted);
  });
});

describe('quantity patterns accept what the parsers accept', () => {
  it.each([
    // [kind, text]
    ['memory', '80GiB'],
    ['memory', '1.5 tib'],
    ['memory', '512MB'],
    ['memory', '80'],
    ['memory', '80 GiBs'],
    ['percent', '95%'],
    ['percent', '95 %'],
    ['percent', '95'],
    ['count', '15T'],
    ['count', '1_000_000'],
    ['count', '4e9'],
    ['count', '2.5 b'],
    ['count', '3x'],
    ['duration', '36h'],
    ['duration', '14 d'],
    ['duration', '36H'],
    ['bandwidth', '3350GB/s'],
    ['bandwidth', '3.35 tb/s'],
    ['bandwidth', '3350 GB'],
  ] as const)('%s %j', (kind, text) => {
    const parse = {
      memory: parseMemory,
      percent: parsePercent,
      count: parseCount,
      duration: parseDuration,
      bandwidth: parseBandwidth,
    }[kind];
    expect(new RegExp(QUANTITY_PATTERNS[kind]).test(text)).toBe(parse(text).ok);
  });
});
