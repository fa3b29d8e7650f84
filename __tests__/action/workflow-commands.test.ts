import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  appendSummary,
  escapeData,
  escapeProperty,
  formatCommand,
  getInput,
  getMultilineInput,
  info,
  setOutput,
} from '../../src/action/workflow-commands.js';
import { parseOutputFile } from '../../__fixtures__/action-runner.js';

describe('workflow command syntax', () => {
  it.each([
    ['percent first, so escapes are not escaped twice', '100% done', '100%25 done'],
    ['line breaks', 'a\r\nb', 'a%0D%0Ab'],
  ])('escapeData: %s', (_name, text, expected) => {
    expect(escapeData(text)).toBe(expected);
  });

  it('escapeProperty also escapes the separators', () => {
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('formats an annotation with its properties in order', () => {
    expect(
      formatCommand('error', { title: 'Plan "x", big', file: 'plans/a.yml', line: 3, col: undefined }, 'over\nlimit'),
    ).toBe('::error title=Plan "x"%2C big,file=plans/a.yml,line=3::over%0Alimit');
    expect(formatCommand('debug', {}, 'value')).toBe('::debug::value');
  });
});

describe('log lines from pull-request text', () => {
  let written: string;
  beforeEach(() => {
    written = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('writes a plain line as it is', () => {
    info('Plan files: train-plan.yml');
    expect(written).toBe(`Plan files: train-plan.yml${os.EOL}`);
  });

  it.each([
    ['a file name that holds a command on a line of its own', 'Plan files: a\n::error::forged\n.yml'],
    ['the older ##[ form', 'Plan files: ##[error]forged.yml'],
    ['a command that stops commands', 'x\n::stop-commands::mine\n'],
  ])('runs no workflow command in %s', (_what, message) => {
    info(message);
    const lines = written.split(os.EOL);
    const token = /^::stop-commands::(.+)$/.exec(lines[0]!)![1]!;
    expect(token).toMatch(/^train-memory-[a-z0-9]+$/);
    expect(message).not.toContain(token);
    expect(lines.slice(1, -2).join(os.EOL)).toBe(message);
    expect(lines.at(-2)).toBe(`::${token}::`);
  });
});

describe('inputs', () => {
  const env = { 'INPUT_GITHUB-TOKEN': '  t  ', INPUT_CONFIG: 'a.yml\n\n  b/*.yml \n', INPUT_MY_INPUT: 'x' };
  it('reads INPUT_<NAME> with hyphens kept and spaces as underscores, trimmed', () => {
    expect(getInput('github-token', env)).toBe('t');
    expect(getInput('my input', env)).toBe('x');
    expect(getInput('absent', env)).toBe('');
  });
  it('splits multi-line inputs and drops blank lines', () => {
    expect(getMultilineInput('config', env)).toEqual(['a.yml', 'b/*.yml']);
  });
});

describe('output and summary files', () => {
  let dir: string;
  const saved = { output: process.env['GITHUB_OUTPUT'], summary: process.env['GITHUB_STEP_SUMMARY'] };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'commands-'));
    process.env['GITHUB_OUTPUT'] = path.join(dir, 'output');
    process.env['GITHUB_STEP_SUMMARY'] = path.join(dir, 'summary');
    writeFileSync(process.env['GITHUB_OUTPUT'], '');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    process.env['GITHUB_OUTPUT'] = saved.output;
    process.env['GITHUB_STEP_SUMMARY'] = saved.summary;
  });

  it('writes multi-line outputs between delimiters the runner can read back', () => {
    setOutput('comment-body', '### title\n\n| a | b |\nname<<EOF\n');
    setOutput('within-budget', 'true');
    const text = readFileSync(process.env['GITHUB_OUTPUT']!, 'utf8');
    expect(text).toMatch(/^comment-body<<ghadelimiter_[a-z0-9]+\n/);
    expect(parseOutputFile(text)).toEqual({
      'comment-body': '### title\n\n| a | b |\nname<<EOF\n',
      'within-budget': 'true',
    });
  });

  it('appends to the summary with a final newline', () => {
    appendSummary('one');
    appendSummary('two\n');
    expect(readFileSync(process.env['GITHUB_STEP_SUMMARY']!, 'utf8')).toBe('one\ntwo\n');
  });

  it('says when it is not on a runner', () => {
    delete process.env['GITHUB_OUTPUT'];
    expect(() => setOutput('x', 'y')).toThrow('GITHUB_OUTPUT is not set');
  });
});
