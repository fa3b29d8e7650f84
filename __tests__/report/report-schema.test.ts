/**
 * schema/report-v1.schema.json: generated from the report's types (scripts/report-schema.ts), committed current, and
 * true to the reports the CLI writes — every example's report validates, compared with a base or not. The property
 * test (__tests__/properties/report-properties.test.ts) validates reports of drawn plan files besides.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPORT_SCHEMA_FILE, reportJsonSchemaText } from '../../scripts/report-schema.js';
import { runCli } from '../cli/run-cli.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const committed = readFileSync(REPORT_SCHEMA_FILE, 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(committed) as object);

describe('schema/report-v1.schema.json', () => {
  it('is what the report types generate (regenerate: npx tsx scripts/report-schema.ts --write)', () => {
    expect(committed).toBe(reportJsonSchemaText());
  }, 60_000);

  const examples = readdirSync(path.join(ROOT, 'examples')).filter((name) => name.endsWith('.yml'));
  it.each(examples)('the report of examples/%s validates, alone and compared with itself', async (name) => {
    const run = await runCli(['estimate', `examples/${name}`, '--format', 'json'], ROOT);
    const report: unknown = JSON.parse(run.stdout);
    if (!validate(report)) throw new Error(JSON.stringify(validate.errors, null, 2));
    const base = path.join(mkdtempSync(path.join(os.tmpdir(), 'report-schema-')), 'base.json');
    writeFileSync(base, run.stdout);
    const compared = await runCli(['estimate', `examples/${name}`, '--format', 'json', '--compare-to', base], ROOT);
    const withBase: unknown = JSON.parse(compared.stdout);
    expect(withBase).toHaveProperty('removedPlans', []);
    if (!validate(withBase)) throw new Error(JSON.stringify(validate.errors, null, 2));
  });

  it('names every byte field an integer (DESIGN.md: "All byte fields are integers")', () => {
    const schema = JSON.parse(committed) as { $defs: Record<string, { properties: Record<string, unknown> }> };
    for (const field of ['parameters', 'gradients', 'optimizerStates', 'activations', 'peak', 'reserved', 'device']) {
      expect(schema.$defs['PerGpuMemory']!.properties[field]).toEqual({ type: 'integer' });
    }
    expect(schema.$defs['ReportMemory']!.properties['capacityBytes']).toEqual({ type: 'integer' });
    expect(schema.$defs['ReportMemory']!.properties['hostPerNode']).toEqual({ type: 'integer' });
    for (const field of ['processes', 'checkpointLoad', 'offloadedOptimizerStates', 'checkpointSave']) {
      expect(schema.$defs['HostTerms']!.properties[field]).toEqual({ type: 'integer' });
    }
    expect(schema.$defs['HostMemoryEstimate']!.properties['perNode']).toEqual({ type: 'integer' });
  });
});
