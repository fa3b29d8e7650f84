/** The accuracy the README states is the one docs/validation.md (regenerated in CI) measures. */
import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';

test('README quotes the current median and 90th percentile of docs/validation.md', () => {
  const validation = readFileSync('docs/validation.md', 'utf8');
  const readme = readFileSync('README.md', 'utf8');
  const measured = /median absolute error ([\d.]+)%, 90th percentile ([\d.]+)%/.exec(validation);
  expect(measured).not.toBeNull();
  expect(readme).toContain(`median absolute error ${measured![1]}%, 90th percentile ${measured![2]}%`);
});

test('README quotes the current trace agreement of docs/validation.md', () => {
  const validation = readFileSync('docs/validation.md', 'utf8');
  const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
  const section = validation.slice(validation.indexOf('### Traced on CPU'));
  const traced = /Median absolute error ([\d.]+)%, worst ([\d.]+)% over (\d+) cases/.exec(section);
  expect(traced).not.toBeNull();
  expect(readme).toContain(`median ${traced![1]}%, worst ${traced![2]}% over ${traced![3]} traced cases`);
});

test('README quotes the current GPU measurements of docs/validation.md', () => {
  const validation = readFileSync('docs/validation.md', 'utf8');
  const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
  const section = (heading: string): string => validation.slice(validation.indexOf(heading));
  const measured = /Median absolute error ([\d.]+)%, worst ([\d.]+)% over (\d+) cases/.exec(
    section('## Our GPU measurements'),
  );
  const families = /Median absolute error ([\d.]+)%, worst ([\d.]+)% over (\d+) cases/.exec(
    section('### Other model families, measured'),
  );
  const reserved = /Reserved \(max_memory_reserved\): median absolute error ([\d.]+)%, worst (.[\d]+)/.exec(validation);
  expect(measured).not.toBeNull();
  expect(families).not.toBeNull();
  expect(reserved).not.toBeNull();
  expect(readme).toContain(`median ${measured![1]}%, worst ${measured![2]}% over ${measured![3]} measured cases`);
  expect(readme).toContain(
    `median ${families![1]}%, worst ${families![2]}% over ${families![3]} cases of other families`,
  );
  expect(readme).toContain(`(median ${reserved![1]}%, worst ${reserved![2]}%`);
  const holdout = /Median absolute error ([\d.]+)%, worst ([\d.]+)% over (\d+) cases/.exec(
    section('### Held-out cases'),
  );
  expect(holdout).not.toBeNull();
  expect(readme).toContain(`median ${holdout![1]}%, worst ${holdout![2]}% over ${holdout![3]} held-out cases`);
});
