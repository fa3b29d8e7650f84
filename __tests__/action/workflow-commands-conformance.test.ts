/**
 * The action speaks the runner protocol itself (src/action/workflow-commands.ts explains why it does not bundle
 * @actions/core). This test holds it to @actions/core, the reference implementation: the same inputs, the same
 * annotation commands on stdout, and outputs that a runner parses to the same values.
 */
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ours from '../../src/action/workflow-commands.js';

/** Parses a GITHUB_OUTPUT file as the runner does: `name<<DELIMITER` … `DELIMITER` blocks. */
function parseOutputFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (match === null) continue;
    const body: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== match[2]; i += 1) body.push(lines[i]!);
    values[match[1]!] = body.join('\n');
  }
  return values;
}

function captureStdout(run: () => void): string {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('workflow commands match @actions/core', () => {
  let directory: string;
  const saved = { ...process.env };
  beforeEach(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'wf-'));
  });
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
  });

  test('inputs: upper-cased names, hyphens kept, trimmed; multiline inputs split and emptied lines dropped', () => {
    process.env['INPUT_COMMENT-KEY'] = '  nightly  ';
    process.env['INPUT_CONFIG'] = 'a.yml\n\n  b.yml \n';
    expect(ours.getInput('comment-key')).toBe(core.getInput('comment-key'));
    expect(ours.getMultilineInput('config')).toEqual(core.getMultilineInput('config'));
  });

  test('annotations: the same command line, escapes included', () => {
    const message = 'needs 83.4 GiB: 105% of 79.6\nsee details, 100%';
    const properties = { title: 'llama: memory', file: 'plans/train,plan.yml', startLine: 12 };
    expect(captureStdout(() => ours.error(message, properties))).toBe(
      captureStdout(() => core.error(message, properties)),
    );
    expect(captureStdout(() => ours.warning(message, properties))).toBe(
      captureStdout(() => core.warning(message, properties)),
    );
  });

  test('outputs: a runner reads the same values from both files', () => {
    const value = 'line one\nline two with <<EOF and ghadelimiter';
    const coreFile = path.join(directory, 'core-output');
    const ourFile = path.join(directory, 'our-output');
    writeFileSync(coreFile, '');
    writeFileSync(ourFile, '');
    process.env['GITHUB_OUTPUT'] = coreFile;
    core.setOutput('comment-body', value);
    process.env['GITHUB_OUTPUT'] = ourFile;
    ours.setOutput('comment-body', value);
    expect(parseOutputFile(readFileSync(ourFile, 'utf8'))).toEqual(parseOutputFile(readFileSync(coreFile, 'utf8')));
    expect(parseOutputFile(readFileSync(ourFile, 'utf8'))['comment-body']).toBe(value);
  });
});
