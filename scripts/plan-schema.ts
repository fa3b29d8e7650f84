/**
 * Writes schema/plan-v1.schema.json, the plan file's JSON Schema generated from the loader's key table
 * (src/plan/plan-schema.ts). Run after changing plan fields: `npx tsx scripts/plan-schema.ts`.
 */
import { writeFileSync } from 'node:fs';
import { planJsonSchemaText } from '../src/plan/plan-schema.js';

writeFileSync(new URL('../schema/plan-v1.schema.json', import.meta.url), planJsonSchemaText());
