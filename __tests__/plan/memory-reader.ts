/** An in-memory FileReader for loader tests: paths map to texts; anything else is missing. */
import type { FileReader } from '../../src/plan/file-reader.js';

export function memoryReader(files: Readonly<Record<string, string>>): FileReader {
  return {
    root: '/workspace',
    readText: async (filePath) => (Object.hasOwn(files, filePath) ? files[filePath]! : null),
    listFiles: async (directory) => {
      const prefix = directory === '' || directory === '.' ? '' : `${directory.replace(/\/$/, '')}/`;
      return Object.keys(files)
        .filter(
          (file) =>
            file.startsWith(prefix) &&
            !file
              .slice(prefix.length)
              .split('/')
              .some((s) => s.startsWith('.')),
        )
        .sort();
    },
  };
}
