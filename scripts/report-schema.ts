/**
 * The JSON report's JSON Schema (schema/report-v1.schema.json), generated from the `Report` type of
 * src/report/schema.ts with the TypeScript compiler, so that it follows the code: every field required unless optional
 * in the type, no other fields, string unions as enums, null where the type allows it. Numbers that count bytes,
 * parameters, GPUs or file positions are integers (DESIGN.md "JSON report": all byte fields are integers).
 *
 *   npx tsx scripts/report-schema.ts            # print
 *   npx tsx scripts/report-schema.ts --write    # write schema/report-v1.schema.json
 *
 * __tests__/report/report-schema.test.ts fails when the committed file is not what this generates.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, 'src', 'report', 'schema.ts');
export const REPORT_SCHEMA_FILE = path.join(ROOT, 'schema', 'report-v1.schema.json');

/** Interfaces whose number fields are all whole numbers (bytes, parameter counts, GPUs, positions). */
const INTEGER_INTERFACES = new Set([
  'MemoryTerms',
  'PerGpuMemory',
  'DeviceOverheads',
  'ParameterCount',
  'ParameterBreakdown',
  'ReportHardware',
  'ReportWarning',
  'HostTerms',
]);
/** Whole-number fields elsewhere. */
const INTEGER_FIELDS = new Set([
  'capacityBytes',
  'hostPerNode',
  'perNode',
  'phaseTotals',
  'ranksPerNode',
  'pinnedBytes',
  'bytesPerNode',
  'readBytesPerStep',
  'writeBytesPerStep',
  'modelStateBytesAllGpus',
  'peakDeviceBytes',
  'gpus',
  'line',
  'column',
  'schemaVersion',
]);

type Schema = Record<string, unknown>;

class Generator {
  readonly definitions: Record<string, Schema> = {};
  private readonly checker: ts.TypeChecker;

  constructor(program: ts.Program) {
    this.checker = program.getTypeChecker();
  }

  /** The schema of `type`; `integer`: a number here is a whole number. */
  schemaOf(type: ts.Type, integer: boolean): Schema {
    const checker = this.checker;
    if (type.isUnion()) {
      const members = type.types;
      const literals = members.filter((member) => member.isStringLiteral() || member.isNumberLiteral());
      const hasNull = members.some((member) => member.flags & ts.TypeFlags.Null);
      const booleans = members.filter((member) => member.flags & ts.TypeFlags.BooleanLiteral);
      const rest = members.filter(
        (member) =>
          !(member.isStringLiteral() || member.isNumberLiteral()) &&
          !(member.flags & ts.TypeFlags.Null) &&
          !(member.flags & ts.TypeFlags.BooleanLiteral) &&
          !(member.flags & ts.TypeFlags.Undefined),
      );
      const options: Schema[] = [];
      if (literals.length > 0) {
        options.push({
          enum: literals.map((member) => (member as ts.LiteralType).value).sort(compareValues),
        });
      }
      if (booleans.length > 0) options.push({ type: 'boolean' });
      for (const member of rest) options.push(this.schemaOf(member, integer));
      if (hasNull) options.push({ type: 'null' });
      return options.length === 1 ? options[0]! : { anyOf: options };
    }
    if (type.flags & ts.TypeFlags.Number) return { type: integer ? 'integer' : 'number' };
    if (type.flags & ts.TypeFlags.String) return { type: 'string' };
    if (type.flags & ts.TypeFlags.Boolean || type.flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
    if (type.flags & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isStringLiteral() || type.isNumberLiteral()) return { const: type.value };
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const [item] = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: this.schemaOf(item!, integer) };
    }
    const named = type.aliasSymbol?.name ?? (type.symbol?.name !== '__type' ? type.symbol?.name : undefined);
    const isInterface = (type.flags & ts.TypeFlags.Object) !== 0 && type.isClassOrInterface();
    if (isInterface && named !== undefined) {
      if (!(named in this.definitions)) {
        this.definitions[named] = {};
        this.definitions[named] = this.objectSchema(type, INTEGER_INTERFACES.has(named));
      }
      return { $ref: `#/$defs/${named}` };
    }
    return this.objectSchema(type, integer);
  }

  private objectSchema(type: ts.Type, integerFields: boolean): Schema {
    const checker = this.checker;
    const index = checker.getIndexInfosOfType(type)[0];
    const properties = checker.getPropertiesOfType(type);
    if (index !== undefined && properties.length === 0) {
      // Readonly<Record<string, V>>: the plan fields a recommendation changes.
      return { type: 'object', additionalProperties: this.schemaOf(index.type, false) };
    }
    const schema: Schema = { type: 'object', properties: {}, required: [] as string[], additionalProperties: false };
    for (const property of properties) {
      const propertyType = checker.getTypeOfSymbol(property);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const integer = integerFields || INTEGER_FIELDS.has(property.name);
      // An optional field's `undefined` is dropped with the unions' (it is absent, never null).
      (schema['properties'] as Record<string, Schema>)[property.name] = this.schemaOf(propertyType, integer);
      if (!optional) (schema['required'] as string[]).push(property.name);
    }
    return schema;
  }
}

function compareValues(a: string | number | ts.PseudoBigInt, b: string | number | ts.PseudoBigInt): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** The report's JSON Schema, generated now from the sources. */
export function reportJsonSchema(): Schema {
  const program = ts.createProgram([SOURCE], {
    strict: true,
    exactOptionalPropertyTypes: false,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    resolveJsonModule: true,
    noEmit: true,
  });
  const source = program.getSourceFile(SOURCE)!;
  const checker = program.getTypeChecker();
  const reportSymbol = checker
    .getExportsOfModule(checker.getSymbolAtLocation(source)!)
    .find((symbol) => symbol.name === 'Report')!;
  const generator = new Generator(program);
  generator.schemaOf(checker.getDeclaredTypeOfSymbol(reportSymbol), false);
  const definitions = Object.fromEntries(
    Object.entries(generator.definitions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const report = definitions['Report']!;
  delete definitions['Report'];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/train-memory/train-memory-action/blob/v1/schema/report-v1.schema.json',
    title: 'train-memory JSON report, schema version 1',
    description:
      'What `train-memory estimate --format json` prints and the action writes as its `report` output. Generated from src/report/schema.ts by scripts/report-schema.ts.',
    ...report,
    $defs: definitions,
  };
}

export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const text = reportJsonSchemaText();
  if (process.argv.includes('--write')) writeFileSync(REPORT_SCHEMA_FILE, text);
  else process.stdout.write(text);
}
