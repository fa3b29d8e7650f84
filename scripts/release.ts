/**
 * Releases (docs/SECURITY.md "Pinning", .github/workflows/release.yml):
 *
 *   npx tsx scripts/release.ts bump 1.2.0     # package.json and its lock at 1.2.0, "Unreleased" becomes "1.2.0"
 *   npm run bundle && git commit -am "release v1.2.0" && git tag v1.2.0 && git push origin HEAD v1.2.0
 *
 *   npx tsx scripts/release.ts check v1.2.0 [--notes FILE]   # what the release workflow runs on the tag
 *
 * `check` refuses a tag that is not `vX.Y.Z`, that is not the version of package.json and its lock, whose version has no
 * CHANGELOG entry, or whose bundles do not carry that version; with --notes it writes the entry (the release notes).
 * The workflow checks besides that dist/ is what the sources at the tag build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;
const UNRELEASED = '## [Unreleased]';

/** The CHANGELOG entry of `version`: the lines under its `## [version]` heading, up to the next `## ` heading. */
export function changelogEntry(changelog: string, version: string): string | null {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start === -1) return null;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const body = lines
    .slice(start + 1, end === -1 ? undefined : end)
    .join('\n')
    .trim();
  return body === '' ? null : body;
}

/** `changelog` with what is under "Unreleased" moved under `## [version] — date`, and an empty "Unreleased" above. */
export function bumpChangelog(changelog: string, version: string, date: string): string {
  const pending = changelogEntry(changelog.replace(UNRELEASED, '## [Unreleased-pending]'), 'Unreleased-pending');
  if (pending === null) throw new Error(`CHANGELOG.md has nothing under "${UNRELEASED}" to release`);
  if (changelog.includes(`## [${version}]`)) throw new Error(`CHANGELOG.md already has ${version}`);
  return changelog.replace(UNRELEASED, `${UNRELEASED}\n\n## [${version}] — ${date}`);
}

const compare = (a: string, b: string): number => {
  const [x, y] = [SEMVER.exec(a)!.slice(1).map(Number), SEMVER.exec(b)!.slice(1).map(Number)];
  return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
};

export interface ReleaseState {
  readonly tag: string;
  readonly packageVersion: string;
  readonly lockVersion: string;
  readonly changelog: string;
  /** The bundles' text: each must name the version (the CLI's --version, the comment's footer). */
  readonly bundles: Readonly<Record<string, string>>;
}

/** Why `state` may not be released; empty when it may. */
export function releaseProblems(state: ReleaseState): string[] {
  const problems: string[] = [];
  const match = /^v(\d+\.\d+\.\d+)$/.exec(state.tag);
  if (match === null) return [`tag ${state.tag} is not vX.Y.Z`];
  const version = match[1]!;
  if (state.packageVersion !== version)
    problems.push(`package.json is at ${state.packageVersion}, the tag at ${version}`);
  if (state.lockVersion !== version)
    problems.push(`package-lock.json is at ${state.lockVersion}, the tag at ${version}`);
  if (changelogEntry(state.changelog, version) === null) problems.push(`CHANGELOG.md has no entry for ${version}`);
  for (const [file, text] of Object.entries(state.bundles)) {
    if (!text.includes(`"${version}"`)) problems.push(`${file} does not carry version ${version}: run npm run bundle`);
  }
  return problems;
}

function readState(tag: string): ReleaseState {
  const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
  const packageJson = JSON.parse(read('package.json')) as { version: string };
  const lock = JSON.parse(read('package-lock.json')) as { version: string };
  return {
    tag,
    packageVersion: packageJson.version,
    lockVersion: lock.version,
    changelog: read('CHANGELOG.md'),
    bundles: { 'dist/index.js': read('dist/index.js'), 'dist/cli/index.js': read('dist/cli/index.js') },
  };
}

function bump(version: string): void {
  if (!SEMVER.test(version)) throw new Error(`${version} is not X.Y.Z`);
  const packageFile = path.join(ROOT, 'package.json');
  const lockFile = path.join(ROOT, 'package-lock.json');
  const changelogFile = path.join(ROOT, 'CHANGELOG.md');
  const packageJson = JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string };
  if (compare(version, packageJson.version) <= 0) {
    throw new Error(`${version} is not later than the current ${packageJson.version}`);
  }
  const changelog = bumpChangelog(readFileSync(changelogFile, 'utf8'), version, new Date().toISOString().slice(0, 10));
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as {
    version: string;
    packages: Record<string, { version?: string }>;
  };
  lock.version = version;
  lock.packages['']!.version = version;
  packageJson.version = version;
  writeFileSync(packageFile, `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  writeFileSync(changelogFile, changelog);
  console.log(
    `package.json, package-lock.json and CHANGELOG.md are at ${version}. Next:\n` +
      `  npm run bundle && git commit -am "release v${version}" && git tag v${version} && git push origin HEAD v${version}`,
  );
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [command, argument] = process.argv.slice(2);
  try {
    if (command === 'bump' && argument !== undefined) bump(argument);
    else if (command === 'check' && argument !== undefined) {
      const state = readState(argument);
      const problems = releaseProblems(state);
      if (problems.length > 0) throw new Error(problems.join('\n'));
      const notesIndex = process.argv.indexOf('--notes');
      if (notesIndex >= 0) {
        writeFileSync(process.argv[notesIndex + 1]!, `${changelogEntry(state.changelog, argument.slice(1))}\n`);
      }
      console.log(`${argument} may be released`);
    } else throw new Error('usage: release.ts bump X.Y.Z | release.ts check vX.Y.Z [--notes FILE]');
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
