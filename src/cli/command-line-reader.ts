/**
 * The CLI's reader: a path given on the command line is the user's own choice (`train-memory estimate
 * ~/plans/x.yml`), so it is read wherever it is. The confinement stays for what files name: a plan or config outside
 * the current directory is its own workspace, the directory it lies in, and the paths written inside it may not leave
 * that directory (through `..` or a symbolic link), as paths inside files under the current directory may not leave
 * the current directory.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { createWorkingTreeReader, FileReadError, isInside } from '../plan/file-reader.js';
import type { FileReader } from '../plan/file-reader.js';

export interface CommandLineFiles {
  readonly reader: FileReader;
  /** The given paths as the loader reads them: as given inside the current directory, else absolute. */
  readonly paths: readonly string[];
}

function realOrResolved(absolute: string): string {
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

/** `/`-separated, as the loader joins paths written in files. */
const slashed = (file: string): string => file.split(path.sep).join('/');

export function readCommandLineFiles(cwd: string, given: readonly string[]): CommandLineFiles {
  const root = path.resolve(cwd);
  const realRoot = realOrResolved(root);
  const outside = new Map<string, FileReader>();
  const paths = given.map((file) => {
    const absolute = path.resolve(root, file);
    const real = realOrResolved(absolute);
    if (isInside(root, absolute) && isInside(realRoot, real)) return file;
    const directory = path.dirname(real);
    if (!outside.has(directory)) outside.set(directory, createWorkingTreeReader(directory));
    return slashed(real);
  });
  const inside = createWorkingTreeReader(root);

  /** The reader of the directory an absolute path outside the current directory lies in, and the path inside it. */
  const route = (file: string): { reader: FileReader; file: string } => {
    if (!path.isAbsolute(file) || isInside(root, path.resolve(file))) return { reader: inside, file };
    const absolute = path.resolve(file);
    for (const [directory, reader] of outside) {
      if (isInside(directory, absolute)) return { reader, file: path.relative(directory, absolute) };
    }
    throw new FileReadError(
      'path_outside_workspace',
      `${file} is outside the current directory and the directories of the files named on the command line`,
    );
  };

  const reader: FileReader = {
    root,
    readText: async (file) => {
      const routed = route(file);
      return routed.reader.readText(routed.file);
    },
    listFiles: async (directory) => {
      const routed = route(directory);
      const listed = await routed.reader.listFiles(routed.file);
      return routed.reader === inside ? listed : listed.map((entry) => slashed(path.join(routed.reader.root, entry)));
    },
  };
  return { reader, paths };
}
