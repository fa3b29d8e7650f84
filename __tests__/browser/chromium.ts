/**
 * A real browser for the picture tests: Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it),
 * driven by playwright-core, which downloads no browser of its own. Headless, no sandbox (containers), no GPU, no
 * background networking, a fresh profile per run; every request that is not the page's own file is refused and
 * recorded, and every console error and page error is recorded, so a test can fail on any of them.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from '@jest/globals';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium binary: CHROMIUM_PATH when set, else Debian's; null when there is none. */
export function findChromium(): string | null {
  const given = process.env['CHROMIUM_PATH'];
  if (given !== undefined && given !== '') return existsSync(given) ? given : null;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

export const CHROMIUM_PATH = findChromium();

/** Set by .ci/run and the CI workflow: without a browser the tests fail instead of being skipped. */
export const BROWSER_REQUIRED = process.env['REQUIRE_BROWSER'] === '1';

/** Said once per suite when the browser tests cannot run. */
export const SKIPPED_MESSAGE =
  'browser tests SKIPPED: no Chromium found (install it with `apt-get install chromium`, or set CHROMIUM_PATH); ' +
  'the HTML report and the comment pictures were not checked in a browser';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function openBrowser(colorScheme: 'light' | 'dark' = 'light'): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'train-memory-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH!,
    headless: true,
    args: CHROMIUM_ARGS,
    colorScheme,
    viewport: { width: 1000, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong on a page: console errors, uncaught errors, requests for anything but `allowed` files. */
export interface PageProblems {
  readonly problems: string[];
}

/** Opens `file` (an absolute path) in a new page, watching it; `allowed` are further files it may load. */
export async function openPage(
  browser: Browser,
  file: string,
  allowed: readonly string[] = [],
): Promise<{ page: Page; watch: PageProblems }> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  const allowedUrls = new Set([file, ...allowed].map((entry) => `file://${entry}`));
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (allowedUrls.has(url)) return route.continue();
    problems.push(`request refused: ${url}`);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`file://${file}`);
  return { page, watch: { problems } };
}

/** Where screenshots go: reports/screenshots (git-ignored, kept by CI); those `shown` in docs/pictures.md also there
 * with UPDATE_SCREENSHOTS=1. */
export function saveScreenshot(name: string, png: Buffer, shown = false): void {
  const targets = [path.join(REPO_ROOT, 'reports', 'screenshots')];
  if (shown && process.env['UPDATE_SCREENSHOTS'] === '1') targets.push(path.join(REPO_ROOT, 'docs', 'pictures'));
  for (const directory of targets) {
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, name), png);
  }
}

/**
 * `describe` when Chromium is there; else `describe.skip`, named so that the reporter says why, or — when a browser
 * is required — a suite whose one test fails with the reason.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (CHROMIUM_PATH !== null) {
    describe(name, body);
    return;
  }
  if (BROWSER_REQUIRED) {
    describe(name, () => {
      it('needs Chromium (REQUIRE_BROWSER=1)', () => {
        throw new Error(SKIPPED_MESSAGE.replace('SKIPPED', 'cannot run'));
      });
    });
    return;
  }
  // Jest prints nothing of a skipped suite: __fixtures__/browser-skip-reporter.mjs says it after the summary.
  describe.skip(`${name} (SKIPPED: no Chromium)`, body);
}

/** A scratch directory for the pages a test writes. */
export function scratchDirectory(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'train-memory-pages-'));
}
