/** docs/models.md and docs/gpus.md are what the catalogue renders to now (regenerate: scripts/catalog-docs.ts --write). */
import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { builtInCatalog } from '../../src/catalog/index.js';
import { gpusPage, modelsPage } from '../../scripts/catalog-docs.js';

test('docs/models.md is current', () => {
  expect(readFileSync('docs/models.md', 'utf8')).toBe(modelsPage(builtInCatalog.listModels()));
});

test('docs/gpus.md is current', () => {
  expect(readFileSync('docs/gpus.md', 'utf8')).toBe(gpusPage(builtInCatalog.listGpus()));
});
