/**
 * The plan file's JSON Schema (draft-07, what editors' YAML and JSON language servers read), generated from the key
 * table the loader checks (plan-fields.ts). `schema/plan-v1.schema.json` is this, written by
 * `npx tsx scripts/plan-schema.ts`; a test keeps the file current.
 */
import type { FieldSpec, Fields, Range } from './plan-fields.js';
import { FILE_FIELDS, PLAN_FIELDS } from './plan-fields.js';
import { QUANTITY_PATTERNS } from './units.js';

export const PLAN_SCHEMA_ID = 'https://github.com/org/train-memory-action/blob/main/schema/plan-v1.schema.json';

type JsonSchema = Record<string, unknown>;

function withDescription(schema: JsonSchema, description: string): JsonSchema {
  return description === '' ? schema : { description, ...schema };
}

function bounds(range: Range): JsonSchema {
  return range.exclusiveMin
    ? { exclusiveMinimum: range.min, maximum: range.max }
    : { minimum: range.min, maximum: range.max };
}

/** Plan fields that `defaults` and each plan share, written once under `definitions` and referenced. */
const SHARED = new Map<FieldSpec, string>(Object.entries(PLAN_FIELDS).map(([key, spec]) => [spec, key]));

function sectionSchema(fields: Fields, open: boolean): JsonSchema {
  const property = (spec: FieldSpec): JsonSchema => {
    const name = SHARED.get(spec);
    return name !== undefined ? { $ref: `#/definitions/${name}` } : fieldSchema(spec);
  };
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(fields).map(([key, spec]) => [key, property(spec)])),
    additionalProperties: open,
  };
}

export function fieldSchema(spec: FieldSpec): JsonSchema {
  switch (spec.type) {
    case 'enum':
      return withDescription({ enum: [...spec.values] }, spec.description);
    case 'integer':
      return withDescription({ type: 'integer', ...bounds(spec.range) }, spec.description);
    case 'number':
      return withDescription({ type: 'number', ...bounds(spec.range) }, spec.description);
    case 'boolean':
      return withDescription({ type: 'boolean' }, spec.description);
    case 'string':
      return withDescription({ type: 'string', minLength: 1, maxLength: spec.maxLength }, spec.description);
    case 'quantity': {
      const options: JsonSchema[] = [
        ...(spec.bareNumber ? [{ type: 'number' }] : []),
        ...spec.units.map((unit) => ({ type: 'string', pattern: QUANTITY_PATTERNS[unit] })),
      ];
      return withDescription(options.length === 1 ? options[0]! : { anyOf: options }, spec.description);
    }
    case 'list':
      return withDescription({ type: 'array', items: fieldSchema(spec.items) }, spec.description);
    case 'section':
      return withDescription(sectionSchema(spec.fields, spec.open ?? false), spec.description);
    case 'choice':
      return withDescription({ anyOf: spec.options.map(fieldSchema) }, spec.description);
  }
}

/** The whole schema: a file has `version` and `plans`; a plan has a name, or `from:` to be named after. */
export function planJsonSchema(): JsonSchema {
  const file = sectionSchema(FILE_FIELDS, false);
  const properties = file['properties'] as Record<string, JsonSchema>;
  const plans = properties['plans']!;
  const plan = plans['items'] as JsonSchema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: PLAN_SCHEMA_ID,
    title: 'train-memory plan file, version 1',
    description: 'Training plans estimated by train-memory (README "Plan file").',
    ...file,
    definitions: Object.fromEntries([...SHARED].map(([spec, key]) => [key, fieldSchema(spec)])),
    properties: {
      ...properties,
      plans: { ...plans, minItems: 1, items: { ...plan, anyOf: [{ required: ['name'] }, { required: ['from'] }] } },
    },
    required: ['version', 'plans'],
  };
}

/** The schema file's text: two-space JSON and a final newline. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
