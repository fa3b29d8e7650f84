// A Jest reporter that says, after the summary, when the browser tests were skipped for want of Chromium
// (__tests__/browser/chromium.ts names such suites "… (SKIPPED: no Chromium)"), so `npm test` never passes quietly
// without them.
export default class BrowserSkipReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.testResults
      .flatMap((file) => file.testResults)
      .filter(
        (test) =>
          test.status === 'pending' && test.ancestorTitles.some((title) => title.includes('SKIPPED: no Chromium')),
      );
    if (skipped.length === 0) return;
    process.stderr.write(
      `\nBrowser tests SKIPPED (${skipped.length}): no Chromium found. The HTML report and the comment's Mermaid ` +
        'pictures were not checked in a browser. Install it with `apt-get install chromium` or set CHROMIUM_PATH.\n',
    );
  }
}
