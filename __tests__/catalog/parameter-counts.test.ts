/**
 * Every catalogue model with a published exact parameter count: the count computed from its config.json must equal
 * the cited number (src/catalog/models.json, `parameters.source`).
 */
import { expect, test } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { architectureFromHfConfig } from '../../src/core/architecture/hf-config.js';
import { countParameters } from '../../src/core/architecture/parameters.js';

const models = builtInCatalog.listModels();
const published = models.filter((model) => model.parameters.total !== null);

test('the catalogue holds at least 30 models, most with a published exact count', () => {
  expect(models.length).toBeGreaterThanOrEqual(30);
  expect(published.length).toBeGreaterThanOrEqual(30);
});

test.each(published.map((model) => [model.id, model] as const))('%s', (_id, model) => {
  expect(countParameters(architectureFromHfConfig(model.config)).total).toBe(model.parameters.total);
});

test('models without a published exact count still read', () => {
  for (const model of models.filter((m) => m.parameters.total === null)) {
    expect(countParameters(architectureFromHfConfig(model.config)).total).toBeGreaterThan(0);
  }
});
