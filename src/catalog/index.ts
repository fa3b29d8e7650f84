/** The built-in catalogues: models.json and gpus.json, bound to the accessors of ./catalog.ts. */
import models from './models.json' with { type: 'json' };
import gpus from './gpus.json' with { type: 'json' };
import { createCatalog } from './catalog.js';
import type { Catalog, GpuEntry, ModelEntry } from './catalog.js';

export { createCatalog, gpuSpec } from './catalog.js';
export type { Catalog, GpuEntry, GpuTflops, ModelEntry } from './catalog.js';

export const builtInCatalog: Catalog = createCatalog(
  models as unknown as readonly ModelEntry[],
  gpus as unknown as readonly GpuEntry[],
);

export const listModels = (): readonly ModelEntry[] => builtInCatalog.listModels();
export const findModel = (idOrAlias: string): ModelEntry | null => builtInCatalog.findModel(idOrAlias);
export const listGpus = (): readonly GpuEntry[] => builtInCatalog.listGpus();
export const findGpu = (idOrAlias: string): GpuEntry | null => builtInCatalog.findGpu(idOrAlias);
