/**
 * `--compare-to FILE`: a base run's JSON report, read and checked. The report is the user's own output of
 * `train-memory estimate --format json`, named on the command line, so it may lie outside the current directory; it is
 * still read as data: size-limited, strict UTF-8, parsed by the same safe loader as plan files (JSON is YAML), and
 * every problem is an issue at file:line:column (exit code 2).
 */
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeUtf8, FileReadError } from '../plan/file-reader.js';
import { sortIssues, type PlanIssue } from '../plan/plan-issue.js';
import { parseYamlDocument } from '../plan/yaml-document.js';
import { readReport } from '../report/read-report.js';
import type { Report } from '../report/schema.js';

/** Reports larger than this are refused: about 1,000 plans of 7 KB each. */
export const MAX_REPORT_BYTES = 8 * 1024 * 1024;

export type BaseReportResult = { readonly report: Report } | { readonly issues: readonly PlanIssue[] };

function fileIssue(file: string, code: PlanIssue['code'], message: string): PlanIssue {
  return { code, path: [], message, file, line: 1, column: 1 };
}

async function readText(file: string, cwd: string): Promise<string | PlanIssue> {
  let handle;
  try {
    handle = await open(path.resolve(cwd, file), 'r');
  } catch {
    return fileIssue(file, 'file_not_found', 'no such file: give the JSON report of the base run');
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return fileIssue(file, 'file_not_found', 'not a file: give the JSON report of the base run');
    if (stats.size > MAX_REPORT_BYTES) {
      return fileIssue(
        file,
        'file_too_large',
        `${stats.size} bytes; a base report is limited to ${MAX_REPORT_BYTES} bytes (8 MiB)`,
      );
    }
    const buffer = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(buffer, 0, stats.size, 0);
    return decodeUtf8(buffer.subarray(0, bytesRead), file);
  } catch (error) {
    if (error instanceof FileReadError) return fileIssue(file, error.code, error.message);
    throw error;
  } finally {
    await handle.close();
  }
}

/** Reads and checks the base report at `file` (relative to `cwd`, or absolute). */
export async function readBaseReport(file: string, cwd: string): Promise<BaseReportResult> {
  const text = await readText(file, cwd);
  if (typeof text !== 'string') return { issues: [text] };
  const parsed = parseYamlDocument(file, text);
  if (parsed.document === null) {
    // The loader reads JSON as YAML, its subset; a report is JSON.
    return {
      issues: parsed.issues.map((issue) => ({
        ...issue,
        message: issue.message.replace(/^invalid YAML/, 'invalid JSON'),
      })),
    };
  }
  const document = parsed.document;
  const { report, problems } = readReport(document.value);
  if (report !== null) return { report };
  return {
    issues: sortIssues(
      problems.map((problem): PlanIssue => {
        const position = document.locate(problem.path, 'value');
        return {
          code: 'invalid_value',
          path: problem.path,
          message: problem.message,
          expected: problem.expected,
          file,
          line: position.line,
          column: position.column,
          sourceLine: position.sourceLine,
        };
      }),
    ),
  };
}
