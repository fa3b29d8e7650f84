/** Hub settings from the environment, as huggingface_hub/constants.py reads the same variables. */
import { describe, expect, test } from '@jest/globals';
import { hubSettingsFromEnvironment } from '../../src/io/hub-settings.js';

const HOME = '/home/runner';

describe('hubSettingsFromEnvironment', () => {
  test.each([
    [
      'nothing set: ~/.cache/huggingface/hub, the public Hub, no token, online',
      {},
      {
        cacheDirectory: '/home/runner/.cache/huggingface/hub',
        endpoint: 'https://huggingface.co',
        token: null,
        offline: false,
      },
    ],
    ['XDG_CACHE_HOME moves HF_HOME', { XDG_CACHE_HOME: '/xdg' }, { cacheDirectory: '/xdg/huggingface/hub' }],
    ['HF_HOME holds hub/', { HF_HOME: '/data/hf', XDG_CACHE_HOME: '/xdg' }, { cacheDirectory: '/data/hf/hub' }],
    ['HF_HUB_CACHE wins over HF_HOME', { HF_HOME: '/data/hf', HF_HUB_CACHE: '/cache' }, { cacheDirectory: '/cache' }],
    ['the older HUGGINGFACE_HUB_CACHE', { HUGGINGFACE_HUB_CACHE: '/old' }, { cacheDirectory: '/old' }],
    ['~ expands to the home directory', { HF_HOME: '~/hf' }, { cacheDirectory: '/home/runner/hf/hub' }],
    [
      'HF_ENDPOINT without its trailing slash',
      { HF_ENDPOINT: 'https://hf-mirror.com/' },
      { endpoint: 'https://hf-mirror.com' },
    ],
    ['HF_TOKEN', { HF_TOKEN: 'hf_abc' }, { token: 'hf_abc' }],
    ['an empty HF_TOKEN is none', { HF_TOKEN: '' }, { token: null }],
    ['HF_HUB_OFFLINE=1', { HF_HUB_OFFLINE: '1' }, { offline: true }],
    ['HF_HUB_OFFLINE=true, any case', { HF_HUB_OFFLINE: 'True' }, { offline: true }],
    ['HF_HUB_OFFLINE=0', { HF_HUB_OFFLINE: '0' }, { offline: false }],
    ['TRANSFORMERS_OFFLINE=1', { TRANSFORMERS_OFFLINE: '1' }, { offline: true }],
  ])('%s', (_name, env, expected) => {
    expect(hubSettingsFromEnvironment(env, HOME)).toMatchObject(expected);
  });
});
