import { describe, expect, it } from '@jest/globals';
import { formatMarker, isLater, parseMarker, withoutMarker } from '../../src/action/comment-marker.js';

describe('comment marker', () => {
  const marker = { key: 'default', headSha: '3f2c1ab', updatedAt: '2026-11-27T18:00:00Z' };

  it('formats the hidden first line and reads it back', () => {
    const line = formatMarker(marker);
    expect(line).toBe('<!-- train-memory-action key=default head=3f2c1ab updated=2026-11-27T18:00:00Z -->');
    expect(parseMarker(`${line}\n### report`)).toEqual(marker);
    expect(parseMarker(`${line}\r\n### report`)).toEqual(marker);
  });

  it.each([
    ['no marker', '### report'],
    ['marker not on the first line', `text\n${formatMarker(marker)}`],
    ['another tool', '<!-- Sticky Pull Request Comment -->'],
    ['key with spaces', '<!-- train-memory-action key=a b head=3f2c1ab updated=x -->'],
  ])('finds none in %s', (_name, body) => {
    expect(parseMarker(body)).toBeNull();
  });

  it('drops only a marker line', () => {
    expect(withoutMarker(`${formatMarker(marker)}\nbody`)).toBe('body');
    expect(withoutMarker('first\nbody')).toBe('first\nbody');
  });

  it.each([
    ['2026-11-27T19:00:00Z', '2026-11-27T18:00:00Z', true],
    ['2026-11-27T18:00:00Z', '2026-11-27T18:00:00Z', false],
    ['2026-11-27T18:00:00+01:00', '2026-11-27T18:00:00Z', false],
    ['not a time', '2026-11-27T18:00:00Z', false],
    ['2026-11-27T18:00:00Z', 'not a time', true],
  ])('isLater(%s, %s) → %s', (a, b, expected) => {
    expect(isLater(a, b)).toBe(expected);
  });
});
