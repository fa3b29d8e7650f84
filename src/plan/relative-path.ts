/** Paths written inside a file: relative to that file, never absolute, never leading outside the workspace. */
import * as path from 'node:path';

/** `relative` as written in `file`, as a workspace path; or why it may not be used. */
export function pathFromFile(
  file: string,
  relative: string,
): { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string } {
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) {
    return { ok: false, message: `"${relative}" is absolute` };
  }
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file.split(path.sep).join('/')), relative));
  if (joined === '..' || joined.startsWith('../')) {
    return { ok: false, message: `"${relative}" leads outside the workspace` };
  }
  return { ok: true, path: joined };
}

export const RELATIVE_PATH_EXPECTED = 'a path relative to the file that names it, inside the workspace';
