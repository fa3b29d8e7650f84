#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 67:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/plan/file-reader.ts


const MAX_FILE_BYTES = 1024 * 1024;
const MAX_LISTED_FILES = 10_000;
class FileReadError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = 'FileReadError';
    }
}
function decodeUtf8(bytes, filePath) {
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    }
    catch {
        throw new FileReadError('encoding', `${filePath} is not valid UTF-8 text; save it as UTF-8`);
    }
}
function tooLargeMessage(filePath, size) {
    return `${filePath} is ${size} bytes; plan and config files are limited to ${MAX_FILE_BYTES} bytes (1 MiB)`;
}
function isInside(root, candidate) {
    const relative = external_node_path_namespaceObject.relative(root, candidate);
    return relative === '' || (!relative.startsWith('..') && !external_node_path_namespaceObject.isAbsolute(relative));
}
function createWorkingTreeReader(root) {
    const absoluteRoot = external_node_path_namespaceObject.resolve(root);
    let realRoot = null;
    return {
        root: absoluteRoot,
        async listFiles(directory) {
            const absolute = external_node_path_namespaceObject.resolve(absoluteRoot, directory);
            if (!isInside(absoluteRoot, absolute)) {
                throw new FileReadError('path_outside_workspace', `${directory} is outside the workspace ${absoluteRoot}`);
            }
            const found = [];
            const walk = async (current) => {
                let entries;
                try {
                    entries = await (0,promises_namespaceObject.readdir)(current, { withFileTypes: true });
                }
                catch {
                    return;
                }
                for (const entry of entries) {
                    if (entry.name.startsWith('.'))
                        continue;
                    const child = external_node_path_namespaceObject.join(current, entry.name);
                    if (entry.isDirectory())
                        await walk(child);
                    else if (entry.isFile() || entry.isSymbolicLink()) {
                        found.push(external_node_path_namespaceObject.relative(absoluteRoot, child).split(external_node_path_namespaceObject.sep).join('/'));
                        if (found.length > MAX_LISTED_FILES) {
                            throw new FileReadError('too_many_files', `${directory} holds more than ${MAX_LISTED_FILES} files; name a narrower directory`);
                        }
                    }
                }
            };
            await walk(absolute);
            return found.sort();
        },
        async readText(filePath) {
            const absolute = external_node_path_namespaceObject.resolve(absoluteRoot, filePath);
            if (!isInside(absoluteRoot, absolute)) {
                throw new FileReadError('path_outside_workspace', `${filePath} is outside the workspace ${absoluteRoot}`);
            }
            let real;
            try {
                real = await (0,promises_namespaceObject.realpath)(absolute);
            }
            catch {
                return null;
            }
            realRoot ??= (0,promises_namespaceObject.realpath)(absoluteRoot);
            if (!isInside(await realRoot, real)) {
                throw new FileReadError('path_outside_workspace', `${filePath} resolves (through a symbolic link) to ${real}, outside the workspace ${absoluteRoot}`);
            }
            let handle;
            try {
                handle = await (0,promises_namespaceObject.open)(real, 'r');
            }
            catch {
                return null;
            }
            try {
                const stats = await handle.stat();
                if (!stats.isFile())
                    return null;
                if (stats.size > MAX_FILE_BYTES)
                    throw new FileReadError('file_too_large', tooLargeMessage(filePath, stats.size));
                const buffer = Buffer.alloc(stats.size);
                const { bytesRead } = await handle.read(buffer, 0, stats.size, 0);
                return decodeUtf8(buffer.subarray(0, bytesRead), filePath);
            }
            finally {
                await handle.close();
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/io/bounded-get.ts
class BodyTooLarge extends Error {
}
function requestOnce(url, options, signal) {
    return (async () => {
        const transport = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 708, 23)) : await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 67, 23));
        return new Promise((resolve, reject) => {
            const request = transport.get(url, { headers: options.headers, signal }, resolve);
            request.on('error', reject);
        });
    })();
}
function readBody(response, maxBytes) {
    return new Promise((resolve, reject) => {
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
            reject(new BodyTooLarge(`the answer declares ${declared} bytes`));
            response.destroy();
            return;
        }
        const chunks = [];
        let size = 0;
        response.on('data', (chunk) => {
            size += chunk.length;
            if (size > maxBytes) {
                reject(new BodyTooLarge(`the answer exceeds ${maxBytes} bytes`));
                response.destroy();
                return;
            }
            chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('the connection closed before the answer was complete')));
    });
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
async function boundedGet(input, options) {
    const first = new URL(input);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
    }, options.timeoutMs);
    try {
        let url = first;
        for (let redirects = 0;; redirects += 1) {
            const response = await requestOnce(url, options, controller.signal);
            const status = response.statusCode ?? 0;
            const location = response.headers.location;
            if (REDIRECTS.has(status) && location !== undefined) {
                response.resume();
                const next = new URL(location, url);
                if (next.origin !== first.origin) {
                    return {
                        kind: 'foreign_redirect',
                        message: `${url.origin} redirected to another host, ${next.origin}; only redirects within ${first.origin} are followed`,
                    };
                }
                if (redirects >= options.maxRedirects) {
                    return { kind: 'network', message: `more than ${options.maxRedirects} redirects from ${first.href}` };
                }
                url = next;
                continue;
            }
            const body = await readBody(response, options.maxBytes);
            return { kind: 'response', status, headers: response.headers, body, url: url.href };
        }
    }
    catch (error) {
        if (timedOut)
            return { kind: 'timeout', message: `no complete answer from ${first.origin} in ${options.timeoutMs} ms` };
        if (error instanceof BodyTooLarge) {
            return {
                kind: 'too_large',
                message: `${error.message}; config.json files are limited to ${options.maxBytes} bytes`,
            };
        }
        return { kind: 'network', message: `${first.origin}: ${error instanceof Error ? error.message : String(error)}` };
    }
    finally {
        clearTimeout(timer);
    }
}

;// CONCATENATED MODULE: ./src/io/hub-cache.ts



function cacheFolderName(repo) {
    return `models--${repo.split('/').join('--')}`;
}
const COMMIT = /^[0-9a-f]{40}$/;
async function readCachedConfig(cacheDirectory, repo) {
    const folder = external_node_path_namespaceObject.join(cacheDirectory, cacheFolderName(repo));
    let revision;
    try {
        revision = (await (0,promises_namespaceObject.readFile)(external_node_path_namespaceObject.join(folder, 'refs', 'main'), 'utf8')).trim();
    }
    catch {
        return null;
    }
    if (!COMMIT.test(revision))
        return null;
    const file = external_node_path_namespaceObject.join(folder, 'snapshots', revision, 'config.json');
    let real;
    let realCache;
    try {
        real = await (0,promises_namespaceObject.realpath)(file);
        realCache = await (0,promises_namespaceObject.realpath)(cacheDirectory);
    }
    catch {
        return null;
    }
    if (!isInside(realCache, real)) {
        throw new FileReadError('path_outside_workspace', `${file} links to ${real}, outside the cache ${realCache}`);
    }
    const handle = await (0,promises_namespaceObject.open)(real, 'r');
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            return null;
        if (stats.size > MAX_FILE_BYTES)
            throw new FileReadError('file_too_large', tooLargeMessage(file, stats.size));
        const buffer = Buffer.alloc(stats.size);
        const { bytesRead } = await handle.read(buffer, 0, stats.size, 0);
        return { text: decodeUtf8(buffer.subarray(0, bytesRead), file), revision, file };
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/io/hub-config-reader.ts



const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY_DELAY_MS = 1_000;
const MAX_REDIRECTS = 5;
function errorCode(result) {
    const value = result.headers['x-error-code'];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}
function answer(repo, result, settings) {
    const page = `${settings.endpoint}/${repo}`;
    if (result.kind !== 'response') {
        return { ok: false, failure: 'unavailable', message: `could not read ${repo}'s config.json: ${result.message}` };
    }
    const { status } = result;
    const code = errorCode(result);
    if (status === 200) {
        try {
            const text = decodeUtf8(result.body, `${page}/resolve/main/config.json`);
            const commit = result.headers['x-repo-commit'];
            const revision = typeof commit === 'string' && commit !== '' ? `revision ${commit.slice(0, 12)}` : 'main';
            return { ok: true, text, source: `${page} (${revision})` };
        }
        catch (error) {
            if (error instanceof FileReadError)
                return { ok: false, failure: 'unavailable', message: error.message };
            throw error;
        }
    }
    if (code === 'GatedRepo' || ((status === 401 || status === 403) && code !== 'RepoNotFound')) {
        return {
            ok: false,
            failure: 'gated',
            message: `${repo} is gated or private on the Hugging Face Hub (${page}: ${status}${settings.token === null ? ', no HF_TOKEN set' : ' with the HF_TOKEN given'})`,
        };
    }
    if (status === 404 || code === 'RepoNotFound' || code === 'EntryNotFound') {
        const what = code === 'EntryNotFound'
            ? `${repo} has no config.json on the Hugging Face Hub`
            : `no model repository ${repo} on the Hugging Face Hub${status === 401 && settings.token === null ? ' (or it is private: set HF_TOKEN)' : ''}`;
        return { ok: false, failure: 'not_found', message: `${what} (${page}: ${status})` };
    }
    return {
        ok: false,
        failure: 'unavailable',
        message: `the Hugging Face Hub answered ${status} for ${repo}'s config.json`,
    };
}
const MAX_RETRY_AFTER_SECONDS = 10;
function retryDelay(result, usualMs) {
    if (result.kind === 'network')
        return usualMs;
    if (result.kind !== 'response')
        return null;
    if (result.status >= 500)
        return usualMs;
    if (result.status !== 429)
        return null;
    const seconds = Number(result.headers['retry-after']);
    return Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_RETRY_AFTER_SECONDS ? seconds * 1000 : null;
}
function createHubConfigReader(settings, options = {}) {
    const read = new Map();
    const headers = {
        'user-agent': options.userAgent ?? 'train-memory',
        accept: 'application/json',
    };
    if (settings.token !== null)
        headers['authorization'] = `Bearer ${settings.token}`;
    const fetchConfig = async (repo) => {
        try {
            const cached = await readCachedConfig(settings.cacheDirectory, repo);
            if (cached !== null) {
                return {
                    ok: true,
                    text: cached.text,
                    source: `the local Hugging Face cache (revision ${cached.revision.slice(0, 12)})`,
                };
            }
        }
        catch (error) {
            if (error instanceof FileReadError)
                return { ok: false, failure: 'unavailable', message: error.message };
            throw error;
        }
        if (settings.offline) {
            return {
                ok: false,
                failure: 'offline',
                message: `${repo} is not in the local Hugging Face cache (${settings.cacheDirectory}) and HF_HUB_OFFLINE forbids the network`,
            };
        }
        if (!/^https?:\/\/[^/]/.test(settings.endpoint) || !URL.canParse(settings.endpoint)) {
            return {
                ok: false,
                failure: 'unavailable',
                message: `HF_ENDPOINT "${settings.endpoint}" is not an http(s) URL, so ${repo}'s config.json cannot be read`,
            };
        }
        const url = `${settings.endpoint}/${repo}/resolve/main/config.json`;
        const get = () => boundedGet(url, {
            headers,
            timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            maxBytes: MAX_FILE_BYTES,
            maxRedirects: MAX_REDIRECTS,
        });
        let result = await get();
        const delay = retryDelay(result, options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
        if (delay !== null) {
            await new Promise((resolve) => setTimeout(resolve, delay));
            result = await get();
        }
        return answer(repo, result, settings);
    };
    return {
        readConfig(repo) {
            let pending = read.get(repo);
            if (pending === undefined) {
                pending = fetchConfig(repo);
                read.set(repo, pending);
            }
            return pending;
        },
    };
}

;// CONCATENATED MODULE: ./src/io/hub-settings.ts

const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';
function isTrue(value) {
    return value !== undefined && ['1', 'ON', 'YES', 'TRUE'].includes(value.trim().toUpperCase());
}
function expandHome(value, home) {
    return value === '~' || value.startsWith('~/') ? external_node_path_namespaceObject.join(home, value.slice(1)) : value;
}
function hubSettingsFromEnvironment(env, home) {
    const nonEmpty = (name) => {
        const value = env[name];
        return value === undefined || value.trim() === '' ? undefined : value.trim();
    };
    const hfHome = nonEmpty('HF_HOME') ?? external_node_path_namespaceObject.join(nonEmpty('XDG_CACHE_HOME') ?? external_node_path_namespaceObject.join(home, '.cache'), 'huggingface');
    const cache = nonEmpty('HF_HUB_CACHE') ?? nonEmpty('HUGGINGFACE_HUB_CACHE') ?? external_node_path_namespaceObject.join(hfHome, 'hub');
    return {
        cacheDirectory: external_node_path_namespaceObject.resolve(expandHome(cache, home)),
        endpoint: (nonEmpty('HF_ENDPOINT') ?? DEFAULT_HUB_ENDPOINT).replace(/\/+$/, ''),
        token: nonEmpty('HF_TOKEN') ?? null,
        offline: isTrue(env['HF_HUB_OFFLINE']) || isTrue(env['TRANSFORMERS_OFFLINE']),
    };
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/catalog/models.json
const models_namespaceObject = /*#__PURE__*/JSON.parse('[{"id":"meta-llama/Llama-2-7b-hf","aliases":["llama-2-7b","llama2-7b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":32,"vocab_size":32000,"max_position_embeddings":4096,"rms_norm_eps":0.00001,"tie_word_embeddings":false},"configSource":"Verbatim copies of meta-llama/Llama-2-7b-hf config.json (huggingface.co/vishx1/ai-test-2, huggingface.co/north/llama2-7b-exporttest), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":6738415616,"source":"KerasHub preset llama2_7b_en metadata \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/llama/llama_presets.py)","counts":"unique trainable parameters; excludes the 32 x 64 fp32 rotary inv_freq buffers that the HF safetensors total (6,738,417,664) includes"},"notes":"Original upload (transformers 4.31) has no head_dim/attention_bias/mlp_bias keys: LlamaConfig defaults (hidden_size/num_attention_heads = 128, no biases). rms_norm_eps is 1e-05 in the current config (an early revision had 1e-06); it does not affect the count."},{"id":"meta-llama/Llama-2-13b-hf","aliases":["llama-2-13b","llama2-13b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":5120,"intermediate_size":13824,"num_hidden_layers":40,"num_attention_heads":40,"num_key_value_heads":40,"vocab_size":32000,"max_position_embeddings":4096,"rms_norm_eps":0.00001,"tie_word_embeddings":false},"configSource":"Derivative repos with unchanged architecture keys (huggingface.co/Yukang/Llama-2-13b-longlora-*), cross-checked with the torchtune llama2_13b builder, via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":13015864320,"source":"LoRAM paper parameter table; DeepSpeed zero_to_fp32 conversion log (both 13,015,864,320)","counts":"unique parameters; excludes the 40 x 64 rotary inv_freq buffers in the HF safetensors total (13,015,866,880)"},"notes":"The official config page itself was not in the corpus; architecture keys come from derivatives that leave them unchanged."},{"id":"meta-llama/Llama-2-70b-hf","aliases":["llama-2-70b","llama2-70b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":8192,"intermediate_size":28672,"num_hidden_layers":80,"num_attention_heads":64,"num_key_value_heads":8,"vocab_size":32000,"max_position_embeddings":4096,"rms_norm_eps":0.00001,"tie_word_embeddings":false},"configSource":"Verbatim copy: huggingface.co/TheBloke/Llama-2-70B-fp16 (refs/pr/6) config.json, _name_or_path meta-llama/Llama-2-70b-hf, via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":68976648192,"source":"LoRAM paper parameter table; same value in AuroraGPT and together.ai parameter-count listings","counts":"unique parameters; excludes the 80 x 64 rotary inv_freq buffers in the HF safetensors total (68,976,653,312)"},"notes":"First Llama with grouped-query attention (8 KV heads)."},{"id":"meta-llama/Meta-Llama-3-8B","aliases":["llama-3-8b","llama3-8b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"vocab_size":128256,"max_position_embeddings":8192,"rms_norm_eps":0.00001,"rope_theta":500000,"tie_word_embeddings":false},"configSource":"Verbatim copies of meta-llama/Meta-Llama-3-8B config.json (huggingface.co kittn/*, AI-Sweden-Models/*, jerryzh168/*), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":8030261248,"source":"KerasHub preset llama3_8b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/llama3/llama3_presets.py)","counts":"unique parameters (untied head)"},"notes":"Original config has no head_dim key (re-saves with newer transformers add head_dim: 128)."},{"id":"meta-llama/Meta-Llama-3-70B","aliases":["llama-3-70b","llama3-70b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":8192,"intermediate_size":28672,"num_hidden_layers":80,"num_attention_heads":64,"num_key_value_heads":8,"vocab_size":128256,"max_position_embeddings":8192,"rms_norm_eps":0.00001,"rope_theta":500000,"tie_word_embeddings":false},"configSource":"Verbatim copy: huggingface.co/kittn/Meta-Llama-3-70B-* config.json (_name_or_path meta-llama/Meta-Llama-3-70B), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":70553706496,"source":"Hugging Face safetensors metadata quoted in public repos (\'{\\"safetensors\\":{\\"total\\":70553706496}}\'); same total published for Llama-3.1-70B and Llama-3.3-70B","counts":"all stored tensors of the bf16 checkpoint = unique parameters (no buffers saved)"},"notes":""},{"id":"meta-llama/Llama-3.1-8B","aliases":["llama-3.1-8b","llama3.1-8b","meta-llama-3.1-8b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"attention_bias":false,"mlp_bias":false,"vocab_size":128256,"max_position_embeddings":131072,"rms_norm_eps":0.00001,"rope_theta":500000,"rope_scaling":{"factor":8,"low_freq_factor":1,"high_freq_factor":4,"original_max_position_embeddings":8192,"rope_type":"llama3"},"tie_word_embeddings":false},"configSource":"Verbatim copy: huggingface.co/mlx-community/Meta-Llama-3.1-8B-bf16 config.json (transformers 4.43.0.dev0); mlc-ai/mlc-llm@79d603f085f50500e9509fa01785ffa7ecfaaa93 python/mlc_llm/model/model_preset.py (llama3_1_8b), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":8030261248,"source":"model.safetensors.index.json of a Llama-3.1-8B re-upload (ISTA-DASLab) metadata total_parameters 8030261248 (total_size 16,060,522,496 bytes in bf16); KerasHub llama3.1_8b preset gives the same","counts":"unique parameters (untied head)"},"notes":"Architecture identical to Llama 3 8B; only rope_scaling and context length differ."},{"id":"meta-llama/Llama-3.1-70B","aliases":["llama-3.1-70b","llama3.1-70b","meta-llama-3.1-70b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":8192,"intermediate_size":28672,"num_hidden_layers":80,"num_attention_heads":64,"num_key_value_heads":8,"attention_bias":false,"mlp_bias":false,"vocab_size":128256,"max_position_embeddings":131072,"rms_norm_eps":0.00001,"rope_theta":500000,"rope_scaling":{"factor":8,"low_freq_factor":1,"high_freq_factor":4,"original_max_position_embeddings":8192,"rope_type":"llama3"},"tie_word_embeddings":false},"configSource":"Verbatim copy of the meta-llama/Meta-Llama-3.1-70B-Instruct snapshot config.json (npc0 copy); mlc-ai/mlc-llm@79d603f085f50500e9509fa01785ffa7ecfaaa93 model_preset.py (llama3_1_70b), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":70553706496,"source":"Hugging Face safetensors metadata as quoted in public repos","counts":"unique parameters (bf16 checkpoint, no buffers)"},"notes":"Base and Instruct share the architecture; config taken from the Instruct snapshot."},{"id":"meta-llama/Llama-3.1-405B","aliases":["llama-3.1-405b","llama3.1-405b","meta-llama-3.1-405b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":16384,"intermediate_size":53248,"num_hidden_layers":126,"num_attention_heads":128,"num_key_value_heads":8,"head_dim":128,"attention_bias":false,"mlp_bias":false,"vocab_size":128256,"max_position_embeddings":131072,"rms_norm_eps":0.00001,"rope_theta":500000,"rope_scaling":{"factor":8,"low_freq_factor":1,"high_freq_factor":4,"original_max_position_embeddings":8192,"rope_type":"llama3"},"tie_word_embeddings":false},"configSource":"Verbatim copy: relaxml/Llama-3.1-405B-Instruct-QTIP-* config.json (transformers 4.45.2, head_dim 128, num_key_value_heads 8), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":405853388800,"source":"Hugging Face safetensors metadata for meta-llama/Llama-3.1-405B quoted in public repos (revision b906e4dc...)","counts":"unique parameters (bf16 checkpoint, no buffers)"},"notes":"CAVEAT: early copies (July 2024) of the 405B config show num_key_value_heads 16; the current config and the Llama 3 paper use 8, which is what the published count matches. rope_scaling shown with the Llama-3.1 values published for the family."},{"id":"meta-llama/Llama-3.2-1B","aliases":["llama-3.2-1b","llama3.2-1b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":2048,"intermediate_size":8192,"num_hidden_layers":16,"num_attention_heads":32,"num_key_value_heads":8,"head_dim":64,"attention_bias":false,"mlp_bias":false,"vocab_size":128256,"max_position_embeddings":131072,"rms_norm_eps":0.00001,"rope_theta":500000,"rope_scaling":{"factor":32,"low_freq_factor":1,"high_freq_factor":4,"original_max_position_embeddings":8192,"rope_type":"llama3"},"tie_word_embeddings":true},"configSource":"Verbatim copies: huggingface.co/Emm9625/* (\'Duplicate from unsloth/Llama-3.2-1B\'), ariG23498/layer-skip-llama3.2-1B config.json; mlc-ai/mlc-llm@79d603f085f50500e9509fa01785ffa7ecfaaa93 model_preset.py (llama3_2_1b), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":1235814400,"source":"Hugging Face safetensors metadata (GPTQModel test constant and HF API quotes: 1,235,814,400)","counts":"unique parameters; tied embedding/head counted once"},"notes":""},{"id":"meta-llama/Llama-3.2-3B","aliases":["llama-3.2-3b","llama3.2-3b"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":3072,"intermediate_size":8192,"num_hidden_layers":28,"num_attention_heads":24,"num_key_value_heads":8,"head_dim":128,"attention_bias":false,"mlp_bias":false,"vocab_size":128256,"max_position_embeddings":131072,"rms_norm_eps":0.00001,"rope_theta":500000,"rope_scaling":{"factor":32,"low_freq_factor":1,"high_freq_factor":4,"original_max_position_embeddings":8192,"rope_type":"llama3"},"tie_word_embeddings":true},"configSource":"Verbatim copy: huggingface.co/mlx-community/Llama-3.2-3B-bf16 config.json (transformers 4.45.0.dev0); mlc-ai/mlc-llm@79d603f085f50500e9509fa01785ffa7ecfaaa93 model_preset.py (llama3_2_3b), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":3212749824,"source":"Hugging Face safetensors metadata (HF API quote and a public test fixture: 3,212,749,824)","counts":"unique parameters; tied embedding/head counted once"},"notes":""},{"id":"meta-llama/Llama-3.3-70B-Instruct","aliases":["llama-3.3-70b","llama3.3-70b","llama-3.3-70b-instruct"],"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_act":"silu","hidden_size":8192,"intermediate_size":28672,"num_hidden_layers":80,"num_attention_heads":64,"num_key_value_heads":8,"head_dim":128,"attention_bias":false,"mlp_bias":false,"vocab_size":128256,"max_position_embeddings":131072,"rms_norm_eps":0.00001,"rope_theta":500000,"rope_scaling":{"factor":8,"low_freq_factor":1,"high_freq_factor":4,"original_max_position_embeddings":8192,"rope_type":"llama3"},"tie_word_embeddings":false},"configSource":"meta-llama/Llama-3.3-70B-Instruct config.json architecture keys; identical to Llama-3.1-70B (same safetensors total). Only an Instruct model was released for 3.3.","parameters":{"total":70553706496,"source":"Hugging Face safetensors metadata for meta-llama/Llama-3.3-70B-Instruct quoted in public repos (e.g. a model manifest pinning revision 6f6073b423013f6a7d4d9f39144961bfbfbc386b with parameters 70553706496; catalogue tests asserting parameterCount 70553706496)","counts":"unique parameters (bf16 checkpoint, no buffers)"},"notes":"head_dim 128 written by transformers 4.47 when saved; equal to hidden_size/num_attention_heads."},{"id":"mistralai/Mistral-7B-v0.1","aliases":["mistral-7b","mistral-7b-v0.1"],"config":{"architectures":["MistralForCausalLM"],"model_type":"mistral","hidden_act":"silu","hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"vocab_size":32000,"max_position_embeddings":32768,"rms_norm_eps":0.00001,"rope_theta":10000,"sliding_window":4096,"tie_word_embeddings":false},"configSource":"Verbatim copies of mistralai/Mistral-7B-v0.1 config.json (dmayboroda/42_mistral*), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":7241732096,"source":"KerasHub preset mistral_7b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/mistral/mistral_presets.py)","counts":"unique parameters"},"notes":"v0.3 uses vocab 32768 (KerasHub mistral_0.3_7b_en: 7,248,023,552)."},{"id":"mistralai/Mixtral-8x7B-v0.1","aliases":["mixtral-8x7b","mixtral-8x7b-v0.1"],"config":{"architectures":["MixtralForCausalLM"],"model_type":"mixtral","hidden_act":"silu","hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"num_local_experts":8,"num_experts_per_tok":2,"vocab_size":32000,"max_position_embeddings":32768,"rms_norm_eps":0.00001,"rope_theta":1000000,"sliding_window":null,"router_aux_loss_coef":0.02,"tie_word_embeddings":false},"configSource":"huggingface.co/mistralai/Mixtral-8x7B-Instruct-v0.1 config.json blob eba9230 (same architecture) and a YeungNLP copy of Mixtral-8x7B-v0.1 config.json, via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":46702792704,"source":"KerasHub preset mixtral_8_7b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/mixtral/mixtral_presets.py)","counts":"unique parameters, all 8 experts per layer"},"activeParameters":{"value":12900000000,"exact":false,"source":"Mistral AI announcement \'Mixtral of experts\' (Dec 2023): 12.9B parameters used per token"},"notes":"intermediate_size is the per-expert FFN width. Early copies had sliding_window 4096; the current config has null."},{"id":"mistralai/Mixtral-8x22B-v0.1","aliases":["mixtral-8x22b","mixtral-8x22b-v0.1"],"config":{"architectures":["MixtralForCausalLM"],"model_type":"mixtral","hidden_act":"silu","hidden_size":6144,"intermediate_size":16384,"num_hidden_layers":56,"num_attention_heads":48,"num_key_value_heads":8,"num_local_experts":8,"num_experts_per_tok":2,"vocab_size":32000,"max_position_embeddings":65536,"rms_norm_eps":0.00001,"rope_theta":1000000,"sliding_window":null,"router_aux_loss_coef":0.001,"tie_word_embeddings":false},"configSource":"mistral-community/Mixtral-8x22B-v0.1 config.json (transformers 4.40.0.dev0) as quoted verbatim in public test fixtures (e.g. a hardware-inference test for \'mixtral-8x22b\' and a Go config-decoding test); mistralai/Mixtral-8x22B-v0.1 has the same architecture keys","parameters":{"total":140620634112,"source":"Hugging Face safetensors totals tabulated in a public MoE audit table: mistral-community/Mixtral-8x22B-v0.1 and v2ray/Mixtral-8x22B-v0.1 total_params 140620634112","counts":"unique parameters, all experts (bf16 checkpoint)"},"activeParameters":{"value":39000000000,"exact":false,"source":"Mistral AI announcement \'Cheaper, Better, Faster, Stronger\' (Apr 2024): 39B active of 141B"},"notes":"v0.1 vocab 32000. The Instruct/v0.3 release extends the vocab to 32768 (+8,192,000 per embedding table x 2). The audit table\'s activated_params (39,151,530,770) is the auditor\'s own estimate, not used here."},{"id":"Qwen/Qwen-7B","aliases":["qwen-7b","qwen1-7b"],"config":{"architectures":["QWenLMHeadModel"],"model_type":"qwen","hidden_size":4096,"intermediate_size":22016,"num_hidden_layers":32,"num_attention_heads":32,"kv_channels":128,"vocab_size":151936,"max_position_embeddings":32768,"seq_length":8192,"layer_norm_epsilon":0.000001,"no_bias":true,"rotary_emb_base":10000,"rotary_pct":1,"scale_attn_weights":true,"use_dynamic_ntk":true,"use_logn_attn":true,"tie_word_embeddings":false},"configSource":"Qwen/Qwen-7B config.json as quoted verbatim in a public Qwen config round-trip test (transformers_version 4.32.0, max_position_embeddings 32768, seq_length 8192)","parameters":{"total":7721324544,"source":"ChatGLM-style parameter/FLOPs benchmark tables reproduced in several public repos (\'Qwen-7B | 7.72B | 7721324544\'); chatllm.cpp README (\'QWen, with 7721324544 (7.7B) parameters\')","counts":"unique parameters (untied lm_head)"},"notes":"Remote-code model (trust_remote_code). intermediate_size 22016 covers BOTH gated branches: w1 and w2 are each hidden->intermediate_size/2 (11008), c_proj intermediate_size/2->hidden. c_attn (fused qkv, 3 x num_heads x kv_channels) has a bias; attn c_proj and the MLP have none (no_bias). ln_1, ln_2, ln_f are RMSNorms."},{"id":"Qwen/Qwen-1_8B","aliases":["qwen-1.8b","qwen1-1.8b"],"config":{"architectures":["QWenLMHeadModel"],"model_type":"qwen","hidden_size":2048,"intermediate_size":11008,"num_hidden_layers":24,"num_attention_heads":16,"kv_channels":128,"vocab_size":151936,"max_position_embeddings":8192,"seq_length":8192,"layer_norm_epsilon":0.000001,"no_bias":true,"rotary_emb_base":10000,"rotary_pct":1,"scale_attn_weights":true,"use_dynamic_ntk":true,"use_logn_attn":true,"tie_word_embeddings":false},"configSource":"Qwen/Qwen-1_8B config.json, verbatim copy in the public repo hjw-develop/Qwen (Qwen-1_8B/config.json, ModelScope download; transformers_version 4.32.0, max_position_embeddings 8192, seq_length 8192)","parameters":{"total":null,"source":"No published exact unique-parameter count found (model card: \'1.8B\'; Qwen technical report: 1.8B). The count computed from this config is 1,836,828,672; a third-party app\'s demo fixture lists weight_bytes 3,673,657,344 for \'qwen-1_8b\' (= 2 x that count), but its provenance is unknown, so it is not used as a source.","counts":"n/a"},"notes":"Published rounded figure: 1.8B (model card, Qwen technical report). Remote-code model (trust_remote_code). intermediate_size 11008 covers BOTH gated branches: w1 and w2 are each hidden->intermediate_size/2 (5504), c_proj intermediate_size/2->hidden. c_attn (fused qkv, 3 x num_heads x kv_channels) has a bias; attn c_proj and the MLP have none (no_bias). ln_1, ln_2, ln_f are RMSNorms."},{"id":"Qwen/Qwen-14B","aliases":["qwen-14b","qwen1-14b"],"config":{"architectures":["QWenLMHeadModel"],"model_type":"qwen","hidden_size":5120,"intermediate_size":27392,"num_hidden_layers":40,"num_attention_heads":40,"kv_channels":128,"vocab_size":152064,"seq_length":2048,"no_bias":true,"tie_word_embeddings":false},"configSource":"No verbatim copy of Qwen/Qwen-14B config.json was found. hidden_size, intermediate_size, num_hidden_layers, num_attention_heads, vocab_size, the untied embedding and the 2K sequence length come from two public tables that cite https://huggingface.co/Qwen/Qwen-14B/blob/main/config.json (a Qwen model-list README table: layers 40, hidden 5120, intermediate 27392, heads 40/40, vocab 152064, tie False, context 2K; a model-config preset file: hidden_size=5120, num_attention_heads=40, intermediate_size=27392, num_decoder_layers=40, vocab_size=152064, max_model_len=2*1024). kv_channels 128 = hidden_size / num_attention_heads (also the QWenConfig default); no_bias true is the QWenConfig default and the value in every published Qwen 1 config. Rotary and long-context keys (rotary_emb_base, use_dynamic_ntk, use_logn_attn, max_position_embeddings) are left out: they change no parameter count and no verbatim source was found.","parameters":{"total":null,"source":"No published exact unique-parameter count for Qwen-14B found (model card: \'14B\'). The count computed from this config is 14,167,290,880; the same number is published as GGUF n_params for SakuraLLM/Sakura-14B-Qwen2beta-v0.9.2 (a Qwen1.5-14B fine-tune with the same shapes), which is another checkpoint, so it is not used as this model\'s source.","counts":"n/a"},"notes":"Published rounded figure: 14B (model card); a public KV-cache survey table lists 14.17B. Remote-code model (trust_remote_code). intermediate_size 27392 covers BOTH gated branches: w1 and w2 are each hidden->intermediate_size/2 (13696), c_proj intermediate_size/2->hidden. c_attn (fused qkv, 3 x num_heads x kv_channels) has a bias; attn c_proj and the MLP have none (no_bias). ln_1, ln_2, ln_f are RMSNorms."},{"id":"Qwen/Qwen-72B","aliases":["qwen-72b","qwen1-72b"],"config":{"architectures":["QWenLMHeadModel"],"model_type":"qwen","hidden_size":8192,"intermediate_size":49152,"num_hidden_layers":80,"num_attention_heads":64,"kv_channels":128,"vocab_size":152064,"seq_length":32768,"no_bias":true,"tie_word_embeddings":false},"configSource":"No verbatim copy of Qwen/Qwen-72B config.json was found. hidden_size, intermediate_size, num_hidden_layers, num_attention_heads, vocab_size, the untied embedding and the 32K sequence length come from two public tables that cite https://huggingface.co/Qwen/Qwen-72B/blob/main/config.json (a Qwen model-list README table: layers 80, hidden 8192, intermediate 49152, heads 64/64, vocab 152064, tie False, context 32K; a model-config preset file: hidden_size=8192, num_attention_heads=64, intermediate_size=49152, num_decoder_layers=80, vocab_size=152064, max_model_len=32*1024). kv_channels 128 = hidden_size / num_attention_heads (also the QWenConfig default); no_bias true is the QWenConfig default and the value in every published Qwen 1 config. Rotary and long-context keys (rotary_emb_base, use_dynamic_ntk, use_logn_attn, max_position_embeddings) are left out: they change no parameter count and no verbatim source was found.","parameters":{"total":null,"source":"No published exact unique-parameter count for Qwen-72B found (model card: \'72B\'). The count computed from this config is 72,287,920,128; no published figure to compare it with was found.","counts":"n/a"},"notes":"Published rounded figure: 72B (model card; \'at least 144GB\' of GPU memory for BF16/FP16 inference per the card). Multi-head attention (no GQA, unlike Qwen2-72B). Remote-code model (trust_remote_code). intermediate_size 49152 covers BOTH gated branches: w1 and w2 are each hidden->intermediate_size/2 (24576), c_proj intermediate_size/2->hidden. c_attn (fused qkv, 3 x num_heads x kv_channels) has a bias; attn c_proj and the MLP have none (no_bias). ln_1, ln_2, ln_f are RMSNorms."},{"id":"Qwen/Qwen2.5-0.5B","aliases":["qwen2.5-0.5b"],"config":{"architectures":["Qwen2ForCausalLM"],"model_type":"qwen2","hidden_act":"silu","hidden_size":896,"intermediate_size":4864,"num_hidden_layers":24,"num_attention_heads":14,"num_key_value_heads":2,"vocab_size":151936,"max_position_embeddings":32768,"rms_norm_eps":0.000001,"rope_theta":1000000,"use_sliding_window":false,"tie_word_embeddings":true},"configSource":"Verbatim copy of Qwen/Qwen2.5-0.5B config.json (artificialguybr copy), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":494032768,"source":"KerasHub preset qwen2.5_0.5b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/qwen/qwen_presets.py); HF API quote agrees","counts":"unique parameters; tied embedding/head counted once"},"notes":"Qwen2 modelling code hard-codes bias=True on q/k/v projections (no config key); o_proj and the MLP have no bias."},{"id":"Qwen/Qwen2.5-7B","aliases":["qwen2.5-7b"],"config":{"architectures":["Qwen2ForCausalLM"],"model_type":"qwen2","hidden_act":"silu","hidden_size":3584,"intermediate_size":18944,"num_hidden_layers":28,"num_attention_heads":28,"num_key_value_heads":4,"vocab_size":152064,"max_position_embeddings":131072,"rms_norm_eps":0.000001,"rope_theta":1000000,"use_sliding_window":false,"tie_word_embeddings":false},"configSource":"Verbatim copies of Qwen/Qwen2.5-7B config.json (EVA-UNIT-01 and fblgit copies), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":7615616512,"source":"model.safetensors.index.json total_size 15,231,233,024 bytes (bf16) / 2; equals the HF API total for Qwen2.5-7B-Instruct and KerasHub qwen2.5_math_7b_en (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c qwen_presets.py)","counts":"unique parameters (untied head)"},"notes":"q/k/v bias implicit (qwen2)."},{"id":"Qwen/Qwen2.5-72B","aliases":["qwen2.5-72b"],"config":{"architectures":["Qwen2ForCausalLM"],"model_type":"qwen2","hidden_act":"silu","hidden_size":8192,"intermediate_size":29568,"num_hidden_layers":80,"num_attention_heads":64,"num_key_value_heads":8,"vocab_size":152064,"max_position_embeddings":131072,"rms_norm_eps":0.00001,"rope_theta":1000000,"use_sliding_window":false,"tie_word_embeddings":false},"configSource":"Verbatim copy of Qwen/Qwen2.5-72B config.json (BitStack copy), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":72706203648,"source":"KerasHub preset qwen2.5_instruct_72b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c qwen_presets.py)","counts":"unique parameters (untied head)"},"notes":"q/k/v bias implicit (qwen2)."},{"id":"Qwen/Qwen1.5-MoE-A2.7B","aliases":["qwen1.5-moe-a2.7b","qwen1.5-moe"],"config":{"architectures":["Qwen2MoeForCausalLM"],"model_type":"qwen2_moe","hidden_act":"silu","hidden_size":2048,"intermediate_size":5632,"moe_intermediate_size":1408,"shared_expert_intermediate_size":5632,"num_experts":60,"num_experts_per_tok":4,"norm_topk_prob":false,"decoder_sparse_step":1,"num_hidden_layers":24,"num_attention_heads":16,"num_key_value_heads":16,"vocab_size":151936,"max_position_embeddings":32768,"rms_norm_eps":0.000001,"rope_theta":1000000,"sliding_window":32768,"use_sliding_window":false,"max_window_layers":21,"router_aux_loss_coef":0.001,"tie_word_embeddings":false},"configSource":"Qwen/Qwen1.5-MoE-A2.7B config.json architecture keys, as quoted in public fixtures (e.g. \'Qwen/Qwen1.5-MoE-A2.7B-Chat (config.json, fields the planner reads)\': decoder_sparse_step 1, max_window_layers 21, moe_intermediate_size 1408, num_experts 60, shared_expert_intermediate_size 5632, sliding_window 32768)","parameters":{"total":14315784192,"source":"KerasHub preset qwen1.5_moe_2.7b_en \'params\' (keras-team/keras-hub keras_hub/src/models/qwen_moe/qwen_moe_presets.py); the same total appears for Qwen/Qwen1.5-MoE-A2.7B in a public HF-safetensors audit table","counts":"unique parameters: 60 routed experts + 1 shared expert + shared_expert_gate per layer"},"activeParameters":{"value":2700000000,"exact":false,"source":"Qwen1.5-MoE-A2.7B model card: 2.7B activated parameters"},"notes":"Every layer is sparse (decoder_sparse_step 1, no mlp_only_layers). Per layer: router gate hidden->60, 60 experts of width 1408, one shared expert of width 5632 and shared_expert_gate hidden->1; intermediate_size is unused by sparse layers. q/k/v have biases (qwen2 family)."},{"id":"Qwen/Qwen3-8B","aliases":["qwen3-8b"],"config":{"architectures":["Qwen3ForCausalLM"],"model_type":"qwen3","hidden_act":"silu","hidden_size":4096,"intermediate_size":12288,"num_hidden_layers":36,"num_attention_heads":32,"num_key_value_heads":8,"head_dim":128,"attention_bias":false,"vocab_size":151936,"max_position_embeddings":40960,"rms_norm_eps":0.000001,"rope_theta":1000000,"rope_scaling":null,"sliding_window":null,"use_sliding_window":false,"max_window_layers":36,"tie_word_embeddings":false},"configSource":"Verbatim copy (thejaminator repo commit \'Copy config.json from Qwen/Qwen3-8B\'), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":8190735360,"source":"KerasHub preset qwen3_8b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/qwen3/qwen3_presets.py); HF API quote agrees","counts":"unique parameters (untied head)"},"notes":"Qwen3 drops the qkv bias and adds per-head q_norm/k_norm RMSNorms of head_dim."},{"id":"Qwen/Qwen3-32B","aliases":["qwen3-32b"],"config":{"architectures":["Qwen3ForCausalLM"],"model_type":"qwen3","hidden_act":"silu","hidden_size":5120,"intermediate_size":25600,"num_hidden_layers":64,"num_attention_heads":64,"num_key_value_heads":8,"head_dim":128,"attention_bias":false,"vocab_size":151936,"max_position_embeddings":40960,"rms_norm_eps":0.000001,"rope_theta":1000000,"rope_scaling":null,"sliding_window":null,"use_sliding_window":false,"max_window_layers":64,"tie_word_embeddings":false},"configSource":"Verbatim copy (ronnywebdevs1/d-m-1) and code fixtures quoting the Qwen/Qwen3-32B config, via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":32762123264,"source":"KerasHub preset qwen3_32b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c qwen3_presets.py); HF API quote agrees","counts":"unique parameters (untied head)"},"notes":"num_attention_heads x head_dim (8192) != hidden_size (5120): head_dim must be read from the config, not derived."},{"id":"Qwen/Qwen3-30B-A3B","aliases":["qwen3-30b-a3b","qwen3-moe-30b-a3b"],"config":{"architectures":["Qwen3MoeForCausalLM"],"model_type":"qwen3_moe","hidden_act":"silu","hidden_size":2048,"intermediate_size":6144,"moe_intermediate_size":768,"num_experts":128,"num_experts_per_tok":8,"norm_topk_prob":true,"decoder_sparse_step":1,"mlp_only_layers":[],"num_hidden_layers":48,"num_attention_heads":32,"num_key_value_heads":4,"head_dim":128,"attention_bias":false,"vocab_size":151936,"max_position_embeddings":40960,"rms_norm_eps":0.000001,"rope_theta":1000000,"rope_scaling":null,"router_aux_loss_coef":0.001,"tie_word_embeddings":false},"configSource":"Trimmed verbatim copy: mlc-ai/pith-train examples/pretrain_lm/qwen3-30b-a3b/config.json (commit 4e77245), cross-checked with a MindSpeed-RL Qwen3-30B-A3B yaml, via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":30532122624,"source":"KerasHub preset qwen3_moe_30b_a3b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/qwen3_moe/qwen3_moe_presets.py); same value in a public MoE parameter audit table","counts":"unique parameters, all 128 experts per layer"},"activeParameters":{"value":3300000000,"exact":false,"source":"Qwen3-30B-A3B model card: 3.3B activated parameters"},"notes":"No shared experts in Qwen3-MoE. intermediate_size 6144 is used only by dense (mlp_only) layers; with mlp_only_layers [] and decoder_sparse_step 1 every layer is MoE."},{"id":"google/gemma-2-9b","aliases":["gemma-2-9b","gemma2-9b"],"config":{"architectures":["Gemma2ForCausalLM"],"model_type":"gemma2","hidden_act":"gelu_pytorch_tanh","hidden_activation":"gelu_pytorch_tanh","hidden_size":3584,"intermediate_size":14336,"num_hidden_layers":42,"num_attention_heads":16,"num_key_value_heads":8,"head_dim":256,"attention_bias":false,"vocab_size":256000,"max_position_embeddings":8192,"rms_norm_eps":0.000001,"rope_theta":10000,"query_pre_attn_scalar":256,"sliding_window":4096,"attn_logit_softcapping":50,"final_logit_softcapping":30,"cache_implementation":"hybrid"},"configSource":"Verbatim copies of google/gemma-2-9b config.json (ashercn97, philschmid copies); mlc-ai/mlc-llm@79d603f085f50500e9509fa01785ffa7ecfaaa93 model_preset.py (gemma2_9b), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":9241705984,"source":"KerasHub preset gemma2_9b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/gemma/gemma_presets.py)","counts":"unique parameters; tied embedding/head counted once"},"notes":"No tie_word_embeddings key: Gemma2Config default true. Four RMSNorms per layer (input, post-attention, pre-feedforward, post-feedforward). num_attention_heads x head_dim = 4096 != hidden_size 3584. Alternating sliding-window (4096) and global layers."},{"id":"google/gemma-2-27b","aliases":["gemma-2-27b","gemma2-27b"],"config":{"architectures":["Gemma2ForCausalLM"],"model_type":"gemma2","hidden_act":"gelu_pytorch_tanh","hidden_activation":"gelu_pytorch_tanh","hidden_size":4608,"intermediate_size":36864,"num_hidden_layers":46,"num_attention_heads":32,"num_key_value_heads":16,"head_dim":128,"attention_bias":false,"vocab_size":256000,"max_position_embeddings":8192,"rms_norm_eps":0.000001,"rope_theta":10000,"query_pre_attn_scalar":144,"sliding_window":4096,"attn_logit_softcapping":50,"final_logit_softcapping":30,"cache_implementation":"hybrid"},"configSource":"mlc-ai/mlc-llm@79d603f085f50500e9509fa01785ffa7ecfaaa93 model_preset.py (gemma2_27b); test fixture and a vLLM issue quoting the google/gemma-2-27b config, via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":27227128320,"source":"KerasHub preset gemma2_27b_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c gemma_presets.py)","counts":"unique parameters; tied embedding/head counted once"},"notes":"query_pre_attn_scalar 144 = hidden_size/num_attention_heads, not head_dim."},{"id":"google/gemma-3-1b-pt","aliases":["gemma-3-1b","gemma3-1b"],"config":{"architectures":["Gemma3ForCausalLM"],"model_type":"gemma3_text","hidden_activation":"gelu_pytorch_tanh","hidden_size":1152,"intermediate_size":6912,"num_hidden_layers":26,"num_attention_heads":4,"num_key_value_heads":1,"head_dim":256,"attention_bias":false,"vocab_size":262144,"max_position_embeddings":32768,"rms_norm_eps":0.000001,"rope_theta":1000000,"rope_local_base_freq":10000,"rope_scaling":null,"query_pre_attn_scalar":256,"sliding_window":512,"sliding_window_pattern":6,"attn_logit_softcapping":null,"final_logit_softcapping":null,"cache_implementation":"hybrid"},"configSource":"google/gemma-3-1b-pt config.json (text-only Gemma 3; model_type gemma3_text, Gemma3ForCausalLM). Key values as in the published file; the safetensors total of google/gemma-3-1b-it (same architecture) confirms vocab 262144.","parameters":{"total":999885952,"source":"KerasHub preset gemma3_1b \'params\' (keras-team/keras-hub keras_hub/src/models/gemma3/gemma3_presets.py); HF API quote for google/gemma-3-1b-it \'{ safetensors: { total: 999885952 } }\' and llama.cpp n_params (n_vocab 262144) agree","counts":"unique parameters; tied embedding/head counted once"},"notes":"No tie_word_embeddings key: default true. Per layer: 4 RMSNorms of hidden_size plus q_norm/k_norm of head_dim. The 1B model has no vision tower and uses vocab 262144 (the 4B+ multimodal models use 262208)."},{"id":"google/gemma-3-27b-it","aliases":["gemma-3-27b","gemma3-27b","gemma-3-27b-it"],"config":{"architectures":["Gemma3ForConditionalGeneration"],"model_type":"gemma3","text_config":{"model_type":"gemma3_text","hidden_size":5376,"intermediate_size":21504,"num_hidden_layers":62,"num_attention_heads":32,"num_key_value_heads":16,"head_dim":128,"query_pre_attn_scalar":168,"rope_scaling":{"factor":8,"rope_type":"linear"},"sliding_window":1024},"vision_config":{"model_type":"siglip_vision_model","hidden_size":1152,"intermediate_size":4304,"num_attention_heads":16,"num_hidden_layers":27,"image_size":896,"patch_size":14,"vision_use_head":false},"mm_tokens_per_image":256},"configSource":"google/gemma-3-27b-it config.json: sparse text_config as published (NVIDIA TensorRT-LLM test config GEMMA3_27B and a transformers-style fixture reproduce it), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":27009346304,"source":"llama.cpp n_params for the gemma-3-27b-it language model GGUF (n_vocab 262208, n_embd 5376), quoted in public llama-server model listings","counts":"language model only (text_config): unique parameters with tied embedding/head counted once; excludes the SigLIP vision tower and multimodal projector"},"notes":"text_config omits vocab_size, max_position_embeddings and tie_word_embeddings: Gemma3TextConfig defaults 262208, 131072 and true. The whole multimodal checkpoint totals 27,432,406,640 (HF safetensors; KerasHub medgemma_instruct_27b agrees) = this language model + about 423M of vision tower and projector. KerasHub gemma3_27b_text (27,009,002,240) uses a 262144-row vocabulary and is not this checkpoint."},{"id":"microsoft/Phi-3-mini-4k-instruct","aliases":["phi-3-mini","phi-3-mini-4k","phi3-mini"],"config":{"architectures":["Phi3ForCausalLM"],"model_type":"phi3","hidden_act":"silu","hidden_size":3072,"intermediate_size":8192,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":32,"vocab_size":32064,"max_position_embeddings":4096,"original_max_position_embeddings":4096,"rms_norm_eps":0.00001,"rope_theta":10000,"rope_scaling":null,"sliding_window":2047,"attention_bias":false,"tie_word_embeddings":false},"configSource":"microsoft/Phi-3-mini-4k-instruct config.json architecture keys (hidden 3072, intermediate 8192, 32 layers, 32/32 heads, vocab 32064, rms_norm_eps 1e-05, max_position_embeddings 4096 as quoted in public fixtures)","parameters":{"total":3821079552,"source":"KerasHub preset phi3_mini_4k_instruct_en \'params\' (keras-team/keras-hub@40358b49979efadd9e760530edc55fe60b16babd keras_hub/src/models/phi3/phi3_presets.py); a public parameter table lists microsoft_Phi-3-mini-4k-instruct = 3821079552","counts":"unique parameters (untied head)"},"notes":"Fused qkv_proj (hidden -> (heads + 2 x kv_heads) x head_dim) and gate_up_proj (hidden -> 2 x intermediate_size), no biases. The 128k variant has the same count (3,821,079,552) with longrope scaling."},{"id":"microsoft/phi-4","aliases":["phi-4","phi4"],"config":{"architectures":["Phi3ForCausalLM"],"model_type":"phi3","hidden_act":"silu","hidden_size":5120,"intermediate_size":17920,"num_hidden_layers":40,"num_attention_heads":40,"num_key_value_heads":10,"vocab_size":100352,"max_position_embeddings":16384,"original_max_position_embeddings":16384,"rms_norm_eps":0.00001,"rope_theta":250000,"rope_scaling":null,"sliding_window":null,"attention_bias":false,"tie_word_embeddings":false},"configSource":"microsoft/phi-4 config.json architecture keys (model_type phi3; hidden 5120, intermediate 17920, 40 layers, 40 heads / 10 KV heads, vocab 100352, context 16384, rope_theta 250000, rms_norm_eps 1e-05 as quoted in a public phi-4 config fixture; the GGUF phi3.* metadata published with the count agrees)","parameters":{"total":14659507200,"source":"GGUF general.parameter_count of microsoft/phi-4 conversions (14659507200) quoted in several public repos; NVIDIA NeMo customizer values \'microsoft/phi-4@1.0 num_parameters 14659507200\'","counts":"unique parameters (untied head)"},"notes":"Same Phi3ForCausalLM code as Phi-3: fused qkv_proj and gate_up_proj, no biases, GQA 40/10."},{"id":"allenai/OLMo-2-1124-7B","aliases":["olmo-2-7b","olmo2-7b","olmo-2-1124-7b"],"config":{"architectures":["Olmo2ForCausalLM"],"model_type":"olmo2","hidden_act":"silu","hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":32,"attention_bias":false,"vocab_size":100352,"max_position_embeddings":4096,"rms_norm_eps":0.000001,"rope_theta":500000,"rope_scaling":null,"tie_word_embeddings":false},"configSource":"allenai/OLMo-2-1124-7B config.json architecture keys (Olmo2ForCausalLM; 4096/11008/32 layers/32 heads, vocab 100352, context 4096)","parameters":{"total":7298617344,"source":"Hugging Face safetensors metadata for allenai/OLMo-2-1124-7B quoted in public repos (e.g. \'\\"allenai/OLMo-2-1124-7B\\": (7298617344, \\"7df9a82518afdecae4e8c026b27adccc8c1f0032\\")\' and \'\\"safetensors\\": {\\"parameters\\": {\\"F32\\": 7298617344}, \\"total\\": 7298617344}\')","counts":"unique parameters (fp32 checkpoint, untied head, no buffers)"},"notes":"OLMo 2 norms: no input layernorm; post_attention_layernorm and post_feedforward_layernorm (hidden_size each), q_norm over all query heads (num_attention_heads x head_dim) and k_norm over key heads (num_key_value_heads x head_dim)."},{"id":"allenai/OLMo-2-1124-13B","aliases":["olmo-2-13b","olmo2-13b","olmo-2-1124-13b"],"config":{"architectures":["Olmo2ForCausalLM"],"model_type":"olmo2","hidden_act":"silu","hidden_size":5120,"intermediate_size":13824,"num_hidden_layers":40,"num_attention_heads":40,"num_key_value_heads":40,"attention_bias":false,"vocab_size":100352,"max_position_embeddings":4096,"rms_norm_eps":0.000001,"rope_theta":500000,"rope_scaling":null,"tie_word_embeddings":false},"configSource":"allenai/OLMo-2-1124-13B config.json architecture keys (5120/13824/40 layers/40 heads, vocab 100352)","parameters":{"total":13716198400,"source":"Hugging Face safetensors metadata for allenai/OLMo-2-1124-13B quoted in a public repo (\'\\"allenai/OLMo-2-1124-13B\\": (13716198400, \\"3fefddc1bf18a30e1d9b91000271630718f2aa8b\\")\')","counts":"unique parameters (untied head)"},"notes":"See OLMo-2-1124-7B for the norm layout."},{"id":"openai-community/gpt2","aliases":["gpt2","gpt2-124m","gpt2-small"],"config":{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2","activation_function":"gelu_new","n_embd":768,"n_layer":12,"n_head":12,"n_inner":null,"n_ctx":1024,"n_positions":1024,"vocab_size":50257,"layer_norm_epsilon":0.00001},"configSource":"openai-community/gpt2 config.json (GPT-2 key names n_embd/n_layer/n_head/n_positions); mlc-ai/mlc-llm@79d603f085f50500e9509fa01785ffa7ecfaaa93 model_preset.py (gpt2), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":124439808,"source":"KerasHub preset gpt2_base_en \'params\' (keras-team/keras-hub@71453d08f59edc90d276e999319fc51e61cbf82c keras_hub/src/models/gpt2/gpt2_presets.py)","counts":"unique trainable parameters, lm_head tied to wte counted once; excludes the 12 attn.bias causal-mask buffers (1x1x1024x1024) that the HF safetensors total 137,022,720 includes"},"notes":"n_inner null -> 4 x n_embd. Conv1D layers with biases everywhere; LayerNorms with bias; learned absolute position embeddings (wpe)."},{"id":"openai-community/gpt2-medium","aliases":["gpt2-medium","gpt2-355m"],"config":{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2","activation_function":"gelu_new","n_embd":1024,"n_layer":24,"n_head":16,"n_inner":null,"n_ctx":1024,"n_positions":1024,"vocab_size":50257,"layer_norm_epsilon":0.00001},"configSource":"openai-community/gpt2-medium config.json (n_embd 1024, n_layer 24, n_head 16, n_positions 1024, vocab 50257)","parameters":{"total":354823168,"source":"KerasHub preset gpt2_medium_en \'params\' (keras-team/keras-hub@0e1444fdfbc088d2e736a43927f4719a30becd19 keras_hub/src/models/gpt2/gpt2_presets.py)","counts":"unique trainable parameters, tied head counted once; excludes attn.bias mask buffers"},"notes":""},{"id":"openai-community/gpt2-xl","aliases":["gpt2-xl","gpt2-1.5b"],"config":{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2","activation_function":"gelu_new","n_embd":1600,"n_layer":48,"n_head":25,"n_inner":null,"n_ctx":1024,"n_positions":1024,"vocab_size":50257,"layer_norm_epsilon":0.00001},"configSource":"openai-community/gpt2-xl config.json (n_embd 1600, n_layer 48, n_head 25, n_positions 1024, vocab 50257)","parameters":{"total":1557611200,"source":"KerasHub preset gpt2_extra_large_en \'params\' (keras-team/keras-hub@0e1444fdfbc088d2e736a43927f4719a30becd19 keras_hub/src/models/gpt2/gpt2_presets.py)","counts":"unique trainable parameters, tied head counted once; excludes attn.bias mask buffers"},"notes":""},{"id":"EleutherAI/pythia-160m","aliases":["pythia-160m"],"config":{"architectures":["GPTNeoXForCausalLM"],"model_type":"gpt_neox","hidden_act":"gelu","hidden_size":768,"intermediate_size":3072,"num_hidden_layers":12,"num_attention_heads":12,"vocab_size":50304,"max_position_embeddings":2048,"layer_norm_eps":0.00001,"rotary_pct":0.25,"rotary_emb_base":10000,"use_parallel_residual":true,"tie_word_embeddings":false},"configSource":"EleutherAI/pythia-160m config.json architecture keys (768/3072/12 layers/12 heads, vocab 50304, rotary_pct 0.25)","parameters":{"total":162322944,"source":"Pythia model card / paper (Biderman et al. 2023) table: 162,322,944 total parameters","counts":"unique parameters (untied embed_out)"},"notes":""},{"id":"EleutherAI/pythia-1b","aliases":["pythia-1b"],"config":{"architectures":["GPTNeoXForCausalLM"],"model_type":"gpt_neox","hidden_act":"gelu","hidden_size":2048,"intermediate_size":8192,"num_hidden_layers":16,"num_attention_heads":8,"vocab_size":50304,"max_position_embeddings":2048,"layer_norm_eps":0.00001,"rotary_pct":0.25,"rotary_emb_base":10000,"use_parallel_residual":true,"tie_word_embeddings":false},"configSource":"Derivative copy with unchanged architecture keys (lomahony/pythia-1b-helpful-sft config.json), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":1011781632,"source":"Pythia model card / paper table: 1,011,781,632 total (805,736,448 non-embedding)","counts":"unique parameters (untied embed_out)"},"notes":"LayerNorms with bias; fused query_key_value and dense with biases; MLP with biases; parallel residual."},{"id":"EleutherAI/gpt-neox-20b","aliases":["gpt-neox-20b","neox-20b"],"config":{"architectures":["GPTNeoXForCausalLM"],"model_type":"gpt_neox","hidden_act":"gelu_fast","hidden_size":6144,"intermediate_size":24576,"num_hidden_layers":44,"num_attention_heads":64,"vocab_size":50432,"max_position_embeddings":2048,"layer_norm_eps":0.00001,"rotary_pct":0.25,"rotary_emb_base":10000,"use_parallel_residual":true,"tie_word_embeddings":false},"configSource":"EleutherAI/gpt-neox-20b config.json architecture keys (6144/24576/44 layers/64 heads, vocab_size 50432 padded, rotary_pct 0.25)","parameters":{"total":20554567680,"source":"EleutherAI/gpt-neox-20b model card hyperparameter table: n_parameters 20554567680 (also GPT-NeoX-20B paper, Black et al. 2022)","counts":"unique parameters (untied embed_out)"},"notes":"The model card lists n_vocab 50257 (tokenizer); the checkpoint\'s embedding has the padded 50432 rows that the config\'s vocab_size gives and the count uses."},{"id":"tiiuae/falcon-rw-1b","aliases":["falcon-rw-1b","falcon-1b"],"config":{"architectures":["FalconForCausalLM"],"model_type":"falcon","hidden_size":2048,"num_attention_heads":32,"num_hidden_layers":24,"vocab_size":50304,"alibi":true,"bias":true,"multi_query":false,"new_decoder_architecture":false,"parallel_attn":false,"apply_residual_connection_post_layernorm":false,"layer_norm_epsilon":0.00001},"configSource":"tiiuae/falcon-rw-1b config.json architecture keys (transformers-native falcon: alibi true, bias true, multi_query false, parallel_attn false)","parameters":{"total":1311625216,"source":"KerasHub preset falcon_refinedweb_1b_en \'params\' (keras-team/keras-hub@0e0969974c73387eed7e4a89ca45717b5dd6d26f keras_hub/src/models/falcon/falcon_presets.py)","counts":"unique parameters; lm_head tied to word_embeddings (FalconConfig default tie_word_embeddings true) counted once"},"notes":"Sequential (non-parallel) block with two LayerNorms, biases on every linear, ALiBi positions (no rotary)."},{"id":"tiiuae/falcon-7b","aliases":["falcon-7b"],"config":{"architectures":["FalconForCausalLM"],"model_type":"falcon","hidden_size":4544,"num_attention_heads":71,"num_hidden_layers":32,"vocab_size":65024,"alibi":false,"bias":false,"multi_query":true,"new_decoder_architecture":false,"parallel_attn":true,"apply_residual_connection_post_layernorm":false,"layer_norm_epsilon":0.00001},"configSource":"tiiuae/falcon-7b config.json (transformers-native version) architecture keys: multi_query true (one shared K/V head), parallel_attn true, bias false","parameters":{"total":null,"source":"No published unique-parameter count found. The published Hugging Face safetensors total 7,217,189,760 (quoted in a public fine-tuning benchmark table as model_size for tiiuae/falcon-7b) counts lm_head.weight separately although the model ties it to word_embeddings; 7,217,189,760 - 65,024 x 4,544 (the head) = 6,921,720,704 would be the unique count, but that number is derived here, not published.","counts":"n/a"},"notes":"Published alternate: 7,217,189,760 = HF safetensors total including the stored copy of the tied head. Model card: \'7B parameters\'. One LayerNorm per block (parallel attention/MLP), fused query_key_value of hidden + 2 x head_dim outputs, MLP 4 x hidden, no biases."},{"id":"tiiuae/falcon-40b","aliases":["falcon-40b"],"config":{"architectures":["FalconForCausalLM"],"model_type":"falcon","hidden_size":8192,"num_attention_heads":128,"num_kv_heads":8,"num_hidden_layers":60,"vocab_size":65024,"alibi":false,"bias":false,"new_decoder_architecture":true,"parallel_attn":true,"apply_residual_connection_post_layernorm":false,"layer_norm_epsilon":0.00001},"configSource":"tiiuae/falcon-40b config.json (transformers-native version) architecture keys: new_decoder_architecture true (ln_attn + ln_mlp, grouped K/V with num_kv_heads 8), parallel_attn true, bias false","parameters":{"total":null,"source":"No published unique-parameter count found. The published Hugging Face total 41,835,970,560 (public model-metadata catalogue: total_parameters 41835970560 for tiiuae/falcon-40b) counts lm_head.weight separately although it is tied to word_embeddings; subtracting 65,024 x 8,192 would give 41,303,293,952, which is derived here, not published.","counts":"n/a"},"notes":"Published alternate: 41,835,970,560 = HF total including the stored copy of the tied head. new_decoder_architecture: two LayerNorms per block (ln_attn, ln_mlp), fused QKV of (heads + 2 x kv_heads) x head_dim outputs."},{"id":"bigscience/bloom-560m","aliases":["bloom-560m"],"config":{"architectures":["BloomForCausalLM"],"model_type":"bloom","hidden_size":1024,"n_layer":24,"n_head":16,"n_inner":null,"vocab_size":250880,"layer_norm_epsilon":0.00001,"apply_residual_connection_post_layernorm":false},"configSource":"bigscience/bloom-560m config.json architecture keys (hidden_size 1024, n_layer 24, n_head 16, vocab_size 250880)","parameters":{"total":559214592,"source":"KerasHub preset bloom_560m_multi \'params\' (keras-team/keras-hub@1f5bf552444c8835177c60918e13aee68a3cf80b keras_hub/src/models/bloom/bloom_presets.py); HF safetensors documentation table: bigscience/bloom-560m { \'F16\' => 559214592 }","counts":"unique parameters; lm_head tied to word_embeddings"},"notes":"word_embeddings_layernorm after the embedding; LayerNorms and linears with biases; ALiBi (no position table); MLP 4 x hidden."},{"id":"bigscience/bloom-7b1","aliases":["bloom-7b1","bloom-7b"],"config":{"architectures":["BloomForCausalLM"],"model_type":"bloom","hidden_size":4096,"n_layer":30,"n_head":32,"n_inner":null,"vocab_size":250880,"layer_norm_epsilon":0.00001,"apply_residual_connection_post_layernorm":false},"configSource":"bigscience/bloom-7b1 config.json architecture keys (hidden_size 4096, n_layer 30, n_head 32, vocab_size 250880)","parameters":{"total":7069016064,"source":"Parameter/FLOPs benchmark tables reproduced in several public repos (\'bloom-7b1 | 7.07B | 7069016064\'); a BLOOM-family parameter list [559214592, 1065314304, 1722408960, 3002557440, 7069016064, 176247271424]","counts":"unique parameters; tied head"},"notes":""},{"id":"bigscience/bloom","aliases":["bloom-176b","bloom"],"config":{"architectures":["BloomForCausalLM"],"model_type":"bloom","hidden_size":14336,"n_layer":70,"n_head":112,"n_inner":null,"vocab_size":250880,"layer_norm_epsilon":0.00001,"apply_residual_connection_post_layernorm":false},"configSource":"bigscience/bloom config.json architecture keys (hidden_size 14336, n_layer 70, n_head 112, vocab_size 250880)","parameters":{"total":176247271424,"source":"Hugging Face safetensors metadata for bigscience/bloom { \'BF16\' => 176247271424 } (huggingface.js parseSafetensorsMetadata test and HF docs table)","counts":"unique parameters; tied head stored once"},"notes":""},{"id":"deepseek-ai/DeepSeek-V2-Lite","aliases":["deepseek-v2-lite"],"config":{"architectures":["DeepseekV2ForCausalLM"],"model_type":"deepseek_v2","hidden_act":"silu","hidden_size":2048,"intermediate_size":10944,"moe_intermediate_size":1408,"num_hidden_layers":27,"num_attention_heads":16,"num_key_value_heads":16,"q_lora_rank":null,"kv_lora_rank":512,"qk_nope_head_dim":128,"qk_rope_head_dim":64,"v_head_dim":128,"n_routed_experts":64,"n_shared_experts":2,"num_experts_per_tok":6,"first_k_dense_replace":1,"moe_layer_freq":1,"n_group":1,"topk_group":1,"topk_method":"greedy","norm_topk_prob":false,"routed_scaling_factor":1,"scoring_func":"softmax","attention_bias":false,"vocab_size":102400,"max_position_embeddings":163840,"rms_norm_eps":0.000001,"rope_theta":10000,"rope_scaling":{"beta_fast":32,"beta_slow":1,"factor":40,"mscale":0.707,"mscale_all_dim":0.707,"original_max_position_embeddings":4096,"type":"yarn"},"tie_word_embeddings":false},"configSource":"deepseek-ai/DeepSeek-V2-Lite config.json architecture keys (2048/10944/27 layers/16 heads, q_lora_rank null, kv_lora_rank 512, 64 routed + 2 shared experts of 1408, top-6, first_k_dense_replace 1, vocab 102400), as quoted in public test fixtures","parameters":{"total":15706484224,"source":"Hugging Face safetensors total for deepseek-ai/DeepSeek-V2-Lite and -Chat in a public MoE audit table (15706484224); chatllm.cpp README \'DeepSeek-V2 ... with 15706484224 (2.7B effect.) parameters\'","counts":"unique parameters, all experts (bf16 checkpoint)"},"activeParameters":{"value":2400000000,"exact":false,"source":"DeepSeek-V2-Lite model card: 15.7B total, 2.4B activated"},"notes":"The published activated figure does not say whether the embedding and head are included, so it is not comparable to an exact per-token count. q_lora_rank null: queries use a direct q_proj (hidden -> heads x (nope + rope)). kv_a_proj_with_mqa hidden -> kv_lora_rank + rope, kv_a_layernorm, kv_b_proj kv_lora_rank -> heads x (nope + v). Layer 0 dense (intermediate 10944); layers 1-26 MoE with router gate hidden->64 (no score-correction bias in V2)."},{"id":"deepseek-ai/DeepSeek-V2","aliases":["deepseek-v2"],"config":{"architectures":["DeepseekV2ForCausalLM"],"model_type":"deepseek_v2","hidden_act":"silu","hidden_size":5120,"intermediate_size":12288,"moe_intermediate_size":1536,"num_hidden_layers":60,"num_attention_heads":128,"num_key_value_heads":128,"q_lora_rank":1536,"kv_lora_rank":512,"qk_nope_head_dim":128,"qk_rope_head_dim":64,"v_head_dim":128,"n_routed_experts":160,"n_shared_experts":2,"num_experts_per_tok":6,"first_k_dense_replace":1,"moe_layer_freq":1,"n_group":8,"topk_group":3,"topk_method":"group_limited_greedy","norm_topk_prob":false,"routed_scaling_factor":16,"scoring_func":"softmax","attention_bias":false,"vocab_size":102400,"max_position_embeddings":163840,"rms_norm_eps":0.000001,"rope_theta":10000,"rope_scaling":{"beta_fast":32,"beta_slow":1,"factor":40,"mscale":0.707,"mscale_all_dim":0.707,"original_max_position_embeddings":4096,"type":"yarn"},"tie_word_embeddings":false},"configSource":"deepseek-ai/DeepSeek-V2 config.json (transformers 4.39.3) as quoted verbatim in several public test fixtures (routed_scaling_factor 16.0, topk_group 3, topk_method group_limited_greedy, rope_scaling yarn with mscale 0.707; one fixture shows mscale 1.0, the V2-Chat-0628 value)","parameters":{"total":235741434880,"source":"Hugging Face safetensors total for deepseek-ai/DeepSeek-V2, -Chat and -Chat-0628 in a public MoE audit table (235741434880)","counts":"unique parameters, all experts (bf16 checkpoint)"},"activeParameters":{"value":21000000000,"exact":false,"source":"DeepSeek-V2 paper and model card: 236B total, 21B activated per token"},"notes":""},{"id":"deepseek-ai/DeepSeek-V3","aliases":["deepseek-v3"],"config":{"architectures":["DeepseekV3ForCausalLM"],"model_type":"deepseek_v3","hidden_act":"silu","hidden_size":7168,"intermediate_size":18432,"moe_intermediate_size":2048,"num_hidden_layers":61,"num_attention_heads":128,"num_key_value_heads":128,"q_lora_rank":1536,"kv_lora_rank":512,"qk_nope_head_dim":128,"qk_rope_head_dim":64,"v_head_dim":128,"n_routed_experts":256,"n_shared_experts":1,"num_experts_per_tok":8,"first_k_dense_replace":3,"moe_layer_freq":1,"n_group":8,"topk_group":4,"topk_method":"noaux_tc","norm_topk_prob":true,"routed_scaling_factor":2.5,"scoring_func":"sigmoid","num_nextn_predict_layers":1,"attention_bias":false,"vocab_size":129280,"max_position_embeddings":163840,"rms_norm_eps":0.000001,"rope_theta":10000,"rope_scaling":{"beta_fast":32,"beta_slow":1,"factor":40,"mscale":1,"mscale_all_dim":1,"original_max_position_embeddings":4096,"type":"yarn"},"quantization_config":{"activation_scheme":"dynamic","fmt":"e4m3","quant_method":"fp8","weight_block_size":[128,128]},"tie_word_embeddings":false},"configSource":"Verbatim copies of deepseek-ai/DeepSeek-V3 config.json (JPAdams12th/dormant-model-2 copy; gitcode mirror; gitcode.com/cann/cann-recipes-train verl_patches/config.json identical except num_nextn_predict_layers), via train-memory reference catalogue (shared/reference/catalog/model-architectures.json)","parameters":{"total":null,"source":"No exact count published. The DeepSeek-V3 README gives 671B total (685B on Hugging Face = 671B main model + 14B multi-token-prediction module), 37B activated. The HF safetensors total (684,531,386,000 in a public audit table) counts FP8 weights plus FP32 weight_scale_inv tensors and the MTP layer, so it is not a parameter count.","counts":"n/a"},"activeParameters":{"value":37000000000,"exact":false,"source":"DeepSeek-V3 technical report / README: 37B activated per token"},"notes":"Published rounded figures: 671B main model + 14B MTP module (685B on HF), 37B activated. First 3 layers dense (intermediate 18432), layers 3-60 MoE: 256 routed + 1 shared expert of 2048, router gate hidden->256 plus e_score_correction_bias (256) per MoE layer. The checkpoint stores 62 layers (61 + 1 MTP module: enorm, hnorm, eh_proj 2h->h, one MoE decoder layer, shared_head norm; embedding and head shared with the main model)."},{"id":"bigcode/starcoderbase","aliases":["starcoderbase","starcoderbase-15b"],"config":{"architectures":["GPTBigCodeForCausalLM"],"model_type":"gpt_bigcode","activation_function":"gelu_pytorch_tanh","n_embd":6144,"n_head":48,"n_inner":24576,"n_layer":40,"n_positions":8192,"vocab_size":49152,"multi_query":true,"layer_norm_epsilon":0.00001},"configSource":"bigcode/starcoderbase config.json architecture keys (StarCoder paper, Li et al. 2023, Table: 40 layers, d 6144, 48 heads, MQA, 8K context; vocabulary 49,152)","parameters":{"total":15517456384,"source":"Exact count used for StarCoderBase-15B (and its MultiPL-T fine-tunes) in a public compute-accounting script (\'starcoderbase-15b-helper\': (40, 6144, 15517456384.0)); StarCoder paper: 15.5B","counts":"unique parameters: learned positions (8,192 rows), tied embedding/head once"},"notes":"Multi-query attention: c_attn projects to h + 2 × 128 (one key/value head)."},{"id":"bigcode/starcoder2-3b","aliases":["starcoder2-3b"],"config":{"architectures":["Starcoder2ForCausalLM"],"model_type":"starcoder2","hidden_act":"gelu_pytorch_tanh","hidden_size":3072,"intermediate_size":12288,"num_hidden_layers":30,"num_attention_heads":24,"num_key_value_heads":2,"vocab_size":49152,"max_position_embeddings":16384,"sliding_window":4096,"use_bias":true,"norm_epsilon":0.00001},"configSource":"bigcode/starcoder2-3b config.json architecture keys as reproduced by public test fixtures (hidden 3072, 30 layers, 24 heads, 2 KV heads, intermediate 12288, vocabulary 49152)","parameters":{"total":null,"source":"No exact published count found (StarCoder2 paper and model card: 3B). The count computed from this config is 3,030,371,328 (Starcoder2Config ties the head by default).","counts":"would be unique parameters, tied embedding/head once"},"notes":"Every layer attends within the 4,096-token sliding window."},{"id":"microsoft/phi-2","aliases":["phi-2"],"config":{"architectures":["PhiForCausalLM"],"model_type":"phi","hidden_act":"gelu_new","hidden_size":2560,"intermediate_size":10240,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":32,"vocab_size":51200,"max_position_embeddings":2048,"partial_rotary_factor":0.4,"qk_layernorm":false,"layer_norm_eps":0.00001,"tie_word_embeddings":false},"configSource":"microsoft/phi-2 config.json architecture keys (PhiConfig as converted into transformers)","parameters":{"total":2779683840,"source":"Hugging Face safetensors metadata for microsoft/phi-2 ({ F16: 2779683840 }, quoted in public repos and HfApi.model_info checks); PEFT print_trainable_parameters logs agree (all params: 2,779,683,840)","counts":"unique parameters including the lm_head bias (51,200)"},"notes":"Attention and MLP run in parallel on one LayerNorm; every linear and the lm_head have biases."},{"id":"CohereForAI/aya-expanse-8b","aliases":["aya-expanse-8b"],"config":{"architectures":["CohereForCausalLM"],"model_type":"cohere","hidden_act":"silu","hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"vocab_size":256000,"use_qk_norm":false,"layer_norm_eps":0.00001},"configSource":"CohereForAI/aya-expanse-8b config.json architecture keys (Aya 23 8B\'s shape: 32 layers, d 4096, 32 heads, 8 KV heads, FFN 14336, vocabulary 256,000)","parameters":{"total":8028033024,"source":"HF Hub API safetensors totals quoted in a public benchmark repo\'s model_sizes table (computed there with HfApi().get_safetensors_metadata(repo).parameter_count): \'cohereforai/aya-expanse-8b\': 8028033024","counts":"unique parameters, tied embedding/head once"},"notes":"CohereConfig ties the head (tie_word_embeddings default True); one LayerNorm without bias feeds attention and MLP in parallel."},{"id":"CohereForAI/c4ai-command-r7b-12-2024","aliases":["command-r7b"],"config":{"architectures":["Cohere2ForCausalLM"],"model_type":"cohere2","hidden_act":"silu","hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"vocab_size":256000,"sliding_window":4096,"sliding_window_pattern":4,"layer_norm_eps":0.00001},"configSource":"CohereForAI/c4ai-command-r7b-12-2024 config.json architecture keys; the module tree printed in a public 4-bit re-upload\'s model card confirms the shapes (Embedding(256000, 4096), 32 Cohere2DecoderLayer, q 4096→4096, k/v 4096→1024, MLP 4096→14336)","parameters":{"total":null,"source":"No exact published count found (model card: 7 billion). The count computed from this config is 8,028,033,024, the same as aya-expanse-8b, whose shapes it shares.","counts":"would be unique parameters, tied embedding/head once"},"notes":"Three of every four layers attend within a 4,096-token sliding window."},{"id":"ibm-granite/granite-3.3-8b-instruct","aliases":["granite-3.3-8b"],"config":{"architectures":["GraniteForCausalLM"],"model_type":"granite","hidden_act":"silu","hidden_size":4096,"intermediate_size":12800,"num_hidden_layers":40,"num_attention_heads":32,"num_key_value_heads":8,"vocab_size":49159,"attention_bias":false,"mlp_bias":false,"tie_word_embeddings":true},"configSource":"ibm-granite/granite-3.3-8b-instruct config.json architecture keys (40 layers, d 4096, 32 heads, 8 KV heads, FFN 12800, vocabulary 49159, tied)","parameters":{"total":8170864640,"source":"Hugging Face Hub API safetensors.total for ibm-granite/granite-3.3-8b-instruct (8,170,864,640), tabulated in a public model-licence audit script; granite-3.3-2b-instruct in the same table (2,533,539,840) is what the 2B shape gives too","counts":"unique parameters, tied embedding/head once"},"notes":"Granite\'s embedding, residual, attention and logit multipliers scale activations and add no parameters."},{"id":"ibm-granite/granite-3.0-1b-a400m-base","aliases":["granite-3.0-1b-a400m"],"config":{"architectures":["GraniteMoeForCausalLM"],"model_type":"granitemoe","hidden_act":"silu","hidden_size":1024,"intermediate_size":512,"num_hidden_layers":24,"num_attention_heads":16,"num_key_value_heads":8,"num_local_experts":32,"num_experts_per_tok":8,"vocab_size":49155,"tie_word_embeddings":true},"configSource":"ibm-granite/granite-3.0-1b-a400m-base config.json architecture keys (24 layers, d 1024, 16 heads, 8 KV heads, 32 experts of 512, top-8, vocabulary 49155, tied)","parameters":{"total":1334628352,"source":"sum(p.numel()) of GraniteMoeForCausalLM loaded from a granite 1b-a400m checkpoint with exactly this shape (24, 32, 8, 1024, 512, 49155), asserted in a public benchmark harness (parameters == 1334628352)","counts":"unique parameters, tied embedding/head once, all 32 experts per layer"},"activeParameters":{"value":400000000,"exact":false,"source":"IBM\'s name for the model: 1B total, 400M active"},"notes":"Experts are stored fused: input_linear (32, 1024, 1024) for gate and up, output_linear (32, 1024, 512)."},{"id":"THUDM/glm-4-9b-chat-hf","aliases":["glm-4-9b","glm-4-9b-chat"],"config":{"architectures":["GlmForCausalLM"],"model_type":"glm","hidden_act":"silu","hidden_size":4096,"intermediate_size":13696,"num_hidden_layers":40,"num_attention_heads":32,"num_key_value_heads":2,"head_dim":128,"attention_bias":true,"vocab_size":151552,"partial_rotary_factor":0.5,"tie_word_embeddings":false},"configSource":"THUDM/glm-4-9b-chat-hf config.json architecture keys (GlmConfig\'s defaults are this model\'s: 40 layers, d 4096, 32 heads, 2 KV heads of 128, FFN 13696, vocabulary 151552)","parameters":{"total":9399951360,"source":"THUDM GLM-4 demo output \'You are served by GLM-4, with 9399951360 (9.4B) parameters.\' (glm-4-9b-chat); a PEFT fine-tuning log of glm-4-9b-chat agrees (9399951360 trainable)","counts":"trainable parameters of the same weights; the remote-code ChatGLM model additionally registers a 32-element rotary buffer as a parameter (9,399,951,392 in that log)"},"notes":"q/k/v have biases, o_proj none; gate and up are one gate_up_proj."},{"id":"THUDM/GLM-4-9B-0414","aliases":["glm-4-9b-0414"],"config":{"architectures":["Glm4ForCausalLM"],"model_type":"glm4","hidden_act":"silu","hidden_size":4096,"intermediate_size":13696,"num_hidden_layers":40,"num_attention_heads":32,"num_key_value_heads":2,"head_dim":128,"attention_bias":true,"vocab_size":151552,"partial_rotary_factor":0.5,"tie_word_embeddings":false},"configSource":"THUDM/GLM-4-9B-0414 config.json architecture keys (GLM-4-9B\'s shape with Glm4DecoderLayer\'s two extra norms)","parameters":{"total":9400279040,"source":"Official safetensors parameter count of GLM-4-9B-0414, 9,400,279,040, quoted in public model-selection tables","counts":"unique parameters; 9,399,951,360 of GLM-4-9B plus 40 × 2 × 4096 for post_self_attn_layernorm and post_mlp_layernorm"}},{"id":"internlm/internlm2_5-7b-chat","aliases":["internlm2.5-7b","internlm2_5-7b"],"config":{"architectures":["InternLM2ForCausalLM"],"model_type":"internlm2","bias":false,"hidden_act":"silu","hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"vocab_size":92544,"tie_word_embeddings":false},"configSource":"internlm/internlm2_5-7b-chat config.json architecture keys (remote code InternLM2ForCausalLM)","parameters":{"total":7737708544,"source":"HF Hub API safetensors totals quoted in a public benchmark repo\'s model_sizes table (computed there with HfApi().get_safetensors_metadata(repo).parameter_count): \'internlm/internlm2_5-7b-chat\': 7737708544","counts":"unique parameters, untied output head"},"notes":"wqkv fuses q, k and v (grouped: 8 key/value heads of 128)."},{"id":"allenai/OLMoE-1B-7B-0924","aliases":["olmoe-1b-7b"],"config":{"architectures":["OlmoeForCausalLM"],"model_type":"olmoe","hidden_act":"silu","hidden_size":2048,"intermediate_size":1024,"num_hidden_layers":16,"num_attention_heads":16,"num_key_value_heads":16,"num_experts":64,"num_experts_per_tok":8,"vocab_size":50304,"tie_word_embeddings":false},"configSource":"allenai/OLMoE-1B-7B-0924 config.json architecture keys (16 layers, d 2048, 64 experts of 1024, top-8, vocabulary 50304)","parameters":{"total":6919161856,"source":"Hugging Face safetensors total for allenai/OLMoE-1B-7B-0924 (https://huggingface.co/api/models/allenai/OLMoE-1B-7B-0924: 6,919,161,856 BF16), quoted in public repos","counts":"unique parameters, all 64 experts per layer"},"activeParameters":{"value":1300000000,"exact":false,"source":"OLMoE paper (Muennighoff et al. 2024): 1.3B active of 6.9B"}},{"id":"allenai/OLMo-7B-0724-hf","aliases":["olmo-7b-0724","olmo-7b"],"config":{"architectures":["OlmoForCausalLM"],"model_type":"olmo","hidden_act":"silu","hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":32,"vocab_size":50304,"tie_word_embeddings":false},"configSource":"allenai/OLMo-7B-0724-hf config.json architecture keys (32 layers, d 4096, FFN 11008, vocabulary 50304, untied)","parameters":{"total":6888095744,"source":"Total parameters of allenai/OLMo-7B-0724-hf (6,888,095,744; non-embedding = total − 2 × 50304 × 4096) in public model-analysis tables","counts":"unique parameters; OLMo\'s LayerNorms have no weights"}},{"id":"meta-llama/Llama-4-Scout-17B-16E-Instruct","aliases":["llama-4-scout","llama4-scout"],"config":{"architectures":["Llama4ForConditionalGeneration"],"model_type":"llama4","text_config":{"model_type":"llama4_text","hidden_act":"silu","hidden_size":5120,"intermediate_size":8192,"intermediate_size_mlp":16384,"num_hidden_layers":48,"num_attention_heads":40,"num_key_value_heads":8,"head_dim":128,"num_local_experts":16,"num_experts_per_tok":1,"interleave_moe_layer_step":1,"use_qk_norm":true,"attention_chunk_size":8192,"vocab_size":202048,"tie_word_embeddings":false},"vision_config":{"model_type":"llama4_vision_model","hidden_size":1408,"intermediate_size":5632,"num_hidden_layers":34,"num_attention_heads":16,"image_size":336,"patch_size":14,"num_channels":3,"vision_output_dim":4096,"projector_input_dim":4096,"projector_output_dim":4096,"pixel_shuffle_ratio":0.5}},"configSource":"meta-llama/Llama-4-Scout-17B-16E-Instruct config.json architecture keys (Llama4TextConfig and Llama4VisionConfig defaults are this model\'s)","parameters":{"total":107769861120,"source":"Hugging Face safetensors total for meta-llama/Llama-4-Scout-17B-16E-Instruct, 108,641,793,536 (Hub API, tabulated in a public model-licence audit script), less the vision encoder and projector, 871,932,416, counted from vision_config by hand in __tests__/catalog/multimodal-counts.test.ts","counts":"language model only (text_config), all 16 routed experts and the shared expert per layer"},"activeParameters":{"value":17000000000,"exact":false,"source":"Meta\'s model card: 17B active parameters"},"notes":"Every layer is MoE (interleave_moe_layer_step 1); every fourth layer has no rotary positions and attends to all, the others attend in chunks of 8,192."},{"id":"openai/gpt-oss-20b","aliases":["gpt-oss-20b"],"config":{"architectures":["GptOssForCausalLM"],"model_type":"gpt_oss","hidden_act":"silu","hidden_size":2880,"intermediate_size":2880,"num_hidden_layers":24,"num_attention_heads":64,"num_key_value_heads":8,"head_dim":64,"num_local_experts":32,"num_experts_per_tok":4,"vocab_size":201088,"sliding_window":128,"layer_types":["sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention","sliding_attention","full_attention"],"attention_bias":true,"tie_word_embeddings":false},"configSource":"openai/gpt-oss-20b config.json architecture keys (24 layers, d 2880, 64 heads of 64, 8 KV heads, 32 experts of 2880, top-4, 128-token sliding window on alternate layers)","parameters":{"total":20914757184,"source":"GGUF general.parameter_count of gpt-oss-20b (ollama show: 20914757184), also the Hub API total tabulated in a public licence audit script; model card: 20.91B","counts":"unique parameters with every bias, the per-head attention sinks and all 32 experts; the checkpoint stores the experts in MXFP4 (two values a byte)"},"activeParameters":{"value":3610000000,"exact":false,"source":"gpt-oss model card: 3.61B active parameters per token (non-embedding)"}},{"id":"mosaicml/mpt-7b","aliases":["mpt-7b"],"config":{"architectures":["MPTForCausalLM"],"model_type":"mpt","d_model":4096,"n_heads":32,"n_layers":32,"expansion_ratio":4,"vocab_size":50432,"max_seq_len":2048,"no_bias":true},"configSource":"mosaicml/mpt-7b config.json architecture keys (d_model 4096, 32 heads, 32 layers, expansion 4, vocabulary 50432, no biases)","parameters":{"total":null,"source":"No exact published count found (model card: 6.7B). The count computed from this config is 6,649,286,656.","counts":"would be unique parameters, tied embedding/head once, LayerNorm weights without biases"},"notes":"ALiBi positions (no table). transformers runs MPT attention eagerly; the original remote code also has a triton flash path."}]');
;// CONCATENATED MODULE: ./src/catalog/gpus.json
const gpus_namespaceObject = /*#__PURE__*/JSON.parse('[{"id":"h100-sxm-80gb","aliases":["h100","h100-sxm","h100-80gb","nvidia-h100-sxm-80gb"],"name":"H100 SXM 80GB","vendor":"NVIDIA","computeCapability":"9.0","memoryBytes":85520809984,"memoryBasis":"nvidia-smi total 81559 MiB x 2^20; evidence: nvidia-smi \'NVIDIA H100 80GB HBM3 ... 0MiB / 81559MiB\'","memoryMarketed":"80 GB","peakTflops":{"fp32":67,"tf32":494.5,"bf16":989,"fp16":989,"fp8":1979,"fp4":null},"memoryBandwidthGBs":3350,"intraNodeBandwidthGBs":900,"interconnect":"NVLink 4 (18 links)","sources":["NVIDIA H100 datasheet / product page spec table (H100 SXM | H100 NVL columns; Tensor Core rows marked * = with sparsity), as reproduced verbatim in public files","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","NVIDIA/exemplar-performance@97b1fd4bf95a9ae85dec0b243d9f97ac038deffb README.md \'Peak Theoretical Throughput\' table (explicitly non-sparse) and Reference Architecture sections"],"notes":"Datasheet prints TF32 989*, BF16/FP16 1,979*, FP8 3,958* with * = with sparsity; dense = half. BF16 989 / FP8 1979 confirmed as non-sparse by NVIDIA Exemplar table. FP4 not supported on Hopper. 81559 MiB is consistently reported across drivers 525-550; physical 80 GiB. Max TDP \'up to 700W (configurable)\'. Exemplar DGX H100 reference lists 3.2 TB/s; datasheet says 3.35 TB/s."},{"id":"h100-pcie-80gb","aliases":["h100-pcie","nvidia-h100-pcie-80gb"],"name":"H100 PCIe 80GB","vendor":"NVIDIA","computeCapability":"9.0","memoryBytes":85520809984,"memoryBasis":"nvidia-smi total 81559 MiB x 2^20; evidence: nvidia-smi \'NVIDIA H100 PCIe ... 79W / 350W | 25169MiB / 81559MiB\'","memoryMarketed":"80 GB","peakTflops":{"fp32":51,"tf32":378,"bf16":756,"fp16":756,"fp8":1513,"fp4":null},"memoryBandwidthGBs":2000,"intraNodeBandwidthGBs":null,"interconnect":"NVLink bridge (2-way); PCIe Gen5 x16 128 GB/s","sources":["NVIDIA H100 PCIe spec table (FP32 51, TF32 756*, BF16/FP16 1,513*, FP8 3,026*, 80GB HBM2e, 2TB/s) reproduced in a public copy/9103676389; TDP \'300-350W (configurable)\' from the NVIDIA H100 datasheet (megware-hosted PDF) quoted in a public copy","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","NVIDIA H100 PCIe product brief PB-11133-001_v02 (manuals.plus copy): \'maximum thermal design power (TDP) level of 350 W\', \'>2,000 GBps\'"],"notes":"Spec sheet prints TF32 756*, BF16/FP16 1,513*, FP8 3,026* (* sparsity); dense halves match stas00 table. TDP 300-350W configurable (datasheet); 350W max (product brief). NVLink-bridge bandwidth for H100 PCIe not confirmed from a source read here -> null."},{"id":"h100-nvl-94gb","aliases":["h100-nvl","nvidia-h100-nvl-94gb"],"name":"H100 NVL 94GB","vendor":"NVIDIA","computeCapability":"9.0","memoryBytes":100485038080,"memoryBasis":"nvidia-smi total 95830 MiB x 2^20; evidence: nvidia-smi \'NVIDIA H100 NVL ... 392W / 400W | 55485MiB / 95830MiB\'","memoryMarketed":"94 GB","peakTflops":{"fp32":60,"tf32":417.5,"bf16":835.5,"fp16":835.5,"fp8":1670.5,"fp4":null},"memoryBandwidthGBs":3900,"intraNodeBandwidthGBs":600,"interconnect":"NVLink bridge","sources":["NVIDIA H100 datasheet / product page spec table (H100 SXM | H100 NVL columns; Tensor Core rows marked * = with sparsity), as reproduced verbatim in public files","NVIDIA H100 NVL datasheet (PNY-hosted PDF) as cited in a public copy"],"notes":"NVIDIA prints TF32 835*, BF16/FP16 1,671*, FP8 3,341* (* with sparsity); dense values here are exactly half of the printed sparse figures. TDP \'350-400W (configurable)\'; nvidia-smi power cap 400W."},{"id":"h800-sxm-80gb","aliases":["h800","h800-sxm","nvidia-h800-sxm-80gb"],"name":"H800 SXM 80GB","vendor":"NVIDIA","computeCapability":"9.0","memoryBytes":85520809984,"memoryBasis":"nvidia-smi total 81559 MiB x 2^20; evidence: text \'44797MiB / 81559MiB ... 在单卡 H800\' - single hit","memoryMarketed":"80 GB","peakTflops":{"fp32":67,"tf32":494,"bf16":989,"fp16":989,"fp8":1979,"fp4":null},"memoryBandwidthGBs":3350,"intraNodeBandwidthGBs":400,"interconnect":"NVLink 4 (reduced)","sources":["Compiled H800/H20 spec report citing NVIDIA AI Enterprise docs (H800 SXM5 80 GB), channel reproductions of the NVIDIA H800 spec sheet (qiangchuan.com, cloudhin, afox-corp.com) and LMSYS/Ant Group blog 2025-09-26"],"notes":"Same tensor throughput as H100 SXM; channel copies of the NVIDIA spec print 989*/1979*/3958* with * = sparse. FP64 cut to 1 TFLOPS. Only one log found; identical to H100 SXM. No official NVIDIA H800 datasheet is public; values are from channel reproductions of NVIDIA\'s sheet (secondary). Dense tensor peaks equal H100 SXM per third-party tables (e.g. the LMSYS/Ant Group table lists H800 dense BF16 989 / FP8 1979); NVLink cut to 400 GB/s and FP64 to 1 TFLOPS."},{"id":"h20-96gb","aliases":["h20","nvidia-h20-96gb"],"name":"H20 96GB","vendor":"NVIDIA","computeCapability":"9.0","memoryBytes":102625181696,"memoryBasis":"nvidia-smi total 97871 MiB x 2^20; evidence: nvidia-smi \'NVIDIA H20 ... 72W / 500W | 0MiB / 97871MiB\'; H20 training table \'64725MiB / 97871MiB\' (id 30876327238)","memoryMarketed":"96 GB","peakTflops":{"fp32":44,"tf32":74,"bf16":148,"fp16":148,"fp8":296,"fp4":null},"memoryBandwidthGBs":4000,"intraNodeBandwidthGBs":900,"interconnect":"NVLink 4","sources":["Compiled H800/H20 spec report citing media (IT之家, mydrivers, 爱集微), LMSYS/Ant Group blog 2025-09-26 and flopper.io"],"notes":"148/296 are DENSE (LMSYS/Ant Group table lists H800 dense 989/1979 alongside H20 148/296; flopper.io lists FP8 dense 296 / sparse 592). NVIDIA publishes no official H20 datasheet. TDP 400W per media/Geekbench reports, but an nvidia-smi log shows a 500W power cap. A 141 GB HBM3e H20 SKU also exists (same compute, 4.0 TB/s)."},{"id":"h200-sxm-141gb","aliases":["h200","h200-sxm","nvidia-h200-sxm-141gb"],"name":"H200 SXM 141GB","vendor":"NVIDIA","computeCapability":"9.0","memoryBytes":150754820096,"memoryBasis":"nvidia-smi total 143771 MiB x 2^20; evidence: nvidia-smi \'NVIDIA H200 ... 120W / 700W | 0MiB / 143771MiB\'","memoryMarketed":"141 GB","peakTflops":{"fp32":67,"tf32":494.5,"bf16":989,"fp16":989,"fp8":1979,"fp4":null},"memoryBandwidthGBs":4800,"intraNodeBandwidthGBs":900,"interconnect":"NVLink 4","sources":["NVIDIA H200 spec table (SXM | NVL) reproduced in a public copy","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"Same compute as H100 SXM; spec sheet prints 989*/1,979*/3,958* (sparse). H200 NVL reports the same 143771 MiB (600W cap). TDP up to 700W (SXM); H200 NVL up to 600W."},{"id":"b200-180gb","aliases":["b200","b200-sxm","nvidia-b200"],"name":"B200 180GB (HGX/DGX)","vendor":"NVIDIA","computeCapability":"10.0","memoryBytes":192265846784,"memoryBasis":"nvidia-smi total 183359 MiB x 2^20; evidence: nvidia-smi \'NVIDIA B200 ... 136W / 1000W | 0MiB / 183359MiB\'","memoryMarketed":"180 GB (early announcements: 192 GB)","peakTflops":{"fp32":75,"tf32":1100,"bf16":2250,"fp16":2250,"fp8":4500,"fp4":9000},"memoryBandwidthGBs":7700,"intraNodeBandwidthGBs":1800,"interconnect":"NVLink 5 (18 links)","sources":["NVIDIA/exemplar-performance@97b1fd4bf95a9ae85dec0b243d9f97ac038deffb README.md \'Peak Theoretical Throughput\' table (explicitly non-sparse) and Reference Architecture sections","NVIDIA GB200 NVL72 / HGX B200 and Blackwell Ultra (GB300 NVL72 / HGX B300) spec tables reproduced in a public copy","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"BF16 2250 / FP8 4500 / NVFP4 9000 from NVIDIA Exemplar (explicitly non-sparse). HGX B200 per-GPU table: FP4 18 PF, FP8 9 PF, BF16 4.5 PF, TF32 2.2 PF (sparse), FP32 75 TF. stas00 (DGX B200 datasheet) lists fp32 80, tf32 1125. Bandwidth: 7.7 TB/s in HGX B200 table and Exemplar B200 reference; stas00 and DGX marketing say 8 TB/s."},{"id":"b300-288gb","aliases":["b300","b300-sxm","nvidia-b300"],"name":"B300 288GB (Blackwell Ultra, HGX/DGX)","vendor":"NVIDIA","computeCapability":"10.3","memoryBytes":288400343040,"memoryBasis":"nvidia-smi total 275040 MiB x 2^20; evidence: nvidia-smi \'NVIDIA B300 SXM6 AC ... 139W / 1100W | 0MiB / 275040MiB\'","memoryMarketed":"288 GB (HGX AI Factory components table); 270 GB in HGX B300 spec and Exemplar reference","peakTflops":{"fp32":75,"tf32":1100,"bf16":2250,"fp16":2250,"fp8":4500,"fp4":13500},"memoryBandwidthGBs":7700,"intraNodeBandwidthGBs":1800,"interconnect":"NVLink 5","sources":["NVIDIA/exemplar-performance@97b1fd4bf95a9ae85dec0b243d9f97ac038deffb README.md \'Peak Theoretical Throughput\' table (explicitly non-sparse) and Reference Architecture sections","NVIDIA GB200 NVL72 / HGX B200 and Blackwell Ultra (GB300 NVL72 / HGX B300) spec tables reproduced in a public copy","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"Exemplar (non-sparse): BF16 2250, FP8 4500, NVFP4 13500. HGX B300 spec: FP4 18 PF sparse | 14 PF dense (144|108 PF per 8 GPUs), FP8 9 PF (sparse), BF16 4.5 PF (sparse), TF32 2.2 PF (sparse), FP32 75 TF. Disagreement: stas00 fp4 12600 (nvfp4 15000), fp32 80, tf32 1125; glennklockwood fp4 13125. 275040 MiB = 268.6 GiB = 288.4e9 bytes. INT8 is heavily cut on B300 (307 TOPS per GPU in HGX table). nvidia-smi power cap 1100W."},{"id":"gb200-186gb","aliases":["gb200","gb200-nvl72","nvidia-gb200"],"name":"GB200 186GB (per B200 GPU, NVL72)","vendor":"NVIDIA","computeCapability":"10.0","memoryBytes":198674743296,"memoryBasis":"nvidia-smi total 189471 MiB x 2^20; evidence: nvidia-smi \'NVIDIA GB200 ... 166W / 1200W | 0MiB / 189471MiB\'","memoryMarketed":"186 GB per GPU (372 GB per superchip)","peakTflops":{"fp32":80,"tf32":1250,"bf16":2450,"fp16":2450,"fp8":4900,"fp4":9800},"memoryBandwidthGBs":8000,"intraNodeBandwidthGBs":1800,"interconnect":"NVLink 5 (NVL72 domain)","sources":["NVIDIA/exemplar-performance@97b1fd4bf95a9ae85dec0b243d9f97ac038deffb README.md \'Peak Theoretical Throughput\' table (explicitly non-sparse) and Reference Architecture sections","NVIDIA GB200 NVL72 / HGX B200 and Blackwell Ultra (GB300 NVL72 / HGX B300) spec tables reproduced in a public copy","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"Exemplar (non-sparse, per GPU): BF16 2450, FP8 4900, NVFP4 9800. GB200 NVL72 page per-GPU: FP4 20 PF, FP8 10 PF, BF16 5 PF, TF32 2.5 PF (sparse) => 2500/5000/10000/1250 dense (stas00 uses these). TDP \'configurable up to 1,200 W\' (per GPU module) and nvidia-smi cap 1200W."},{"id":"gb300-279gb","aliases":["gb300","gb300-nvl72","nvidia-gb300"],"name":"GB300 279GB (per B300 GPU, NVL72)","vendor":"NVIDIA","computeCapability":"10.3","memoryBytes":279000000000,"memoryBasis":"marketed 279 GB per GPU read as 279e9 bytes (no device-reported total from a real log; the only nvidia-smi figure seen, 284208 MiB, came from a test fixture)","memoryMarketed":"279 GB per GPU (288 GB raw)","peakTflops":{"fp32":80,"tf32":1250,"bf16":2450,"fp16":2450,"fp8":4900,"fp4":14700},"memoryBandwidthGBs":8000,"intraNodeBandwidthGBs":1800,"interconnect":"NVLink 5","sources":["NVIDIA/exemplar-performance@97b1fd4bf95a9ae85dec0b243d9f97ac038deffb README.md \'Peak Theoretical Throughput\' table (explicitly non-sparse) and Reference Architecture sections","NVIDIA GB200 NVL72 / HGX B200 and Blackwell Ultra (GB300 NVL72 / HGX B300) spec tables reproduced in a public copy","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"Exemplar (non-sparse): BF16 2450, FP8 4900, NVFP4 14700. GB300 NVL72 table: FP4 20|15 PF (sparse|dense), FP8 10 PF, BF16 5 PF, TF32 2.5 PF (sparse), FP32 80 TF; stas00 lists 2500/5000/15000. Low confidence: fixture only. Not in the requested list; included because GB200/B300 are. memory_bytes from a fixture value only."},{"id":"a100-sxm-80gb","aliases":["a100-80gb","a100-sxm4-80gb","nvidia-a100-sxm4-80gb"],"name":"A100 SXM4 80GB","vendor":"NVIDIA","computeCapability":"8.0","memoryBytes":85899345920,"memoryBasis":"nvidia-smi total 81920 MiB x 2^20 (newer drivers; older drivers report 81251 MiB); evidence: newer drivers: \'NVIDIA A100-SXM4-80GB ... 305W / 500W | 50506MiB / 81920MiB\', \'A100-SXM ... 400W | 0MiB / 81920MiB\' (id 19077137222)","memoryMarketed":"80 GB","peakTflops":{"fp32":19.5,"tf32":156,"bf16":312,"fp16":312,"fp8":null,"fp4":null},"memoryBandwidthGBs":2039,"intraNodeBandwidthGBs":600,"interconnect":"NVLink 3 (12 links)","sources":["NVIDIA A100 80GB datasheet table (FP32 19.5, TF32 156/312*, BF16 312/624*, 1,935GB/s PCIe / 2,039GB/s SXM, TDP 300W PCIe / 400W SXM, NVLink 600GB/s; PCIe via 2-GPU NVLink bridge 600GB/s) quoted in a public copy","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"Datasheet: TF32 156 | 312*, BF16/FP16 312 | 624* (* sparsity). No FP8/FP4 support. Reported total is driver dependent (81251 on older drivers, 81920 on newer). torch total_memory in one fixture: 85,056,798,720 bytes. 400W standard; HGX A100-80GB CTS SKU up to 500W."},{"id":"a100-pcie-80gb","aliases":["nvidia-a100-pcie-80gb"],"name":"A100 PCIe 80GB","vendor":"NVIDIA","computeCapability":"8.0","memoryBytes":85899345920,"memoryBasis":"nvidia-smi total 81920 MiB x 2^20 (newer drivers; older drivers report 80994 MiB); evidence: \'NVIDIA A100 80GB PCIe ... 49W / 300W | 0MiB / 81920MiB\'","memoryMarketed":"80 GB","peakTflops":{"fp32":19.5,"tf32":156,"bf16":312,"fp16":312,"fp8":null,"fp4":null},"memoryBandwidthGBs":1935,"intraNodeBandwidthGBs":600,"interconnect":"NVLink bridge for 2 GPUs","sources":["NVIDIA A100 80GB datasheet table (FP32 19.5, TF32 156/312*, BF16 312/624*, 1,935GB/s PCIe / 2,039GB/s SXM, TDP 300W PCIe / 400W SXM, NVLink 600GB/s; PCIe via 2-GPU NVLink bridge 600GB/s) quoted in a public copy","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"Same as SXM per datasheet. Driver dependent."},{"id":"a100-sxm-40gb","aliases":["a100-40gb","a100-sxm4-40gb","nvidia-a100-sxm4-40gb"],"name":"A100 SXM4 40GB","vendor":"NVIDIA","computeCapability":"8.0","memoryBytes":42949672960,"memoryBasis":"nvidia-smi total 40960 MiB x 2^20 (newer drivers; older drivers report 40536 MiB); evidence: newer drivers: \'NVIDIA A100-SXM4-40GB ... 57W / 400W | 2694MiB / 40960MiB\'","memoryMarketed":"40 GB","peakTflops":{"fp32":19.5,"tf32":156,"bf16":312,"fp16":312,"fp8":null,"fp4":null},"memoryBandwidthGBs":1555,"intraNodeBandwidthGBs":600,"interconnect":"NVLink 3","sources":["stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","A100 40GB bandwidth 1,555 GB/s: Ampere spec table and karpathy/llm.c dev/cuda comment \'A100 40GB PCIe is advertised at 1,555GB/s\' (id 46141855488)"],"notes":"Driver dependent. nvidia-smi power cap 400W in logs."},{"id":"a100-pcie-40gb","aliases":["nvidia-a100-pcie-40gb"],"name":"A100 PCIe 40GB","vendor":"NVIDIA","computeCapability":"8.0","memoryBytes":42949672960,"memoryBasis":"nvidia-smi total 40960 MiB x 2^20 (newer drivers; older drivers report 40536 MiB); evidence: newer drivers: \'NVIDIA A100-PCIE-40GB ... 32W / 250W | 0MiB / 40960MiB\'","memoryMarketed":"40 GB","peakTflops":{"fp32":19.5,"tf32":156,"bf16":312,"fp16":312,"fp8":null,"fp4":null},"memoryBandwidthGBs":1555,"intraNodeBandwidthGBs":null,"interconnect":"NVLink bridge (2 GPUs)","sources":["stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","llm.c comment \'A100 40GB PCIe is advertised at 1,555GB/s\'","nvidia-smi power cap 250W (id 4627054290)"],"notes":"Driver dependent. TDP 250W from nvidia-smi power cap; bridge bandwidth not confirmed from a source read here."},{"id":"a800-sxm-80gb","aliases":["a800","a800-80gb","a800-sxm4-80gb","nvidia-a800-sxm4-80gb"],"name":"A800 SXM4 80GB","vendor":"NVIDIA","computeCapability":"8.0","memoryBytes":85899345920,"memoryBasis":"nvidia-smi total 81920 MiB x 2^20 (newer drivers; older drivers report 81251 MiB); evidence: A800-SXM4-80GB 81920 MiB in GitHub nvidia-smi logs (also \'NVIDIA A800 80GB PCIe ... 300W | 2MiB / 81920MiB\', a public copy)","memoryMarketed":"80 GB","peakTflops":{"fp32":19.5,"tf32":156,"bf16":312,"fp16":312,"fp8":null,"fp4":null},"memoryBandwidthGBs":2039,"intraNodeBandwidthGBs":400,"interconnect":"NVLink 3 (reduced)","sources":["Ampere GPU spec table (A100/A800) in a public repo - secondary","H800/A800 export-rule history in a public copy"],"notes":"Driver dependent. Same compute as A100; NVLink cut to 400 GB/s. Secondary sources only."},{"id":"l40s-48gb","aliases":["l40s","nvidia-l40s"],"name":"L40S 48GB","vendor":"NVIDIA","computeCapability":"8.9","memoryBytes":48305799168,"memoryBasis":"nvidia-smi total 46068 MiB x 2^20; evidence: nvidia-smi \'NVIDIA L40S ... 20W / 350W | 0MiB / 46068MiB\'","memoryMarketed":"48 GB","peakTflops":{"fp32":91.6,"tf32":183,"bf16":362.05,"fp16":362.05,"fp8":733,"fp4":null},"memoryBandwidthGBs":864,"intraNodeBandwidthGBs":null,"interconnect":"none (PCIe only)","sources":["NVIDIA L40S product page (quoted in a public copy)","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"NVIDIA L40S page: \'BFLOAT16 Tensor Core 362.05 | 733*\', \'FP8 Tensor Core 733 | 1,466*\' (* sparsity), quoted in a public copy; TF32 183 dense per stas00."},{"id":"l4-24gb","aliases":["l4","nvidia-l4"],"name":"L4 24GB","vendor":"NVIDIA","computeCapability":"8.9","memoryBytes":24152899584,"memoryBasis":"nvidia-smi total 23034 MiB x 2^20; evidence: nvidia-smi \'NVIDIA L4 ... 30W / 72W | 0MiB / 23034MiB\'","memoryMarketed":"24 GB","peakTflops":{"fp32":30.3,"tf32":60,"bf16":121,"fp16":121,"fp8":242.5,"fp4":null},"memoryBandwidthGBs":300,"intraNodeBandwidthGBs":null,"interconnect":"none","sources":["NVIDIA L4 datasheet (quoted in a public copy)","a public copy"],"notes":"L4 datasheet: FP32 30.3, TF32 120*, FP16/BF16 242*, FP8 485* (* sparsity) (Cisco-hosted NVIDIA datasheet quoted in a public copy). Dense = half: TF32 60, BF16 121, FP8 242.5."},{"id":"a10g-24gb","aliases":["a10g","nvidia-a10g"],"name":"A10G 24GB (AWS)","vendor":"NVIDIA","computeCapability":"8.6","memoryBytes":24146608128,"memoryBasis":"nvidia-smi total 23028 MiB x 2^20; evidence: nvidia-smi \'NVIDIA A10G ... 10W / 300W | 4MiB / 23028MiB\'","memoryMarketed":"24 GB","peakTflops":{"fp32":null,"tf32":null,"bf16":null,"fp16":null,"fp8":null,"fp4":null},"memoryBandwidthGBs":600,"intraNodeBandwidthGBs":null,"interconnect":"none (PCIe)","sources":["nvidia-smi power cap 300W; AWS instance-type table with \'TDP from nvidia-smi 300W\' (gist.github.com/shashankprasanna/10ebe6dc1ba1d8d93db17da4e2cc890e)","600 GB/s from a third-party GPU catalog (huggingface.co/RajBhope/gpu-runtime-predictor gpu_catalog.json) - secondary"],"notes":"NVIDIA publishes no A10G datasheet. A10 (different SKU, 150W) datasheet: BF16 125 | 250*. Do not assume A10 numbers for A10G. Same total as A10 (150W cap). Bandwidth is third-party; TFLOPS left null. No dense BF16 figure found for the A10G: NVIDIA publishes no A10G datasheet and AWS gives none; the A10 (a different 150 W SKU) figure, 125 dense BF16, is not used."},{"id":"rtx-a6000-48gb","aliases":["rtx-a6000","a6000","nvidia-rtx-a6000"],"name":"RTX A6000 48GB","vendor":"NVIDIA","computeCapability":"8.6","memoryBytes":51527024640,"memoryBasis":"nvidia-smi total 49140 MiB x 2^20; evidence: nvidia-smi \'NVIDIA RTX A6000 ... 11W / 300W | 168MiB / 49140MiB\'","memoryMarketed":"48 GB","peakTflops":{"fp32":38.7,"tf32":null,"bf16":154.8,"fp16":154.8,"fp8":null,"fp4":null},"memoryBandwidthGBs":768,"intraNodeBandwidthGBs":null,"interconnect":"NVLink bridge (2-way)","sources":["NVIDIA GA102 whitepaper Table 3 (quoted in public files, a public copy/66603391093)","NVIDIA RTX A6000 datasheet (768 GB/s, 300 W) cited in a public copy"],"notes":"GA102 whitepaper Table 3: RTX A6000 BF16/FP16 (FP32 accumulate) 154.8 dense / 309.6 sparse. FP32 38.7 (NVIDIA datasheet, quoted as 38.71 in code constants)."},{"id":"rtx-6000-ada-48gb","aliases":["rtx-6000-ada","rtx6000-ada","nvidia-rtx-6000-ada"],"name":"RTX 6000 Ada Generation 48GB","vendor":"NVIDIA","computeCapability":"8.9","memoryBytes":51527024640,"memoryBasis":"nvidia-smi total 49140 MiB x 2^20; evidence: nvidia-smi \'NVIDIA RTX 6000 Ada Generation ... 27W / 300W | 38MiB / 49140MiB\'","memoryMarketed":"48 GB","peakTflops":{"fp32":null,"tf32":null,"bf16":364,"fp16":364,"fp8":null,"fp4":null},"memoryBandwidthGBs":960,"intraNodeBandwidthGBs":null,"interconnect":"none","sources":["NVIDIA RTX PRO Blackwell GPU Architecture whitepaper v1.0 Table 4 (quoted in a public copy)"],"notes":"RTX PRO Blackwell whitepaper Table 4: Ada BF16 (FP32 accumulate) 364 dense / 728 sparse."},{"id":"rtx-pro-6000-blackwell-server-96gb","aliases":["rtx-pro-6000-server","rtx-pro-6000-blackwell-server","nvidia-rtx-pro-6000-blackwell-server"],"name":"RTX PRO 6000 Blackwell Server Edition 96GB","vendor":"NVIDIA","computeCapability":"12.0","memoryBytes":102641958912,"memoryBasis":"nvidia-smi total 97887 MiB x 2^20; evidence: nvidia-smi \'NVIDIA RTX PRO 6000 Blac... 40W / 600W | 14MiB / 97887MiB\'; \'RTX PRO 6000 Blackwell Server Edition ... 0MiB / 97887MiB\' (id 71436549283)","memoryMarketed":"96 GB","peakTflops":{"fp32":120,"tf32":null,"bf16":null,"fp16":null,"fp8":null,"fp4":null},"memoryBandwidthGBs":1597,"intraNodeBandwidthGBs":null,"interconnect":"none (PCIe)","sources":["NVIDIA RTX PRO 6000 Blackwell Server Edition datasheet (Dec 2025) as summarized in a public copy"],"notes":"December 2025 NVIDIA datasheet gives 96 GB, 1597 GB/s, 120 FP32 TFLOPS, up to 600 W, but no BF16; the product page\'s \'1 PFLOP FP16/BF16\' has no sparsity qualifier, so left null. Power configurable up to 600 W. No dense BF16 figure found for the Server Edition: its December 2025 datasheet omits it and the product page\'s \\"1 PFLOP FP16/BF16\\" carries no sparsity qualifier. The Workstation Edition (same GB202 chip, 600 W) is listed at 503.8 dense BF16 in the RTX PRO Blackwell whitepaper."},{"id":"rtx-pro-6000-blackwell-workstation-96gb","aliases":["rtx-pro-6000","rtx-pro-6000-workstation","rtx-pro-6000-blackwell-workstation","nvidia-rtx-pro-6000-blackwell-workstation"],"name":"RTX PRO 6000 Blackwell Workstation Edition 96GB","vendor":"NVIDIA","computeCapability":"12.0","memoryBytes":102641958912,"memoryBasis":"nvidia-smi total 97887 MiB x 2^20; evidence: \'NVIDIA RTX PRO 6000 Blackwell Workstation Edition\' total_mib 97887","memoryMarketed":"96 GB","peakTflops":{"fp32":125,"tf32":null,"bf16":503.8,"fp16":503.8,"fp8":null,"fp4":null},"memoryBandwidthGBs":1792,"intraNodeBandwidthGBs":null,"interconnect":"none","sources":["NVIDIA RTX PRO Blackwell GPU Architecture whitepaper v1.0 Table 4 (quoted in a public copy)"],"notes":"RTX PRO Blackwell whitepaper Table 4: BF16 (FP32 accumulate) 503.8 dense. FP32 125 TFLOPS per NVIDIA workstation spec (as quoted in a public copy). Max-Q Workstation variant (300 W) exists and is different."},{"id":"rtx-5090-32gb","aliases":["rtx-5090","5090","nvidia-rtx-5090"],"name":"GeForce RTX 5090 32GB","vendor":"NVIDIA","computeCapability":"12.0","memoryBytes":34190917632,"memoryBasis":"nvidia-smi total 32607 MiB x 2^20; evidence: nvidia-smi \'NVIDIA GeForce RTX 5090 ... 0MiB / 32607MiB\'","memoryMarketed":"32 GB","peakTflops":{"fp32":104.8,"tf32":null,"bf16":209.5,"fp16":209.5,"fp8":419,"fp4":1676},"memoryBandwidthGBs":1792,"intraNodeBandwidthGBs":null,"interconnect":"none","sources":["NVIDIA RTX Blackwell GPU architecture whitepaper Table 3 (quoted in a public copy)"],"notes":"RTX Blackwell whitepaper Table 3: BF16 (FP32 accumulate) 209.5 dense / 419 sparse; FP8 (FP32 acc) 419 / 838; FP4 1676 / 3352. FP32 104.8 from a third-party table."},{"id":"rtx-4090-24gb","aliases":["rtx-4090","4090","nvidia-rtx-4090"],"name":"GeForce RTX 4090 24GB","vendor":"NVIDIA","computeCapability":"8.9","memoryBytes":25757220864,"memoryBasis":"nvidia-smi total 24564 MiB x 2^20; evidence: nvidia-smi \'NVIDIA GeForce ... 36W / 450W | 0MiB / 24564MiB\'","memoryMarketed":"24 GB","peakTflops":{"fp32":82.6,"tf32":null,"bf16":165.2,"fp16":165.2,"fp8":330.3,"fp4":null},"memoryBandwidthGBs":1008,"intraNodeBandwidthGBs":null,"interconnect":"none","sources":["NVIDIA Ada Lovelace whitepaper Appendix A and RTX Blackwell whitepaper Table 3 (quoted in a public copyand a public copy)"],"notes":"Ada whitepaper App. A / RTX Blackwell WP Table 3: BF16/FP16 with FP32 accumulate 165.2 dense (330.4 sparse); FP16 with FP16 accumulate 330.3 dense; FP8 with FP32 accumulate 330.3 dense (660.6 with FP16 accumulate). Values here are the FP32-accumulate (training-relevant) rates. GeForce cards run FP16/BF16 tensor ops with FP32 accumulation at half rate."},{"id":"rtx-3090-24gb","aliases":["rtx-3090","3090","nvidia-rtx-3090"],"name":"GeForce RTX 3090 24GB","vendor":"NVIDIA","computeCapability":"8.6","memoryBytes":25769803776,"memoryBasis":"nvidia-smi total 24576 MiB x 2^20 (newer drivers; older drivers report 24268 MiB); evidence: newer drivers: \'GeForce RTX 3090 ... 350W | 0MiB / 24576MiB\'","memoryMarketed":"24 GB","peakTflops":{"fp32":35.6,"tf32":null,"bf16":71.2,"fp16":71.2,"fp8":null,"fp4":null},"memoryBandwidthGBs":936,"intraNodeBandwidthGBs":null,"interconnect":"NVLink bridge (2-way, consumer)","sources":["NVIDIA RTX Blackwell whitepaper Table 3 and GA102 whitepaper (quoted in a public copy)"],"notes":"RTX Blackwell WP Table 3 (historical column): BF16 with FP32 accumulate 71.2 dense / 142.4 sparse (GA102 whitepaper rounds to 71). Driver dependent."},{"id":"v100-sxm2-16gb","aliases":["v100-16gb","nvidia-v100-sxm2-16gb"],"name":"Tesla V100 SXM2 16GB","vendor":"NVIDIA","computeCapability":"7.0","memoryBytes":17179869184,"memoryBasis":"nvidia-smi total 16384 MiB x 2^20 (newer drivers; older drivers report 16160 MiB); evidence: newer drivers: \'Tesla V100-SXM2-16GB ... 26W / 300W | 0MiB / 16384MiB\'","memoryMarketed":"16 GB","peakTflops":{"fp32":15.7,"tf32":null,"bf16":null,"fp16":125,"fp8":null,"fp4":null},"memoryBandwidthGBs":900,"intraNodeBandwidthGBs":300,"interconnect":"NVLink 2 (6 links)","sources":["V100 SXM2 spec (15.7 FP32, 125 tensor, 900 GB/s, NVLink 300 GB/s, 300 W): huggingface.co/datasets/lukeleeai/kernelbench-rag-content V100.md; 300 W SXM2 vs 250 W PCIe: hwupgrade.it and io-tech.fi launch articles"],"notes":"fp16 = Tensor Core mixed precision (FP16 in, FP32 accumulate) 125 TFLOPS; V100 has no BF16/TF32 support (null). PCIe version: 14 FP32 / 112 tensor, 250 W. Driver dependent."},{"id":"v100-sxm2-32gb","aliases":["v100-32gb","nvidia-v100-sxm2-32gb"],"name":"Tesla V100 SXM2 32GB","vendor":"NVIDIA","computeCapability":"7.0","memoryBytes":34359738368,"memoryBasis":"nvidia-smi total 32768 MiB x 2^20 (newer drivers; older drivers report 32510 MiB); evidence: newer drivers: \'Tesla V100-SXM2... 300W | 0MiB / 32768MiB\'","memoryMarketed":"32 GB","peakTflops":{"fp32":15.7,"tf32":null,"bf16":null,"fp16":125,"fp8":null,"fp4":null},"memoryBandwidthGBs":900,"intraNodeBandwidthGBs":300,"interconnect":"NVLink 2","sources":["as V100 16GB","pastebin.com/AaFUPNi5 NVML device dump (Tesla V100-SXM2-32GB)"],"notes":"As V100 16GB. Driver dependent; NVML dump under driver 418.67 gives total 34,058,272,768 bytes (pastebin.com/AaFUPNi5), power limit 300000 mW."},{"id":"t4-16gb","aliases":["t4","nvidia-t4"],"name":"Tesla T4 16GB","vendor":"NVIDIA","computeCapability":"7.5","memoryBytes":16106127360,"memoryBasis":"nvidia-smi total 15360 MiB x 2^20 (newer drivers; older drivers report 15109 MiB); evidence: newer drivers: \'Tesla T4 ... 27W / 70W | 2093MiB / 15360MiB\'","memoryMarketed":"16 GB","peakTflops":{"fp32":8.1,"tf32":null,"bf16":null,"fp16":65,"fp8":null,"fp4":null},"memoryBandwidthGBs":320,"intraNodeBandwidthGBs":null,"interconnect":"none","sources":["T4 datasheet figures quoted in public files; HF gpu_catalog (RajBhope) 320 GB/s, 70 W"],"notes":"T4 datasheet: FP32 8.1, mixed-precision FP16/FP32 65 (Tensor Core), INT8 130 TOPS. No BF16/TF32 support (null). Driver dependent."},{"id":"mi250x-gcd-64gb","aliases":["mi250x-gcd","mi250x","amd-mi250x"],"name":"Instinct MI250X, one GCD (64GB; a module holds 2)","vendor":"AMD","gfxTarget":"gfx90a","memoryBytes":68702699520,"memoryBasis":"device-reported total of one GCD: 68,702,699,520 bytes (64 GiB) in a Cray ACC runtime log \\"AMD Instinct MI250X ... Total GPU memory 68702699520\\"; each MI250X module exposes its two GCDs as two devices","memoryMarketed":"128 GB per module (2 x 64 GB, one per GCD)","peakTflops":{"fp32":23.95,"tf32":null,"bf16":191.5,"fp16":191.5,"fp8":null,"fp4":null},"memoryBandwidthGBs":1638.4,"intraNodeBandwidthGBs":null,"interconnect":"Infinity Fabric","sources":["stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","AMD MI250X product page/datasheet as tabulated in a public copy"],"notes":"Each GCD is a separate device with 68,702,699,520 bytes (64 GiB) reported. TDP 500-560 W depending on cooling. Per-GCD memory_bytes is the device-visible figure. Per-GCD entry: a plan\'s GPU count is the number of GCDs (8 per 4-module node). TFLOPS and bandwidth are the published per-module figures divided by the 2 GCDs (module: FP32 vector 47.9 per stas00, BF16/FP16 383, 3276.8 GB/s). No TF32/FP8."},{"id":"mi300x-192gb","aliases":["mi300x","amd-mi300x"],"name":"Instinct MI300X 192GB","vendor":"AMD","gfxTarget":"gfx942","memoryBytes":205822885888,"memoryBasis":"rocm-smi \\"VRAM Total Memory (B)\\" / HIP totalGlobalMem: 205,822,885,888 bytes (191.69 GiB; 192 GiB minus 320 MiB) as recorded in the reference catalogue; other logs show 206,158,430,208 (192 GiB)","memoryMarketed":"192 GB","peakTflops":{"fp32":163.4,"tf32":653.7,"bf16":1307.4,"fp16":1307.4,"fp8":2614.9,"fp4":null},"memoryBandwidthGBs":5300,"intraNodeBandwidthGBs":896,"interconnect":"Infinity Fabric (7 links)","sources":["stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","AMD MI300X datasheet as tabulated in a public copy","896 GB/s Infinity Fabric: gpu.blog MI300X page and a public accelerator table - secondary"],"notes":"AMD dense figures (AMD separately lists \'with structured sparsity\' at 2x). stas00 rounds to 1300/2610. One public note mislabels 2,615 FP8 as sparse - AMD\'s datasheet lists it as dense. = 191.69 GiB (192 GiB minus 320 MiB)."},{"id":"mi325x-256gb","aliases":["mi325x","amd-mi325x"],"name":"Instinct MI325X 256GB","vendor":"AMD","gfxTarget":"gfx942","memoryBytes":256000000000,"memoryBasis":"marketed 256 GB read as 256e9 bytes (no rocm-smi total found; the physical capacity is likely 256 GiB, so this is conservative by about 7%)","memoryMarketed":"256 GB","peakTflops":{"fp32":163.4,"tf32":653.7,"bf16":1307.4,"fp16":1307.4,"fp8":2614.9,"fp4":null},"memoryBandwidthGBs":6000,"intraNodeBandwidthGBs":896,"interconnect":"Infinity Fabric","sources":["stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","AMD MI325X datasheet as tabulated in a public copy","896 GB/s: public accelerator table - secondary"],"notes":"Same compute as MI300X per AMD. No device-reported memory total found."},{"id":"mi355x-288gb","aliases":["mi355x","amd-mi355x"],"name":"Instinct MI355X 288GB","vendor":"AMD","gfxTarget":"gfx950","memoryBytes":288000000000,"memoryBasis":"marketed 288 GB read as 288e9 bytes (no rocm-smi total found; conservative if the physical capacity is 288 GiB)","memoryMarketed":"288 GB","peakTflops":{"fp32":157.3,"tf32":null,"bf16":2500,"fp16":2500,"fp8":5000,"fp4":10100},"memoryBandwidthGBs":8000,"intraNodeBandwidthGBs":null,"interconnect":"Infinity Fabric","sources":["stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","Tom\'s Hardware (ISC 2025): MI355X up to 1400 W, 288 GB HBM3E, 8 TB/s"],"notes":"AMD dense figures (sparsity variants at 2x: 5 PF FP16, 10.1 PF FP8). FP6 10100 and MXFP4 10100 are dense. No TF32 figure published. MI350X: same silicon, 1000 W, lower clocks."},{"id":"gaudi2-96gb","aliases":["gaudi2","gaudi-2","hl-225","intel-gaudi2"],"name":"Intel Gaudi 2 (HL-225) 96GB","vendor":"Intel (Habana)","memoryBytes":103079215104,"memoryBasis":"hl-smi total 98304 MiB x 2^20 (public hl-smi outputs: \\"HL-225 ... 768MiB / 98304MiB\\")","memoryMarketed":"96 GB","peakTflops":{"fp32":null,"tf32":null,"bf16":432,"fp16":null,"fp8":865,"fp4":null},"memoryBandwidthGBs":2460,"intraNodeBandwidthGBs":600,"interconnect":"24 x 100 GbE RoCE on-die (4.8 Tb/s bidirectional)","sources":["stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","Intel Hot Chips 2024 Gaudi 3 deck product table (Gaudi/Gaudi2/Gaudi3 TDP, BF16, HBM, NIC BW), mirrored at sgpjbg.com/baogao/465025.html"],"notes":"MME matrix throughput; Intel publishes only partial figures (FP32/TF32/FP16 supported but rates not stated). interconnect_gb_s_per_gpu = 4.8 Tb/s bidirectional / 8 bits."},{"id":"gaudi3-128gb","aliases":["gaudi3","gaudi-3","hl-325l","intel-gaudi3"],"name":"Intel Gaudi 3 (HL-325L OAM) 128GB","vendor":"Intel (Habana)","memoryBytes":137438953472,"memoryBasis":"hl-smi total 131072 MiB x 2^20 (public hl-smi CSV fixture: \\"HL-325L, ..., 131072 MiB\\")","memoryMarketed":"128 GB","peakTflops":{"fp32":229,"tf32":459,"bf16":1835,"fp16":459,"fp8":1835,"fp4":null},"memoryBandwidthGBs":3670,"intraNodeBandwidthGBs":1200,"interconnect":"24 x 200 GbE RoCE on-die","sources":["stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)","Intel Hot Chips 2024 Gaudi 3 deck (sgpjbg.com mirror): BF16 1835, FP8 1835, 128 GB, 3.67 TB/s, networking 1200 GB/s bidirectional, TDP 900 W air / 1200 W liquid"],"notes":"Whitepaper/Hot Chips: BF16 and FP8 matrix 1835 TFLOPS (at 1750 MHz MME). stas00: shipping parts run MME at 1600 MHz => 1677 BF16/FP8 in practice; FP32 229, TF32/FP16 459 from stas00 table. TDP 900 W (air) / 1200 W (liquid cooled)."},{"id":"tpu-v4","aliases":["tpu-v4-chip","google-tpu-v4"],"name":"Cloud TPU v4 (per chip)","vendor":"Google","memoryBytes":34359738368,"memoryBasis":"Google documentation: 32 GiB HBM per chip (no device-reported total found)","memoryMarketed":"32 GiB","peakTflops":{"fp32":null,"tf32":null,"bf16":275,"fp16":null,"fp8":null,"fp4":null},"memoryBandwidthGBs":1200,"intraNodeBandwidthGBs":null,"interconnect":"ICI, 3D mesh/torus, 4096-chip pod","sources":["docs.cloud.google.com/tpu/docs/v4 (key specifications table)"],"notes":"Peak 275 TFLOPS bf16 (or int8) per chip. Google lists measured min/mean/max power 90/170/192 W per chip rather than a TDP."},{"id":"tpu-v5e","aliases":["tpu-v5-lite","v5litepod","google-tpu-v5e"],"name":"Cloud TPU v5e (per chip)","vendor":"Google","memoryBytes":16000000000,"memoryBasis":"Google documentation \\"HBM capacity per chip 16 GB\\" read as 16e9 bytes (no device-reported total tied to v5e found; JAX bytes_limit is below the physical capacity)","memoryMarketed":"16 GB","peakTflops":{"fp32":null,"tf32":null,"bf16":197,"fp16":null,"fp8":null,"fp4":null},"memoryBandwidthGBs":819,"intraNodeBandwidthGBs":400,"interconnect":"ICI 2D torus (4 ports)","sources":["docs.cloud.google.com/tpu/docs/v5e (chip spec tables; one revision lists 819 GBps, another \'800 GiBps\')"],"notes":"Peak bf16 197 TFLOPS; int8 393 TOPS. ICI 400 GB/s bidirectional per chip (older page: 1600 Gbps)."},{"id":"tpu-v5p","aliases":["google-tpu-v5p"],"name":"Cloud TPU v5p (per chip)","vendor":"Google","memoryBytes":95000000000,"memoryBasis":"Google documentation \\"HBM2e capacity 95 GB\\" per chip read as 95e9 bytes (no device-reported total found)","memoryMarketed":"95 GB","peakTflops":{"fp32":null,"tf32":null,"bf16":459,"fp16":null,"fp8":null,"fp4":null},"memoryBandwidthGBs":2765,"intraNodeBandwidthGBs":600,"interconnect":"ICI 3D torus, 8960-chip pod","sources":["cloud.google.com/tpu/docs/v5p-training (key specifications: 459 TFLOPs, 95GB / 2765 GBps, ICI 4800 Gbps)","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"Peak bf16 459 TFLOPS; int8 918 (stas00). ICI 4800 Gbps = 600 GB/s."},{"id":"tpu-v6e","aliases":["trillium","google-tpu-v6e"],"name":"Cloud TPU v6e Trillium (per chip)","vendor":"Google","memoryBytes":32000000000,"memoryBasis":"Google documentation \\"HBM capacity per chip 32 GB\\" read as 32e9 bytes (no device-reported total found)","memoryMarketed":"32 GB","peakTflops":{"fp32":null,"tf32":null,"bf16":918,"fp16":null,"fp8":null,"fp4":null},"memoryBandwidthGBs":1638,"intraNodeBandwidthGBs":800,"interconnect":"ICI 2D torus (4 ports)","sources":["docs.cloud.google.com/tpu/docs/v6e (system architecture table: 918 TFLOPs bf16, 32 GB, 1638 GBps, ICI 800 GBps bidirectional)","stas00/ml-engineering@744d01e18b79512572f64a6bbd8b5f4a725203a7 compute/accelerator/README.md (TFLOPS table \'w/o sparsity\', memory table; per-row vendor links)"],"notes":"Peak bf16 918 TFLOPS; int8 1836 TOPS. stas00 also lists fp8 918 but Google\'s table gives only bf16/int8."}]');
;// CONCATENATED MODULE: ./src/catalog/catalog.ts
const FLOPS_PER_TFLOPS = 1e12;
const BYTES_PER_SECOND_PER_GBS = 1e9;
function index(entries) {
    const byName = new Map();
    for (const entry of entries) {
        for (const name of [entry.id, ...entry.aliases])
            byName.set(name.toLowerCase(), entry);
    }
    return byName;
}
function createCatalog(models, gpus) {
    const modelsByName = index(models);
    const gpusByName = index(gpus);
    const names = (entries) => entries.flatMap((entry) => [entry.id, ...entry.aliases]);
    return {
        listModels: () => models,
        findModel: (idOrAlias) => modelsByName.get(idOrAlias.toLowerCase()) ?? null,
        listGpus: () => gpus,
        findGpu: (idOrAlias) => gpusByName.get(idOrAlias.toLowerCase()) ?? null,
        modelNames: () => names(models),
        gpuNames: () => names(gpus),
    };
}
const tflops = (value) => (value === null ? null : value * FLOPS_PER_TFLOPS);
const gbs = (value) => (value === null ? null : value * BYTES_PER_SECOND_PER_GBS);
function gpuArchitecture(entry) {
    if (entry.computeCapability !== undefined) {
        const [major, minor] = entry.computeCapability.split('.').map(Number);
        return { kind: 'cuda', major: major, minor: minor };
    }
    if (entry.gfxTarget !== undefined)
        return { kind: 'rocm', gfxTarget: entry.gfxTarget };
    return { kind: 'other' };
}
function gpuSpec(entry) {
    return {
        id: entry.id,
        name: entry.name,
        memoryBytes: entry.memoryBytes,
        peakFlops: {
            fp32: tflops(entry.peakTflops.fp32),
            tf32: tflops(entry.peakTflops.tf32),
            bf16: tflops(entry.peakTflops.bf16),
            fp16: tflops(entry.peakTflops.fp16),
            fp8: tflops(entry.peakTflops.fp8),
            fp4: tflops(entry.peakTflops.fp4),
        },
        memoryBandwidth: gbs(entry.memoryBandwidthGBs),
        intraNodeBandwidth: gbs(entry.intraNodeBandwidthGBs),
        architecture: gpuArchitecture(entry),
    };
}

;// CONCATENATED MODULE: ./src/catalog/index.ts




const builtInCatalog = createCatalog(models_namespaceObject, gpus_namespaceObject);
const listModels = () => builtInCatalog.listModels();
const findModel = (idOrAlias) => builtInCatalog.findModel(idOrAlias);
const listGpus = () => builtInCatalog.listGpus();
const findGpu = (idOrAlias) => builtInCatalog.findGpu(idOrAlias);

;// CONCATENATED MODULE: ./src/plan/time-budget.ts
const DEFAULT_TIME_LIMIT_SECONDS = 300;
const MAX_TIME_LIMIT_SECONDS = 21_600;
class TimeLimitError extends Error {
    seconds;
    during;
    constructor(seconds, during) {
        super(`the run stopped at its time limit of ${seconds} s, ${during}; estimate fewer plans at a time, or raise the limit (CLI: --time-limit SECONDS; action: input \`time-limit\`)`);
        this.seconds = seconds;
        this.during = during;
        this.name = 'TimeLimitError';
    }
}
const UNLIMITED = { check: () => undefined };
function startTimeBudget(seconds, now) {
    const deadline = now() + seconds * 1000;
    return {
        check(during) {
            if (now() > deadline)
                throw new TimeLimitError(seconds, during());
        },
    };
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/cli/command-line-reader.ts



function realOrResolved(absolute) {
    try {
        return (0,external_node_fs_namespaceObject.realpathSync)(absolute);
    }
    catch {
        return absolute;
    }
}
const slashed = (file) => file.split(external_node_path_namespaceObject.sep).join('/');
function readCommandLineFiles(cwd, given) {
    const root = external_node_path_namespaceObject.resolve(cwd);
    const realRoot = realOrResolved(root);
    const outside = new Map();
    const paths = given.map((file) => {
        const absolute = external_node_path_namespaceObject.resolve(root, file);
        const real = realOrResolved(absolute);
        if (isInside(root, absolute) && isInside(realRoot, real))
            return file;
        const directory = external_node_path_namespaceObject.dirname(real);
        if (!outside.has(directory))
            outside.set(directory, createWorkingTreeReader(directory));
        return slashed(real);
    });
    const inside = createWorkingTreeReader(root);
    const route = (file) => {
        if (!external_node_path_namespaceObject.isAbsolute(file) || isInside(root, external_node_path_namespaceObject.resolve(file)))
            return { reader: inside, file };
        const absolute = external_node_path_namespaceObject.resolve(file);
        for (const [directory, reader] of outside) {
            if (isInside(directory, absolute))
                return { reader, file: external_node_path_namespaceObject.relative(directory, absolute) };
        }
        throw new FileReadError('path_outside_workspace', `${file} is outside the current directory and the directories of the files named on the command line`);
    };
    const reader = {
        root,
        readText: async (file) => {
            const routed = route(file);
            return routed.reader.readText(routed.file);
        },
        listFiles: async (directory) => {
            const routed = route(directory);
            const listed = await routed.reader.listFiles(routed.file);
            return routed.reader === inside ? listed : listed.map((entry) => slashed(external_node_path_namespaceObject.join(routed.reader.root, entry)));
        },
    };
    return { reader, paths };
}

;// CONCATENATED MODULE: ./src/plan/plan-issue.ts
const FROM_FILE = '\u0000from-file';
function originInFile(file, keyPath) {
    return [FROM_FILE, file, ...keyPath];
}
function splitOriginInFile(origin) {
    return origin[0] === FROM_FILE ? { file: String(origin[1]), keyPath: origin.slice(2) } : null;
}
function toDotPath(path) {
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            out += `[${segment}]`;
        else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment))
            out += out === '' ? segment : `.${segment}`;
        else
            out += `[${JSON.stringify(segment)}]`;
    }
    return out;
}
function sortIssues(issues) {
    const seen = new Set();
    const unique = [];
    for (const issue of issues) {
        const key = `${issue.file}\u0000${issue.line}\u0000${issue.column}\u0000${issue.message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        unique.push(issue);
    }
    return unique.sort((a, b) => a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line !== b.line ? a.line - b.line : a.column - b.column);
}

;// CONCATENATED MODULE: ./src/plan/format-issue.ts

const MAX_SOURCE_WIDTH = 100;
function issueHeadline(issue) {
    const where = toDotPath(issue.path);
    return `${issue.file}:${issue.line}:${issue.column}: ${where === '' ? '' : `${where}: `}${issue.message}`;
}
function sourceExcerpt(issue) {
    if (issue.sourceLine === undefined)
        return [];
    let text = issue.sourceLine.replace(/\t/g, ' ');
    let caret = issue.column - 1;
    if (text.length > MAX_SOURCE_WIDTH) {
        const start = Math.max(0, Math.min(caret - MAX_SOURCE_WIDTH / 2, text.length - MAX_SOURCE_WIDTH));
        text = text.slice(start, start + MAX_SOURCE_WIDTH);
        caret -= start;
    }
    const gutter = String(issue.line);
    return [` ${gutter} | ${text}`, ` ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, caret))}^`];
}
const VALID_PREFIX = '  valid: ';
const HINT_PREFIX = '  hint: ';
const WRAP_WIDTH = 100;
function wrapAfter(prefix, text) {
    const continuation = ' '.repeat(prefix.length);
    const out = [];
    for (const [index, paragraph] of text.split('\n').entries()) {
        let line = index === 0 ? prefix : continuation;
        let empty = true;
        for (const word of paragraph.split(' ')) {
            if (!empty && line.length + 1 + word.length > WRAP_WIDTH) {
                out.push(line);
                line = continuation;
                empty = true;
            }
            line += empty ? word : ` ${word}`;
            empty = false;
        }
        out.push(line);
    }
    return out;
}
function formatIssue(issue) {
    const lines = [issueHeadline(issue), ...sourceExcerpt(issue)];
    if (issue.hint !== undefined)
        lines.push(...wrapAfter(HINT_PREFIX, issue.hint));
    if (issue.expected !== undefined)
        lines.push(...wrapAfter(VALID_PREFIX, issue.expected));
    return lines.join('\n');
}
function formatIssues(issues, where = 'the plan files') {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    return `${issues.map(formatIssue).join('\n\n')}\n\n${count} in ${where}; nothing was estimated.\n`;
}

;// CONCATENATED MODULE: ./src/core/compute/training-tokens.ts
function dataParallelSize(plan) {
    const { tensor, pipeline, context } = plan.parallelism;
    return plan.hardware.gpus / (tensor * pipeline * context);
}
function trainingTokens(plan) {
    const t = plan.training;
    const dataParallel = dataParallelSize(plan);
    const globalBatchSize = t.microBatchSize * t.gradientAccumulationSteps * dataParallel;
    const tokensPerStep = globalBatchSize * t.sequenceLength;
    if (t.tokens !== null) {
        return {
            tokens: t.tokens,
            globalBatchSize,
            tokensPerStep,
            steps: Math.ceil(t.tokens / tokensPerStep),
            dataParallel,
        };
    }
    if (t.steps !== null) {
        return { tokens: t.steps * tokensPerStep, globalBatchSize, tokensPerStep, steps: t.steps, dataParallel };
    }
    return null;
}

;// CONCATENATED MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
/*! js-yaml 5.5.0 https://github.com/nodeca/js-yaml @license MIT */
//#region src/tag.ts
/**
* Returned by a scalar resolver when the source does not match its tag.
*
* @category Tags
*/
var NOT_RESOLVED = Symbol("NOT_RESOLVED");
/**
* Create a normalized scalar tag definition.
*
* @category Tags
*/
function defineScalarTag(tagName, options) {
	return {
		tagName,
		nodeKind: "scalar",
		implicit: options.implicit ?? false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		implicitFirstChars: options.implicitFirstChars ?? null,
		resolve: options.resolve,
		identify: options.identify,
		represent: options.represent ?? ((data) => String(data)),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized sequence tag definition.
*
* @category Tags
*/
function defineSequenceTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "sequence",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addItem: options.addItem,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized mapping tag definition.
*
* @category Tags
*/
function defineMappingTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "mapping",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addPair: options.addPair,
		has: options.has,
		keys: options.keys,
		get: options.get,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
//#endregion
//#region src/tag/scalar/str.ts
/** @category Tags */
var strTag = defineScalarTag("tag:yaml.org,2002:str", {
	resolve: (source) => source,
	identify: (data) => typeof data === "string"
});
//#endregion
//#region src/tag/scalar/null_core.ts
var NULL_VALUES$1 = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullCoreTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES$1.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_json.ts
/** @category Tags */
var nullJsonTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: ["n"],
	resolve: (source, isExplicit) => {
		if (source === "null" || isExplicit && source === "") return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_yaml11.ts
var NULL_VALUES = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullYaml11Tag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/bool_core.ts
var TRUE_VALUES$2 = [
	"true",
	"True",
	"TRUE"
];
var FALSE_VALUES$2 = [
	"false",
	"False",
	"FALSE"
];
/** @category Tags */
var boolCoreTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"t",
		"T",
		"f",
		"F"
	],
	resolve: (source) => {
		if (TRUE_VALUES$2.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$2.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_json.ts
var TRUE_VALUES$1 = ["true"];
var FALSE_VALUES$1 = ["false"];
/** @category Tags */
var boolJsonTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: ["t", "f"],
	resolve: (source) => {
		if (TRUE_VALUES$1.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$1.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_yaml11.ts
var TRUE_VALUES = [
	"true",
	"True",
	"TRUE",
	"y",
	"Y",
	"yes",
	"Yes",
	"YES",
	"on",
	"On",
	"ON"
];
var FALSE_VALUES = [
	"false",
	"False",
	"FALSE",
	"n",
	"N",
	"no",
	"No",
	"NO",
	"off",
	"Off",
	"OFF"
];
/** @category Tags */
var boolYaml11Tag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"y",
		"Y",
		"n",
		"N",
		"t",
		"T",
		"f",
		"F",
		"o",
		"O"
	],
	resolve: (source) => {
		if (TRUE_VALUES.indexOf(source) !== -1) return true;
		if (FALSE_VALUES.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/int_core.ts
var YAML_INTEGER_IMPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
var YAML_INTEGER_EXPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$2(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$2(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$2(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intCoreTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger$2,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_json.ts
var YAML_INTEGER_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)$");
var YAML_INTEGER_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$1(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$1(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intJsonTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlInteger$1,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_yaml11.ts
var YAML_INTEGER_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:0|[1-9][0-9_]*))$");
function parseYamlInteger(source) {
	let value = source.replace(/_/g, "");
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	if (value.includes(":")) {
		let result = 0;
		for (const part of value.split(":")) result = result * 60 + Number(part);
		return sign * result;
	}
	if (value !== "0" && value[0] === "0") return sign * parseInt(value, 8);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger(source) {
	if (!YAML_INTEGER_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intYaml11Tag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/float_core.ts
var YAML_FLOAT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$2(source) {
	if (!YAML_FLOAT_PATTERN$1.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase();
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	const result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN$1.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$2(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatCoreTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat$2,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$2
});
//#endregion
//#region src/tag/scalar/float_json.ts
var YAML_FLOAT_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$");
var YAML_FLOAT_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_FLOAT_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
		let value = source.toLowerCase();
		const sign = value[0] === "-" ? -1 : 1;
		if ("+-".includes(value[0])) value = value.slice(1);
		if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
		if (value === ".nan") return NaN;
		const result = sign * parseFloat(value);
		return Number.isFinite(result) ? result : NOT_RESOLVED;
	}
	if (!YAML_FLOAT_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = Number(source);
	if (Number.isFinite(result)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$1(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatJsonTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlFloat$1,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$1
});
//#endregion
//#region src/tag/scalar/float_yaml11.ts
var YAML_FLOAT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?(?:(?:[0-9][0-9_]*)?\\.[0-9_]*)(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat(source) {
	if (!YAML_FLOAT_PATTERN.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase().replace(/_/g, "");
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	let result = 0;
	if (value.includes(":")) {
		for (const part of value.split(":")) result = result * 60 + Number(part);
		result *= sign;
	} else result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatYaml11Tag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat
});
//#endregion
//#region src/tag/scalar/merge.ts
/**
* Enables merge keys in {@link CORE_SCHEMA} when added with
* {@link Schema.withTags}.
*
* @category Tags
*/
var mergeTag = defineScalarTag("tag:yaml.org,2002:merge", {
	implicit: true,
	implicitFirstChars: ["<"],
	resolve: (source, isExplicit) => {
		if (source === "<<" || isExplicit && source === "") return "<<";
		return NOT_RESOLVED;
	},
	identify: () => false
});
//#endregion
//#region src/tag/scalar/binary.ts
var BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
function resolveYamlBinary(source) {
	const input = source.replace(/\s/g, "");
	if (input.length % 4 !== 0 || !BASE64_PATTERN.test(input)) return NOT_RESOLVED;
	const binary = atob(input);
	const result = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) result[index] = binary.charCodeAt(index);
	return result;
}
function representYamlBinary(object) {
	let binary = "";
	for (let index = 0; index < object.length; index++) binary += String.fromCharCode(object[index]);
	return btoa(binary);
}
/**
* The `!!binary` tag, represented as a `Uint8Array`.
*
* @category Tags
*/
var binaryTag = defineScalarTag("tag:yaml.org,2002:binary", {
	resolve: resolveYamlBinary,
	identify: (object) => Object.prototype.toString.call(object) === "[object Uint8Array]",
	represent: representYamlBinary
});
//#endregion
//#region src/tag/scalar/timestamp.ts
var YAML_DATE_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$");
var YAML_TIMESTAMP_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$");
function makeUtcDate(year, month, day, hour = 0, minute = 0, second = 0, fraction = 0) {
	const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
	date.setUTCFullYear(year, month, day);
	return date;
}
function resolveYamlTimestamp(source) {
	let match = YAML_DATE_REGEXP.exec(source);
	if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(source);
	if (match === null) return NOT_RESOLVED;
	const year = +match[1];
	const month = +match[2] - 1;
	const day = +match[3];
	if (!match[4]) {
		const date = makeUtcDate(year, month, day);
		if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
		return date;
	}
	const hour = +match[4];
	const minute = +match[5];
	const second = +match[6];
	let fraction = 0;
	if (hour > 23 || minute > 59 || second > 59) return NOT_RESOLVED;
	if (match[7]) {
		let value = match[7].slice(0, 3);
		while (value.length < 3) value += "0";
		fraction = +value;
	}
	const date = makeUtcDate(year, month, day, hour, minute, second, fraction);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
	if (match[9]) {
		const offsetHour = +match[10];
		const offsetMinute = +(match[11] || 0);
		if (offsetHour > 23 || offsetMinute > 59) return NOT_RESOLVED;
		const offset = (offsetHour * 60 + offsetMinute) * 6e4;
		date.setTime(date.getTime() - (match[9] === "-" ? -offset : offset));
	}
	return date;
}
/**
* The YAML 1.1 `!!timestamp` tag, represented as a JavaScript `Date`.
*
* @category Tags
*/
var timestampTag = defineScalarTag("tag:yaml.org,2002:timestamp", {
	implicit: true,
	implicitFirstChars: [..."0123456789"],
	resolve: resolveYamlTimestamp,
	identify: (object) => object instanceof Date,
	represent: (object) => object.toISOString()
});
//#endregion
//#region src/tag/sequence/seq.ts
/** @category Tags */
var seqTag = defineSequenceTag("tag:yaml.org,2002:seq", {
	create: () => [],
	addItem: (container, item) => {
		container.push(item);
	},
	identify: Array.isArray
});
//#endregion
//#region src/common/object.ts
function isPlainObject(data) {
	if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
	const prototype = Object.getPrototypeOf(data);
	return prototype === null || prototype === Object.prototype;
}
function pick(object, keys) {
	const result = {};
	for (const key of keys) if (object[key] !== void 0) result[key] = object[key];
	return result;
}
//#endregion
//#region src/tag/sequence/omap.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!omap
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   { one: 1 },
*   { two: 2 }
* ]
* ```
*
* @category Tags
*/
var omapTag = defineSequenceTag("tag:yaml.org,2002:omap", {
	create: () => ({
		list: [],
		seen: /* @__PURE__ */ new Set()
	}),
	addItem: (carrier, item) => {
		let key;
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve an ordered map item";
			key = item.keys().next().value;
		} else if (isPlainObject(item)) {
			const itemKeys = Object.keys(item);
			if (itemKeys.length !== 1) return "cannot resolve an ordered map item";
			key = itemKeys[0];
		} else return "cannot resolve an ordered map item";
		if (carrier.seen.has(key)) return "duplicate key in ordered map";
		carrier.seen.add(key);
		carrier.list.push(item);
		return "";
	},
	finalize: (carrier) => carrier.list,
	identify: () => false
});
//#endregion
//#region src/tag/sequence/pairs.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!pairs
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   ['one', 1],
*   ['two', 2]
* ]
* ```
*
* @category Tags
*/
var pairsTag = defineSequenceTag("tag:yaml.org,2002:pairs", {
	create: () => [],
	addItem: (container, item) => {
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve a pairs item";
			container.push(item.entries().next().value);
			return "";
		}
		if (Object.prototype.toString.call(item) !== "[object Object]") return "cannot resolve a pairs item";
		const object = item;
		const keys = Object.keys(object);
		if (keys.length !== 1) return "cannot resolve a pairs item";
		container.push([keys[0], object[keys[0]]]);
		return "";
	},
	identify: () => false
});
//#endregion
//#region src/tag/mapping/map.ts
/**
* This is the default mapping implementation. It uses `{}` objects and has only
* partial functionality due to language limitations. This choice was made
* because users expect to get JavaScript objects, and it was left unchanged to
* avoid too many breaking changes in the v5 release.
*
* Side effects:
*
* - `Object.hasOwn()` checks or `for...of` loops are required for safe use (to
*   avoid falling through to prototypes).
* - Only scalar string keys are supported properly.
* - Other scalar keys, such as `null` and numbers, are converted to strings.
*   This is historical behaviour, and it can cause side effects such as
*   problems with `!!merge`.
*
* Note that non-string scalar keys may be deprecated in future versions.
*
* Ideally, use {@link realMapTag} instead.
*
* @category Tags
*/
var mapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		if (key !== null && typeof key === "object") return "object-based map does not support complex keys";
		const normalizedKey = String(key);
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		if (key !== null && typeof key === "object") return false;
		return Object.prototype.hasOwnProperty.call(container, String(key));
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/tag/mapping/set.ts
/**
* The YAML 1.1 `!!set` tag, represented as a JavaScript `Set`.
*
* @category Tags
*/
var setTag = defineMappingTag("tag:yaml.org,2002:set", {
	create: () => /* @__PURE__ */ new Set(),
	identify: (data) => data instanceof Set,
	represent: (data) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of data) map.set(key, null);
		return map;
	},
	addPair: (container, key, value) => {
		if (value !== null) return "cannot resolve a set item";
		container.add(key);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: () => null
});
//#endregion
//#region src/schema.ts
function createTagDefinitionMap() {
	return {
		scalar: Object.create(null),
		sequence: Object.create(null),
		mapping: Object.create(null)
	};
}
function createTagDefinitionListMap() {
	return {
		scalar: [],
		sequence: [],
		mapping: []
	};
}
function compileTags(tags) {
	const result = [];
	for (const tag of tags) {
		let index = result.length;
		for (let previousIndex = 0; previousIndex < result.length; previousIndex++) {
			const previous = result[previousIndex];
			if (previous.nodeKind === tag.nodeKind && previous.tagName === tag.tagName && previous.matchByTagPrefix === tag.matchByTagPrefix) {
				index = previousIndex;
				break;
			}
		}
		result[index] = tag;
	}
	return result;
}
/**
* Controls tag resolution when loading and type selection when dumping.
*
* @category Schemas
*/
var Schema = class Schema {
	tags;
	/** @internal */
	implicitScalarTags;
	/**
	* Dispatch implicit scalar resolvers by `source.charAt(0)`. Each bucket holds
	* the resolvers that may match that key, in schema order; a key absent from
	* the map uses
	* {@link Schema.implicitScalarAnyFirstChar}
	* (resolvers that declared no first-char constraint, so they apply to any
	* first character).
	*/
	implicitScalarByFirstChar;
	implicitScalarAnyFirstChar;
	/**
	* The default scalar tag (`!!str`), resolved once so the composer's fallback
	* for unresolved plain scalars avoids a keyed lookup per scalar.
	*
	* @internal
	*/
	defaultScalarTag;
	/**
	* The default container tags (`!!seq` / `!!map`), used by the dumper: when a
	* value is identified by its default tag, the tag is implicit and not
	* printed. Undefined if the schema does not define them (then such values
	* can't be dumped).
	*
	* @internal
	*/
	defaultSequenceTag;
	/** @internal */
	defaultMappingTag;
	exact;
	prefix;
	constructor(tags) {
		const compiledTags = compileTags(tags);
		const implicitScalarTags = [];
		const exact = createTagDefinitionMap();
		const prefix = createTagDefinitionListMap();
		for (const tag of compiledTags) {
			if (tag.nodeKind === "scalar" && tag.implicit) {
				if (tag.matchByTagPrefix) throw new Error("Implicit scalar tags cannot match by tag prefix");
				implicitScalarTags.push(tag);
			}
			switch (tag.nodeKind) {
				case "scalar":
					if (tag.matchByTagPrefix) prefix.scalar.push(tag);
					else exact.scalar[tag.tagName] = tag;
					break;
				case "sequence":
					if (tag.matchByTagPrefix) prefix.sequence.push(tag);
					else exact.sequence[tag.tagName] = tag;
					break;
				case "mapping": if (tag.matchByTagPrefix) prefix.mapping.push(tag);
				else exact.mapping[tag.tagName] = tag;
			}
		}
		const implicitScalarAnyFirstChar = implicitScalarTags.filter((tag) => tag.implicitFirstChars === null);
		const keys = /* @__PURE__ */ new Set();
		for (const tag of implicitScalarTags) if (tag.implicitFirstChars !== null) for (const key of tag.implicitFirstChars) keys.add(key);
		const implicitScalarByFirstChar = /* @__PURE__ */ new Map();
		for (const key of keys) implicitScalarByFirstChar.set(key, implicitScalarTags.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.indexOf(key) !== -1));
		const defaultScalarTag = exact.scalar["tag:yaml.org,2002:str"];
		if (!defaultScalarTag) throw new Error("schema does not define the default scalar tag (tag:yaml.org,2002:str)");
		this.tags = compiledTags;
		this.implicitScalarTags = implicitScalarTags;
		this.implicitScalarByFirstChar = implicitScalarByFirstChar;
		this.implicitScalarAnyFirstChar = implicitScalarAnyFirstChar;
		this.defaultScalarTag = defaultScalarTag;
		this.defaultSequenceTag = exact.sequence["tag:yaml.org,2002:seq"];
		this.defaultMappingTag = exact.mapping["tag:yaml.org,2002:map"];
		this.exact = exact;
		this.prefix = prefix;
	}
	/** @internal */
	lookupScalarTag(tagName) {
		const exactTag = this.exact.scalar[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.scalar) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupSequenceTag(tagName) {
		const exactTag = this.exact.sequence[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.sequence) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupMappingTag(tagName) {
		const exactTag = this.exact.mapping[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.mapping) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	resolveImplicitScalarTag(source) {
		const candidates = this.implicitScalarByFirstChar.get(source.charAt(0)) ?? this.implicitScalarAnyFirstChar;
		for (const tag of candidates) {
			const value = tag.resolve(source, false, tag.tagName);
			if (value !== NOT_RESOLVED) return {
				value,
				tag
			};
		}
		const tag = this.defaultScalarTag;
		return {
			value: tag.resolve(source, false, tag.tagName),
			tag
		};
	}
	/**
	* Creates a new schema with the specified tags added. If a tag already
	* exists, it is replaced by the specified tag.
	*
	* @example
	*
	* ```javascript
	* import { CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
	*
	* const schema = CORE_SCHEMA.withTags(mergeTag, realMapTag)
	* ```
	*/
	withTags(...tags) {
		let flatTags = [];
		for (const tag of tags) flatTags = flatTags.concat(tag);
		return new Schema([...this.tags, ...flatTags]);
	}
};
/**
* The YAML 1.2 Failsafe Schema: strings, sequences, and mappings.
*
* @category Schemas
*/
var FAILSAFE_SCHEMA = new Schema([
	strTag,
	seqTag,
	mapTag
]);
/**
* The YAML 1.2 JSON Schema. It uses JSON scalar forms while retaining YAML
* collection syntax.
*
* @category Schemas
*/
var JSON_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullJsonTag,
	boolJsonTag,
	intJsonTag,
	floatJsonTag
]);
/**
* The default schema for the loaders. Note, {@link CORE_SCHEMA} comes
* without the `!!merge` tag. You can easily enable it if needed.
*
* @example
* Enable {@link mergeTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Schemas
*/
var CORE_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullCoreTag,
	boolCoreTag,
	intCoreTag,
	floatCoreTag
]);
/**
* YAML 1.1-compatible schema.
*
* @category Schemas
*/
var YAML11_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullYaml11Tag,
	boolYaml11Tag,
	intYaml11Tag,
	floatYaml11Tag,
	timestampTag,
	mergeTag,
	binaryTag,
	omapTag,
	pairsTag,
	setTag
]);
/**
* The dumper schema for maximum compatibility. It combines all supported type
* variants from YAML 1.1 and YAML 1.2 so strings matching any of them are
* quoted. This makes the generated YAML more compatible with other parsers.
*
* The schema is based on YAML 1.1, but extends `!!int` and `!!float` to accept
* both YAML 1.1 and Core Schema forms, since Core Schema supports some forms
* that YAML 1.1 does not.
*
* @category Schemas
*/
var DUMP_SCHEMA = YAML11_SCHEMA.withTags({
	...intYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = intYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? intCoreTag.resolve(source, isExplicit, tagName) : result;
	}
}, {
	...floatYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = floatYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? floatCoreTag.resolve(source, isExplicit, tagName) : result;
	}
});
//#endregion
//#region src/tag/mapping/real_map.ts
/**
* Recommended when non-string keys are actually needed. It uses native
* JavaScript `Map` objects, so keys keep their constructed types instead of
* being converted to strings.
*
* It is not the default to avoid widespread breaking changes in existing
* projects. `Map` has a different access API and does not pass deep equality
* checks against `{}`-based fixtures. Alongside the other changes in v5,
* making it the default was considered too disruptive.
*
* If these differences are acceptable for your project, we recommend using
* {@link realMapTag} to guarantee the absence of problems and side effects.
*
* @example
* Enable {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Tags
*/
var realMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => /* @__PURE__ */ new Map(),
	addPair: (container, key, value) => {
		container.set(key, value);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: (container, key) => container.get(key),
	identify: (data) => data instanceof Map || isPlainObject(data),
	represent: (data) => {
		if (data instanceof Map) return data;
		const map = /* @__PURE__ */ new Map();
		const obj = data;
		for (const key of Object.keys(obj)) map.set(key, obj[key]);
		return map;
	}
});
//#endregion
//#region src/tag/mapping/legacy_map.ts
function normalizeKey(key) {
	if (Array.isArray(key)) {
		const array = Array.prototype.slice.call(key);
		for (let index = 0; index < array.length; index++) {
			if (Array.isArray(array[index])) return null;
			if (typeof array[index] === "object" && Object.prototype.toString.call(array[index]) === "[object Object]") array[index] = "[object Object]";
		}
		return String(array);
	}
	if (typeof key === "object" && Object.prototype.toString.call(key) === "[object Object]") return "[object Object]";
	return String(key);
}
/**
* This implementation exists solely to reproduce v4 behavior exactly. Its use
* is strongly discouraged. If complex or non-string keys are needed, use
* {@link realMapTag} instead.
*
* @category Tags
*/
var legacyMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		const normalizedKey = normalizeKey(key);
		if (normalizedKey === null) return "nested arrays are not supported inside keys";
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		const normalizedKey = normalizeKey(key);
		return normalizedKey !== null && Object.prototype.hasOwnProperty.call(container, normalizedKey);
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/common/snippet.ts
var DEFAULT_SNIPPET_OPTIONS = {
	maxLength: 79,
	indent: 1,
	linesBefore: 3,
	linesAfter: 2
};
function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
	let head = "";
	let tail = "";
	const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
	if (position - lineStart > maxHalfLength) {
		head = " ... ";
		lineStart = position - maxHalfLength + head.length;
	}
	if (lineEnd - position > maxHalfLength) {
		tail = " ...";
		lineEnd = position + maxHalfLength - tail.length;
	}
	return {
		str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
		pos: position - lineStart + head.length
	};
}
function padStart(string, max) {
	return " ".repeat(Math.max(max - string.length, 0)) + string;
}
function makeSnippet(mark, options) {
	if (!mark.buffer) return null;
	const opts = {
		...DEFAULT_SNIPPET_OPTIONS,
		...options
	};
	const re = /\r?\n|\r|\0/g;
	const lineStarts = [0];
	const lineEnds = [];
	let match;
	let foundLineNo = -1;
	while (match = re.exec(mark.buffer)) {
		lineEnds.push(match.index);
		lineStarts.push(match.index + match[0].length);
		if (mark.position <= match.index && foundLineNo < 0) foundLineNo = lineStarts.length - 2;
	}
	if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
	let result = "";
	const lineNoLength = Math.min(mark.line + opts.linesAfter, lineEnds.length).toString().length;
	const maxLineLength = opts.maxLength - (opts.indent + lineNoLength + 3);
	for (let i = 1; i <= opts.linesBefore; i++) {
		if (foundLineNo - i < 0) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo - i], lineEnds[foundLineNo - i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]), maxLineLength);
		result = `${" ".repeat(opts.indent)}${padStart((mark.line - i + 1).toString(), lineNoLength)} | ${line.str}\n${result}`;
	}
	const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
	result += `${" ".repeat(opts.indent)}${padStart((mark.line + 1).toString(), lineNoLength)} | ${line.str}\n`;
	result += `${"-".repeat(opts.indent + lineNoLength + 3 + line.pos)}^\n`;
	for (let i = 1; i <= opts.linesAfter; i++) {
		if (foundLineNo + i >= lineEnds.length) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo + i], lineEnds[foundLineNo + i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]), maxLineLength);
		result += `${" ".repeat(opts.indent)}${padStart((mark.line + i + 1).toString(), lineNoLength)} | ${line.str}\n`;
	}
	return result.replace(/\n$/, "");
}
//#endregion
//#region src/common/exception.ts
function formatError(exception, compact) {
	let where = "";
	if (!exception.mark) return exception.reason;
	if (exception.mark.name) where += `in "${exception.mark.name}" `;
	where += `(${exception.mark.line + 1}:${exception.mark.column + 1})`;
	if (!compact && exception.mark.snippet) where += `\n\n${exception.mark.snippet}`;
	return `${exception.reason} ${where}`;
}
/**
* A YAML error. Unlike an ordinary `Error`, it adds a source snippet showing
* the location of the problem to the error message, when available.
*
* @category Main
*/
var YAMLException = class YAMLException extends Error {
	reason;
	mark;
	/**
	* Optional `mark` contains source snippet data. Usually, use
	* {@link YAMLException.throwAt} instead of passing it directly.
	*/
	constructor(reason, mark) {
		super();
		this.name = "YAMLException";
		this.reason = reason;
		this.mark = mark;
		this.message = formatError(this, false);
		if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
	}
	/**
	* Returns the formatted error, omitting the source snippet in compact mode.
	*/
	toString(compact) {
		return `${this.name}: ${formatError(this, compact)}`;
	}
	/**
	* Builds a YAMLException with a source snippet and throws it. `source` is
	* the raw input text; `position` is an offset into it.
	*/
	static throwAt(source, position, message, filename = "") {
		let line = 0;
		let lineStart = 0;
		for (let index = 0; index < position; index++) {
			const ch = source.charCodeAt(index);
			if (ch === 10) {
				line++;
				lineStart = index + 1;
			} else if (ch === 13) {
				line++;
				if (source.charCodeAt(index + 1) === 10) index++;
				lineStart = index + 1;
			}
		}
		const mark = {
			name: filename,
			buffer: source,
			position,
			line,
			column: position - lineStart
		};
		mark.snippet = makeSnippet(mark);
		throw new YAMLException(message, mark);
	}
};
//#endregion
//#region src/parser/events.ts
/** @category Events */
var EVENT_ID = {
	DOCUMENT: 1,
	SEQUENCE: 2,
	MAPPING: 3,
	SCALAR: 4,
	ALIAS: 5,
	POP: 6
};
/** @category Nodes */
var SCALAR_STYLE = {
	PLAIN: 1,
	SINGLE_QUOTED: 2,
	DOUBLE_QUOTED: 3,
	LITERAL_BLOCK: 4,
	FOLDED_BLOCK: 5
};
/** @category Nodes */
var COLLECTION_STYLE = {
	BLOCK: 1,
	FLOW: 2
};
/** @category Nodes */
var CHOMPING_MODE = {
	CLIP: 1,
	STRIP: 2,
	KEEP: 3
};
//#endregion
//#region src/parser/parser_scalar.ts
var NO_RANGE$3 = -1;
function simpleEscapeSequence(c) {
	switch (c) {
		case 48: return "\0";
		case 97: return "\x07";
		case 98: return "\b";
		case 116: return "	";
		case 9: return "	";
		case 110: return "\n";
		case 118: return "\v";
		case 102: return "\f";
		case 114: return "\r";
		case 101: return "\x1B";
		case 32: return " ";
		case 34: return "\"";
		case 47: return "/";
		case 92: return "\\";
		case 78: return "";
		case 95: return "\xA0";
		case 76: return "\u2028";
		case 80: return "\u2029";
		default: return "";
	}
}
var simpleEscapeCheck = new Array(256);
var simpleEscapeMap = new Array(256);
for (let i = 0; i < 256; i++) {
	simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
	simpleEscapeMap[i] = simpleEscapeSequence(i);
}
function charFromCodepoint(c) {
	if (c <= 65535) return String.fromCharCode(c);
	return String.fromCharCode((c - 65536 >> 10) + 55296, (c - 65536 & 1023) + 56320);
}
function fromHexCode$1(c) {
	if (c >= 48 && c <= 57) return c - 48;
	return (c | 32) - 97 + 10;
}
function escapedHexLen$1(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	return 8;
}
function skipFoldedBreaks(input, position, end) {
	let breaks = 0;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10) {
			breaks++;
			position++;
		} else if (ch === 13) {
			breaks++;
			position++;
			if (input.charCodeAt(position) === 10) position++;
		} else if (ch === 32 || ch === 9) position++;
		else break;
	}
	return {
		position,
		breaks
	};
}
function foldedBreaks(count) {
	if (count === 1) return " ";
	return "\n".repeat(count - 1);
}
function getPlainValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, captureEnd);
}
function getSingleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 39) {
			result += input.slice(captureStart, position) + "'";
			position += 2;
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getDoubleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 92) {
			result += input.slice(captureStart, position);
			position++;
			const escaped = input.charCodeAt(position);
			if (escaped === 10 || escaped === 13) position = skipFoldedBreaks(input, position, end).position;
			else if (escaped < 256 && simpleEscapeCheck[escaped]) {
				result += simpleEscapeMap[escaped];
				position++;
			} else {
				let hexLength = escapedHexLen$1(escaped);
				let hexResult = 0;
				for (; hexLength > 0; hexLength--) {
					position++;
					const digit = fromHexCode$1(input.charCodeAt(position));
					hexResult = (hexResult << 4) + digit;
				}
				result += charFromCodepoint(hexResult);
				position++;
			}
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getBlockValue(input, start, end, indent, chomping, folded) {
	const textIndent = indent < 0 ? 0 : indent;
	const region = input.slice(start, end).replace(/\r\n?/g, "\n");
	const lines = region === "" ? [] : (region.endsWith("\n") ? region.slice(0, -1) : region).split("\n");
	let result = "";
	let didReadContent = false;
	let emptyLines = 0;
	let atMoreIndented = false;
	for (const line of lines) {
		let column = 0;
		while (column < textIndent && line.charCodeAt(column) === 32) column++;
		if (indent < 0 || column >= line.length) {
			emptyLines++;
			continue;
		}
		const content = line.slice(textIndent);
		const first = content.charCodeAt(0);
		if (folded) {
			if (first === 32 || first === 9) {
				atMoreIndented = true;
				result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
			} else if (atMoreIndented) {
				atMoreIndented = false;
				result += "\n".repeat(emptyLines + 1);
			} else if (emptyLines === 0) {
				if (didReadContent) result += " ";
			} else result += "\n".repeat(emptyLines);
		} else result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
		result += content;
		didReadContent = true;
		emptyLines = 0;
	}
	if (chomping === CHOMPING_MODE.KEEP) result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
	else if (chomping !== CHOMPING_MODE.STRIP) {
		if (didReadContent) result += "\n";
	}
	return result;
}
/**
* Decodes the scalar referenced by event offsets in `input`.
*
* @category Events
*/
function getScalarValue(input, scalar) {
	if (scalar.valueStart === NO_RANGE$3) return "";
	const { valueStart, valueEnd } = scalar;
	if (scalar.fast) return input.slice(valueStart, valueEnd);
	switch (scalar.style) {
		case SCALAR_STYLE.SINGLE_QUOTED: return getSingleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.DOUBLE_QUOTED: return getDoubleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.LITERAL_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, false);
		case SCALAR_STYLE.FOLDED_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, true);
		default: return getPlainValue(input, valueStart, valueEnd);
	}
}
//#endregion
//#region src/common/tagname.ts
var DEFAULT_TAG_HANDLERS = Object.assign(Object.create(null), {
	"!": "!",
	"!!": "tag:yaml.org,2002:"
});
var TAG_SUFFIX_CHARS = "-#;/?:@&=+$_.~*'()";
var TAG_URI_CHARS = TAG_SUFFIX_CHARS + "!,[]";
var HEX = "0123456789ABCDEF";
function percentByte(byte) {
	return "%" + HEX[byte >> 4] + HEX[byte & 15];
}
function tagPercentEncode(source, isSuffix) {
	const allowed = isSuffix ? TAG_SUFFIX_CHARS : TAG_URI_CHARS;
	let result = "";
	for (let index = 0; index < source.length; index++) {
		let ch = source.charCodeAt(index);
		if (ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || allowed.includes(source[index])) {
			result += source[index];
			continue;
		}
		if (ch >= 55296 && ch <= 56319) ch = 65536 + ((ch & 1023) << 10) + (source.charCodeAt(++index) & 1023);
		if (ch < 128) result += percentByte(ch);
		else if (ch < 2048) result += percentByte(192 | ch >> 6) + percentByte(128 | ch & 63);
		else if (ch < 65536) result += percentByte(224 | ch >> 12) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
		else result += percentByte(240 | ch >> 18) + percentByte(128 | ch >> 12 & 63) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
	}
	return result;
}
function tagPercentDecode(source) {
	let result = "";
	let index = 0;
	while (index < source.length) {
		if (source.charCodeAt(index) !== 37) {
			result += source[index++];
			continue;
		}
		let ch = parseInt(source.slice(index + 1, index + 3), 16);
		index += 3;
		if (ch >= 192) {
			let remaining = ch < 224 ? 1 : ch < 240 ? 2 : 3;
			ch &= (1 << 6 - remaining) - 1;
			while (remaining-- > 0) {
				ch = ch << 6 | parseInt(source.slice(index + 1, index + 3), 16) & 63;
				index += 3;
			}
		}
		if (ch < 65536) result += String.fromCharCode(ch);
		else {
			ch -= 65536;
			result += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
		}
	}
	return result;
}
function tagNameFull(rawTag, tagHandlers) {
	if (rawTag.startsWith("!<") && rawTag.endsWith(">")) return tagPercentDecode(rawTag.slice(2, -1));
	const handleEnd = rawTag.indexOf("!", 1);
	const handle = handleEnd === -1 ? "!" : rawTag.slice(0, handleEnd + 1);
	return tagPercentDecode(tagHandlers?.[handle] ?? DEFAULT_TAG_HANDLERS[handle] ?? handle) + tagPercentDecode(rawTag.slice(handle.length));
}
function tagNameShort(fullTag) {
	let tag = fullTag;
	if (tag.charCodeAt(0) === 33) {
		tag = tag.slice(1);
		return `!${tagPercentEncode(tag, true)}`;
	}
	if (tag.slice(0, 18) === "tag:yaml.org,2002:") return `!!${tagPercentEncode(tag.slice(18), true)}`;
	return `!<${tagPercentEncode(tag, false)}>`;
}
//#endregion
//#region src/parser/constructor.ts
var NO_RANGE$2 = -1;
var MERGE_TAG_NAME = "tag:yaml.org,2002:merge";
var DEFAULT_CONSTRUCTOR_OPTIONS = {
	filename: "",
	schema: CORE_SCHEMA,
	json: false,
	maxTotalMergeKeys: 1e4,
	maxAliases: -1
};
function eventPosition$1(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE$2) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE$2) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE$2) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function throwError$1(state, message) {
	YAMLException.throwAt(state.source, state.position, message, state.filename);
}
function finalizeCollection(state, position, tag, carrier) {
	try {
		return tag.finalize(carrier);
	} catch (error) {
		if (error instanceof YAMLException) throw error;
		YAMLException.throwAt(state.source, position, error instanceof Error ? error.message : String(error), state.filename);
	}
}
function constructScalar(state, event) {
	const source = getScalarValue(state.source, event);
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	const strTag = state.schema.defaultScalarTag;
	if (rawTag !== "") {
		if (rawTag === "!") return {
			value: source,
			tag: strTag
		};
		const tagName = tagNameFull(rawTag, state.tagHandlers);
		const scalarTag = state.schema.lookupScalarTag(tagName);
		if (scalarTag) {
			const result = scalarTag.resolve(source, true, tagName);
			if (result === NOT_RESOLVED) throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			return {
				value: result,
				tag: scalarTag
			};
		}
		const collectionTagDef = state.schema.lookupMappingTag(tagName) ?? state.schema.lookupSequenceTag(tagName);
		if (collectionTagDef) {
			if (source !== "") throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			const carrier = collectionTagDef.create(tagName);
			return {
				value: collectionTagDef.carrierIsResult ? carrier : finalizeCollection(state, state.position, collectionTagDef, carrier),
				tag: collectionTagDef
			};
		}
		throwError$1(state, `unknown scalar tag !<${tagName}>`);
	}
	if (event.style === SCALAR_STYLE.PLAIN) return state.schema.resolveImplicitScalarTag(source);
	return {
		value: strTag.resolve(source, false, strTag.tagName),
		tag: strTag
	};
}
function collectionTagName(state, event, defaultTagName) {
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	return rawTag === "" || rawTag === "!" ? defaultTagName : tagNameFull(rawTag, state.tagHandlers);
}
function isMappingTag(tag) {
	return tag.nodeKind === "mapping";
}
function chargeMergeWork(state) {
	state.totalMergeKeys++;
	if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) throwError$1(state, `merge keys exceeded maxTotalMergeKeys (${state.maxTotalMergeKeys})`);
}
function mergeKeys(state, frame, source, sourceTag) {
	chargeMergeWork(state);
	for (const sourceKey of sourceTag.keys(source)) {
		chargeMergeWork(state);
		if (frame.tag.has(frame.value, sourceKey)) continue;
		const err = frame.tag.addPair(frame.value, sourceKey, sourceTag.get(source, sourceKey));
		if (err) throwError$1(state, err);
		frame.overridable ??= /* @__PURE__ */ new Set();
		frame.overridable.add(sourceKey);
	}
}
function mergeSource(state, frame, source, sourceTag) {
	state.position = frame.keyPosition;
	if (isMappingTag(sourceTag)) mergeKeys(state, frame, source, sourceTag);
	else if (sourceTag.nodeKind === "sequence" && Array.isArray(source)) {
		if (source.length > 100) throwError$1(state, "abnormal merge sequence size");
		for (const element of source) {
			const elementTag = state.nodeTags.get(element);
			if (!elementTag) throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
			mergeKeys(state, frame, element, elementTag);
		}
	} else throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
}
function addMappingValue(state, frame, key, value, tag) {
	state.position = frame.keyPosition;
	if (frame.keyIsMerge) {
		mergeSource(state, frame, value, tag);
		return;
	}
	if (!state.json && frame.tag.has(frame.value, key) && !frame.overridable?.has(key)) throwError$1(state, "duplicated mapping key");
	const err = frame.tag.addPair(frame.value, key, value);
	if (err) throwError$1(state, err);
	frame.overridable?.delete(key);
}
function addValue(state, value, tag) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") {
		frame.value = value;
		frame.hasValue = true;
	} else if (frame.kind === "sequence") {
		if (isMappingTag(tag)) state.nodeTags.set(value, tag);
		const err = frame.tag.addItem(frame.value, value, frame.index++);
		if (err) throwError$1(state, err);
	} else if (frame.hasKey) {
		const key = frame.key;
		frame.key = void 0;
		frame.hasKey = false;
		addMappingValue(state, frame, key, value, tag);
	} else {
		frame.key = value;
		frame.keyPosition = state.position;
		frame.hasKey = true;
		frame.keyIsMerge = tag.tagName === MERGE_TAG_NAME;
	}
}
function storeAnchor(state, event, value, tag, isValueFinal) {
	if (event.anchorStart !== NO_RANGE$2) {
		const anchor = {
			value,
			tag,
			isValueFinal
		};
		state.anchors.set(state.source.slice(event.anchorStart, event.anchorEnd), anchor);
		return anchor;
	}
	return null;
}
/**
* Constructs JavaScript documents directly from parser events, without an
* intermediate AST.
*
* @category Events
*/
function constructFromEvents(events, options) {
	const state = {
		...DEFAULT_CONSTRUCTOR_OPTIONS,
		...options,
		events,
		documents: [],
		eventIndex: 0,
		position: 0,
		frames: [],
		anchors: /* @__PURE__ */ new Map(),
		nodeTags: /* @__PURE__ */ new Map(),
		tagHandlers: Object.create(null),
		totalMergeKeys: 0,
		aliasCount: 0
	};
	while (state.eventIndex < state.events.length) {
		const event = state.events[state.eventIndex++];
		state.position = eventPosition$1(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				state.anchors = /* @__PURE__ */ new Map();
				state.nodeTags = /* @__PURE__ */ new Map();
				state.aliasCount = 0;
				state.tagHandlers = Object.create(null);
				for (const directive of event.directives) if (directive.kind === "tag") state.tagHandlers[directive.handle] = directive.prefix;
				state.frames.push({
					kind: "document",
					position: state.position,
					value: void 0,
					hasValue: false
				});
				break;
			case EVENT_ID.SCALAR: {
				const { value, tag } = constructScalar(state, event);
				storeAnchor(state, event, value, tag, true);
				addValue(state, value, tag);
				break;
			}
			case EVENT_ID.SEQUENCE: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:seq");
				const tag = state.schema.lookupSequenceTag(tagName);
				if (!tag) throwError$1(state, `unknown sequence tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "sequence",
					position: state.position,
					value,
					tag,
					anchor,
					index: 0
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:map");
				const tag = state.schema.lookupMappingTag(tagName);
				if (!tag) throwError$1(state, `unknown mapping tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "mapping",
					position: state.position,
					value,
					tag,
					anchor,
					key: void 0,
					keyPosition: state.position,
					hasKey: false,
					keyIsMerge: false,
					overridable: null
				});
				break;
			}
			case EVENT_ID.ALIAS: {
				if (state.maxAliases !== -1 && ++state.aliasCount > state.maxAliases) throwError$1(state, `aliases exceeded maxAliases (${state.maxAliases})`);
				const name = state.source.slice(event.anchorStart, event.anchorEnd);
				const anchor = state.anchors.get(name);
				if (!anchor) throwError$1(state, `unidentified alias "${name}"`);
				if (!anchor.isValueFinal) throwError$1(state, `recursive alias "${name}" is not supported for tag ${anchor.tag.tagName} because it uses finalize()`);
				addValue(state, anchor.value, anchor.tag);
				break;
			}
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.hasKey) {
					state.position = frame.keyPosition;
					throwError$1(state, "incomplete mapping pair in event stream");
				}
				if (frame.kind === "document") state.documents.push(frame.value);
				else {
					const value = frame.tag.carrierIsResult ? frame.value : finalizeCollection(state, frame.position, frame.tag, frame.value);
					if (frame.anchor) {
						frame.anchor.value = value;
						frame.anchor.isValueFinal = true;
					}
					addValue(state, value, frame.tag);
				}
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/parser/parser.ts
var NO_RANGE$1 = -1;
var HAS_OWN = Object.prototype.hasOwnProperty;
var CONTEXT_FLOW_IN = 1;
var CONTEXT_FLOW_OUT = 2;
var CONTEXT_BLOCK_IN = 3;
var CONTEXT_BLOCK_OUT = 4;
var PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
var PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
var PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
var NS_URI_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$,_.!~*'()\[\]])`;
var NS_TAG_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$.~*'()_])`;
var PATTERN_TAG_URI = new RegExp(`^(?:${NS_URI_CHAR})*$`);
var PATTERN_TAG_SUFFIX = new RegExp(`^(?:${NS_TAG_CHAR})+$`);
var PATTERN_TAG_PREFIX = new RegExp(`^(?:!(?:${NS_URI_CHAR})*|${NS_TAG_CHAR}(?:${NS_URI_CHAR})*)$`);
var DEFAULT_PARSER_OPTIONS = {
	filename: "",
	maxDepth: 100
};
function addDocumentEvent(state, explicitStart, explicitEnd) {
	state.events.push({
		type: EVENT_ID.DOCUMENT,
		explicitStart,
		explicitEnd,
		directives: state.directives
	});
}
function addSequenceEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.SEQUENCE,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function addMappingEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.MAPPING,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function insertFlowPairMappingEvent(state, snapshot) {
	state.events.splice(snapshot.eventsLength, 0, {
		type: EVENT_ID.MAPPING,
		start: snapshot.position,
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1,
		style: COLLECTION_STYLE.FLOW
	});
}
function addScalarEvent(state, valueStart, valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, style, chomping = CHOMPING_MODE.CLIP, indent = -1, fast = false) {
	state.events.push({
		type: EVENT_ID.SCALAR,
		valueStart,
		valueEnd,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style,
		chomping,
		indent,
		fast
	});
}
function addAliasEvent(state, anchorStart, anchorEnd) {
	state.events.push({
		type: EVENT_ID.ALIAS,
		anchorStart,
		anchorEnd
	});
}
function addPopEvent(state) {
	state.events.push({ type: EVENT_ID.POP });
}
function addEmptyScalarEvent(state) {
	addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, SCALAR_STYLE.PLAIN);
}
function emptyProperties() {
	return {
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1
	};
}
function snapshotState(state) {
	return {
		position: state.position,
		line: state.line,
		lineStart: state.lineStart,
		lineIndent: state.lineIndent,
		firstTabInLine: state.firstTabInLine,
		eventsLength: state.events.length
	};
}
function restoreState(state, snapshot) {
	state.position = snapshot.position;
	state.line = snapshot.line;
	state.lineStart = snapshot.lineStart;
	state.lineIndent = snapshot.lineIndent;
	state.firstTabInLine = snapshot.firstTabInLine;
	state.events.length = snapshot.eventsLength;
}
function throwError(state, message) {
	YAMLException.throwAt(state.input.slice(0, state.length), state.position, message, state.filename);
}
function isEol(c) {
	return c === 10 || c === 13;
}
function isWhiteSpace(c) {
	return c === 9 || c === 32;
}
function isWsOrEol(c) {
	return isWhiteSpace(c) || isEol(c);
}
function isWsOrEolOrEnd(c) {
	return c === 0 || isWsOrEol(c);
}
function isFlowIndicator(c) {
	return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
function fromDecimalCode(c) {
	return c >= 48 && c <= 57 ? c - 48 : -1;
}
function fromHexCode(c) {
	if (c >= 48 && c <= 57) return c - 48;
	const lc = c | 32;
	if (lc >= 97 && lc <= 102) return lc - 97 + 10;
	return -1;
}
function escapedHexLen(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	if (c === 85) return 8;
	return 0;
}
function isSimpleEscape(c) {
	return c === 48 || c === 97 || c === 98 || c === 116 || c === 9 || c === 110 || c === 118 || c === 102 || c === 114 || c === 101 || c === 32 || c === 34 || c === 47 || c === 92 || c === 78 || c === 95 || c === 76 || c === 80;
}
function consumeLineBreak(state) {
	if (state.input.charCodeAt(state.position) === 10) state.position++;
	else {
		state.position++;
		if (state.input.charCodeAt(state.position) === 10) state.position++;
	}
	state.line++;
	state.lineStart = state.position;
	state.lineIndent = 0;
	state.firstTabInLine = -1;
}
function skipSeparationSpace(state, allowComments) {
	let lineBreaks = 0;
	let ch = state.input.charCodeAt(state.position);
	let hasSeparation = state.position === state.lineStart || isWsOrEol(state.input.charCodeAt(state.position - 1));
	while (ch !== 0) {
		while (isWhiteSpace(ch)) {
			hasSeparation = true;
			if (ch === 9 && state.firstTabInLine === -1) state.firstTabInLine = state.position;
			ch = state.input.charCodeAt(++state.position);
		}
		if (allowComments && hasSeparation && ch === 35) do
			ch = state.input.charCodeAt(++state.position);
		while (!isEol(ch) && ch !== 0);
		if (!isEol(ch)) break;
		consumeLineBreak(state);
		lineBreaks++;
		hasSeparation = true;
		ch = state.input.charCodeAt(state.position);
		while (ch === 32) {
			state.lineIndent++;
			ch = state.input.charCodeAt(++state.position);
		}
	}
	return lineBreaks;
}
function testDocumentSeparator(state, position = state.position) {
	const ch = state.input.charCodeAt(position);
	if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(position + 1) && ch === state.input.charCodeAt(position + 2)) {
		const following = state.input.charCodeAt(position + 3);
		return following === 0 || isWsOrEol(following);
	}
	return false;
}
function skipByteOrderMark(state) {
	if (state.position === state.lineStart && state.input.charCodeAt(state.position) === 65279) {
		state.position++;
		state.lineStart = state.position;
	}
}
function testDocumentBoundary(state) {
	if (state.position !== state.lineStart) return false;
	if (testDocumentSeparator(state)) return true;
	if (state.input.charCodeAt(state.position) !== 65279) return false;
	const snapshot = snapshotState(state);
	skipByteOrderMark(state);
	skipSeparationSpace(state, true);
	const ch = state.input.charCodeAt(state.position);
	const result = state.position === state.lineStart && (ch === 37 || ch === 45 && testDocumentSeparator(state));
	restoreState(state, snapshot);
	return result;
}
function skipUntilLineEnd(state) {
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0 && !isEol(ch)) ch = state.input.charCodeAt(++state.position);
}
function checkPrintable(state, start, end) {
	const match = PATTERN_NON_PRINTABLE.exec(state.input.slice(start, end));
	if (match !== null) {
		state.position = start + match.index + match[0].length - 1;
		throwError(state, "the stream contains non-printable characters");
	}
}
function readTagProperty(state, props, inFlow) {
	if (state.input.charCodeAt(state.position) !== 33) return false;
	if (props.tagStart !== NO_RANGE$1) throwError(state, "duplication of a tag property");
	const start = state.position;
	let isVerbatim = false;
	let isNamed = false;
	let tagHandle = "!";
	let ch = state.input.charCodeAt(++state.position);
	if (ch === 60) {
		isVerbatim = true;
		ch = state.input.charCodeAt(++state.position);
	} else if (ch === 33) {
		isNamed = true;
		tagHandle = "!!";
		ch = state.input.charCodeAt(++state.position);
	}
	let suffixStart = state.position;
	let tagName;
	if (isVerbatim) {
		while (ch !== 0 && ch !== 62) ch = state.input.charCodeAt(++state.position);
		if (ch !== 62) throwError(state, "unexpected end of the stream within a verbatim tag");
		tagName = state.input.slice(suffixStart, state.position);
		state.position++;
	} else {
		while (ch !== 0 && !isWsOrEol(ch) && !(inFlow && isFlowIndicator(ch))) {
			if (ch === 33) {
				if (!isNamed) {
					tagHandle = state.input.slice(suffixStart - 1, state.position + 1);
					if (!PATTERN_TAG_HANDLE.test(tagHandle)) throwError(state, "named tag handle cannot contain such characters");
					isNamed = true;
					suffixStart = state.position + 1;
				} else throwError(state, "tag suffix cannot contain exclamation marks");
			}
			ch = state.input.charCodeAt(++state.position);
		}
		tagName = state.input.slice(suffixStart, state.position);
		if (PATTERN_FLOW_INDICATORS.test(tagName)) throwError(state, "tag suffix cannot contain flow indicator characters");
	}
	if (tagName && !(isVerbatim ? PATTERN_TAG_URI.test(tagName) : PATTERN_TAG_SUFFIX.test(tagName))) throwError(state, `tag name cannot contain such characters: ${tagName}`);
	if (!isVerbatim && tagHandle !== "!" && tagHandle !== "!!" && !HAS_OWN.call(state.tagHandlers, tagHandle)) throwError(state, `undeclared tag handle "${tagHandle}"`);
	props.tagStart = start;
	props.tagEnd = state.position;
	return true;
}
function readAnchorProperty(state, props) {
	if (state.input.charCodeAt(state.position) !== 38) return false;
	if (props.anchorStart !== NO_RANGE$1) throwError(state, "duplication of an anchor property");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an anchor node must contain at least one character");
	props.anchorStart = start;
	props.anchorEnd = state.position;
	return true;
}
function readAlias(state, props) {
	if (state.input.charCodeAt(state.position) !== 42) return false;
	if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) throwError(state, "alias node should not have any properties");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an alias node must contain at least one character");
	addAliasEvent(state, start, state.position);
	return true;
}
function readFlowScalarBreak(state, nodeIndent) {
	skipSeparationSpace(state, false);
	if (state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readSingleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 39) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 39) {
			if (state.input.charCodeAt(state.position + 1) === 39) {
				simple = false;
				state.position += 2;
				continue;
			}
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.SINGLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a single quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a single quoted scalar");
}
function readDoubleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 34) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 34) {
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.DOUBLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (ch === 92) {
			simple = false;
			const escaped = state.input.charCodeAt(++state.position);
			if (isEol(escaped)) readFlowScalarBreak(state, nodeIndent);
			else if (isSimpleEscape(escaped)) state.position++;
			else {
				let hexLength = escapedHexLen(escaped);
				if (hexLength === 0) throwError(state, "unknown escape sequence");
				while (hexLength-- > 0) {
					state.position++;
					if (fromHexCode(state.input.charCodeAt(state.position)) < 0) throwError(state, "expected hexadecimal character");
				}
				state.position++;
			}
		} else if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a double quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a double quoted scalar");
}
function readBlockScalar(state, parentIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	let chomping = CHOMPING_MODE.CLIP;
	let indent = -1;
	let detectedIndent = false;
	if (ch !== 124 && ch !== 62) return false;
	const style = ch === 124 ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		const current = state.input.charCodeAt(state.position);
		const digit = fromDecimalCode(current);
		if (current === 43 || current === 45) {
			if (chomping !== CHOMPING_MODE.CLIP) throwError(state, "repeat of a chomping mode identifier");
			chomping = current === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP;
			state.position++;
		} else if (digit >= 0) {
			if (digit === 0) throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
			if (detectedIndent) throwError(state, "repeat of an indentation width identifier");
			indent = parentIndent + digit - 1;
			detectedIndent = true;
			state.position++;
		} else break;
	}
	let hadWhitespace = false;
	while (isWhiteSpace(state.input.charCodeAt(state.position))) {
		hadWhitespace = true;
		state.position++;
	}
	if (hadWhitespace && state.input.charCodeAt(state.position) === 35) skipUntilLineEnd(state);
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	else if (state.input.charCodeAt(state.position) !== 0) throwError(state, "a line break is expected");
	let contentIndent = detectedIndent ? indent : -1;
	let maxLeadingIndent = 0;
	const valueStart = state.position;
	let valueEnd = state.position;
	while (state.input.charCodeAt(state.position) !== 0) {
		const linePosition = state.position;
		let column = 0;
		while (state.input.charCodeAt(linePosition + column) === 32) column++;
		const first = state.input.charCodeAt(linePosition + column);
		if (first === 0) {
			if (contentIndent >= 0) {
				if (column > contentIndent) valueEnd = linePosition + column;
			} else if (column > 0) valueEnd = linePosition + column;
			break;
		}
		if (testDocumentBoundary(state)) break;
		if (!detectedIndent && contentIndent === -1 && isEol(first)) maxLeadingIndent = Math.max(maxLeadingIndent, column);
		if (!detectedIndent && contentIndent === -1 && !isEol(first)) {
			if (first === 9 && column < parentIndent) {
				state.position = linePosition + column;
				throwError(state, "tab characters must not be used in indentation");
			}
			if (column >= parentIndent && column < maxLeadingIndent) {
				state.position = linePosition + column;
				throwError(state, "bad indentation of a mapping entry");
			}
		}
		if (contentIndent === -1 && first !== 0 && !isEol(first) && column < parentIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		if (!detectedIndent && first !== 0 && !isEol(first) && contentIndent === -1) contentIndent = column;
		const requiredIndent = contentIndent === -1 ? parentIndent + 1 : contentIndent;
		if (first !== 0 && !isEol(first) && column < requiredIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		skipUntilLineEnd(state);
		valueEnd = state.position;
		if (isEol(state.input.charCodeAt(state.position))) {
			consumeLineBreak(state);
			valueEnd = state.position;
		}
	}
	checkPrintable(state, valueStart, valueEnd);
	addScalarEvent(state, valueStart, valueEnd, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, style, chomping, contentIndent);
	return true;
}
function canStartPlainScalar(state, nodeContext) {
	const ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	if (ch === 0 || isWsOrEol(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96 || isFlowIndicator(ch)) return false;
	if (ch === 63 || ch === 45) {
		const following = state.input.charCodeAt(state.position + 1);
		if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) return false;
	}
	return true;
}
function readPlainScalar(state, nodeIndent, nodeContext, props) {
	if (!canStartPlainScalar(state, nodeContext)) return false;
	const start = state.position;
	let end = state.position;
	let ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	let multiline = false;
	while (ch !== 0) {
		if (testDocumentBoundary(state)) break;
		if (ch === 58) {
			const following = state.input.charCodeAt(state.position + 1);
			if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) break;
		} else if (ch === 35) {
			if (isWsOrEol(state.input.charCodeAt(state.position - 1))) break;
		} else if (inFlow && isFlowIndicator(ch)) break;
		else if (isEol(ch)) {
			const savedPosition = state.position;
			const savedLine = state.line;
			const savedLineStart = state.lineStart;
			const savedLineIndent = state.lineIndent;
			skipSeparationSpace(state, false);
			if (state.lineIndent >= nodeIndent) {
				multiline = true;
				ch = state.input.charCodeAt(state.position);
				continue;
			}
			state.position = savedPosition;
			state.line = savedLine;
			state.lineStart = savedLineStart;
			state.lineIndent = savedLineIndent;
			break;
		}
		if (!isWhiteSpace(ch)) end = state.position + 1;
		ch = state.input.charCodeAt(++state.position);
	}
	if (end === start) return false;
	checkPrintable(state, start, end);
	addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN, CHOMPING_MODE.CLIP, -1, !multiline);
	return true;
}
function skipFlowSeparationSpace(state, nodeIndent) {
	const startLine = state.line;
	skipSeparationSpace(state, true);
	if (state.line > startLine && state.lineIndent < nodeIndent || state.firstTabInLine !== -1 && state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readFlowCollection(state, nodeIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	const isMapping = ch === 123;
	const start = state.position;
	let readNext = true;
	if (ch !== 91 && ch !== 123) return false;
	const terminator = isMapping ? 125 : 93;
	if (isMapping) addMappingEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	else addSequenceEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		skipFlowSeparationSpace(state, nodeIndent);
		let ch = state.input.charCodeAt(state.position);
		if (ch === terminator) {
			state.position++;
			addPopEvent(state);
			return true;
		} else if (!readNext) throwError(state, "missed comma between flow collection entries");
		else if (ch === 44) throwError(state, "expected the node content, but found ','");
		let isPair = false;
		let isExplicitPair = false;
		if (ch === 63 && isWsOrEol(state.input.charCodeAt(state.position + 1))) {
			isPair = isExplicitPair = true;
			state.position += 1;
			skipFlowSeparationSpace(state, nodeIndent);
		}
		const entryLine = state.line;
		const entryStart = snapshotState(state);
		const keyWasRead = parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
		skipFlowSeparationSpace(state, nodeIndent);
		ch = state.input.charCodeAt(state.position);
		if ((isMapping || isExplicitPair || state.line === entryLine) && ch === 58) {
			isPair = true;
			state.position++;
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) {
				insertFlowPairMappingEvent(state, entryStart);
				if (!keyWasRead) addEmptyScalarEvent(state);
			} else if (!keyWasRead) addEmptyScalarEvent(state);
			if (!parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true)) addEmptyScalarEvent(state);
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) addPopEvent(state);
		} else if (isMapping && isPair) {
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
		} else if (isMapping) addEmptyScalarEvent(state);
		else if (isPair) {
			insertFlowPairMappingEvent(state, entryStart);
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
			addPopEvent(state);
		}
		ch = state.input.charCodeAt(state.position);
		if (ch === 44) {
			readNext = true;
			state.position++;
		} else readNext = false;
	}
	throwError(state, "unexpected end of the stream within a flow collection");
}
function readBlockSequence(state, nodeIndent, props) {
	if (state.firstTabInLine !== -1 || state.input.charCodeAt(state.position) !== 45 || !isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) return false;
	addSequenceEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
	while (state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) {
		if (state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const entryLine = state.line;
		state.position++;
		const hadBreak = skipSeparationSpace(state, true) > 0;
		if (state.firstTabInLine !== -1 && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
		if (hadBreak && state.lineIndent <= nodeIndent) addEmptyScalarEvent(state);
		else parseNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
		skipSeparationSpace(state, true);
		if (state.lineIndent < nodeIndent || state.position >= state.length) break;
		if (state.lineIndent > nodeIndent) throwError(state, "bad indentation of a sequence entry");
		if (state.line === entryLine && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
	}
	addPopEvent(state);
	return true;
}
function readBlockMapping(state, nodeIndent, flowIndent, props) {
	let atExplicitKey = false;
	let detected = false;
	let mappingOpened = false;
	let pendingExplicitKey = false;
	if (state.firstTabInLine !== -1) return false;
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0) {
		if (!atExplicitKey && state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const following = state.input.charCodeAt(state.position + 1);
		const entryLine = state.line;
		if ((ch === 63 || ch === 58) && isWsOrEolOrEnd(following)) {
			if (!mappingOpened) {
				addMappingEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
				mappingOpened = true;
			}
			if (ch === 63) {
				if (atExplicitKey) addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = true;
			} else if (atExplicitKey) atExplicitKey = false;
			else {
				addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = false;
			}
			state.position += 1;
			pendingExplicitKey = true;
		} else {
			if (atExplicitKey) {
				addEmptyScalarEvent(state);
				atExplicitKey = false;
			}
			const beforeKey = snapshotState(state);
			if (!parseNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) break;
			if (state.line === entryLine) {
				ch = state.input.charCodeAt(state.position);
				while (isWhiteSpace(ch)) ch = state.input.charCodeAt(++state.position);
				if (ch === 58) {
					ch = state.input.charCodeAt(++state.position);
					if (!isWsOrEolOrEnd(ch)) throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
					if (!mappingOpened) {
						state.events.splice(beforeKey.eventsLength, 0, {
							type: EVENT_ID.MAPPING,
							start: beforeKey.position,
							anchorStart: props.anchorStart,
							anchorEnd: props.anchorEnd,
							tagStart: props.tagStart,
							tagEnd: props.tagEnd,
							style: COLLECTION_STYLE.BLOCK
						});
						mappingOpened = true;
					}
					detected = true;
					atExplicitKey = false;
					pendingExplicitKey = false;
				} else if (detected) throwError(state, "expected ':' after a mapping key");
				else {
					if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
						restoreState(state, beforeKey);
						return false;
					}
					return true;
				}
			} else if (detected) throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
			else {
				if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
					restoreState(state, beforeKey);
					return false;
				}
				return true;
			}
		}
		if (parseNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, pendingExplicitKey)) pendingExplicitKey = false;
		if (!atExplicitKey) {
			if (pendingExplicitKey) {
				addEmptyScalarEvent(state);
				pendingExplicitKey = false;
			}
		}
		skipSeparationSpace(state, true);
		ch = state.input.charCodeAt(state.position);
		if ((state.line === entryLine || state.lineIndent > nodeIndent) && ch !== 0) throwError(state, "bad indentation of a mapping entry");
		else if (state.lineIndent < nodeIndent) break;
	}
	if (!detected) return false;
	if (atExplicitKey) addEmptyScalarEvent(state);
	if (mappingOpened) addPopEvent(state);
	return true;
}
function parseNode(state, parentIndent, nodeContext, allowToSeek, allowCompact, allowPropertyMapping = true) {
	if (state.depth >= state.maxDepth) throwError(state, `nesting exceeded maxDepth (${state.maxDepth})`);
	state.depth++;
	let indentStatus = 1;
	let atNewLine = false;
	let hasContent = false;
	let propertyStart = null;
	const props = emptyProperties();
	let allowBlockScalars = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
	let allowBlockCollections = allowBlockScalars;
	const allowBlockStyles = allowBlockScalars;
	if (allowToSeek && skipSeparationSpace(state, true)) {
		atNewLine = true;
		if (state.lineIndent > parentIndent) indentStatus = 1;
		else if (state.lineIndent === parentIndent) indentStatus = 0;
		else indentStatus = -1;
	}
	if (indentStatus === 1) while (true) {
		const ch = state.input.charCodeAt(state.position);
		const propertyState = snapshotState(state);
		if (atNewLine && indentStatus !== 1 && (ch === 33 || ch === 38)) break;
		if (atNewLine && allowBlockStyles && (props.tagStart !== NO_RANGE$1 || props.anchorStart !== NO_RANGE$1) && (ch === 33 || ch === 38)) {
			const fallbackState = snapshotState(state);
			const flowIndent = parentIndent + 1;
			if (readBlockMapping(state, state.position - state.lineStart, flowIndent, props) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) {
				state.depth--;
				return true;
			}
			restoreState(state, fallbackState);
		}
		if (atNewLine && (ch === 33 && props.tagStart !== NO_RANGE$1 || ch === 38 && props.anchorStart !== NO_RANGE$1)) break;
		if (!readTagProperty(state, props, nodeContext === CONTEXT_FLOW_IN) && !readAnchorProperty(state, props)) break;
		if (propertyStart === null) propertyStart = propertyState;
		if (skipSeparationSpace(state, true)) {
			atNewLine = true;
			allowBlockCollections = allowBlockStyles;
			if (state.lineIndent > parentIndent) indentStatus = 1;
			else if (state.lineIndent === parentIndent) indentStatus = 0;
			else indentStatus = -1;
		} else allowBlockCollections = false;
	}
	if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
	if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
		const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
		const blockIndent = state.position - state.lineStart;
		if (indentStatus === 1) {
			if (allowBlockCollections && (readBlockSequence(state, blockIndent, props) || readBlockMapping(state, blockIndent, flowIndent, props)) || readFlowCollection(state, flowIndent, props)) hasContent = true;
			else {
				const ch = state.input.charCodeAt(state.position);
				if (propertyStart !== null && allowPropertyMapping && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62) {
					const fallbackState = snapshotState(state);
					const propertyIndent = propertyStart.position - propertyStart.lineStart;
					restoreState(state, propertyStart);
					if (readBlockMapping(state, propertyIndent, flowIndent, emptyProperties()) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) hasContent = true;
					else restoreState(state, fallbackState);
				}
				if (!hasContent && (allowBlockScalars && readBlockScalar(state, flowIndent, props) || readSingleQuotedScalar(state, flowIndent, props) || readDoubleQuotedScalar(state, flowIndent, props) || readAlias(state, props) || readPlainScalar(state, flowIndent, nodeContext, props))) hasContent = true;
			}
		} else if (indentStatus === 0) hasContent = allowBlockCollections && readBlockSequence(state, blockIndent, props);
	}
	allowBlockScalars = allowBlockScalars && !hasContent;
	if (!hasContent && (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1 || allowBlockScalars)) {
		addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN);
		hasContent = true;
	}
	state.depth--;
	return hasContent || props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1;
}
function readDirective(state) {
	if (state.lineIndent > 0 || state.input.charCodeAt(state.position) !== 37) return false;
	state.position++;
	const nameStart = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
	const name = state.input.slice(nameStart, state.position);
	const args = [];
	if (name.length === 0) throwError(state, "directive name must not be less than one character in length");
	while (state.input.charCodeAt(state.position) !== 0 && !isEol(state.input.charCodeAt(state.position))) {
		while (isWhiteSpace(state.input.charCodeAt(state.position))) state.position++;
		if (state.input.charCodeAt(state.position) === 35 || isEol(state.input.charCodeAt(state.position)) || state.input.charCodeAt(state.position) === 0) break;
		const start = state.position;
		while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
		args.push(state.input.slice(start, state.position));
	}
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	if (name === "YAML") {
		if (state.directives.some((directive) => directive.kind === "yaml")) throwError(state, "duplication of %YAML directive");
		if (args.length !== 1) throwError(state, "YAML directive accepts exactly one argument");
		const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
		if (match === null) throwError(state, "ill-formed argument of the YAML directive");
		if (parseInt(match[1], 10) !== 1) throwError(state, "unacceptable YAML version of the document");
		state.directives.push({
			kind: "yaml",
			version: args[0]
		});
	} else if (name === "TAG") {
		if (args.length !== 2) throwError(state, "TAG directive accepts exactly two arguments");
		const [handle, prefix] = args;
		if (!PATTERN_TAG_HANDLE.test(handle)) throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
		if (HAS_OWN.call(state.tagHandlers, handle)) throwError(state, `there is a previously declared suffix for "${handle}" tag handle`);
		if (!PATTERN_TAG_PREFIX.test(prefix)) throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
		state.tagHandlers[handle] = prefix;
		state.directives.push({
			kind: "tag",
			handle,
			prefix
		});
	}
	return true;
}
function readDocument(state) {
	state.directives = [];
	state.tagHandlers = Object.create(null);
	let hasDirectives = false;
	skipSeparationSpace(state, true);
	while (readDirective(state)) {
		hasDirectives = true;
		skipSeparationSpace(state, true);
	}
	let explicitStart = false;
	let explicitEnd = false;
	let allowCompact = true;
	if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 3))) {
		explicitStart = true;
		const markerLine = state.line;
		state.position += 3;
		skipSeparationSpace(state, true);
		allowCompact = state.line > markerLine;
	} else if (hasDirectives) throwError(state, "directives end mark is expected");
	const documentEventIndex = state.events.length;
	if (!explicitStart && state.position === state.lineStart && state.input.charCodeAt(state.position) === 46 && testDocumentSeparator(state)) {
		state.position += 3;
		skipSeparationSpace(state, true);
		return;
	}
	addDocumentEvent(state, explicitStart, false);
	if (!parseNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, allowCompact, allowCompact)) addEmptyScalarEvent(state);
	skipSeparationSpace(state, true);
	if (state.position === state.lineStart && testDocumentSeparator(state)) {
		explicitEnd = state.input.charCodeAt(state.position) === 46;
		if (explicitEnd) {
			const markerLine = state.line;
			state.position += 3;
			skipSeparationSpace(state, true);
			if (state.line === markerLine && state.position < state.length) throwError(state, "end of the stream or a document separator is expected");
		}
	}
	const documentEvent = state.events[documentEventIndex];
	if (documentEvent?.type === EVENT_ID.DOCUMENT) documentEvent.explicitEnd = explicitEnd;
	addPopEvent(state);
	if (!explicitEnd && state.position < state.length && !testDocumentBoundary(state)) throwError(state, "end of the stream or a document separator is expected");
}
/**
* Parses YAML into a flat event stream referencing source text by offsets.
*
* @category Events
*/
function parseEvents(input, options) {
	const length = input.length;
	const state = {
		...DEFAULT_PARSER_OPTIONS,
		...options,
		input: `${input}\0`,
		length,
		position: 0,
		line: 0,
		lineStart: 0,
		lineIndent: 0,
		firstTabInLine: -1,
		depth: 0,
		directives: [],
		tagHandlers: Object.create(null),
		events: []
	};
	const nullpos = input.indexOf("\0");
	if (nullpos !== -1) YAMLException.throwAt(input, nullpos, "null byte is not allowed in input", state.filename);
	while (state.position < state.length) {
		skipByteOrderMark(state);
		skipSeparationSpace(state, true);
		if (state.position >= state.length) break;
		const documentStart = state.position;
		readDocument(state);
		if (state.position === documentStart)
 /* c8 ignore next */
		throwError(state, "can not read a document");
	}
	return state.events;
}
//#endregion
//#region src/load.ts
var DEFAULT_LOAD_OPTIONS = {
	...DEFAULT_PARSER_OPTIONS,
	...DEFAULT_CONSTRUCTOR_OPTIONS
};
function loadDocuments(input, options = {}) {
	const opts = {
		...DEFAULT_LOAD_OPTIONS,
		...options
	};
	const source = String(input);
	const PARSER_OPT_KEYS = Object.keys(DEFAULT_PARSER_OPTIONS);
	const CONSTRUCTOR_OPT_KEYS = Object.keys(DEFAULT_CONSTRUCTOR_OPTIONS);
	return constructFromEvents(parseEvents(source, pick(opts, PARSER_OPT_KEYS)), {
		...pick(opts, CONSTRUCTOR_OPT_KEYS),
		source
	});
}
function loadAll(input, iteratorOrOptions, options) {
	let iterator = null;
	if (typeof iteratorOrOptions === "function") iterator = iteratorOrOptions;
	else if (iteratorOrOptions !== null && typeof iteratorOrOptions === "object") options = iteratorOrOptions;
	const documents = loadDocuments(input, options);
	if (iterator === null) return documents;
	for (const document of documents) iterator(document);
}
/**
* Parses `string` as a single YAML document. Throws {@link YAMLException} on
* error. This function does not understand multi-document or empty sources; it
* throws an exception on those.
*
* > [!NOTE]
* > 1. When processing untrusted input, see the
* >    [security considerations](../docs/safety.md).
* > 2. All exceptions MUST be caught, not just {@link YAMLException}.
* > 3. The default {@link CORE_SCHEMA} comes without the `!!merge` tag. You can
* >    easily enable it if needed.
* > 4. The default {@link mapTag} is `{}`-object based, with known limitations
* >    (see description). For full compatibility use {@link realMapTag}
* >    instead (it uses native JS `Map`).
*
* @example
* Enable {@link mergeTag} and {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag, realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Main
*/
function load(input, options) {
	const documents = loadDocuments(input, options);
	if (documents.length === 0) throw new YAMLException("expected a document, but the input is empty");
	if (documents.length === 1) return documents[0];
	throw new YAMLException("expected a single document in the stream, but found more");
}
//#endregion
//#region src/ast/from_js.ts
var INVALID = Symbol("INVALID");
function buildRepresentTypes(schema) {
	const defaultTags = new Set([
		schema.defaultScalarTag,
		schema.defaultSequenceTag,
		schema.defaultMappingTag
	].filter((t) => t !== void 0));
	const implicitScalars = schema.implicitScalarTags;
	const explicitTags = schema.tags.filter((t) => !(t.nodeKind === "scalar" && t.implicit) && !defaultTags.has(t));
	const defaultTagsLast = schema.tags.filter((t) => defaultTags.has(t));
	return [
		...implicitScalars.map((tag) => ({
			tag,
			implicitTag: true
		})),
		...explicitTags.map((tag) => ({
			tag,
			implicitTag: false
		})),
		...defaultTagsLast.map((tag) => ({
			tag,
			implicitTag: true
		}))
	];
}
function matchTag(state, object) {
	for (let index = 0, length = state.representTypes.length; index < length; index += 1) {
		const { tag, implicitTag } = state.representTypes[index];
		if (tag.identify(object)) {
			let tagName;
			if (tag.matchByTagPrefix) tagName = tag.representTagName(object);
			else tagName = tag.tagName;
			return {
				tag,
				tagName,
				implicitTag
			};
		}
	}
	return null;
}
function build(state, object) {
	if (!state.noRefs && object !== null && typeof object === "object") {
		const existing = state.refs.get(object);
		if (existing) {
			if (existing.anchor === void 0) existing.anchor = `ref_${state.refCounter++}`;
			return {
				kind: "alias",
				anchor: existing.anchor
			};
		}
	}
	const matched = matchTag(state, object);
	if (!matched) {
		if (object === void 0) return INVALID;
		if (state.skipInvalid) return INVALID;
		throw new YAMLException(`unacceptable kind of an object to dump ${Object.prototype.toString.call(object)}`);
	}
	const { tag, tagName, implicitTag } = matched;
	const nodeTagName = implicitTag ? tagName : tagNameShort(tagName);
	if (tag.nodeKind === "scalar") return {
		kind: "scalar",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: SCALAR_STYLE.PLAIN,
		value: tag.represent(object)
	};
	if (tag.nodeKind === "sequence") {
		const container = tag.represent(object);
		const node = {
			kind: "sequence",
			tag: nodeTagName,
			tagged: !implicitTag,
			style: COLLECTION_STYLE.BLOCK,
			items: []
		};
		if (!state.noRefs) state.refs.set(object, node);
		for (let index = 0, length = container.length; index < length; index += 1) {
			let item = build(state, container[index]);
			if (item === INVALID && container[index] === void 0) item = build(state, null);
			if (item === INVALID) continue;
			node.items.push(item);
		}
		return node;
	}
	const map = tag.represent(object);
	const node = {
		kind: "mapping",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: COLLECTION_STYLE.BLOCK,
		items: []
	};
	if (!state.noRefs) state.refs.set(object, node);
	for (const [objectKey, objectValue] of map) {
		const key = build(state, objectKey);
		if (key === INVALID) continue;
		const value = build(state, objectValue);
		if (value === INVALID) continue;
		node.items.push({
			key,
			value
		});
	}
	return node;
}
/**
* Convert JS object to AST. A JS value is one YAML document. An unrepresentable
* root becomes an empty document, which the presenter renders as an empty
* string.
*
* @category AST
*/
function jsToAst(input, schema, options = {}) {
	const root = build({
		representTypes: buildRepresentTypes(schema),
		noRefs: options.noRefs ?? false,
		skipInvalid: options.skipInvalid ?? false,
		refs: /* @__PURE__ */ new Map(),
		refCounter: 0
	}, input);
	return [{
		contents: root === INVALID ? null : root,
		directives: []
	}];
}
//#endregion
//#region src/ast/visit.ts
/**
* Return from a visitor to stop the whole traversal.
*
* @category AST
*/
var VISIT_BREAK = Symbol("visit:break");
/**
* Return from a visitor to skip the current node's children.
*
* @category AST
*/
var VISIT_SKIP = Symbol("visit:skip");
function visitNode(node, visitor, ctx) {
	const control = visitor(node, ctx);
	if (control === VISIT_BREAK) return true;
	if (control === VISIT_SKIP) return false;
	const depth = ctx.depth + 1;
	switch (node.kind) {
		case "sequence":
			for (const item of node.items) if (visitNode(item, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
			break;
		case "mapping": for (const { key, value } of node.items) {
			if (visitNode(key, visitor, {
				depth,
				parent: node,
				isKey: true
			})) return true;
			if (visitNode(value, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
		}
	}
	return false;
}
/**
* Walk every node in the documents, calling {@link Visitor} once per
* node (pre-order).
*
* @category AST
*/
function visit(documents, visitor) {
	for (const doc of documents) if (doc.contents && visitNode(doc.contents, visitor, {
		depth: 0,
		parent: null,
		isKey: false
	})) return;
}
//#endregion
//#region src/ast/styler_defaults.ts
function hasBit(mask, bit) {
	return (mask & 1 << bit) !== 0;
}
/**
* Default scalar styling rules in application order.
* See [Scalar styling](../../docs/scalar_styling.md) for usage details.
*
* @category AST
*/
var DEFAULT_SCALAR_STYLE_RULES = {
	applyQuoteFlowKeysOption,
	doubleQuoteForInvisibles,
	doubleQuoteWhitespaceOnly,
	applyForceQuotesOption,
	tryLongOrMultilineAsBlock,
	quoteInvalidPlain,
	fallbackToDoubleQuoted
};
function _preferredQuotedStyle(layout) {
	if (layout.presenterOptions.quoteStyle === "single" && hasBit(layout.allowedStylesMask, SCALAR_STYLE.SINGLE_QUOTED)) return SCALAR_STYLE.SINGLE_QUOTED;
	return SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyQuoteFlowKeysOption(layout) {
	if (!layout.presenterOptions.quoteFlowKeys) return;
	if (!layout.isKey || !layout.flowOnly || layout.style !== SCALAR_STYLE.PLAIN) return;
	layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteForInvisibles(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteWhitespaceOnly(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /^\s+$/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyForceQuotesOption(layout) {
	if (!layout.presenterOptions.forceQuotes) return;
	if (layout.isKey || layout.style !== SCALAR_STYLE.PLAIN) return;
	if (layout.node.tag !== layout.presenterOptions.schema.defaultScalarTag.tagName) return;
	layout.style = layout.node.value.includes("\n") ? SCALAR_STYLE.DOUBLE_QUOTED : _preferredQuotedStyle(layout);
}
function tryLongOrMultilineAsBlock(layout) {
	if (layout.style !== SCALAR_STYLE.PLAIN || layout.isKey) return;
	const value = layout.node.value;
	const multiline = value.indexOf("\n") !== -1;
	if (!hasBit(layout.allowedStylesMask, SCALAR_STYLE.LITERAL_BLOCK)) {
		if (multiline) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
		return;
	}
	const w = layout.presenterOptions.lineWidth;
	if (w === -1) {
		if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
		return;
	}
	const availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	let position = 0;
	let shouldFold = false;
	while (position <= value.length) {
		let lineEnd = value.length;
		const nextLineBreak = value.indexOf("\n", position);
		if (nextLineBreak !== -1) lineEnd = nextLineBreak;
		const line = value.slice(position, lineEnd);
		if (line.length > availableWidth && line[0] !== " " && / [^ \t]/.test(line)) shouldFold = true;
		if (nextLineBreak === -1) break;
		position = nextLineBreak + 1;
	}
	if (shouldFold) layout.style = SCALAR_STYLE.FOLDED_BLOCK;
	else if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
}
function quoteInvalidPlain(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && !hasBit(layout.allowedStylesMask, SCALAR_STYLE.PLAIN)) layout.style = _preferredQuotedStyle(layout);
}
function fallbackToDoubleQuoted(layout) {
	if (!hasBit(layout.allowedStylesMask, layout.style)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
//#endregion
//#region src/ast/scalar_styler.ts
function setBit(mask, bit) {
	return mask | 1 << bit;
}
var SRC_C_PRINTABLE = "[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]";
var SRC_B_CHAR = "[\\n\\r]";
var SRC_C_BYTE_ORDER_MARK = "\\uFEFF";
var SRC_S_WHITE = "[ \\t]";
var SRC_NB_CHAR = `(?:(?!(?:${SRC_B_CHAR}|${SRC_C_BYTE_ORDER_MARK}))${SRC_C_PRINTABLE})`;
var SRC_NS_CHAR = `(?:(?!${SRC_S_WHITE})${SRC_NB_CHAR})`;
var SRC_NB_JSON = "[\\x09\\x20-\\uD7FF\\uE000-\\uFFFF\\u{10000}-\\u{10FFFF}]";
var SRC_C_INDICATOR = "[-?:,\\[\\]{}#&*!|>'\"%@`]";
var SRC_C_FLOW_INDICATOR = "[,\\[\\]{}]";
var SRC_NS_PLAIN_SAFE_FLOW_OUT = SRC_NS_CHAR;
var SRC_NS_PLAIN_SAFE_FLOW_IN = `(?:(?!${SRC_C_FLOW_INDICATOR})${SRC_NS_CHAR})`;
var SRC_NS_PLAIN_FIRST_FLOW_OUT = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))`;
var SRC_NS_PLAIN_FIRST_FLOW_IN = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))`;
var SRC_NS_PLAIN_CHAR_FLOW_OUT = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_OUT})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))#*`;
var SRC_NS_PLAIN_CHAR_FLOW_IN = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_IN})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))#*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_OUT})*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_IN})*`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_OUT = `${SRC_NS_PLAIN_FIRST_FLOW_OUT}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_IN = `${SRC_NS_PLAIN_FIRST_FLOW_IN}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_OUT;
var SRC_NS_PLAIN_ONE_LINE_FLOW_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_IN;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_OUT}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_IN}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT = `${SRC_NS_PLAIN_ONE_LINE_FLOW_OUT}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT})*`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_IN = `${SRC_NS_PLAIN_ONE_LINE_FLOW_IN}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN})*`;
var NS_PLAIN_FLOW_OUT = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT})$`, "u");
var NS_PLAIN_FLOW_IN = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_IN})$`, "u");
var NS_PLAIN_BLOCK_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY})$`, "u");
var NS_PLAIN_FLOW_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_FLOW_KEY})$`, "u");
var NB_SINGLE_ONE_LINE = new RegExp(`^(?:${SRC_NB_JSON})*$`, "u");
var NB_SINGLE_MULTI_LINE = new RegExp(`^(?:${SRC_NB_JSON}|\\n)*$`, "u");
var BLOCK_SCALAR_CONTENT = new RegExp(`^(?:${SRC_NB_CHAR}|\\n)*$`, "u");
var C_FORBIDDEN_FIRST_LINE = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/;
var C_FORBIDDEN_CONTENT = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/m;
function canUsePlain(layout) {
	const str = layout.node.value;
	if (str !== "") {
		if (!(layout.isKey ? layout.flowOnly ? NS_PLAIN_FLOW_KEY : NS_PLAIN_BLOCK_KEY : layout.flowOnly ? NS_PLAIN_FLOW_IN : NS_PLAIN_FLOW_OUT).test(str)) return false;
		if (layout.shiftOfFirstLine === 0 && C_FORBIDDEN_FIRST_LINE.test(str)) return false;
		if (layout.shiftOfContent === 0) {
			const firstLineBreak = str.indexOf("\n");
			if (firstLineBreak !== -1) {
				const content = str.slice(firstLineBreak + 1);
				if (C_FORBIDDEN_CONTENT.test(content)) return false;
			}
		}
	}
	const resolvedTag = layout.presenterOptions.schema.resolveImplicitScalarTag(str).tag.tagName;
	if (!layout.node.tagged && resolvedTag !== layout.node.tag) return false;
	if (!layout.node.tagged && str === "=" && resolvedTag === layout.presenterOptions.schema.defaultScalarTag.tagName) return false;
	return true;
}
function canUseSingleQuoted(layout) {
	const str = layout.node.value;
	if (!(layout.isKey ? NB_SINGLE_ONE_LINE : NB_SINGLE_MULTI_LINE).test(str)) return false;
	if (/[ \t]\n|\n[ \t]/.test(str)) return false;
	if (!layout.isKey && layout.shiftOfContent === 0) {
		const firstLineBreak = str.indexOf("\n");
		if (firstLineBreak !== -1 && C_FORBIDDEN_CONTENT.test(str.slice(firstLineBreak + 1))) return false;
	}
	return true;
}
function canUseBlock(layout) {
	if (layout.flowOnly || !BLOCK_SCALAR_CONTENT.test(layout.node.value)) return false;
	const contentIndent = layout.shiftOfContent - layout.shiftOfParent;
	if (contentIndent < 1) return false;
	if (contentIndent > 9 && /^\n* /.test(layout.node.value)) return false;
	if (layout.shiftOfContent === 0 && C_FORBIDDEN_CONTENT.test(layout.node.value)) return false;
	return true;
}
function detectAllowedStyles(layout) {
	let mask = setBit(0, SCALAR_STYLE.DOUBLE_QUOTED);
	if (canUsePlain(layout)) mask = setBit(mask, SCALAR_STYLE.PLAIN);
	if (canUseSingleQuoted(layout)) mask = setBit(mask, SCALAR_STYLE.SINGLE_QUOTED);
	if (canUseBlock(layout)) mask = setBit(setBit(mask, SCALAR_STYLE.LITERAL_BLOCK), SCALAR_STYLE.FOLDED_BLOCK);
	layout.allowedStylesMask = mask;
}
function renderScalar(layout) {
	switch (layout.style) {
		case SCALAR_STYLE.PLAIN: return renderPlain(layout);
		case SCALAR_STYLE.SINGLE_QUOTED: return renderSingleQuoted(layout);
		case SCALAR_STYLE.LITERAL_BLOCK: return renderLiteralBlock(layout);
		case SCALAR_STYLE.FOLDED_BLOCK: return renderFoldedBlock(layout);
		case SCALAR_STYLE.DOUBLE_QUOTED: return renderDoubleQuoted(layout);
	}
}
function renderPlain(layout) {
	return encodeFlowBreaks(layout.node.value, layout.shiftOfContent);
}
function renderSingleQuoted(layout) {
	return `'${encodeFlowBreaks(layout.node.value, layout.shiftOfContent).replace(/'/g, "''")}'`;
}
function renderLiteralBlock(layout) {
	const value = layout.node.value;
	return "|" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(value, layout.shiftOfContent));
}
function renderFoldedBlock(layout) {
	const value = layout.node.value;
	const w = layout.presenterOptions.lineWidth;
	let availableWidth = Infinity;
	if (w !== -1) availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	return ">" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(foldBlockScalar(value, availableWidth), layout.shiftOfContent));
}
function renderDoubleQuoted(layout) {
	return `"${escapeString(layout.node.value)}"`;
}
function encodeFlowBreaks(string, shiftOfContent) {
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) return string;
	const pad = " ".repeat(shiftOfContent);
	let result = string.slice(0, nextLF);
	const lineRe = /(\n+)([^\n]*)/g;
	lineRe.lastIndex = nextLF;
	let match;
	while (match = lineRe.exec(string)) {
		const breaks = match[1].length;
		const line = match[2];
		result += "\n".repeat(breaks + 1) + pad + line;
	}
	return result;
}
function indentString(string, spaces) {
	const indent = " ".repeat(spaces);
	let position = 0;
	let result = "";
	const length = string.length;
	while (position < length) {
		let line;
		const next = string.indexOf("\n", position);
		if (next === -1) {
			line = string.slice(position);
			position = length;
		} else {
			line = string.slice(position, next + 1);
			position = next + 1;
		}
		if (line.length && line !== "\n") result += indent;
		result += line;
	}
	return result;
}
function needIndentIndicator(string) {
	return /^\n* /.test(string);
}
function blockHeader(string, shiftOfParent, shiftOfContent) {
	const indentIndicator = needIndentIndicator(string) ? String(shiftOfContent - shiftOfParent) : "";
	const clip = string[string.length - 1] === "\n";
	return `${indentIndicator}${clip && (string[string.length - 2] === "\n" || string === "\n") ? "+" : clip ? "" : "-"}\n`;
}
function dropEndingNewline(string) {
	return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
}
function isMoreIndented(char) {
	return char === " " || char === "	";
}
function foldLine(line, width) {
	if (line === "" || isMoreIndented(line[0])) return line;
	const breakRe = / [^ \t]/g;
	let match;
	let start = 0;
	let end;
	let curr = 0;
	let next = 0;
	let result = "";
	while (match = breakRe.exec(line)) {
		next = match.index;
		if (next - start > width) {
			end = curr > start ? curr : next;
			result += `\n${line.slice(start, end)}`;
			start = end + 1;
		}
		curr = next;
	}
	result += "\n";
	if (line.length - start > width && curr > start) result += `${line.slice(start, curr)}\n${line.slice(curr + 1)}`;
	else result += line.slice(start);
	return result.slice(1);
}
function foldBlockScalar(string, width) {
	const lineRe = /(\n+)([^\n]*)/g;
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) nextLF = string.length;
	lineRe.lastIndex = nextLF;
	let result = foldLine(string.slice(0, nextLF), width);
	let prevMoreIndented = string[0] === "\n" || isMoreIndented(string[0]);
	let moreIndented;
	let match;
	while (match = lineRe.exec(string)) {
		const prefix = match[1];
		const line = match[2];
		moreIndented = line !== "" && isMoreIndented(line[0]);
		result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
		prevMoreIndented = moreIndented;
	}
	return result;
}
var CHARACTERS_TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;
function escapeCharacter(character) {
	switch (character) {
		case "\0": return "\\0";
		case "\x07": return "\\a";
		case "\b": return "\\b";
		case "	": return "\\t";
		case "\n": return "\\n";
		case "\v": return "\\v";
		case "\f": return "\\f";
		case "\r": return "\\r";
		case "\x1B": return "\\e";
		case "\"": return "\\\"";
		case "\\": return "\\\\";
		case "": return "\\N";
		case "\xA0": return "\\_";
		case "\u2028": return "\\L";
		case "\u2029": return "\\P";
	}
	const code = character.charCodeAt(0);
	const hex = code.toString(16).toUpperCase();
	if (code <= 255) return `\\x${"0".repeat(2 - hex.length)}${hex}`;
	return `\\u${"0".repeat(4 - hex.length)}${hex}`;
}
function escapeString(string) {
	return string.replace(CHARACTERS_TO_ESCAPE, escapeCharacter);
}
//#endregion
//#region src/ast/presenter.ts
var CHAR_LINE_FEED = 10;
var DEFAULT_PRESENTER_OPTIONS = {
	indent: 2,
	seqNoIndent: false,
	seqInlineFirst: true,
	lineWidth: 80,
	flowBracketPadding: false,
	flowSkipCommaSpace: false,
	flowSkipColonSpace: false,
	quoteFlowKeys: false,
	quoteStyle: "single",
	forceQuotes: false,
	scalarStyleRules: Object.keys(DEFAULT_SCALAR_STYLE_RULES).map((name) => Reflect.get(DEFAULT_SCALAR_STYLE_RULES, name)),
	tagBeforeAnchor: false
};
function nodeTagShort(node) {
	return node.tagged ? node.tag : tagNameShort(node.tag);
}
function createPresenterState(options) {
	const opts = {
		...DEFAULT_PRESENTER_OPTIONS,
		...options
	};
	if (opts.flowSkipColonSpace) opts.quoteFlowKeys = true;
	return {
		...opts,
		defaultScalarTagName: opts.schema.defaultScalarTag.tagName,
		openEnded: false
	};
}
function generateNextLine(state, level) {
	return `\n${" ".repeat(state.indent * level)}`;
}
function scalarLayout(state, node, parent, level, isKey, flowOnly) {
	return {
		node,
		parent,
		level,
		isKey,
		flowOnly,
		shiftOfParent: level === 0 ? -1 : state.indent * (level - 1),
		shiftOfContent: state.indent * Math.max(1, level),
		shiftOfFirstLine: level === 0 ? 0 : state.indent * level,
		presenterOptions: state,
		allowedStylesMask: 0,
		style: node.style
	};
}
function writeFlowSequence(state, level, node) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level, node.items[index], node, {}).text;
		if (index > 0) result += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		result += item;
	}
	const pad = state.flowBracketPadding && node.items.length > 0 ? " " : "";
	return `[${pad}${result}${pad}]`;
}
function writeBlockSequence(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level + 1, node.items[index], node, {
			block: true,
			compact: state.seqInlineFirst,
			isblockseq: true
		}).text;
		if (!compact || result !== "") result += generateNextLine(state, level);
		if (item === "" || CHAR_LINE_FEED === item.charCodeAt(0)) result += "-";
		else result += "- ";
		result += item;
	}
	return result;
}
function writeFlowMapping(state, level, node) {
	let result = "";
	for (const { key, value } of node.items) {
		let pairBuffer = "";
		if (result !== "") pairBuffer += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		const keyRender = writeNode(state, level, key, node, { iskey: true });
		const keyText = keyRender.text;
		const valueText = writeNode(state, level, value, node, {}).text;
		const sep = state.flowSkipColonSpace || valueText === "" ? "" : " ";
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = key.kind === "alias" || keyIsBareProps ? " " : "";
		pairBuffer += `${keyText}${keyColonSep}:${sep}${valueText}`;
		result += pairBuffer;
	}
	const pad = state.flowBracketPadding && result !== "" ? " " : "";
	return `{${pad}${result}${pad}}`;
}
function writeBlockMapping(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		let pairBuffer = "";
		if (!compact || result !== "") pairBuffer += generateNextLine(state, level);
		const { key, value } = node.items[index];
		const keyIsBlock = (key.kind === "mapping" || key.kind === "sequence") && key.style === COLLECTION_STYLE.BLOCK && key.items.length !== 0 || key.kind === "scalar" && (key.style === SCALAR_STYLE.LITERAL_BLOCK || key.style === SCALAR_STYLE.FOLDED_BLOCK);
		const keyRender = keyIsBlock ? writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			isblockseq: !cannotBeCompact(state, key, level + 1)
		}) : writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			iskey: true
		});
		const keyText = keyRender.text;
		const keyHasLineBreak = key.kind === "scalar" && key.value.indexOf("\n") !== -1;
		const keyIsTooLong = keyText.length > 1024 && /^[\s\S]{1025}/u.test(keyText);
		const explicitPair = keyIsBlock || keyHasLineBreak || keyIsTooLong;
		if (explicitPair) {
			if (keyText && CHAR_LINE_FEED === keyText.charCodeAt(0)) pairBuffer += "?";
			else pairBuffer += "? ";
		}
		pairBuffer += keyText;
		if (explicitPair) pairBuffer += generateNextLine(state, level);
		const valueText = writeNode(state, level + 1, value, node, {
			block: true,
			compact: explicitPair,
			isblockseq: explicitPair && !cannotBeCompact(state, value, level + 1)
		}).text;
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = !explicitPair && (key.kind === "alias" || keyIsBareProps) ? " " : "";
		if (valueText === "" || CHAR_LINE_FEED === valueText.charCodeAt(0)) pairBuffer += `${keyColonSep}:`;
		else pairBuffer += `${keyColonSep}: `;
		pairBuffer += valueText;
		result += pairBuffer;
	}
	return result;
}
function cannotBeCompact(state, node, level) {
	if (node.kind === "alias") return true;
	return node.tagged || node.anchor !== void 0 || state.indent < 2 && level > 0;
}
function writeNode(state, level, node, parent, ctx) {
	if (node.kind === "alias") {
		state.openEnded = false;
		return {
			text: `*${node.anchor}`,
			noBody: false
		};
	}
	const { block = false, iskey = false, isblockseq = false } = ctx;
	let compact = ctx.compact ?? false;
	const hasAnchor = node.anchor !== void 0;
	if (cannotBeCompact(state, node, level)) compact = false;
	let body;
	let shouldPrintTag = node.tagged;
	const useBlockCollection = block && (node.kind === "mapping" || node.kind === "sequence") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0;
	if (node.kind === "mapping") {
		if (useBlockCollection) body = writeBlockMapping(state, level, node, compact);
		else body = writeFlowMapping(state, level, node);
	} else if (node.kind === "sequence") {
		if (useBlockCollection) {
			if (state.seqNoIndent && !isblockseq && level > 0) body = writeBlockSequence(state, level - 1, node, compact);
			else body = writeBlockSequence(state, level, node, compact);
		} else body = writeFlowSequence(state, level, node);
	} else {
		const layout = scalarLayout(state, node, parent, level, iskey, !block);
		detectAllowedStyles(layout);
		for (const rule of state.scalarStyleRules) rule(layout);
		body = renderScalar(layout);
		state.openEnded = (layout.style === SCALAR_STYLE.LITERAL_BLOCK || layout.style === SCALAR_STYLE.FOLDED_BLOCK) && (node.value === "\n" || node.value.endsWith("\n\n"));
		shouldPrintTag = node.tagged || body === "" && layout.flowOnly && parent?.kind === "sequence" && !hasAnchor || layout.style !== SCALAR_STYLE.PLAIN && node.tag !== state.defaultScalarTagName;
	}
	if ((node.kind === "mapping" || node.kind === "sequence") && !useBlockCollection) state.openEnded = false;
	if (useBlockCollection && compact && level > 0 && state.indent > 2) body = `${" ".repeat(state.indent - 2)}${body}`;
	const noBody = body === "";
	let text = body;
	if (shouldPrintTag || hasAnchor) {
		const props = [];
		const tag = shouldPrintTag ? nodeTagShort(node) : null;
		const anchor = hasAnchor ? `&${node.anchor}` : null;
		if (state.tagBeforeAnchor) {
			if (tag !== null) props.push(tag);
			if (anchor !== null) props.push(anchor);
		} else {
			if (anchor !== null) props.push(anchor);
			if (tag !== null) props.push(tag);
		}
		const sep = body === "" || body.charCodeAt(0) === CHAR_LINE_FEED ? "" : " ";
		text = `${props.join(" ")}${sep}${body}`;
	}
	return {
		text,
		noBody
	};
}
function rootStartsOwnLine(node) {
	return (node.kind === "sequence" || node.kind === "mapping") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0 && !node.tagged && node.anchor === void 0;
}
function writeDocumentDirectives(doc) {
	let result = "";
	for (const directive of doc.directives) {
		if (directive.kind === "yaml") {
			result += `%YAML ${directive.version}\n`;
			continue;
		}
		const { handle, prefix } = directive;
		result += `%TAG ${handle} ${prefix}\n`;
	}
	return result;
}
/**
* Build YAML from AST.
*
* @category AST
*/
function present(documents, options) {
	const state = createPresenterState(options);
	let result = "";
	let previousEnded = false;
	for (let index = 0; index < documents.length; index += 1) {
		const doc = documents[index];
		state.openEnded = false;
		const directives = writeDocumentDirectives(doc);
		const hasDirectives = directives !== "";
		const marker = doc.explicitStart || hasDirectives || index > 0 && !previousEnded;
		result += directives;
		if (doc.contents === null) {
			if (marker) result += "---\n";
		} else if (marker) {
			const body = writeNode(state, 0, doc.contents, null, {
				block: true,
				compact: true
			}).text;
			const sep = body === "" ? "" : hasDirectives || rootStartsOwnLine(doc.contents) ? "\n" : " ";
			result += `---${sep}${body}\n`;
		} else result += writeNode(state, 0, doc.contents, null, {
			block: true,
			compact: true
		}).text + "\n";
		previousEnded = doc.explicitEnd || state.openEnded;
		if (previousEnded) result += "...\n";
	}
	return result;
}
//#endregion
//#region src/dump.ts
var DEFAULT_DUMP_OPTIONS = {
	...DEFAULT_PRESENTER_OPTIONS,
	schema: DUMP_SCHEMA,
	skipInvalid: false,
	noRefs: false,
	flowLevel: -1,
	sortKeys: false,
	transform: () => {}
};
function defaultCompareFn(a, b) {
	const x = String(a);
	const y = String(b);
	if (x < y) return -1;
	if (x > y) return 1;
	return 0;
}
/**
* Serializes JS object as a YAML document. By default it can dump every
* supported YAML type, so it throws an exception if you try to dump regexps or
* functions. However, you can disable exceptions by setting the
* {@link DumpOptions.skipInvalid} option to `true`.
*
* @category Main
*/
function dump(input, options = {}) {
	const opts = {
		...DEFAULT_DUMP_OPTIONS,
		...options
	};
	const documents = jsToAst(input, opts.schema, {
		noRefs: opts.noRefs,
		skipInvalid: opts.skipInvalid
	});
	if (opts.flowLevel >= 0) visit(documents, (node, ctx) => {
		if (ctx.depth < opts.flowLevel) return;
		if (node.kind === "sequence" || node.kind === "mapping") node.style = COLLECTION_STYLE.FLOW;
		return VISIT_SKIP;
	});
	if (opts.sortKeys) {
		const compareFn = opts.sortKeys === true ? defaultCompareFn : opts.sortKeys;
		visit(documents, (node) => {
			if (node.kind !== "mapping") return;
			node.items.sort((a, b) => compareFn(a.key.kind === "scalar" ? a.key.value : "", b.key.kind === "scalar" ? b.key.value : ""));
		});
	}
	opts.transform(documents);
	return present(documents, {
		...pick(opts, Object.keys(DEFAULT_PRESENTER_OPTIONS)),
		schema: opts.schema
	});
}
//#endregion
//#region src/ast/from_events.ts
var NO_RANGE = (/* unused pure expression or super */ null && (-1));
function eventPosition(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function rawTag(state, event) {
	return event.tagStart === NO_RANGE ? "" : state.source.slice(event.tagStart, event.tagEnd);
}
function anchorName(state, event) {
	return event.anchorStart === NO_RANGE ? void 0 : state.source.slice(event.anchorStart, event.anchorEnd);
}
function buildScalar(state, event) {
	const value = getScalarValue(state.source, event);
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw !== "") {
		tagged = true;
		tag = raw;
	} else if (event.style === SCALAR_STYLE.PLAIN) tag = state.schema.resolveImplicitScalarTag(value).tag.tagName;
	else tag = state.schema.defaultScalarTag.tagName;
	return {
		kind: "scalar",
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event),
		value
	};
}
function buildCollection(state, event, defaultTagName) {
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw === "") tag = defaultTagName;
	else {
		tag = raw;
		tagged = true;
	}
	return {
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event)
	};
}
function addNode(state, node) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") frame.doc.contents = node;
	else if (frame.kind === "sequence") frame.node.items.push(node);
	else if (frame.key) {
		frame.node.items.push({
			key: frame.key,
			value: node
		});
		frame.key = null;
	} else frame.key = node;
}
/**
* Builds an AST from parser events
*
* @category AST
*/
function eventsToAst(events, options) {
	const state = {
		source: options.source,
		schema: options.schema,
		eventIndex: 0,
		position: 0,
		frames: [],
		documents: []
	};
	while (state.eventIndex < events.length) {
		const event = events[state.eventIndex++];
		state.position = eventPosition(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT: {
				const doc = {
					contents: null,
					explicitStart: event.explicitStart,
					explicitEnd: event.explicitEnd,
					directives: event.directives
				};
				state.frames.push({
					kind: "document",
					doc
				});
				break;
			}
			case EVENT_ID.SCALAR:
				addNode(state, buildScalar(state, event));
				break;
			case EVENT_ID.SEQUENCE: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:seq");
				const node = {
					kind: "sequence",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "sequence",
					node
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:map");
				const node = {
					kind: "mapping",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "mapping",
					node,
					key: null
				});
				break;
			}
			case EVENT_ID.ALIAS:
				addNode(state, {
					kind: "alias",
					anchor: state.source.slice(event.anchorStart, event.anchorEnd)
				});
				break;
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.key) throw new Error("incomplete mapping pair in event stream");
				if (frame.kind === "document") state.documents.push(frame.doc);
				else addNode(state, frame.node);
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/index.ts
/** @deprecated Use `EVENT_ID.DOCUMENT` instead. @internal */
var EVENT_DOCUMENT = EVENT_ID.DOCUMENT;
/** @deprecated Use `EVENT_ID.SEQUENCE` instead. @internal */
var EVENT_SEQUENCE = EVENT_ID.SEQUENCE;
/** @deprecated Use `EVENT_ID.MAPPING` instead. @internal */
var EVENT_MAPPING = EVENT_ID.MAPPING;
/** @deprecated Use `EVENT_ID.SCALAR` instead. @internal */
var EVENT_SCALAR = EVENT_ID.SCALAR;
/** @deprecated Use `EVENT_ID.ALIAS` instead. @internal */
var EVENT_ALIAS = EVENT_ID.ALIAS;
/** @deprecated Use `EVENT_ID.POP` instead. @internal */
var EVENT_POP = EVENT_ID.POP;
/** @deprecated Use `SCALAR_STYLE.PLAIN` instead. @internal */
var SCALAR_STYLE_PLAIN = SCALAR_STYLE.PLAIN;
/** @deprecated Use `SCALAR_STYLE.SINGLE_QUOTED` instead. @internal */
var SCALAR_STYLE_SINGLE_QUOTED = SCALAR_STYLE.SINGLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.DOUBLE_QUOTED` instead. @internal */
var SCALAR_STYLE_DOUBLE_QUOTED = SCALAR_STYLE.DOUBLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.LITERAL_BLOCK` instead. @internal */
var SCALAR_STYLE_LITERAL_BLOCK = SCALAR_STYLE.LITERAL_BLOCK;
/** @deprecated Use `SCALAR_STYLE.FOLDED_BLOCK` instead. @internal */
var SCALAR_STYLE_FOLDED_BLOCK = SCALAR_STYLE.FOLDED_BLOCK;
/** @deprecated Use `COLLECTION_STYLE.BLOCK` instead. @internal */
var COLLECTION_STYLE_BLOCK = COLLECTION_STYLE.BLOCK;
/** @deprecated Use `COLLECTION_STYLE.FLOW` instead. @internal */
var COLLECTION_STYLE_FLOW = COLLECTION_STYLE.FLOW;
/** @deprecated Use `CHOMPING_MODE.CLIP` instead. @internal */
var CHOMPING_CLIP = CHOMPING_MODE.CLIP;
/** @deprecated Use `CHOMPING_MODE.STRIP` instead. @internal */
var CHOMPING_STRIP = CHOMPING_MODE.STRIP;
/** @deprecated Use `CHOMPING_MODE.KEEP` instead. @internal */
var CHOMPING_KEEP = CHOMPING_MODE.KEEP;
//#endregion


//# sourceMappingURL=js-yaml.mjs.map
;// CONCATENATED MODULE: ./src/plan/yaml-document.ts

const MAX_ALIASES = 100;
const MAX_DEPTH = 64;
const MAX_EXPANDED_NODES = 100_000;
function pathKey(path) {
    return JSON.stringify(path);
}
function lineStarts(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++)
        if (text.charCodeAt(i) === 10)
            starts.push(i + 1);
    return starts;
}
function positionAt(text, starts, offset) {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset)
            low = mid;
        else
            high = mid - 1;
    }
    const start = starts[low];
    const end = low + 1 < starts.length ? starts[low + 1] - 1 : text.length;
    const sourceLine = text.slice(start, end).replace(/\r$/, '');
    return { line: low + 1, column: offset - start + 1, sourceLine };
}
function eventOffset(event) {
    switch (event.type) {
        case EVENT_ID.SCALAR: {
            const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
            const start = quoted ? event.valueStart - 1 : event.valueStart;
            return event.tagStart >= 0 ? Math.min(event.tagStart, start) : start;
        }
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE:
            return event.tagStart >= 0 ? Math.min(event.tagStart, event.start) : event.start;
        case EVENT_ID.ALIAS:
            return event.anchorStart - 1;
        default:
            return 0;
    }
}
class ExpansionLimitError extends Error {
    offset;
    constructor(offset) {
        super('alias expansion limit');
        this.offset = offset;
    }
}
function indexEvents(text, events) {
    const offsets = new Map();
    const anchorSizes = new Map();
    const stack = [];
    let total = 0;
    const addToParent = (size) => {
        const parent = stack[stack.length - 1];
        if (parent)
            parent.size += size;
    };
    const place = (event) => {
        const parent = stack[stack.length - 1];
        const offset = eventOffset(event);
        if (!parent) {
            offsets.set(pathKey([]), { key: null, value: offset });
            return [];
        }
        if (parent.kind === 'sequence') {
            const path = [...parent.path, parent.index++];
            offsets.set(pathKey(path), { key: null, value: offset });
            return path;
        }
        if (parent.pendingKey === null) {
            const name = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : '';
            parent.pendingKey = name;
            const path = [...parent.path, name];
            if (!offsets.has(pathKey(path)))
                offsets.set(pathKey(path), { key: offset, value: offset });
            return null;
        }
        const path = [...parent.path, parent.pendingKey];
        const existing = offsets.get(pathKey(path));
        offsets.set(pathKey(path), { key: existing?.key ?? offset, value: offset });
        parent.pendingKey = null;
        return path;
    };
    const anchorOf = (event) => event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : null;
    for (const event of events) {
        switch (event.type) {
            case EVENT_ID.SCALAR: {
                place(event);
                total += 1;
                addToParent(1);
                const anchor = anchorOf(event);
                if (anchor !== null)
                    anchorSizes.set(anchor, 1);
                break;
            }
            case EVENT_ID.ALIAS: {
                place(event);
                const size = anchorSizes.get(text.slice(event.anchorStart, event.anchorEnd)) ?? 1;
                total += size;
                addToParent(size);
                if (total > MAX_EXPANDED_NODES)
                    throw new ExpansionLimitError(eventOffset(event));
                break;
            }
            case EVENT_ID.MAPPING:
            case EVENT_ID.SEQUENCE: {
                const path = place(event) ?? [];
                total += 1;
                stack.push({
                    kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence',
                    path,
                    pendingKey: null,
                    index: 0,
                    size: 1,
                    anchor: anchorOf(event),
                });
                break;
            }
            case EVENT_ID.POP: {
                const frame = stack.pop();
                if (frame) {
                    if (frame.anchor !== null)
                        anchorSizes.set(frame.anchor, frame.size);
                    addToParent(frame.size);
                }
                break;
            }
            default:
                break;
        }
    }
    return offsets;
}
function parseYamlDocument(file, source) {
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const starts = lineStarts(text);
    const issueAt = (code, offset, message, expected) => {
        const position = positionAt(text, starts, Math.max(0, Math.min(offset, text.length)));
        return {
            document: null,
            issues: [{ code, path: [], message, file, ...position, ...(expected === undefined ? {} : { expected }) }],
        };
    };
    if (text.trim() === '')
        return issueAt('yaml_syntax', 0, 'the file is empty', 'a mapping with `version: 1` and `plans:`');
    let value;
    let offsets;
    try {
        const events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
        offsets = indexEvents(text, events);
        value = load(text, { filename: file, maxAliases: MAX_ALIASES, maxDepth: MAX_DEPTH });
    }
    catch (error) {
        if (error instanceof ExpansionLimitError) {
            return issueAt('alias_limit', error.offset, `aliases expand to more than ${MAX_EXPANDED_NODES} nodes`, 'a plan without deeply nested aliases');
        }
        if (error instanceof YAMLException) {
            const reason = error.reason;
            if (/maxAliases/i.test(reason) || /alias/i.test(reason)) {
                return issueAt('alias_limit', error.mark?.position ?? 0, `${reason} (at most ${MAX_ALIASES} aliases)`);
            }
            if (/maxDepth/i.test(reason)) {
                return issueAt('yaml_syntax', error.mark?.position ?? 0, `nesting deeper than ${MAX_DEPTH} levels`);
            }
            if (/tag/i.test(reason)) {
                return issueAt('yaml_syntax', error.mark?.position ?? 0, reason, 'plain YAML values: custom tags such as !foo or !!binary are not accepted');
            }
            if (/duplicated mapping key/i.test(reason)) {
                return issueAt('duplicate', error.mark?.position ?? 0, 'duplicated key: each key may appear once in a mapping');
            }
            return issueAt('yaml_syntax', error.mark?.position ?? 0, `invalid YAML: ${reason}`);
        }
        throw error;
    }
    const locate = (path, at = 'value') => {
        for (let length = path.length; length >= 0; length--) {
            const found = offsets.get(pathKey(path.slice(0, length)));
            if (found)
                return positionAt(text, starts, at === 'key' && length === path.length ? (found.key ?? found.value) : found.value);
        }
        return positionAt(text, starts, 0);
    };
    return { document: { file, value, locate }, issues: [] };
}

;// CONCATENATED MODULE: ./src/plan/importers/config-reader.ts

function isMapping(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function showWritten(value) {
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value))
        return `[${value.map(showWritten).join(', ')}]`;
    if (isMapping(value))
        return '{…}';
    return String(value);
}
function showKey(key) {
    return key
        .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
        .join('');
}
class ConfigReader {
    document;
    tool;
    fields = [];
    notes = [];
    warnings = [];
    follows = [];
    globalBatch = null;
    read = new Set();
    root;
    constructor(document, tool) {
        this.document = document;
        this.tool = tool;
        this.root = isMapping(document.value) ? document.value : {};
        if (!isMapping(document.value))
            this.warn([], `expected a mapping of ${tool} settings; nothing was read`);
    }
    get(key) {
        for (let length = 1; length <= key.length; length++)
            this.read.add(pathKey(key.slice(0, length)));
        let current = this.root;
        for (const segment of key) {
            if (typeof segment === 'number')
                current = Array.isArray(current) ? current[segment] : undefined;
            else
                current = isMapping(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
        }
        return current === null ? undefined : current;
    }
    has(key) {
        return this.get(key) !== undefined;
    }
    mapping(key) {
        const value = this.get(key);
        if (value === undefined || isMapping(value))
            return value;
        this.warn(key, `expected a mapping, got ${showWritten(value)}; not read`);
        return undefined;
    }
    number(key) {
        const value = this.get(key);
        if (value === undefined)
            return undefined;
        if (typeof value === 'number')
            return value;
        if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
            return Number(value);
        this.warn(key, `expected a number, got ${showWritten(value)}; not read`);
        return undefined;
    }
    integer(key) {
        const value = this.number(key);
        if (value === undefined || Number.isInteger(value))
            return value;
        this.warn(key, `expected a whole number, got ${value}; not read`);
        return undefined;
    }
    boolean(key) {
        const value = this.get(key);
        if (value === undefined || typeof value === 'boolean')
            return value;
        if (value === 'true' || value === 'false')
            return value === 'true';
        this.warn(key, `expected true or false, got ${showWritten(value)}; not read`);
        return undefined;
    }
    string(key) {
        const value = this.get(key);
        if (value === undefined || typeof value === 'string')
            return value;
        if (typeof value === 'number' || typeof value === 'boolean')
            return String(value);
        this.warn(key, `expected text, got ${showWritten(value)}; not read`);
        return undefined;
    }
    source(key) {
        return { key, written: showWritten(this.get(key)) };
    }
    set(field, value, keys, note) {
        this.fields.push({
            field,
            value,
            from: keys.map((key) => this.source(key)),
            ...(note === undefined ? {} : { note }),
        });
    }
    setDefault(field, value, note) {
        this.fields.push({ field, value, from: [], note });
    }
    hasField(field) {
        return this.fields.some((entry) => entry.field === field);
    }
    note(key, note) {
        this.notes.push({ source: this.source(key), note });
    }
    warn(key, message) {
        this.warnings.push({ key, message });
    }
    follow(format, path, key) {
        this.follows.push({ format, path, key });
    }
    absorb(result) {
        this.fields.push(...result.fields);
        this.notes.push(...result.notes);
        this.warnings.push(...result.warnings);
        this.follows.push(...result.follow);
        this.globalBatch = result.globalBatch ?? this.globalBatch;
    }
    checkGlobalBatch(sequences, key) {
        this.globalBatch = { sequences, key };
    }
    warnUnread(ignored, section = []) {
        const mapping = section.length === 0 ? this.root : this.mapping(section);
        if (mapping === undefined)
            return;
        for (const [key, value] of Object.entries(mapping)) {
            const path = [...section, key];
            if (value === null || this.read.has(pathKey(path)) || ignored(key))
                continue;
            this.warn(path, `${showKey(path)} = ${showWritten(value)} is not read by the ${this.tool} importer: if it changes memory or compute, the estimate leaves it out`);
        }
    }
    result() {
        return {
            fields: this.fields,
            notes: this.notes,
            warnings: this.warnings,
            follow: this.follows,
            globalBatch: this.globalBatch,
        };
    }
}
function subDocument(document, key, value) {
    return {
        file: document.file,
        value,
        locate: (path, at) => document.locate([...key, ...path], at),
    };
}

;// CONCATENATED MODULE: ./src/plan/importers/hf-trainer-names.ts
const FUSED_CAVEAT = "steps with torch's fused AdamW, which needs no state-sized temporary; estimated with the foreach step's temporary (high by that much when the optimizer step is the peak)";
const OPTIMIZERS = {
    adamw_torch: { optimizer: 'adamw' },
    adamw_hf: { optimizer: 'adamw' },
    adamw_torch_xla: { optimizer: 'adamw' },
    adamw_anyprecision: { optimizer: 'adamw' },
    adamw_torch_fused: { optimizer: 'adamw', caveat: FUSED_CAVEAT },
    adamw_apex_fused: { optimizer: 'adamw', caveat: FUSED_CAVEAT },
    adamw_torch_npu_fused: { optimizer: 'adamw', caveat: FUSED_CAVEAT },
    adamw_bnb_8bit: { optimizer: 'adamw-8bit' },
    adamw_8bit: { optimizer: 'adamw-8bit' },
    adamw_torch_8bit: { optimizer: 'adamw-8bit' },
    ao_adamw_8bit: { optimizer: 'adamw-8bit' },
    paged_adamw_8bit: { optimizer: 'paged-adamw-8bit' },
    paged_adamw_32bit: {
        optimizer: 'adamw',
        caveat: 'keeps fp32 states in paged (unified) memory, which the estimate counts on the device as plain AdamW',
    },
    adafactor: { optimizer: 'adafactor' },
    sgd: { optimizer: 'sgd' },
    lion_32bit: { optimizer: 'lion' },
    lion_8bit: { optimizer: 'lion', caveat: 'keeps 8-bit states; estimated with 32-bit Lion states' },
    paged_lion_32bit: { optimizer: 'lion', caveat: 'keeps paged states; estimated as plain Lion' },
    paged_lion_8bit: { optimizer: 'lion', caveat: 'keeps 8-bit paged states; estimated with 32-bit Lion states' },
};
function readHfOptimizer(reader, key) {
    const name = reader.string(key);
    if (name === undefined)
        return;
    const reading = OPTIMIZERS[name.toLowerCase()];
    if (reading === undefined) {
        reader.warn(key, `optimizer ${name} is not one the estimate models; the plan's optimizer (default adamw) is used`);
        return;
    }
    reader.set('training.optimizer', reading.optimizer, [key]);
    if (reading.caveat !== undefined)
        reader.warn(key, `${name} ${reading.caveat}`);
}
function attentionKernel(name) {
    switch (name) {
        case 'flash_attention_2':
        case 'flash_attention_3':
        case 'kernels-community/flash-attn':
        case 'kernels-community/vllm-flash-attn3':
            return { kernel: 'flash' };
        case 'sdpa':
            return { kernel: 'sdpa' };
        case 'eager':
            return { kernel: 'eager' };
        case 'xformers':
            return { kernel: 'flash', note: "xformers' memory-efficient attention keeps no s×s scores, like flash" };
        case 'flex_attention':
            return { kernel: 'flash', note: 'flex attention keeps no s×s scores; estimated like flash' };
        default:
            return null;
    }
}
function fsdpStage(strategy) {
    switch (strategy.toUpperCase().replace(/^FSDP_/, '')) {
        case 'FULL_SHARD':
        case '1':
            return { zero: 3 };
        case 'SHARD_GRAD_OP':
        case '2':
            return { zero: 2 };
        case 'NO_SHARD':
        case '3':
            return { zero: 0 };
        case 'HYBRID_SHARD':
        case 'HYBRID_SHARD_ZERO2':
        case '4':
        case '5':
            return {
                zero: 3,
                caveat: 'shards within each node and replicates across nodes; estimated as full sharding over every GPU',
            };
        default:
            return null;
    }
}

;// CONCATENATED MODULE: ./src/plan/importers/fsdp-settings.ts

const IGNORED = new Set([
    'auto_wrap_policy',
    'transformer_layer_cls_to_wrap',
    'min_num_params',
    'sync_module_states',
    'use_orig_params',
    'limit_all_gathers',
    'backward_prefetch',
    'forward_prefetch',
    'cpu_offload_pin_memory',
    'activation_cpu_offload',
    'final_state_dict_type',
]);
function readFsdp(reader, keys) {
    const config = reader.mapping(keys.config);
    const listValue = keys.list === undefined ? undefined : reader.get(keys.list);
    const options = typeof listValue === 'string'
        ? listValue.split(/\s+/)
        : Array.isArray(listValue)
            ? listValue.filter((item) => typeof item === 'string')
            : [];
    if (config === undefined && options.length === 0)
        return false;
    const key = (name) => {
        const prefixed = `fsdp_${name}`;
        return config !== undefined && Object.hasOwn(config, prefixed)
            ? [...keys.config, prefixed]
            : [...keys.config, name];
    };
    const versionKey = keys.version !== undefined && reader.has(keys.version) ? keys.version : key('version');
    const version = reader.integer(versionKey);
    const fsdp2 = version === 2;
    if (version !== undefined)
        reader.set('parallelism.sharding', fsdp2 ? 'fsdp2' : 'fsdp', [versionKey]);
    else
        reader.setDefault('parallelism.sharding', 'fsdp', 'FSDP1 unless fsdp_version is 2');
    const strategy = reader.string(key('sharding_strategy'));
    const listed = options.map((option) => fsdpStage(option)).find((stage) => stage !== null);
    const reshard = reader.boolean(key('reshard_after_forward'));
    if (strategy !== undefined) {
        const stage = fsdpStage(strategy);
        if (stage === null)
            reader.warn(key('sharding_strategy'), `sharding strategy ${strategy} is not known`);
        else {
            reader.set('parallelism.zero', stage.zero, [key('sharding_strategy')]);
            if (stage.caveat !== undefined)
                reader.warn(key('sharding_strategy'), `${strategy} ${stage.caveat}`);
        }
    }
    else if (listed !== undefined && keys.list !== undefined) {
        reader.set('parallelism.zero', listed.zero, [keys.list]);
        if (listed.caveat !== undefined)
            reader.warn(keys.list, `hybrid_shard ${listed.caveat}`);
    }
    else if (reshard !== undefined) {
        reader.set('parallelism.zero', reshard ? 3 : 2, [key('reshard_after_forward')]);
    }
    else
        reader.setDefault('parallelism.zero', 3, "accelerate's default FSDP strategy: FULL_SHARD");
    const offload = reader.boolean(key('offload_params')) === true;
    const listOffload = options.includes('offload');
    if (offload || listOffload) {
        const from = offload ? key('offload_params') : keys.list;
        reader.set('parallelism.offload.parameters', 'cpu', [from]);
        reader.set('parallelism.offload.optimizer', 'cpu', [from], 'FSDP steps the optimizer on the host with offloaded parameters');
    }
    const efficient = reader.boolean(key('cpu_ram_efficient_loading'));
    if (efficient !== undefined) {
        reader.set('checkpoint.load', efficient ? 'rank-zero' : 'every-rank-mmap', [key('cpu_ram_efficient_loading')]);
    }
    const stateDict = reader.string(key('state_dict_type'));
    if (stateDict !== undefined) {
        const type = stateDict.toUpperCase();
        if (type === 'FULL_STATE_DICT')
            reader.set('checkpoint.save', 'full-rank-zero', [key('state_dict_type')]);
        else if (type === 'SHARDED_STATE_DICT' || type === 'LOCAL_STATE_DICT') {
            reader.set('checkpoint.save', 'sharded-staged', [key('state_dict_type')]);
        }
        else
            reader.warn(key('state_dict_type'), `state dict type ${stateDict} is not known; not read`);
    }
    if (reader.boolean(key('activation_checkpointing')) === true) {
        reader.set('training.activation_checkpointing', 'full', [key('activation_checkpointing')]);
    }
    if (config !== undefined) {
        reader.warnUnread((name) => IGNORED.has(name.replace(/^fsdp_/, '')) || name === 'fsdp_version' || name === 'version', keys.config);
    }
    return true;
}

;// CONCATENATED MODULE: ./src/plan/importers/accelerate.ts


const accelerate_IGNORED = new Set([
    'compute_environment',
    'debug',
    'downcast_bf16',
    'machine_rank',
    'main_process_ip',
    'main_process_port',
    'main_training_function',
    'rdzv_backend',
    'same_network',
    'tpu_env',
    'tpu_use_cluster',
    'tpu_use_sudo',
    'use_cpu',
    'gpu_ids',
    'enable_cpu_affinity',
    'dynamo_config',
    'ipex_config',
    'mpirun_config',
    'tpu_name',
    'tpu_zone',
    'commands',
    'command_file',
]);
const IGNORED_DEEPSPEED = new Set([
    'deepspeed_config_file',
    'zero3_init_flag',
    'zero3_save_16bit_model',
    'deepspeed_multinode_launcher',
    'deepspeed_hostfile',
    'gradient_clipping',
]);
function readDeepSpeed(reader) {
    const section = ['deepspeed_config'];
    const file = reader.string([...section, 'deepspeed_config_file']);
    if (file !== undefined)
        reader.follow('deepspeed', file, [...section, 'deepspeed_config_file']);
    reader.setDefault('parallelism.sharding', 'deepspeed', 'distributed_type DEEPSPEED');
    const stage = reader.integer([...section, 'zero_stage']);
    if (stage !== undefined)
        reader.set('parallelism.zero', stage, [[...section, 'zero_stage']]);
    for (const [key, field] of [
        ['offload_optimizer_device', 'optimizer'],
        ['offload_param_device', 'parameters'],
    ]) {
        const device = reader.string([...section, key]);
        if (device === 'cpu' || device === 'nvme' || device === 'none') {
            reader.set(`parallelism.offload.${field}`, device, [[...section, key]]);
        }
        else if (device !== undefined)
            reader.warn([...section, key], `offload device ${device} is not cpu, nvme or none`);
    }
    const accumulation = reader.integer([...section, 'gradient_accumulation_steps']);
    if (accumulation !== undefined) {
        reader.set('training.gradient_accumulation_steps', accumulation, [[...section, 'gradient_accumulation_steps']]);
    }
    reader.warnUnread((key) => IGNORED_DEEPSPEED.has(key), section);
}
function importAccelerate(document) {
    const reader = new ConfigReader(document, 'accelerate');
    reader.setDefault('framework', 'hf-trainer', 'accelerate launches HF Trainer-style training');
    const type = reader.string(['distributed_type']);
    if (type === 'FSDP')
        readFsdp(reader, { config: ['fsdp_config'] });
    else if (type === 'DEEPSPEED')
        readDeepSpeed(reader);
    else if (type === 'MULTI_GPU' || type === 'NO')
        reader.set('parallelism.zero', 0, [['distributed_type']], 'DDP: nothing sharded');
    else if (type !== undefined)
        reader.warn(['distributed_type'], `distributed_type ${type} is not modelled`);
    const precision = reader.string(['mixed_precision']);
    const precisions = { bf16: 'bf16-mixed', fp16: 'fp16-mixed', fp8: 'fp8-mixed', no: 'fp32' };
    if (precision !== undefined) {
        const value = precisions[precision];
        if (value === undefined)
            reader.warn(['mixed_precision'], `mixed_precision ${precision} is not one of no, fp16, bf16, fp8`);
        else
            reader.set('training.precision', value, [['mixed_precision']]);
    }
    const processes = reader.integer(['num_processes']);
    const machines = reader.integer(['num_machines']) ?? 1;
    if (processes !== undefined) {
        reader.set('hardware.gpus', processes, [['num_processes']], 'one GPU per process, over all machines');
        if (machines > 1 && processes % machines === 0) {
            reader.set('hardware.gpus_per_node', processes / machines, [['num_processes'], ['num_machines']], 'num_processes / num_machines');
        }
    }
    if (reader.has(['megatron_lm_config']))
        reader.warn(['megatron_lm_config'], 'the Megatron-LM plugin is not read; write a Megatron plan');
    if (reader.has(['fp8_config']))
        reader.note(['fp8_config'], 'fp8 recipe details are not modelled beyond precision fp8-mixed');
    reader.warnUnread((key) => accelerate_IGNORED.has(key) || ['fsdp_config', 'deepspeed_config', 'megatron_lm_config', 'num_machines'].includes(key));
    return reader.result();
}

;// CONCATENATED MODULE: ./src/core/plan.ts
const FRAMEWORKS = [
    'generic',
    'megatron',
    'deepspeed',
    'fsdp',
    'hf-trainer',
    'torchtune',
    'torchtitan',
];
const SHARDING_ENGINES = ['deepspeed', 'fsdp', 'fsdp2', 'megatron'];
const DEFAULT_SHARDING = {
    generic: null,
    megatron: 'megatron',
    deepspeed: 'deepspeed',
    fsdp: 'fsdp2',
    'hf-trainer': 'fsdp',
    torchtune: 'fsdp2',
    torchtitan: 'fsdp2',
};
function runsTorchtitanLoop(framework) {
    return framework === 'fsdp' || framework === 'torchtitan';
}
const TRAINING_METHODS = ['full', 'lora', 'qlora', 'freeze'];
const PRECISIONS = ['fp32', 'fp16-mixed', 'bf16-mixed', 'bf16', 'fp8-mixed'];
const plan_OPTIMIZERS = [
    'adamw',
    'adam',
    'adamw-8bit',
    'paged-adamw-8bit',
    'adafactor',
    'sgd',
    'sgd-momentum',
    'lion',
];
const ACTIVATION_CHECKPOINTING = ['none', 'selective', 'full'];
const EXPERTS_IMPLEMENTATIONS = ['grouped_mm', 'eager'];
const DEFAULT_EXPERTS_IMPLEMENTATION = 'grouped_mm';
const ATTENTION_KERNELS = ['flash', 'flash1', 'flash3', 'sdpa', 'eager'];
const CROSS_ENTROPY = ['standard', 'chunked', 'fused'];
const OFFLOAD_TARGETS = ['none', 'cpu', 'nvme'];
const BASE_WEIGHT_DTYPES = ['fp32', 'bf16', 'fp16'];
const FREEZE_MODULES = ['lm_head', 'embed_tokens', 'norm'];
const PIPELINE_SCHEDULES = ['gpipe', '1f1b', 'interleaved-1f1b', 'zero-bubble', 'dualpipe'];
const OVERLAP_UNSET = { data: null, tensor: null, expert: null };

;// CONCATENATED MODULE: ./src/core/architecture/parameters.ts
function linearParameters(linear) {
    return linear.inFeatures * linear.outFeatures + (linear.bias ? linear.outFeatures : 0);
}
function normParameters(norm) {
    return norm.size * (norm.bias ? 2 : 1);
}
const sum = (values) => values.reduce((total, value) => total + value, 0);
function expertParameters(group) {
    return group.experts === null ? 0 : sum(group.experts.linears.map(linearParameters));
}
function layerParameters(group) {
    const ofPart = (...parts) => sum(group.linears.filter((l) => parts.includes(l.part)).map(linearParameters));
    return {
        attention: ofPart('attention'),
        mlp: ofPart('mlp', 'shared-expert'),
        router: ofPart('router') + group.extraParameters,
        experts: (group.experts?.numExperts ?? 0) * expertParameters(group),
        norms: sum(group.norms.map(normParameters)),
    };
}
function layerTotal(group) {
    const parts = layerParameters(group);
    return parts.attention + parts.mlp + parts.router + parts.experts + parts.norms;
}
function embeddingParameters(architecture) {
    const { vocabSize, hiddenSize, positionEmbeddings, embeddingNorm } = architecture;
    return vocabSize * hiddenSize + positionEmbeddings * hiddenSize + (embeddingNorm ? normParameters(embeddingNorm) : 0);
}
function lmHeadParameters(architecture) {
    const weight = architecture.tiedEmbeddings ? 0 : architecture.vocabSize * architecture.hiddenSize;
    return weight + (architecture.lmHeadBias === true ? architecture.vocabSize : 0);
}
function mtpParameters(architecture) {
    const mtp = architecture.multiTokenPrediction;
    if (mtp === null)
        return 0;
    return mtp.modules * (layerTotal(mtp.layer) + linearParameters(mtp.projection) + sum(mtp.norms.map(normParameters)));
}
function countParameters(architecture, options = {}) {
    let attention = 0;
    let mlp = 0;
    let router = 0;
    let experts = 0;
    let norms = normParameters(architecture.finalNorm);
    let inactiveExperts = 0;
    for (const group of architecture.layerGroups) {
        const layer = layerParameters(group);
        attention += group.count * layer.attention;
        mlp += group.count * layer.mlp;
        router += group.count * layer.router;
        experts += group.count * layer.experts;
        norms += group.count * layer.norms;
        if (group.experts !== null) {
            inactiveExperts +=
                group.count * (group.experts.numExperts - group.experts.expertsPerToken) * expertParameters(group);
        }
    }
    const breakdown = {
        embedding: embeddingParameters(architecture),
        attention,
        mlp,
        experts,
        router,
        norms,
        lmHead: lmHeadParameters(architecture),
        mtp: mtpParameters(architecture),
    };
    const total = breakdown.embedding + attention + mlp + experts + router + norms + breakdown.lmHead;
    return { total, trainable: options.trainable ?? total, activePerToken: total - inactiveExperts, breakdown };
}
const LM_HEAD_MODULE = 'lm_head';
function adapterTargetNames(architecture) {
    return [...linearModuleNames(architecture), LM_HEAD_MODULE];
}
function linearModuleNames(architecture) {
    const names = new Set();
    for (const group of architecture.layerGroups) {
        for (const linear of group.linears)
            names.add(linear.name);
        for (const linear of group.experts?.linears ?? [])
            names.add(linear.name);
    }
    return [...names];
}
function layerCount(architecture) {
    return architecture.layerGroups.reduce((sum, group) => sum + group.count, 0);
}
function routedExperts(architecture) {
    return architecture.layerGroups.reduce((most, group) => Math.max(most, group.experts?.numExperts ?? 0), 0);
}

;// CONCATENATED MODULE: ./src/core/trainable-parameters.ts

function lastLayers(count, total) {
    return Array.from({ length: Math.min(count, total) }, (_, i) => total - Math.min(count, total) + i);
}
function freezeTrainability(architecture, freeze) {
    const total = layerCount(architecture);
    const named = (module) => freeze.trainableModules.includes(module);
    const tied = architecture.tiedEmbeddings;
    const tiedShared = tied && (named('lm_head') || named('embed_tokens'));
    const embedding = named('embed_tokens') || tiedShared;
    const layers = new Set(freeze.trainableLayers.filter((index) => index >= 0 && index < total));
    const lowestLayer = layers.size > 0 ? Math.min(...layers) : total;
    return {
        layerCount: total,
        layers,
        embedding,
        finalNorm: named('norm'),
        head: !tied && named('lm_head'),
        tiedShared,
        multiTokenPrediction: architecture.multiTokenPrediction !== null && layers.has(total - 1),
        gradientFloor: embedding ? 0 : lowestLayer,
    };
}
function planFreeze(architecture, training) {
    if (training.method !== 'freeze' || training.freeze === undefined || training.freeze === null)
        return null;
    return freezeTrainability(architecture, training.freeze);
}
function layerRole(trainability, index) {
    if (trainability.layers.has(index))
        return 'trained';
    return index >= trainability.gradientFloor ? 'carries-gradient' : 'inert';
}
function layerRuns(groups, firstLayer, trainability) {
    const runs = [];
    let index = firstLayer;
    for (const group of groups) {
        for (let i = 0; i < group.count; i++, index++) {
            const role = layerRole(trainability, index);
            const last = runs[runs.length - 1];
            if (last !== undefined && last.group === group && last.role === role) {
                runs[runs.length - 1] = { ...last, count: last.count + 1 };
            }
            else
                runs.push({ group, count: 1, role, firstLayer: index });
        }
    }
    return runs;
}
function freezeTrainableParameters(architecture, trainability) {
    let total = 0;
    for (const run of layerRuns(architecture.layerGroups, 0, trainability)) {
        if (run.role === 'trained')
            total += run.count * layerTotal(run.group);
    }
    if (trainability.embedding)
        total += embeddingParameters(architecture);
    if (trainability.finalNorm)
        total += normParameters(architecture.finalNorm);
    const headBias = architecture.lmHeadBias === true ? architecture.vocabSize : 0;
    if (trainability.head)
        total += lmHeadParameters(architecture);
    else if (trainability.tiedShared)
        total += headBias;
    if (trainability.multiTokenPrediction)
        total += mtpParameters(architecture);
    return total;
}
function describeTrainable(trainability, modules) {
    const parts = [];
    const indices = [...trainability.layers].sort((a, b) => a - b);
    const total = trainability.layerCount;
    const plural = (n) => `${n} layer${n === 1 ? '' : 's'}`;
    if (indices.length === total)
        parts.push(`all ${plural(total)}`);
    else if (indices.length > 0 && indices[0] === total - indices.length)
        parts.push(`last ${plural(indices.length)}`);
    else if (indices.length > 0 && indices[indices.length - 1] === indices.length - 1)
        parts.push(`first ${plural(indices.length)}`);
    else if (indices.length > 0)
        parts.push(`layers ${compactRanges(indices)}`);
    for (const module of modules)
        parts.push(module === 'norm' ? 'final norm' : module);
    const text = parts.join(' + ');
    if (!trainability.tiedShared)
        return text;
    const other = modules.includes('lm_head') ? 'embed_tokens' : 'lm_head';
    return modules.includes('lm_head') && modules.includes('embed_tokens')
        ? `${text} (tied: one weight)`
        : `${text} (tied: ${other} too)`;
}
function compactRanges(indices) {
    const ranges = [];
    let start = indices[0];
    let previous = start;
    for (const index of [...indices.slice(1), Number.NaN]) {
        if (index === previous + 1) {
            previous = index;
            continue;
        }
        ranges.push(start === previous ? `${start}` : `${start}–${previous}`);
        start = index;
        previous = index;
    }
    return ranges.join(', ');
}

;// CONCATENATED MODULE: ./src/core/memory/element-bytes.ts
const FP32 = 4;
const HALF = 2;
const INT64 = 8;

;// CONCATENATED MODULE: ./src/core/memory/activations.ts


function keepsInput(linear, context) {
    if (context.method === 'full')
        return true;
    return context.lora?.targetModules.includes(linear.name) ?? false;
}
function adapterCopiesInput(context) {
    if (context.lora === null)
        return false;
    const peftCast = context.framework !== 'torchtune' && context.adapterActivationBytes !== context.elementBytes;
    return context.autocast || peftCast || context.lora.dropout > 0;
}
function savesSharedInput(linear, context) {
    if (context.method === 'qlora' && context.bitsandbytesMatmul === true)
        return true;
    if (!keepsInput(linear, context))
        return false;
    return context.method === 'full' || !adapterCopiesInput(context);
}
function normBytesPerToken(norm, context) {
    const a = context.elementBytes;
    if ((norm.kind === 'layernorm' && norm.fp32Input !== true) || context.fusedKernels) {
        return norm.elementsPerToken * a + 2 * FP32;
    }
    const weightTrains = context.method === 'full' && norm.size > 0;
    const normalised = norm.scalesInFp32 ? FP32 : context.residualBytes;
    return norm.elementsPerToken * (FP32 + (weightTrains ? normalised : 0));
}
function attentionCoreBytes(context) {
    const a = context.elementBytes;
    const { numHeads, numKeyValueHeads, headDim, valueHeadDim } = context.attention;
    const kvHeads = context.repeatKeyValueHeads || context.attention.kind === 'latent' ? numHeads : numKeyValueHeads;
    const qkv = (numHeads * headDim + kvHeads * (headDim + valueHeadDim)) * a;
    const outputKept = !(context.method === 'freeze' && scoresMaterialized(context));
    const output = outputKept ? numHeads * valueHeadDim * a + numHeads * FP32 : 0;
    let scores = 0;
    if (scoresMaterialized(context)) {
        scores = numHeads * context.sequenceLength * (FP32 + eagerProbabilityCopyBytes(context));
    }
    if (context.checkpointing === 'selective') {
        return { tp: qkv, seq: 0 };
    }
    const eagerOutputCopy = context.kernel === 'eager' && outputKept ? numHeads * valueHeadDim * a : 0;
    const valueCopied = context.repeatKeyValueHeads && numKeyValueHeads < numHeads;
    const fusedOutput = context.attention.fusedOutputKeptByValue === true && !valueCopied
        ? (numHeads * headDim + numKeyValueHeads * headDim) * a
        : 0;
    return { tp: qkv + output + scores + eagerOutputCopy + fusedOutput, seq: 0 };
}
function scoresMaterialized(context) {
    return context.kernel === 'eager' || context.mathAttention;
}
function eagerScores(context) {
    return (context.tokens * context.attention.numHeads * context.sequenceLength) / context.tensor;
}
function eagerProbabilityCopyBytes(context) {
    return context.kernel !== 'eager' || context.elementBytes === FP32 ? 0 : context.elementBytes;
}
function layerForwardWorkingBytes(context) {
    if (!scoresMaterialized(context))
        return 0;
    const upcast = context.elementBytes === FP32 ? 0 : FP32;
    return eagerScores(context) * (context.elementBytes + upcast + FP32);
}
function layerBackwardWorkingBytes(context) {
    if (!scoresMaterialized(context))
        return 0;
    return eagerScores(context) * (3 * FP32 - eagerProbabilityCopyBytes(context));
}
function latentBytes(context, linears) {
    const latent = context.attention.latent;
    if (latent === null)
        return 0;
    const a = context.elementBytes;
    const upProjections = linears.filter((l) => l.name === 'q_b_proj' || l.name === 'kv_b_proj');
    const kept = upProjections.filter((l) => keepsInput(l, context)).reduce((sum, l) => sum + l.inFeatures, 0);
    return kept * a + ((latent.qLoraRank ?? 0) + latent.kvLoraRank) * FP32;
}
function mlpBytes(intermediate, gated, keepsOutputInput, context) {
    const a = context.elementBytes;
    if (intermediate === 0)
        return 0;
    if (context.fusedKernels) {
        return (gated ? 2 : 1) * intermediate * a + (keepsOutputInput ? intermediate * a : 0);
    }
    if (gated) {
        if (context.compile)
            return 2 * intermediate * a;
        return 3 * intermediate * a + (keepsOutputInput ? intermediate * a : 0);
    }
    if (context.compile)
        return intermediate * a;
    return intermediate * a + (keepsOutputInput ? intermediate * a : 0);
}
function adapterBytes(linears, context) {
    if (context.method === 'full' || context.lora === null)
        return 0;
    const targeted = linears.filter((l) => context.lora.targetModules.includes(l.name));
    const rankOutputs = targeted.length * context.lora.rank * context.adapterActivationBytes;
    const copiesInput = adapterCopiesInput(context);
    const dropout = context.lora.dropout > 0;
    const inputCopies = targeted.reduce((sum, l) => sum + (copiesInput ? l.inFeatures * context.adapterActivationBytes : 0) + (dropout ? l.inFeatures : 0), 0);
    return rankOutputs + inputCopies;
}
function opLevelSelectiveBytes(group, context) {
    const a = context.elementBytes;
    const matmuls = [...group.linears.filter((l) => l.part !== 'router'), ...(group.experts?.linears ?? [])];
    const kept = matmuls.filter((_, index) => index % 2 === 0).reduce((sum, l) => sum + l.outFeatures, 0);
    const { numHeads, valueHeadDim } = context.attention;
    const attentionOutput = numHeads * valueHeadDim * a + numHeads * FP32;
    const layerInput = (context.hiddenSize * a) / (context.sequenceParallel ? context.tensor : 1);
    return context.tokens * (layerInput + (kept * a + attentionOutput) / context.tensor);
}
function layerActivationBytes(group, context) {
    const { tokens, tensor } = context;
    const seqShard = context.sequenceParallel ? tensor : 1;
    const a = context.elementBytes;
    const h = context.hiddenSize;
    if (context.checkpointing === 'selective' && runsTorchtitanLoop(context.framework))
        return opLevelSelectiveBytes(group, context);
    const attentionLinears = group.linears.filter((l) => l.part === 'attention');
    const inputProjections = attentionLinears.filter((l) => l.split === 'column' || (l.inFeatures === h && l.split !== 'row'));
    const mlpIn = group.linears.filter((l) => (l.part === 'mlp' || l.part === 'router' || l.part === 'shared-expert') && l.inFeatures === h);
    const mlpDown = group.linears.filter((l) => (l.part === 'mlp' || l.part === 'shared-expert') && l.outFeatures === h);
    let seq = 0;
    let tp = 0;
    const isQkNorm = (norm) => norm.name === 'q_norm' || norm.name === 'k_norm';
    for (const norm of group.norms) {
        if (isQkNorm(norm)) {
            const weightTrains = context.method === 'full' && norm.size > 0;
            tp += norm.elementsPerToken * (FP32 + (weightTrains ? (norm.scalesInFp32 ? FP32 : a) : 0));
        }
        else
            seq += normBytesPerToken(norm, context);
    }
    const castPerLinear = context.autocast && (context.normOutputBytes ?? context.residualBytes) > a;
    const savedInputs = (projections) => {
        const keeping = projections.filter((l) => savesSharedInput(l, context)).length;
        return castPerLinear ? keeping : Math.min(1, keeping);
    };
    const sharedInput = context.parallelAttentionMlp === true &&
        group.experts === null &&
        group.norms.filter((n) => !isQkNorm(n)).length === 1;
    if (sharedInput)
        seq += savedInputs([...inputProjections, ...mlpIn]) * h * a;
    else {
        seq += savedInputs(inputProjections) * h * a;
        seq += (group.experts !== null ? Math.max(1, savedInputs(mlpIn)) : savedInputs(mlpIn)) * h * a;
    }
    const core = attentionCoreBytes(context);
    tp += core.tp + latentBytes(context, attentionLinears);
    const dense = group.linears.filter((l) => l.part === 'mlp' || l.part === 'shared-expert');
    const denseIntermediate = dense.filter((l) => l.split === 'row').reduce((sum, l) => sum + l.inFeatures, 0);
    tp += mlpBytes(denseIntermediate, group.mlp.gated, mlpDown.some((l) => savesSharedInput(l, context)), context);
    if (group.experts !== null) {
        const { numExperts, expertsPerToken, intermediateSize, linears } = group.experts;
        const e = context.expertElementBytes;
        const expertContext = e === a ? context : { ...context, elementBytes: e };
        const expertInput = savesSharedInput(linears[0], context) ? h * e : 0;
        seq += numExperts * FP32 + expertsPerToken * (expertInput + h * e);
        const down = linears[linears.length - 1];
        tp +=
            expertsPerToken *
                (mlpBytes(intermediateSize, group.mlp.gated, savesSharedInput(down, context), expertContext) +
                    adapterBytes(linears, context));
    }
    tp += adapterBytes(group.linears, context);
    return tokens * (seq / seqShard + tp / tensor);
}
function checkpointedLayerBytes(context) {
    const seqShard = context.sequenceParallel ? context.tensor : 1;
    return (context.tokens * context.hiddenSize * context.residualBytes) / seqShard;
}

;// CONCATENATED MODULE: ./src/core/memory/flat-parameters.ts
function mixesFlatParameters(framework, method, parallelism) {
    if (parallelism.sharding !== 'fsdp' || parallelism.zero < 2)
        return false;
    return method === 'freeze' || (method === 'lora' && framework !== 'hf-trainer');
}
function flattenUnit(tensors, mixes) {
    if (!mixes || !tensors.some((t) => t.trainable) || tensors.every((t) => t.trainable))
        return tensors;
    return tensors.map((t) => (t.trainable ? t : { ...t, flatGradient: true }));
}

;// CONCATENATED MODULE: ./src/core/memory/stage-tensors.ts



function splitShape(linear, tensor) {
    if (linear.split === 'column')
        return { rows: linear.outFeatures / tensor, columns: linear.inFeatures };
    if (linear.split === 'row')
        return { rows: linear.outFeatures, columns: linear.inFeatures / tensor };
    return { rows: linear.outFeatures, columns: linear.inFeatures };
}
function adapterTensors(linear, rank, tensor, count, group) {
    const aColumns = linear.split === 'row' ? linear.inFeatures / tensor : linear.inFeatures;
    const bRows = linear.split === 'column' ? linear.outFeatures / tensor : linear.outFeatures;
    const adapter = { count, group, trainable: true, quantized: false, linearWeight: true };
    return [
        { elements: rank * aColumns, rows: rank, columns: aColumns, ...adapter },
        { elements: bRows * rank, rows: bRows, columns: rank, ...adapter },
    ];
}
function linearTensors(linear, count, group, context) {
    const tensor = context.parallelism.tensor;
    const { rows, columns } = splitShape(linear, tensor);
    const full = context.method === 'full';
    const targeted = !full && context.lora !== null && context.lora.targetModules.includes(linear.name);
    const tensors = [
        {
            elements: rows * columns,
            rows,
            columns,
            count,
            group,
            trainable: full,
            quantized: context.method === 'qlora',
            linearWeight: true,
        },
    ];
    if (linear.bias) {
        const biasElements = linear.split === 'column' ? linear.outFeatures / tensor : linear.outFeatures;
        tensors.push({
            elements: biasElements,
            rows: biasElements,
            columns: 1,
            count,
            group,
            trainable: full,
            quantized: false,
            linearWeight: false,
        });
    }
    if (targeted && context.lora !== null)
        tensors.push(...adapterTensors(linear, context.lora.rank, tensor, count, group));
    return tensors;
}
function normTensors(norm, count, full) {
    if (norm.size === 0)
        return [];
    const tensors = [
        {
            elements: norm.size,
            rows: norm.size,
            columns: 1,
            count,
            group: 'dense',
            trainable: full,
            quantized: false,
            linearWeight: false,
        },
    ];
    if (norm.bias)
        tensors.push({ ...tensors[0] });
    return tensors;
}
function layerTensors(group, count, context) {
    const full = context.method === 'full';
    const tensors = [];
    for (const linear of group.linears)
        tensors.push(...linearTensors(linear, count, 'dense', context));
    for (const norm of group.norms)
        tensors.push(...normTensors(norm, count, full));
    if (group.extraParameters > 0) {
        const n = group.extraParameters;
        tensors.push({
            elements: n,
            rows: n,
            columns: 1,
            count,
            group: 'dense',
            trainable: full,
            quantized: false,
            linearWeight: false,
        });
    }
    if (group.experts !== null) {
        const localExperts = group.experts.numExperts / context.parallelism.expert;
        for (const linear of group.experts.linears)
            tensors.push(...linearTensors(linear, count * localExperts, 'expert', context));
    }
    return flattenUnit(tensors, context.flatParameters === true);
}
function stageTensors(architecture, stage, context) {
    const { tensor } = context.parallelism;
    const full = context.method === 'full';
    const freeze = context.freeze ?? null;
    const trains = {
        embedding: full || (freeze?.embedding ?? false),
        finalNorm: full || (freeze?.finalNorm ?? false),
        head: full || (freeze !== null && (freeze.head || freeze.tiedShared)),
        mtp: full || (freeze?.multiTokenPrediction ?? false),
    };
    const h = architecture.hiddenSize;
    const vocabRows = architecture.vocabSize / tensor;
    const table = (trainable) => ({
        elements: vocabRows * h,
        rows: vocabRows,
        columns: h,
        count: 1,
        group: 'dense',
        trainable,
        quantized: false,
        linearWeight: false,
    });
    const tensors = [];
    if (stage.hasEmbedding) {
        tensors.push(table(trains.embedding));
        if (architecture.positionEmbeddings > 0) {
            const n = architecture.positionEmbeddings * h;
            tensors.push({
                elements: n,
                rows: architecture.positionEmbeddings,
                columns: h,
                count: 1,
                group: 'dense',
                trainable: trains.embedding,
                quantized: false,
                linearWeight: false,
            });
        }
        if (architecture.embeddingNorm !== null)
            tensors.push(...normTensors(architecture.embeddingNorm, 1, trains.embedding));
    }
    const embeddingEnd = tensors.length;
    if (freeze === null)
        for (const group of stage.layers)
            tensors.push(...layerTensors(group, group.count, context));
    else {
        for (const run of layerRuns(stage.layers, stage.firstLayer, freeze)) {
            const method = run.role === 'trained' ? 'full' : 'freeze';
            const tensorsOfRun = layerTensors(run.group, run.count, { ...context, method });
            tensors.push(...(run.role === 'inert' ? tensorsOfRun.map((t) => ({ ...t, inert: true })) : tensorsOfRun));
        }
    }
    const headStart = tensors.length;
    if (stage.hasHead) {
        tensors.push(...normTensors(architecture.finalNorm, 1, trains.finalNorm));
        if (!architecture.tiedEmbeddings || !stage.hasEmbedding)
            tensors.push({ ...table(trains.head), linearWeight: true });
        if (architecture.lmHeadBias === true) {
            tensors.push({ ...table(trains.head), elements: vocabRows, rows: vocabRows, columns: 1, linearWeight: false });
        }
        if (context.lora?.targetModules.includes(LM_HEAD_MODULE)) {
            const head = { inFeatures: h, outFeatures: architecture.vocabSize, split: 'column' };
            tensors.push(...adapterTensors(head, context.lora.rank, tensor, 1, 'dense'));
        }
    }
    if (context.flatParameters === true) {
        const root = flattenUnit([...tensors.slice(0, embeddingEnd), ...tensors.slice(headStart)], true);
        tensors.splice(0, embeddingEnd, ...root.slice(0, embeddingEnd));
        tensors.splice(headStart, tensors.length - headStart, ...root.slice(embeddingEnd));
    }
    if (stage.hasMultiTokenPrediction && architecture.multiTokenPrediction !== null) {
        const mtp = architecture.multiTokenPrediction;
        const mtpContext = freeze === null ? context : { ...context, method: trains.mtp ? 'full' : 'freeze' };
        tensors.push(...layerTensors(mtp.layer, mtp.modules, mtpContext));
        tensors.push(...linearTensors(mtp.projection, mtp.modules, 'dense', mtpContext));
        for (const norm of mtp.norms)
            tensors.push(...normTensors(norm, mtp.modules, trains.mtp));
    }
    return tensors;
}
const totalElements = (tensors, filter = () => true) => tensors.filter(filter).reduce((sum, t) => sum + t.elements * t.count, 0);

;// CONCATENATED MODULE: ./src/core/memory/frozen-layers.ts




function activationParts(plan, stage, context, convention) {
    const freeze = planFreeze(plan.architecture, plan.training);
    if (freeze === null)
        return stage.layers.map((group) => ({ group, count: group.count, context, role: 'trained' }));
    const normOutputBytes = Math.max(convention.weight, context.residualBytes);
    const trained = { ...context, method: 'full', normOutputBytes };
    const carrying = { ...context, method: 'freeze' };
    return layerRuns(stage.layers, stage.firstLayer, freeze)
        .filter((run) => run.role !== 'inert')
        .map((run) => ({
        group: run.group,
        count: run.count,
        context: run.role === 'trained' ? trained : carrying,
        role: run.role,
    }));
}
function gradientFloorSaving(plan, stage, context) {
    const freeze = planFreeze(plan.architecture, plan.training);
    if (freeze === null || freeze.embedding || !freeze.layers.has(freeze.gradientFloor))
        return 0;
    const floor = freeze.gradientFloor;
    if (floor < stage.firstLayer || floor >= stage.firstLayer + stage.layerCount)
        return 0;
    if (context.checkpointing === 'full' || context.fusedKernels)
        return 0;
    const run = layerRuns(stage.layers, stage.firstLayer, freeze).find((r) => r.firstLayer === floor);
    const norm = run?.group.norms[0];
    if (norm === undefined || norm.size === 0 || (norm.kind === 'layernorm' && norm.fp32Input !== true))
        return 0;
    const seqShard = context.sequenceParallel ? context.tensor : 1;
    return (context.tokens * norm.elementsPerToken * FP32) / seqShard;
}
function inertCheckpointedInputs(plan, stage, context) {
    const freeze = planFreeze(plan.architecture, plan.training);
    if (freeze === null || context.checkpointing !== 'full' || plan.framework === 'megatron')
        return 0;
    const inert = layerRuns(stage.layers, stage.firstLayer, freeze)
        .filter((run) => run.role === 'inert')
        .reduce((sum, run) => sum + run.count, 0);
    return inert * checkpointedLayerBytes(context);
}
function frozenHeadInputBytes(architecture, context, freeze) {
    const a = context.elementBytes;
    const h = architecture.hiddenSize;
    const norm = architecture.finalNorm;
    const below = freeze.gradientFloor < freeze.layerCount;
    let normBytes = 0;
    if (below || freeze.finalNorm) {
        const full = normBytesPerToken(norm, { ...context, method: freeze.finalNorm ? 'full' : 'freeze' });
        const eager = !((norm.kind === 'layernorm' && norm.fp32Input !== true) || context.fusedKernels);
        normBytes = below || !eager ? full : full - norm.elementsPerToken * FP32;
    }
    const headTrains = freeze.head || freeze.tiedShared;
    const seqShard = context.sequenceParallel ? context.tensor : 1;
    return (context.tokens * (normBytes + (headTrains ? h * a : 0))) / seqShard;
}
function sameLayerRoles(plan, a, b) {
    const freeze = planFreeze(plan.architecture, plan.training);
    if (freeze === null)
        return true;
    const roles = (stage) => layerRuns(stage.layers, stage.firstLayer, freeze)
        .map((run) => `${run.role}:${run.count}`)
        .join(',');
    return roles(a) === roles(b);
}
function freezeAutocastCasts(tensors, context, freeze) {
    const { convention } = context;
    const copy = convention.autocastWeightCopy;
    const grouped = context.expertKernel === 'grouped-mm';
    const castable = (t) => t.linearWeight && !t.quantized && !(grouped && t.group === 'expert');
    const headTrains = freeze.head || freeze.tiedShared;
    const head = context.headCountedAsLinear ? context.headElements : 0;
    const trained = totalElements(tensors, (t) => castable(t) && t.trainable) - (headTrains ? head : 0);
    const frozenFp32 = convention.frozenWeight === FP32;
    const carried = frozenFp32
        ? totalElements(tensors, (t) => castable(t) && !t.trainable && t.inert !== true) - (headTrains ? 0 : head)
        : 0;
    const gradientThroughHead = freeze.finalNorm || freeze.gradientFloor < freeze.layerCount;
    const headCasts = headTrains
        ? context.headElements * copy
        : frozenFp32 && gradientThroughHead
            ? context.headElements * copy * context.headApplications
            : 0;
    const layerCasts = (context.largestLayerLinearElements - (grouped ? context.largestLayerExpertLinearElements : 0)) * copy;
    if (context.activationCheckpointing === 'full') {
        return {
            forward: trained * copy + Math.min(layerCasts, carried * copy) + headCasts,
            backward: layerCasts + headCasts,
        };
    }
    const all = (trained + carried) * copy + headCasts;
    return { forward: all, backward: all };
}

;// CONCATENATED MODULE: ./src/core/nested-cache.ts
class NestedCache {
    root = new Map();
    get(keys, make) {
        let level = this.root;
        const last = keys.length - 1;
        for (let i = 0; i < last; i++) {
            let next = level.get(keys[i]);
            if (next === undefined)
                level.set(keys[i], (next = new Map()));
            level = next;
        }
        let value = level.get(keys[last]);
        if (value === undefined)
            level.set(keys[last], (value = make()));
        return value;
    }
}

;// CONCATENATED MODULE: ./src/core/memory/storage-conventions.ts




const BASE_DTYPE_BYTES = { fp32: FP32, bf16: HALF, fp16: HALF };
function isMixed(precision) {
    return precision === 'fp16-mixed' || precision === 'bf16-mixed' || precision === 'fp8-mixed';
}
function storageConvention(framework, precision, method, baseDtype = null, sharding = DEFAULT_SHARDING[framework], freezeTrainsEmbedding = false) {
    const ownMaster = sharding === 'deepspeed' || sharding === 'megatron';
    const activation = precision === 'fp32' ? FP32 : HALF;
    const adapterWeight = framework === 'torchtune' || precision === 'fp32' ? activation : FP32;
    const kbitUpcast = framework === 'hf-trainer' && method === 'qlora';
    const frozenBase = method === 'lora' || method === 'freeze';
    const loadedBase = frozenBase && baseDtype !== null && baseDtype !== 'nf4' ? BASE_DTYPE_BYTES[baseDtype] : null;
    const frozenWeight = loadedBase ?? (precision === 'fp32' || kbitUpcast ? FP32 : HALF);
    const torchAmp = framework === 'hf-trainer' && !ownMaster && isMixed(precision);
    const fullTorchAmp = torchAmp && (method === 'full' || (method === 'freeze' && freezeTrainsEmbedding));
    const residual = kbitUpcast || fullTorchAmp ? FP32 : (loadedBase ?? activation);
    const fp32LinearsUnderAutocast = fullTorchAmp || (torchAmp && (method === 'freeze' || (method === 'lora' && frozenWeight === FP32)));
    const base = {
        residual,
        stepGradientPartition: 0,
        autocastWeightCopy: fp32LinearsUnderAutocast ? HALF : 0,
        autocast: torchAmp,
        persistentGradients: false,
        fusedKernels: false,
        activation,
        adapterWeight,
        frozenWeight,
    };
    const foreachStep = (framework === 'generic' || framework === 'hf-trainer') && !ownMaster;
    if (precision === 'fp32') {
        return {
            ...base,
            weight: FP32,
            gradient: FP32,
            master: 0,
            state: FP32,
            foreachStep,
            description: 'fp32 weights, gradients and states',
        };
    }
    if (!isMixed(precision)) {
        return {
            ...base,
            weight: HALF,
            gradient: HALF,
            master: 0,
            state: HALF,
            foreachStep,
            description: 'pure 16-bit weights, gradients and states',
        };
    }
    switch (ownMaster ? sharding : framework) {
        case 'megatron':
            return {
                ...base,
                weight: HALF,
                gradient: FP32,
                master: FP32,
                state: FP32,
                foreachStep: false,
                persistentGradients: true,
                fusedKernels: true,
                description: '16-bit weights, fp32 main gradients, fp32 master weights and states (Megatron)',
            };
        case 'deepspeed':
            return {
                ...base,
                weight: HALF,
                gradient: HALF,
                stepGradientPartition: FP32,
                master: FP32,
                state: FP32,
                foreachStep: false,
                description: '16-bit weights and gradients, fp32 master weights and states; fp32 gradient partition at the step (DeepSpeed)',
            };
        case 'hf-trainer':
        case 'fsdp':
        case 'torchtitan':
            return {
                ...base,
                weight: FP32,
                gradient: FP32,
                master: 0,
                state: FP32,
                foreachStep,
                description: 'fp32 weights, gradients and states; 16-bit compute copies',
            };
        default:
            return {
                ...base,
                weight: HALF,
                gradient: HALF,
                master: FP32,
                state: FP32,
                foreachStep,
                description: '16-bit weights and gradients, fp32 master weights and states (ZeRO paper convention)',
            };
    }
}
const conventions = new NestedCache();
function planStorageConvention(plan) {
    const { training } = plan;
    const freeze = training.method === 'freeze' ? (training.freeze ?? null) : null;
    const baseDtype = training.lora?.baseDtype ?? freeze?.baseDtype ?? null;
    const sharding = plan.parallelism.sharding;
    const embedding = freeze !== null && freezeTrainability(plan.architecture, freeze).embedding;
    return conventions.get([plan.framework, training.precision, training.method, baseDtype, sharding, embedding], () => storageConvention(plan.framework, training.precision, training.method, baseDtype, sharding, embedding));
}
function momentsPerElement(optimizer) {
    switch (optimizer) {
        case 'adam':
        case 'adamw':
        case 'adamw-8bit':
        case 'paged-adamw-8bit':
            return 2;
        case 'sgd-momentum':
        case 'lion':
            return 1;
        case 'sgd':
            return 0;
        case 'adafactor':
            return 0;
    }
}

;// CONCATENATED MODULE: ./src/core/memory/temporaries.ts





const DEEPSPEED_BUCKET_ELEMENTS = 5e8;
const GATHERED_LAYERS = 2;
function temporaryBytes(tensors, context) {
    const { convention, parallelism, dataParallel } = context;
    const linearWeights = totalElements(tensors, (t) => t.linearWeight && !t.quantized);
    const trainable = totalElements(tensors, (t) => t.trainable);
    const allParameters = totalElements(tensors);
    const largestTrainable = Math.max(0, ...tensors.filter((t) => t.trainable).map((t) => t.elements));
    const adapters = context.method === 'lora' || context.method === 'qlora';
    const stateBytes = adapters ? convention.adapterWeight : convention.state;
    const stateShards = parallelism.zero >= 1 ? dataParallel.dense : 1;
    let forward = 0;
    let backward = 0;
    let optimizer = 0;
    let savedCasts = 0;
    if (convention.autocastWeightCopy > 0 && parallelism.zero < 3 && context.freeze) {
        const casts = freezeAutocastCasts(tensors, context, context.freeze);
        forward += casts.forward;
        backward += casts.backward;
        savedCasts += casts.backward;
    }
    else if (convention.autocastWeightCopy > 0 && parallelism.zero < 3) {
        const copy = convention.autocastWeightCopy;
        const grouped = context.expertKernel === 'grouped-mm';
        const expertLinears = totalElements(tensors, (t) => t.group === 'expert' && t.linearWeight && !t.quantized);
        const decoderLinears = linearWeights - (context.headCountedAsLinear ? context.headElements : 0) - (grouped ? expertLinears : 0);
        const allCasts = decoderLinears * copy;
        const layerCasts = (context.largestLayerLinearElements - (grouped ? context.largestLayerExpertLinearElements : 0)) * copy;
        const recomputed = context.activationCheckpointing === 'full';
        const headCasts = context.headElements * copy * (context.method === 'full' ? 1 : context.headApplications);
        const trainedExpertLinears = totalElements(tensors, (t) => t.group === 'expert' && t.linearWeight && t.trainable);
        const uncachedCasts = context.expertKernel === 'per-expert-loop' && recomputed ? trainedExpertLinears * copy : 0;
        forward += (context.method === 'full' || !recomputed ? allCasts - uncachedCasts : layerCasts) + headCasts;
        backward += (recomputed ? layerCasts : allCasts) + headCasts;
        savedCasts += (recomputed ? layerCasts : allCasts) + headCasts;
    }
    if (context.precision === 'fp8-mixed') {
        forward += linearWeights;
        backward += linearWeights;
        savedCasts += linearWeights;
    }
    if (context.method === 'qlora') {
        forward += context.largestLinearElements * HALF;
        backward += context.largestLinearElements * HALF;
    }
    if (parallelism.zero === 3 && dataParallel.dense > 1) {
        const gathered = GATHERED_LAYERS * context.largestLayerGatheredBytes;
        const flatGradient = parallelism.sharding === 'fsdp' && context.method === 'lora';
        const gradientElements = flatGradient ? context.largestLayerElements : context.largestLayerTrainableElements;
        const unshardedGradient = gradientElements * (HALF + (convention.gradient > HALF ? FP32 : 0));
        forward += gathered;
        backward += gathered + GATHERED_LAYERS * unshardedGradient;
    }
    if (parallelism.zero === 3 &&
        parallelism.pipeline > 1 &&
        runsTorchtitanLoop(context.framework) &&
        dataParallel.dense > 1) {
        forward += allParameters * HALF + trainable * convention.gradient;
        backward += allParameters * HALF + trainable * convention.gradient;
    }
    const fsdpEngine = parallelism.sharding === 'fsdp' || parallelism.sharding === 'fsdp2';
    if (parallelism.zero === 2 && fsdpEngine && dataParallel.dense > 1) {
        forward += allParameters * HALF;
        backward += allParameters * HALF;
    }
    const ddp = parallelism.zero === 0 &&
        dataParallel.dense > 1 &&
        parallelism.sharding !== 'megatron' &&
        parallelism.sharding !== 'deepspeed';
    if (ddp) {
        const buckets = trainable * convention.gradient;
        forward += buckets;
        backward += buckets;
        optimizer += buckets;
    }
    if (parallelism.sharding === 'deepspeed' && parallelism.zero < 3 && dataParallel.dense > 1) {
        const bucket = Math.min(DEEPSPEED_BUCKET_ELEMENTS, trainable) * HALF;
        backward += bucket;
        if (parallelism.zero >= 1)
            optimizer += bucket;
    }
    const adamLike = context.optimizer === 'adam' || context.optimizer === 'adamw';
    if (convention.foreachStep && adamLike && !context.optimizerInBackward && parallelism.offload.optimizer === 'none') {
        optimizer += (trainable * stateBytes) / stateShards;
    }
    if (context.optimizer === 'adafactor') {
        const estimate = (largestTrainable * stateBytes) / stateShards;
        if (context.optimizerInBackward)
            backward += estimate;
        else
            optimizer += estimate;
    }
    if (context.optimizer === 'adamw-8bit' || context.optimizer === 'paged-adamw-8bit') {
        const dequantised = (largestTrainable * momentsPerElement(context.optimizer) * FP32) / stateShards;
        if (context.optimizerInBackward)
            backward += dequantised;
        else
            optimizer += dequantised;
    }
    return { forward, backward, backwardEnd: backward - savedCasts, optimizer };
}

;// CONCATENATED MODULE: ./src/plan/importers/deepspeed.ts


const AUTO_NOTE = 'filled in by the trainer from its own settings';
const deepspeed_IGNORED = new Set([
    'gradient_clipping',
    'steps_per_print',
    'wall_clock_breakdown',
    'dump_state',
    'scheduler',
    'prescale_gradients',
    'gradient_predivide_factor',
    'sparse_gradients',
    'zero_allow_untested_optimizer',
    'zero_force_ds_cpu_optimizer',
    'tensorboard',
    'wandb',
    'csv_monitor',
    'comet',
    'flops_profiler',
    'comms_logger',
    'checkpoint',
    'memory_breakdown',
    'communication_data_type',
    'seq_parallel_communication_data_type',
    'amp',
    'data_efficiency',
    'curriculum_learning',
    'autotuning',
    'elasticity',
    'aio',
    'timers',
    'gradient_accumulation_dtype',
    'data_types',
]);
const IGNORED_ZERO = new Set([
    'stage',
    'contiguous_gradients',
    'reduce_scatter',
    'allgather_partitions',
    'round_robin_gradients',
    'ignore_unused_parameters',
    'load_from_fp32_weights',
    'elastic_checkpoint',
    'memory_efficient_linear',
    'sub_group_size',
    'stage3_prefetch_bucket_size',
    'stage3_param_persistence_threshold',
    'stage3_max_live_parameters',
    'stage3_max_reuse_distance',
    'max_live_parameters',
    'max_reuse_distance',
    'prefetch_bucket_size',
    'param_persistence_threshold',
    'log_trace_cache_warnings',
]);
function readOffload(reader, section, legacy, field) {
    const zero = ['zero_optimization'];
    const device = reader.string([...zero, section, 'device']);
    if (device !== undefined) {
        if (device === 'cpu' || device === 'nvme' || device === 'none') {
            reader.set(`parallelism.offload.${field}`, device, [[...zero, section, 'device']]);
        }
        else
            reader.warn([...zero, section, 'device'], `offload device "${device}" is not cpu, nvme or none; not read`);
    }
    else if (reader.boolean([...zero, legacy]) === true) {
        reader.set(`parallelism.offload.${field}`, 'cpu', [[...zero, legacy]]);
    }
    const ratio = reader.number([...zero, section, 'ratio']);
    if (ratio !== undefined && ratio !== 1) {
        reader.warn([...zero, section, 'ratio'], `offloads ${ratio * 100}% of the optimizer states; the estimate offloads all of them or none`);
    }
}
function readHostSettings(reader) {
    const zero = ['zero_optimization'];
    const gathers = [
        'stage3_gather_16bit_weights_on_model_save',
        'gather_16bit_weights_on_model_save',
        'stage3_gather_fp16_weights_on_model_save',
    ].filter((key) => reader.has([...zero, key]));
    for (const key of gathers) {
        const gather = reader.boolean([...zero, key]);
        if (gather === undefined || key !== gathers[0])
            continue;
        reader.set('checkpoint.save', gather ? 'full-rank-zero' : 'sharded', [[...zero, key]], gather ? 'rank 0 gathers the 16-bit weights on the host to save them' : 'each rank writes its own partition');
    }
    for (const section of ['offload_optimizer', 'offload_param']) {
        if (reader.boolean([...zero, section, 'pin_memory']) === false) {
            reader.warn([...zero, section, 'pin_memory'], 'pin_memory false: the host estimate still rounds the offload buffers up to powers of two as pinned blocks');
        }
    }
}
function numberOrAuto(reader, key) {
    return reader.get(key) === 'auto' ? 'auto' : reader.integer(key);
}
function readBatch(reader) {
    const micro = numberOrAuto(reader, ['train_micro_batch_size_per_gpu']);
    if (typeof micro === 'number')
        reader.set('training.micro_batch_size', micro, [['train_micro_batch_size_per_gpu']]);
    const accumulation = numberOrAuto(reader, ['gradient_accumulation_steps']);
    if (typeof accumulation === 'number') {
        reader.set('training.gradient_accumulation_steps', accumulation, [['gradient_accumulation_steps']]);
    }
    const global = numberOrAuto(reader, ['train_batch_size']);
    if (typeof global === 'number')
        reader.checkGlobalBatch(global, ['train_batch_size']);
}
function readPrecision(reader) {
    const enabled = (section) => {
        const value = reader.get([section, 'enabled']);
        return value === 'auto' ? 'auto' : reader.boolean([section, 'enabled']);
    };
    const bf16 = enabled('bf16') ?? enabled('bfloat16');
    const bf16Key = reader.has(['bf16', 'enabled']) ? ['bf16', 'enabled'] : ['bfloat16', 'enabled'];
    const fp16 = enabled('fp16');
    if (bf16 === true)
        reader.set('training.precision', 'bf16-mixed', [bf16Key]);
    else if (fp16 === true)
        reader.set('training.precision', 'fp16-mixed', [['fp16', 'enabled']]);
    if (reader.boolean(['torch_autocast', 'enabled']) === true) {
        reader.warn(['torch_autocast', 'enabled'], "DeepSpeed's torch_autocast mode keeps fp32 weights and casts per operation; the estimate uses DeepSpeed's 16-bit weights with fp32 master copies");
    }
}
const deepspeed_OPTIMIZERS = {
    adam: 'adam',
    adamw: 'adamw',
    fusedadam: 'adam',
    cpuadam: 'adam',
    deepspeedcpuadam: 'adam',
    lion: 'lion',
    fusedlion: 'lion',
    cpulion: 'lion',
};
function readOptimizer(reader) {
    const type = reader.string(['optimizer', 'type']);
    if (type === undefined || type === 'auto')
        return;
    const optimizer = deepspeed_OPTIMIZERS[type.toLowerCase()];
    if (optimizer === undefined) {
        reader.warn(['optimizer', 'type'], `optimizer ${type} is not one the estimate models; the plan's optimizer is used`);
    }
    else {
        reader.set('training.optimizer', optimizer === 'adam' ? 'adamw' : optimizer, [['optimizer', 'type']]);
    }
}
function readBuckets(reader) {
    const zero = ['zero_optimization'];
    for (const key of ['reduce_bucket_size', 'allgather_bucket_size']) {
        const value = reader.get([...zero, key]);
        if (value === undefined || value === 'auto')
            continue;
        const elements = reader.number([...zero, key]);
        if (elements !== undefined && elements !== DEEPSPEED_BUCKET_ELEMENTS) {
            reader.warn([...zero, key], `${key} = ${elements} elements; the estimate counts DeepSpeed's default bucket of ${DEEPSPEED_BUCKET_ELEMENTS} elements (ZeRO 1 and 2)`);
        }
    }
    if (reader.boolean([...zero, 'overlap_comm']) === true) {
        reader.warn([...zero, 'overlap_comm'], 'overlap_comm keeps several gradient buckets in flight while backward runs; the estimate counts one bucket');
    }
    for (const key of [
        'zero_hpz_partition_size',
        'zero_quantized_weights',
        'zero_quantized_gradients',
        'mics_shard_size',
    ]) {
        const value = reader.get([...zero, key]);
        if (value === undefined || value === false || value === 1 || value === -1)
            continue;
        reader.warn([...zero, key], `ZeRO++ / MiCS setting ${key} = ${String(value)} is not modelled`);
    }
}
function importDeepSpeed(document) {
    const reader = new ConfigReader(document, 'DeepSpeed');
    const stage = reader.integer(['zero_optimization', 'stage']);
    reader.setDefault('parallelism.sharding', 'deepspeed', 'the file is a DeepSpeed config');
    if (stage !== undefined) {
        if (stage >= 0 && stage <= 3)
            reader.set('parallelism.zero', stage, [['zero_optimization', 'stage']]);
        else
            reader.warn(['zero_optimization', 'stage'], `ZeRO stage ${stage} is not 0 to 3; not read`);
    }
    readOffload(reader, 'offload_optimizer', 'cpu_offload', 'optimizer');
    readOffload(reader, 'offload_param', 'cpu_offload_params', 'parameters');
    readPrecision(reader);
    readBatch(reader);
    readOptimizer(reader);
    readBuckets(reader);
    readHostSettings(reader);
    const autotp = reader.integer(['tensor_parallel', 'autotp_size']);
    if (autotp !== undefined && autotp > 1)
        reader.set('parallelism.tensor', autotp, [['tensor_parallel', 'autotp_size']]);
    if (reader.has(['activation_checkpointing'])) {
        reader.warn(['activation_checkpointing'], 'activation_checkpointing configures deepspeed.checkpointing, which only models that call it use (Megatron-DeepSpeed); not applied: write training.activation_checkpointing');
    }
    for (const key of ['train_micro_batch_size_per_gpu', 'gradient_accumulation_steps', 'train_batch_size']) {
        if (reader.get([key]) === 'auto')
            reader.note([key], AUTO_NOTE);
    }
    reader.warnUnread((key) => deepspeed_IGNORED.has(key) || key === 'optimizer' || key === 'bf16' || key === 'fp16');
    reader.warnUnread((key) => IGNORED_ZERO.has(key) ||
        ['offload_optimizer', 'offload_param', 'cpu_offload', 'cpu_offload_params'].includes(key), ['zero_optimization']);
    return reader.result();
}

;// CONCATENATED MODULE: ./src/plan/importers/unfrozen-patterns.ts
const PATTERN_LAYER_LIMIT = 256;
const COMMON_SUFFIXES = [
    'self_attn.q_proj.weight',
    'self_attn.k_proj.weight',
    'self_attn.v_proj.weight',
    'self_attn.o_proj.weight',
    'input_layernorm.weight',
    'post_attention_layernorm.weight',
];
const MLP_LAYOUTS = [
    ['mlp.gate_proj.weight', 'mlp.up_proj.weight', 'mlp.down_proj.weight'],
    ['block_sparse_moe.gate.weight', 'block_sparse_moe.experts.0.w1.weight', 'block_sparse_moe.experts.0.w2.weight'],
    ['mlp.gate.weight', 'mlp.experts.0.gate_proj.weight', 'mlp.experts.0.down_proj.weight'],
];
const MODULE_PARAMETERS = [
    ['embed_tokens', 'model.embed_tokens.weight'],
    ['norm', 'model.norm.weight'],
    ['lm_head', 'lm_head.weight'],
];
function splitRows(pattern) {
    const match = /^(.+)(\[[0-9]*(?::[0-9]*)?\])$/.exec(pattern);
    return match === null ? { name: pattern, rows: null } : { name: match[1], rows: match[2] };
}
function readUnfrozenPattern(pattern) {
    const { name, rows } = splitRows(pattern);
    const empty = { pattern, layers: [], partialLayers: [], partialParts: [], modules: [], rows };
    let regex;
    try {
        regex = new RegExp(name.replaceAll('.', '\\.'), 'y');
    }
    catch (error) {
        return { ...empty, invalid: error.message };
    }
    const matches = (parameter) => {
        regex.lastIndex = 0;
        return regex.test(parameter);
    };
    const layers = [];
    const partialLayers = [];
    const partialParts = new Set();
    for (let index = 0; index < PATTERN_LAYER_LIMIT; index++) {
        const prefix = `model.layers.${index}.`;
        const common = COMMON_SUFFIXES.filter((suffix) => matches(prefix + suffix));
        const layouts = MLP_LAYOUTS.map((layout) => layout.filter((suffix) => matches(prefix + suffix)));
        const whole = common.length === COMMON_SUFFIXES.length && layouts.some((hit, i) => hit.length === MLP_LAYOUTS[i].length);
        if (whole)
            layers.push(index);
        else if (common.length > 0 || layouts.some((hit) => hit.length > 0)) {
            partialLayers.push(index);
            for (const suffix of [...common, ...layouts.flat()]) {
                partialParts.add(suffix.replace(/\.weight$/, '').replace(/\.experts\.0\..*$/, '.experts'));
            }
        }
    }
    const modules = MODULE_PARAMETERS.filter(([, parameter]) => matches(parameter)).map(([module]) => module);
    return { pattern, layers, partialLayers, partialParts: [...partialParts], modules, rows, invalid: null };
}
function layerRanges(indices) {
    const ranges = [];
    for (let i = 0; i < indices.length;) {
        let j = i;
        while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1)
            j++;
        ranges.push(i === j ? `${indices[i]}` : `${indices[i]}–${indices[j]}`);
        i = j + 1;
    }
    return ranges.join(', ');
}

;// CONCATENATED MODULE: ./src/plan/importers/axolotl.ts





const IGNORED_PREFIXES = [
    'dataset',
    'datasets',
    'test_datasets',
    'pretraining_dataset',
    'val_',
    'output_dir',
    'hub_',
    'push_',
    'wandb_',
    'mlflow_',
    'comet_',
    'use_wandb',
    'use_mlflow',
    'use_comet',
    'logging_',
    'log_',
    'eval',
    'save',
    'num_epochs',
    'learning_rate',
    'lr_',
    'cosine_',
    'warmup_',
    'weight_decay',
    'max_grad_norm',
    'adam_beta',
    'adam_epsilon',
    'special_tokens',
    'tokens',
    'added_tokens_overrides',
    'chat_template',
    'tokenizer',
    'model_type',
    'trust_remote_code',
    'strict',
    'seed',
    'resume_from_checkpoint',
    'auto_resume_from_checkpoints',
    'early_stopping_patience',
    'local_rank',
    'train_on_inputs',
    'group_by_length',
    'gradient_checkpointing_kwargs',
    'ddp_',
    'debug',
    'shuffle_',
    'dataloader_',
    'remove_unused_columns',
    'profiler_',
    'include_tokens_per_second',
    'default_system_message',
    'skip_prepare_dataset',
    'is_',
    'lora_model_dir',
    'lora_fan_in_fan_out',
    'optim_args',
    'optim_target_modules',
    'torchdistx_path',
    'hf_use_auth_token',
    'sequence_len_overflow_handling',
    'min_sample_len',
    'sample_packing_',
    'pad_to_sequence_len',
    'eot_tokens',
    'field_',
    'type',
    'plugins',
    'gc_steps',
    'pretrain_multipack_',
    'curriculum_sampling',
    'multipack_real_batches',
    'batch_flattening',
    'tf32',
    'model_config_type',
    'processor_type',
    'base_model_config',
    'revision_of_model',
    'gradient_checkpointing_kwargs',
    'fsdp_final_state_dict_type',
];
function ignored(key) {
    return IGNORED_PREFIXES.some((prefix) => key === prefix || (prefix.endsWith('_') && key.startsWith(prefix)));
}
const NOT_MODELLED = {
    lora_modules_to_save: 'trains these modules in full beside the adapters',
    peft_use_dora: 'DoRA keeps a magnitude vector and a weight-norm computation per adapted layer',
    peft_use_rslora: '',
    lora_on_cpu: 'keeps LoRA weights on the CPU while merging',
    relora: 'ReLoRA merges and restarts adapters during training',
    tiled_mlp: 'computes the MLP in tiles over the sequence',
    s2_attention: 'shifted sparse attention',
    flash_attn_cross_entropy: "flash-attn's cross-entropy kernel",
    flash_attn_rms_norm: "flash-attn's RMSNorm kernel",
    flash_attn_fuse_qkv: 'fused QKV projection',
    flash_attn_fuse_mlp: 'fused MLP',
    liger_rope: 'Liger RoPE kernel',
    liger_rms_norm: 'Liger RMSNorm kernel',
    liger_glu_activation: 'Liger SwiGLU kernel',
    liger_layer_norm: 'Liger LayerNorm kernel',
    unsloth_lora_mlp: 'Unsloth LoRA MLP kernel',
    unsloth_lora_qkv: 'Unsloth LoRA QKV kernel',
    unsloth_lora_o: 'Unsloth LoRA O kernel',
    unsloth_rms_norm: 'Unsloth RMSNorm kernel',
    unsloth_rope: 'Unsloth RoPE kernel',
    dp_replicate_size: 'replicates FSDP shards across groups (HSDP)',
    dp_shard_size: 'shards over a subset of the GPUs',
    expert_parallel_size: 'expert parallelism through Axolotl',
    float16: '',
    bfloat16: '',
};
function readModel(reader) {
    const base = reader.string(['base_model']);
    if (base !== undefined)
        reader.set('model', base, [['base_model']]);
}
function axolotl_readPrecision(reader) {
    const fp8 = reader.boolean(['fp8']);
    const bf16 = reader.get(['bf16']);
    const fp16 = reader.boolean(['fp16']);
    const pureBf16 = reader.boolean(['bfloat16']);
    const pureFp16 = reader.boolean(['float16']);
    if (fp8 === true)
        reader.set('training.precision', 'fp8-mixed', [['fp8']]);
    else if (bf16 === 'full' || pureBf16 === true) {
        reader.set('training.precision', 'bf16', [bf16 === 'full' ? ['bf16'] : ['bfloat16']], 'weights loaded in bf16');
    }
    else if (pureFp16 === true)
        reader.warn(['float16'], 'pure fp16 training is not modelled; set training.precision');
    else if (bf16 === 'auto') {
        reader.set('training.precision', 'bf16-mixed', [['bf16']], 'bf16 on GPUs that have it');
    }
    else if (bf16 === true || bf16 === 'true')
        reader.set('training.precision', 'bf16-mixed', [['bf16']]);
    else if (fp16 === true)
        reader.set('training.precision', 'fp16-mixed', [['fp16']]);
    else if (bf16 === undefined) {
        reader.setDefault('training.precision', 'bf16-mixed', "Axolotl's bf16: auto (bf16 on GPUs that have it)");
    }
    else
        reader.set('training.precision', 'fp32', [['bf16']], 'neither bf16 nor fp16');
}
function readAdapter(reader) {
    const adapter = reader.string(['adapter']);
    const in4 = reader.boolean(['load_in_4bit']);
    const in8 = reader.boolean(['load_in_8bit']);
    if (adapter === undefined) {
        if (in4 === true || in8 === true) {
            reader.warn([in4 === true ? 'load_in_4bit' : 'load_in_8bit'], 'a quantised base without an adapter does not train; set adapter');
        }
        if (reader.has(['unfrozen_parameters']))
            readUnfrozenParameters(reader);
        else
            reader.setDefault('training.method', 'full', 'no adapter: full fine-tuning');
        return;
    }
    if (reader.has(['unfrozen_parameters'])) {
        reader.warn(['unfrozen_parameters'], `unfrozen_parameters beside adapter ${adapter} is not modelled: the adapter trains`);
    }
    if (adapter === 'qlora' || (adapter === 'lora' && in4 === true)) {
        const keys = [['adapter'], ...(in4 === true ? [['load_in_4bit']] : [])];
        reader.set('training.method', 'qlora', keys);
    }
    else if (adapter === 'lora') {
        reader.set('training.method', 'lora', [['adapter']]);
        if (in8 === true) {
            reader.warn(['load_in_8bit'], 'an 8-bit base model (bitsandbytes LLM.int8) is not modelled; estimated as a 16-bit base');
        }
    }
    else {
        reader.warn(['adapter'], `adapter ${adapter} is not modelled (lora and qlora are); estimated as full fine-tuning`);
        return;
    }
    const rank = reader.integer(['lora_r']);
    if (rank !== undefined)
        reader.set('training.lora.rank', rank, [['lora_r']]);
    const alpha = reader.number(['lora_alpha']);
    if (alpha !== undefined)
        reader.set('training.lora.alpha', alpha, [['lora_alpha']]);
    const dropout = reader.number(['lora_dropout']);
    if (dropout !== undefined)
        reader.set('training.lora.dropout', dropout, [['lora_dropout']]);
    const targets = reader.get(['lora_target_modules']);
    if (reader.boolean(['lora_target_linear']) === true) {
        reader.set('training.lora.target_modules', 'all-linear', [['lora_target_linear']]);
    }
    else if (Array.isArray(targets) && targets.every((target) => typeof target === 'string')) {
        reader.set('training.lora.target_modules', targets, [['lora_target_modules']]);
    }
    else if (typeof targets === 'string') {
        reader.warn(['lora_target_modules'], 'a pattern of target modules is not read; list the modules or set lora_target_linear');
    }
}
function readUnfrozenParameters(reader) {
    const key = ['unfrozen_parameters'];
    const written = reader.get(key);
    const patterns = typeof written === 'string' ? [written] : written;
    if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string')) {
        reader.warn(key, 'expected a list of parameter-name patterns; not read');
        return;
    }
    reader.set('training.method', 'freeze', [key], 'only the parameters the patterns match train');
    const layers = new Set();
    const modules = new Set();
    patterns.forEach((pattern, index) => {
        const at = typeof written === 'string' ? key : [...key, index];
        const reading = readUnfrozenPattern(pattern);
        if (reading.invalid !== null) {
            reader.warn(at, `pattern ${pattern} is not a regex this importer can read (${reading.invalid}); not mapped`);
            return;
        }
        for (const layer of [...reading.layers, ...reading.partialLayers])
            layers.add(layer);
        for (const module of reading.modules)
            modules.add(module);
        if (reading.partialLayers.length > 0) {
            reader.warn(at, `pattern ${pattern} trains only ${reading.partialParts.join(', ')} of ${reading.partialLayers.length === 1 ? 'layer' : 'layers'} ${layerRanges(reading.partialLayers)}; estimated as ${reading.partialLayers.length === 1 ? 'the whole layer' : 'those layers whole'} (an upper bound)`);
        }
        if (reading.rows !== null && reading.modules.length + reading.layers.length > 0) {
            reader.note(at, `${pattern}: the rows ${reading.rows} train, but the tensor keeps a whole gradient and optimizer states (Axolotl zeroes the other rows' gradients)`);
        }
        if (reading.layers.length + reading.partialLayers.length + reading.modules.length === 0) {
            reader.warn(at, `pattern ${pattern} matches no parameter of a Llama-style model (model.layers.N.…, model.embed_tokens, model.norm, lm_head); not mapped`);
        }
    });
    const keys = [key];
    reader.set('training.freeze.trainable_layers', [...layers].sort((a, b) => a - b), keys, 'decoder layers the patterns select');
    reader.set('training.freeze.trainable_modules', [...modules], keys, 'modules outside the layers the patterns select');
}
function readAttention(reader) {
    const implementation = reader.string(['attn_implementation']);
    if (implementation !== undefined) {
        const reading = attentionKernel(implementation);
        if (reading === null)
            reader.warn(['attn_implementation'], `attention ${implementation} is not modelled`);
        else
            reader.set('training.attention', reading.kernel, [['attn_implementation']], reading.note);
        return;
    }
    for (const [key, kernel, note] of [
        ['flash_attention', 'flash', undefined],
        ['sdp_attention', 'sdpa', undefined],
        ['xformers_attention', 'flash', "xformers' memory-efficient attention keeps no s×s scores, like flash"],
        ['flex_attention', 'flash', 'flex attention keeps no s×s scores; estimated like flash'],
        ['eager_attention', 'eager', undefined],
    ]) {
        if (reader.boolean([key]) === true) {
            reader.set('training.attention', kernel, [[key]], note);
            return;
        }
    }
    reader.setDefault('training.attention', 'sdpa', "transformers' default attention");
}
function axolotl_readBatch(reader) {
    const sequence = reader.integer(['sequence_len']);
    if (sequence !== undefined)
        reader.set('training.sequence_length', sequence, [['sequence_len']]);
    else
        reader.setDefault('training.sequence_length', 512, "Axolotl's default sequence_len");
    const packing = reader.boolean(['sample_packing']);
    if (packing !== undefined) {
        reader.note(['sample_packing'], packing
            ? 'packed: every row is sequence_len tokens'
            : 'unpacked: rows up to sequence_len, estimated at the full length');
    }
    const micro = reader.integer(['micro_batch_size']);
    if (micro !== undefined)
        reader.set('training.micro_batch_size', micro, [['micro_batch_size']]);
    const accumulation = reader.integer(['gradient_accumulation_steps']);
    const batch = reader.integer(['batch_size']);
    if (accumulation !== undefined) {
        reader.set('training.gradient_accumulation_steps', accumulation, [['gradient_accumulation_steps']]);
    }
    else if (batch !== undefined) {
        const steps = batch / (micro ?? 1);
        if (Number.isInteger(steps)) {
            reader.set('training.gradient_accumulation_steps', steps, [['batch_size'], ...(micro === undefined ? [] : [['micro_batch_size']])], 'batch_size / micro_batch_size');
        }
        else
            reader.warn(['batch_size'], `batch_size ${batch} is not a multiple of micro_batch_size ${micro ?? 1}`);
    }
    const steps = reader.integer(['max_steps']);
    if (steps !== undefined)
        reader.set('training.steps', steps, [['max_steps']]);
}
function readMemorySavers(reader) {
    const checkpointing = reader.get(['gradient_checkpointing']);
    if (checkpointing === true || checkpointing === 'true') {
        reader.set('training.activation_checkpointing', 'full', [['gradient_checkpointing']]);
    }
    else if (checkpointing === 'offload') {
        reader.set('training.activation_checkpointing', 'full', [['gradient_checkpointing']]);
        reader.set('training.activation_offloading', true, [['gradient_checkpointing']], 'checkpoints offloaded to the CPU');
    }
    else if (checkpointing === false || checkpointing === 'false') {
        reader.set('training.activation_checkpointing', 'none', [['gradient_checkpointing']]);
    }
    else if (checkpointing !== undefined) {
        reader.warn(['gradient_checkpointing'], `gradient_checkpointing ${String(checkpointing)} is not modelled`);
    }
    const offloading = reader.get(['activation_offloading']);
    if (offloading === true || offloading === 'legacy') {
        reader.set('training.activation_offloading', true, [['activation_offloading']]);
    }
    else if (offloading !== undefined && offloading !== false) {
        reader.warn(['activation_offloading'], `activation_offloading ${String(offloading)} is not modelled`);
    }
    const compile = reader.get(['torch_compile']);
    if (compile === true)
        reader.set('training.compile', true, [['torch_compile']]);
    else if (compile === 'auto')
        reader.note(['torch_compile'], 'compiled where torch supports it; estimated without');
    if (reader.boolean(['chunked_cross_entropy']) === true) {
        reader.set('training.cross_entropy', 'chunked', [['chunked_cross_entropy']]);
    }
    else if (reader.boolean(['liger_fused_linear_cross_entropy']) === true) {
        reader.set('training.cross_entropy', 'fused', [['liger_fused_linear_cross_entropy']]);
    }
    else if (reader.boolean(['cut_cross_entropy']) === true) {
        reader.set('training.cross_entropy', 'fused', [['cut_cross_entropy']]);
    }
}
function readParallelism(reader) {
    const tensor = reader.integer(['tensor_parallel_size']);
    if (tensor !== undefined)
        reader.set('parallelism.tensor', tensor, [['tensor_parallel_size']]);
    for (const key of ['context_parallel_size', 'sequence_parallel_degree']) {
        const context = reader.integer([key]);
        if (context !== undefined)
            reader.set('parallelism.context', context, [[key]]);
    }
    const deepspeed = reader.get(['deepspeed']);
    if (typeof deepspeed === 'string')
        reader.follow('deepspeed', deepspeed, ['deepspeed']);
    else if (deepspeed !== undefined && typeof deepspeed === 'object' && !Array.isArray(deepspeed)) {
        reader.absorb(importDeepSpeed(subDocument(reader.document, ['deepspeed'], deepspeed)));
    }
    readFsdp(reader, { list: ['fsdp'], config: ['fsdp_config'], version: ['fsdp_version'] });
}
function importAxolotl(document) {
    const reader = new ConfigReader(document, 'Axolotl');
    reader.setDefault('framework', 'hf-trainer', 'Axolotl trains with the HF Trainer and PEFT');
    readModel(reader);
    readAdapter(reader);
    axolotl_readPrecision(reader);
    readAttention(reader);
    axolotl_readBatch(reader);
    readMemorySavers(reader);
    readParallelism(reader);
    if (!reader.has(['optimizer'])) {
        reader.setDefault('training.optimizer', 'adamw', "Axolotl's default optimizer adamw_torch_fused");
    }
    else
        readHfOptimizer(reader, ['optimizer']);
    for (const [key, effect] of Object.entries(NOT_MODELLED)) {
        const value = reader.get([key]);
        if (value === undefined || value === false || effect === '')
            continue;
        reader.warn([key], `${key} (${effect}) is not modelled`);
    }
    reader.warnUnread((key) => ignored(key) || Object.hasOwn(NOT_MODELLED, key));
    return reader.result();
}

;// CONCATENATED MODULE: ./src/plan/importers/llama-factory.ts


const llama_factory_IGNORED_PREFIXES = [
    'model_revision',
    'trust_remote_code',
    'stage',
    'do_',
    'dataset',
    'eval_dataset',
    'template',
    'max_samples',
    'overwrite_',
    'preprocessing_',
    'dataloader_',
    'output_dir',
    'logging_',
    'save_',
    'plot_loss',
    'report_to',
    'learning_rate',
    'num_train_epochs',
    'lr_scheduler_',
    'warmup_',
    'weight_decay',
    'max_grad_norm',
    'ddp_',
    'resume_from_checkpoint',
    'val_size',
    'per_device_eval_batch_size',
    'eval_',
    'seed',
    'cache_dir',
    'hf_hub_token',
    'ms_hub_token',
    'om_hub_token',
    'run_name',
    'adam_',
    'use_fast_tokenizer',
    'split_special_tokens',
    'new_special_tokens',
    'add_',
    'resize_vocab',
    'streaming',
    'buffer_size',
    'mix_strategy',
    'interleave_probs',
    'media_dir',
    'tokenized_path',
    'train_on_prompt',
    'mask_history',
    'ignore_pad_token_for_loss',
    'use_reentrant_gc',
    'upcast_layernorm',
    'upcast_lmhead_output',
    'lora_alpha',
    'create_new_adapter',
    'adapter_name_or_path',
    'export_',
    'infer_',
    'pref_',
    'dpo_',
    'kto_',
    'simpo_',
    'ref_model',
    'reward_model',
    'ppo_',
    'push_to_hub',
    'hub_',
    'enable_thinking',
    'default_system',
    'tool_format',
    'packing',
    'neat_packing',
    'image_',
    'video_',
    'audio_',
    'print_param_status',
    'include_effective_tokens_per_second',
    'predict_with_generate',
    'compute_accuracy',
];
function llama_factory_ignored(key) {
    return llama_factory_IGNORED_PREFIXES.some((prefix) => key === prefix || (prefix.endsWith('_') && key.startsWith(prefix)));
}
const llama_factory_NOT_MODELLED = {
    use_unsloth: "Unsloth's kernels and gradient checkpointing",
    use_unsloth_gc: "Unsloth's gradient checkpointing",
    enable_liger_kernel: "Liger's fused kernels (its fused linear cross-entropy keeps no logits)",
    use_dora: 'DoRA keeps a magnitude vector and a weight-norm computation per adapted layer',
    use_galore: 'GaLore projects gradients to low rank',
    use_apollo: 'APOLLO optimizer',
    use_badam: 'BAdam trains one block at a time',
    use_adam_mini: 'Adam-mini keeps fewer second moments',
    use_muon: 'Muon optimizer',
    additional_target: 'trains these modules in full beside the adapters',
    shift_attn: 'shifted sparse attention',
    use_llama_pro: 'LLaMA Pro block expansion',
    freeze_vision_tower: '',
    rope_scaling: '',
};
function readMethod(reader) {
    const type = reader.string(['finetuning_type']);
    const bits = reader.integer(['quantization_bit']);
    const method = reader.string(['quantization_method']);
    if (type === 'full') {
        reader.set('training.method', 'full', [['finetuning_type']]);
    }
    else if (type === 'freeze') {
        readFreeze(reader);
    }
    else if (type === undefined || type === 'lora') {
        const qlora = bits === 4 && (method === undefined || method === 'bnb' || method === 'bitsandbytes');
        if (bits !== undefined && !qlora) {
            reader.warn(['quantization_bit'], `a ${bits}-bit ${method ?? 'bnb'} base model is not modelled; estimated as a 16-bit base`);
        }
        const keys = [...(type === undefined ? [] : [['finetuning_type']]), ...(qlora ? [['quantization_bit']] : [])];
        if (keys.length === 0)
            reader.setDefault('training.method', 'lora', "LLaMA-Factory's default finetuning_type");
        else
            reader.set('training.method', qlora ? 'qlora' : 'lora', keys);
        const rank = reader.integer(['lora_rank']);
        if (rank !== undefined)
            reader.set('training.lora.rank', rank, [['lora_rank']]);
        else
            reader.setDefault('training.lora.rank', 8, "LLaMA-Factory's default lora_rank");
        const alpha = reader.number(['lora_alpha']);
        if (alpha !== undefined)
            reader.set('training.lora.alpha', alpha, [['lora_alpha']]);
        else
            reader.setDefault('training.lora.alpha', (rank ?? 8) * 2, "LLaMA-Factory's default: 2 × lora_rank");
        const dropout = reader.number(['lora_dropout']);
        if (dropout !== undefined)
            reader.set('training.lora.dropout', dropout, [['lora_dropout']]);
        else
            reader.setDefault('training.lora.dropout', 0, "LLaMA-Factory's default lora_dropout");
        const target = reader.string(['lora_target']);
        if (target === undefined || target === 'all') {
            if (target === undefined)
                reader.setDefault('training.lora.target_modules', 'all-linear', "LLaMA-Factory's default lora_target: all");
            else
                reader.set('training.lora.target_modules', 'all-linear', [['lora_target']]);
        }
        else {
            const modules = target
                .split(',')
                .map((name) => name.trim())
                .filter((name) => name !== '');
            reader.set('training.lora.target_modules', modules, [['lora_target']]);
        }
    }
    else {
        reader.warn(['finetuning_type'], `finetuning_type ${type} is not modelled (full, freeze and lora are); estimated as full fine-tuning`);
        reader.set('training.method', 'full', [['finetuning_type']], 'not modelled: estimated as full');
    }
}
const EXTRA_MODULES = ['embed_tokens', 'lm_head', 'norm'];
function listArgument(value) {
    if (typeof value === 'string')
        return value
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== '');
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        return value.map((item) => item.trim());
    return null;
}
function readFreeze(reader) {
    reader.set('training.method', 'freeze', [['finetuning_type']]);
    if (reader.boolean(['disable_gradient_checkpointing']) !== true) {
        reader.note(['finetuning_type'], "LLaMA-Factory checkpoints only layers with trainable weights: its frozen layers keep no input, which the estimate's full recomputation counts (one hidden state per frozen layer, an upper bound)");
    }
    const count = reader.integer(['freeze_trainable_layers']);
    if (count === undefined) {
        reader.setDefault('training.freeze.trainable_layers', 2, "LLaMA-Factory's default freeze_trainable_layers");
    }
    else if (count >= 0) {
        reader.set('training.freeze.trainable_layers', count, [['freeze_trainable_layers']], 'the last layers');
    }
    else {
        const first = Array.from({ length: -count }, (_, index) => index);
        reader.set('training.freeze.trainable_layers', first, [['freeze_trainable_layers']], 'negative: the first layers');
    }
    const parts = listArgument(reader.get(['freeze_trainable_modules']));
    if (parts !== null && !(parts.length === 1 && parts[0] === 'all')) {
        reader.warn(['freeze_trainable_modules'], `freeze_trainable_modules ${parts.join(',')} trains only those parts of each trained layer; estimated as the whole layers (an upper bound)`);
    }
    else if (parts === null && reader.has(['freeze_trainable_modules'])) {
        reader.warn(['freeze_trainable_modules'], 'expected a comma-separated list of module names; not read');
    }
    const extra = reader.has(['freeze_extra_modules']) ? listArgument(reader.get(['freeze_extra_modules'])) : [];
    if (extra === null) {
        reader.warn(['freeze_extra_modules'], 'expected a comma-separated list of module names; not read');
        return;
    }
    const modules = extra.flatMap((name) => EXTRA_MODULES.filter((module) => module === name));
    const unmapped = extra.filter((name) => !EXTRA_MODULES.some((module) => module === name));
    if (unmapped.length > 0) {
        reader.warn(['freeze_extra_modules'], `freeze_extra_modules ${unmapped.join(',')} ${unmapped.length === 1 ? 'is' : 'are'} not mapped (embed_tokens, lm_head and norm are); ${unmapped.length === 1 ? 'it is' : 'they are'} estimated as frozen`);
    }
    if (modules.includes('norm')) {
        reader.warn(['freeze_extra_modules'], "LLaMA-Factory matches freeze_extra_modules as substrings: norm also trains every layer's layer norms, which takes gradients through all layers; the estimate trains the final norm only");
    }
    if (reader.has(['freeze_extra_modules']))
        reader.set('training.freeze.trainable_modules', modules, [['freeze_extra_modules']]);
    else
        reader.setDefault('training.freeze.trainable_modules', [], "LLaMA-Factory's default freeze_extra_modules: none");
}
function llama_factory_readPrecision(reader) {
    if (reader.boolean(['pure_bf16']) === true) {
        reader.set('training.precision', 'bf16', [['pure_bf16']]);
    }
    else if (reader.boolean(['bf16']) === true) {
        reader.set('training.precision', 'bf16-mixed', [['bf16']]);
    }
    else if (reader.boolean(['fp16']) === true) {
        reader.set('training.precision', 'fp16-mixed', [['fp16']]);
    }
    else {
        reader.setDefault('training.precision', 'fp32', 'neither bf16, fp16 nor pure_bf16: the HF Trainer trains without mixed precision');
    }
}
function llama_factory_readAttention(reader) {
    const setting = reader.string(['flash_attn']);
    const implementation = setting === undefined || setting === 'auto'
        ? 'sdpa'
        : { disabled: 'eager', sdpa: 'sdpa', fa2: 'flash_attention_2', fa3: 'flash_attention_3' }[setting];
    if (implementation === undefined) {
        reader.warn(['flash_attn'], `flash_attn ${setting ?? ''} is not one of auto, disabled, sdpa, fa2, fa3`);
        return;
    }
    const reading = attentionKernel(implementation);
    if (setting === undefined)
        reader.setDefault('training.attention', reading.kernel, "LLaMA-Factory's flash_attn: auto (transformers' sdpa)");
    else
        reader.set('training.attention', reading.kernel, [['flash_attn']], setting === 'auto' ? "transformers' sdpa" : undefined);
}
function importLlamaFactory(document) {
    const reader = new ConfigReader(document, 'LLaMA-Factory');
    reader.setDefault('framework', 'hf-trainer', 'LLaMA-Factory trains with the HF Trainer and PEFT');
    const model = reader.string(['model_name_or_path']);
    if (model !== undefined)
        reader.set('model', model, [['model_name_or_path']]);
    readMethod(reader);
    llama_factory_readPrecision(reader);
    llama_factory_readAttention(reader);
    const cutoff = reader.integer(['cutoff_len']);
    if (cutoff !== undefined)
        reader.set('training.sequence_length', cutoff, [['cutoff_len']]);
    else
        reader.setDefault('training.sequence_length', 2048, "LLaMA-Factory's default cutoff_len");
    const micro = reader.integer(['per_device_train_batch_size']);
    if (micro !== undefined)
        reader.set('training.micro_batch_size', micro, [['per_device_train_batch_size']]);
    const accumulation = reader.integer(['gradient_accumulation_steps']);
    if (accumulation !== undefined) {
        reader.set('training.gradient_accumulation_steps', accumulation, [['gradient_accumulation_steps']]);
    }
    const steps = reader.integer(['max_steps']);
    if (steps !== undefined && steps > 0)
        reader.set('training.steps', steps, [['max_steps']]);
    const disabled = reader.boolean(['disable_gradient_checkpointing']);
    if (disabled !== undefined) {
        reader.set('training.activation_checkpointing', disabled ? 'none' : 'full', [['disable_gradient_checkpointing']]);
    }
    else
        reader.setDefault('training.activation_checkpointing', 'full', 'LLaMA-Factory enables gradient checkpointing unless disabled');
    readHfOptimizer(reader, ['optim']);
    const deepspeed = reader.string(['deepspeed']);
    if (deepspeed !== undefined)
        reader.follow('deepspeed', deepspeed, ['deepspeed']);
    for (const [key, effect] of Object.entries(llama_factory_NOT_MODELLED)) {
        const value = reader.get([key]);
        if (value === undefined || value === false || effect === '')
            continue;
        reader.warn([key], `${key} (${effect}) is not modelled`);
    }
    reader.warnUnread((key) => llama_factory_ignored(key) || Object.hasOwn(llama_factory_NOT_MODELLED, key));
    return reader.result();
}

;// CONCATENATED MODULE: ./src/plan/importers/torchtitan.ts

const FLAVOURS = {
    llama3: { '8B': 'meta-llama/Llama-3.1-8B', '70B': 'meta-llama/Llama-3.1-70B', '405B': 'meta-llama/Llama-3.1-405B' },
    qwen3: { '8B': 'Qwen/Qwen3-8B', '32B': 'Qwen/Qwen3-32B' },
    deepseek_v3: { '671B': 'deepseek-ai/DeepSeek-V3' },
};
const IGNORED_SECTIONS = new Set([
    'job',
    'profiling',
    'metrics',
    'lr_scheduler',
    'checkpoint',
    'comm',
    'validation',
    'fault_tolerance',
    'memory_estimation',
    'experimental',
]);
function torchtitan_readModel(reader) {
    const name = reader.string(['model', 'name']) ?? 'llama3';
    const flavor = reader.string(['model', 'flavor']);
    if (flavor === undefined)
        return;
    const model = FLAVOURS[name]?.[flavor];
    if (model === undefined) {
        reader.warn(['model', 'flavor'], `${name} flavour ${flavor} is not one the importer knows; name the model with model:`);
    }
    else
        reader.set('model', model, reader.has(['model', 'name'])
            ? [
                ['model', 'name'],
                ['model', 'flavor'],
            ]
            : [['model', 'flavor']]);
    const converters = reader.get(['model', 'converters']);
    const list = Array.isArray(converters) ? converters : [];
    const float8Section = reader.boolean(['float8', 'enable_float8_linear']) === true;
    if (list.includes('float8') || list.includes('quantize.linear.float8') || float8Section) {
        reader.set('training.precision', 'fp8-mixed', [float8Section ? ['float8', 'enable_float8_linear'] : ['model', 'converters']], 'torchao float8 linears');
    }
    else if (list.length > 0) {
        reader.warn(['model', 'converters'], `model converters ${list.join(', ')} are not modelled`);
    }
    reader.warnUnread((key) => ['hf_assets_path', 'tokenizer_path', 'print_after_conversion'].includes(key), ['model']);
}
function readTraining(reader) {
    const local = reader.integer(['training', 'local_batch_size']) ?? reader.integer(['training', 'batch_size']);
    const localKey = reader.has(['training', 'local_batch_size'])
        ? ['training', 'local_batch_size']
        : ['training', 'batch_size'];
    const pipeline = reader.integer(['parallelism', 'pipeline_parallel_degree']) ?? 1;
    const microKey = ['parallelism', 'pipeline_parallel_microbatch_size'];
    if (pipeline > 1) {
        const micro = reader.integer(microKey) ?? 1;
        const batch = local ?? 8;
        reader.set('training.micro_batch_size', micro, reader.has(microKey) ? [microKey] : [], reader.has(microKey) ? undefined : "torchtitan's default microbatch size 1");
        if (batch % micro === 0) {
            reader.set('training.gradient_accumulation_steps', batch / micro, local === undefined ? [] : [localKey], 'pipeline microbatches: local batch / microbatch size');
        }
        else
            reader.warn(localKey, `local batch ${batch} is not a multiple of the microbatch size ${micro}`);
    }
    else if (local !== undefined)
        reader.set('training.micro_batch_size', local, [localKey]);
    else
        reader.setDefault('training.micro_batch_size', 8, "torchtitan's default local_batch_size");
    const length = reader.integer(['training', 'seq_len']);
    if (length !== undefined)
        reader.set('training.sequence_length', length, [['training', 'seq_len']]);
    else
        reader.setDefault('training.sequence_length', 2048, "torchtitan's default seq_len");
    const steps = reader.integer(['training', 'steps']);
    if (steps !== undefined)
        reader.set('training.steps', steps, [['training', 'steps']]);
    const global = reader.integer(['training', 'global_batch_size']);
    if (global !== undefined && global > 0) {
        reader.note(['training', 'global_batch_size'], 'checked against micro batch × accumulation × data-parallel GPUs');
        reader.checkGlobalBatch(global, ['training', 'global_batch_size']);
    }
    if (!reader.hasField('training.precision')) {
        const dtype = reader.string(['training', 'dtype']);
        const param = reader.string(['training', 'mixed_precision_param']);
        if (dtype === 'bfloat16')
            reader.set('training.precision', 'bf16', [['training', 'dtype']]);
        else if (param === 'float32')
            reader.set('training.precision', 'fp32', [['training', 'mixed_precision_param']]);
        else if (param === 'bfloat16')
            reader.set('training.precision', 'bf16-mixed', [['training', 'mixed_precision_param']]);
        else
            reader.setDefault('training.precision', 'bf16-mixed', "torchtitan's default mixed_precision_param bfloat16");
    }
    if (reader.boolean(['training', 'enable_cpu_offload']) === true) {
        reader.set('parallelism.offload.parameters', 'cpu', [['training', 'enable_cpu_offload']]);
        reader.set('parallelism.offload.optimizer', 'cpu', [['training', 'enable_cpu_offload']], 'FSDP2 CPU offload steps the optimizer on the host');
    }
    reader.warnUnread((key) => [
        'dataset',
        'dataset_path',
        'max_norm',
        'seed',
        'deterministic',
        'gc_freq',
        'gc_debug',
        'mixed_precision_reduce',
        'dtype',
        'mixed_precision_param',
    ].includes(key), ['training']);
}
function torchtitan_readParallelism(reader) {
    const section = ['parallelism'];
    const degree = (key) => reader.integer([...section, key]);
    const tensor = degree('tensor_parallel_degree');
    const pipeline = degree('pipeline_parallel_degree');
    const context = degree('context_parallel_degree');
    const expert = degree('expert_parallel_degree');
    const replicate = degree('data_parallel_replicate_degree');
    const shard = degree('data_parallel_shard_degree');
    if (tensor !== undefined)
        reader.set('parallelism.tensor', tensor, [[...section, 'tensor_parallel_degree']]);
    if (tensor !== undefined && tensor > 1) {
        reader.set('parallelism.sequence_parallel', true, [[...section, 'tensor_parallel_degree']], 'torchtitan pairs TP with sequence parallelism');
    }
    if (pipeline !== undefined)
        reader.set('parallelism.pipeline', pipeline, [[...section, 'pipeline_parallel_degree']]);
    if (context !== undefined)
        reader.set('parallelism.context', context, [[...section, 'context_parallel_degree']]);
    if (expert !== undefined)
        reader.set('parallelism.expert', expert, [[...section, 'expert_parallel_degree']]);
    const reshard = reader.string([...section, 'fsdp_reshard_after_forward']);
    const shardKey = [...section, 'data_parallel_shard_degree'];
    if (shard === 1)
        reader.set('parallelism.zero', 0, [shardKey], 'no FSDP sharding');
    else if (reshard === 'never')
        reader.set('parallelism.zero', 2, [[...section, 'fsdp_reshard_after_forward']]);
    else
        reader.set('parallelism.zero', 3, shard === undefined ? [] : [shardKey], 'FSDP2 over the data-parallel shard degree');
    if (shard !== undefined && shard > 0) {
        const gpus = shard * (replicate ?? 1) * (tensor ?? 1) * (pipeline ?? 1) * (context ?? 1);
        reader.set('hardware.gpus', gpus, [shardKey], 'replicate × shard × tensor × pipeline × context degrees');
    }
    if (replicate !== undefined && replicate > 1 && shard !== 1) {
        reader.warn([...section, 'data_parallel_replicate_degree'], 'HSDP (replicas of FSDP groups) shards over the shard degree only; estimated as sharding over every data-parallel GPU');
    }
    const schedule = reader.string([...section, 'pipeline_parallel_schedule']);
    if (schedule !== undefined && !/^1F1B$|^GPipe$/i.test(schedule)) {
        reader.warn([...section, 'pipeline_parallel_schedule'], `pipeline schedule ${schedule} is estimated as 1F1B`);
    }
    reader.warnUnread((key) => [
        'enable_compiled_autograd',
        'disable_loss_parallel',
        'enable_async_tensor_parallel',
        'pipeline_parallel_split_points',
        'pipeline_parallel_schedule_csv',
        'pipeline_parallel_microbatch_size',
        'module_fqns_per_model_part',
        'context_parallel_rotate_method',
        'expert_tensor_parallel_degree',
    ].includes(key), section);
}
function torchtitan_readMemorySavers(reader) {
    const mode = reader.string(['activation_checkpoint', 'mode']) ?? 'selective';
    const option = reader.get(['activation_checkpoint', 'selective_ac_option']);
    const modeKeys = reader.has(['activation_checkpoint', 'mode']) ? [['activation_checkpoint', 'mode']] : [];
    if (mode === 'full' || mode === 'none')
        reader.set('training.activation_checkpointing', mode, modeKeys);
    else if (mode === 'selective' && option === 'op') {
        reader.set('training.activation_checkpointing', 'selective', [...modeKeys, ['activation_checkpoint', 'selective_ac_option']], 'op-level');
    }
    else if (mode === 'selective') {
        reader.set('training.activation_checkpointing', 'full', modeKeys, 'every N-th layer checkpointed: estimated as every layer');
        reader.warn(reader.has(['activation_checkpoint', 'selective_ac_option'])
            ? ['activation_checkpoint', 'selective_ac_option']
            : reader.has(['activation_checkpoint'])
                ? ['activation_checkpoint']
                : [], `layer-level selective checkpointing (every ${String(option ?? 2)}-th layer) is not modelled: estimated as full checkpointing of every layer, which is low`);
    }
    else
        reader.warn(['activation_checkpoint', 'mode'], `activation checkpoint mode ${mode} is not known`);
    const compile = reader.boolean(['compile', 'enable']);
    if (compile !== undefined)
        reader.set('training.compile', compile, [['compile', 'enable']]);
    const optimizer = reader.string(['optimizer', 'name']);
    if (optimizer === 'AdamW' || optimizer === 'Adam')
        reader.set('training.optimizer', 'adamw', [['optimizer', 'name']]);
    else if (optimizer !== undefined)
        reader.warn(['optimizer', 'name'], `optimizer ${optimizer} is not one the estimate models`);
    if (reader.boolean(['optimizer', 'early_step_in_backward']) === true) {
        reader.set('training.optimizer_in_backward', true, [['optimizer', 'early_step_in_backward']]);
    }
    reader.setDefault('training.attention', 'sdpa', "torchtitan's attention: PyTorch SDPA");
    reader.setDefault('training.cross_entropy', 'standard', 'torchtitan takes the loss over the full logits');
}
function importTorchtitan(document) {
    const reader = new ConfigReader(document, 'torchtitan');
    reader.setDefault('framework', 'torchtitan', 'a torchtitan job');
    torchtitan_readModel(reader);
    torchtitan_readParallelism(reader);
    readTraining(reader);
    torchtitan_readMemorySavers(reader);
    reader.warnUnread((key) => IGNORED_SECTIONS.has(key) ||
        key === 'float8' ||
        key === 'quantize' ||
        key === 'activation_checkpoint' ||
        key === 'compile' ||
        key === 'optimizer');
    return reader.result();
}

;// CONCATENATED MODULE: ./src/plan/importers/torchtune.ts

const BUILDERS = {
    llama2_7b: 'meta-llama/Llama-2-7b-hf',
    llama2_13b: 'meta-llama/Llama-2-13b-hf',
    llama2_70b: 'meta-llama/Llama-2-70b-hf',
    llama3_8b: 'meta-llama/Meta-Llama-3-8B',
    llama3_70b: 'meta-llama/Meta-Llama-3-70B',
    llama3_1_8b: 'meta-llama/Llama-3.1-8B',
    llama3_1_70b: 'meta-llama/Llama-3.1-70B',
    llama3_1_405b: 'meta-llama/Llama-3.1-405B',
    llama3_2_1b: 'meta-llama/Llama-3.2-1B',
    llama3_2_3b: 'meta-llama/Llama-3.2-3B',
    llama3_3_70b: 'meta-llama/Llama-3.3-70B-Instruct',
    mistral_7b: 'mistralai/Mistral-7B-v0.1',
    qwen2_5_0_5b: 'Qwen/Qwen2.5-0.5B',
    qwen2_5_7b_base: 'Qwen/Qwen2.5-7B',
    qwen2_5_72b_base: 'Qwen/Qwen2.5-72B',
    qwen3_8b_base: 'Qwen/Qwen3-8B',
    qwen3_32b: 'Qwen/Qwen3-32B',
    gemma2_9b: 'google/gemma-2-9b',
    gemma2_27b: 'google/gemma-2-27b',
    phi3_mini: 'microsoft/Phi-3-mini-4k-instruct',
    phi4_14b: 'microsoft/phi-4',
};
const ATTENTION_MODULES = {
    q_proj: 'q_proj',
    k_proj: 'k_proj',
    v_proj: 'v_proj',
    output_proj: 'o_proj',
};
const MLP_MODULES = ['gate_proj', 'up_proj', 'down_proj'];
const torchtune_OPTIMIZERS = {
    'torch.optim.AdamW': 'adamw',
    'torch.optim.Adam': 'adamw',
    'torch.optim.SGD': 'sgd',
    'torch.optim.Adafactor': 'adafactor',
    'bitsandbytes.optim.PagedAdamW8bit': 'paged-adamw-8bit',
    'bitsandbytes.optim.AdamW8bit': 'adamw-8bit',
    'torchao.optim.AdamW8bit': 'adamw-8bit',
    'torchao.prototype.low_bit_optim.AdamW8bit': 'adamw-8bit',
};
const LOSSES = {
    'torchtune.modules.loss.CEWithChunkedOutputLoss': { crossEntropy: 'chunked' },
    'torchtune.modules.loss.LinearCrossEntropyLoss': {
        crossEntropy: 'chunked',
        note: 'projects and takes the loss chunk by chunk, like CEWithChunkedOutputLoss',
    },
    'torch.nn.CrossEntropyLoss': { crossEntropy: 'standard' },
};
const torchtune_IGNORED = new Set([
    'output_dir',
    'checkpointer',
    'resume_from_checkpoint',
    'seed',
    'shuffle',
    'run_val_every_n_steps',
    'dataset_val',
    'batch_size_val',
    'epochs',
    'max_steps_per_epoch',
    'lr_scheduler',
    'clip_grad_norm',
    'device',
    'metric_logger',
    'log_every_n_steps',
    'log_peak_memory_stats',
    'log_level',
    'profiler',
    'low_cpu_ram',
    'save_adapter_weights_only',
    'save_last_epoch_only',
    'custom_sharded_layers',
    'cudnn_deterministic_mode',
    'dataset',
    'tokenizer',
    'model',
    'optimizer',
    'loss',
]);
function torchtune_readModel(reader) {
    const component = reader.string(['model', '_component_']);
    if (component === undefined)
        return;
    const builder = component.split('.').pop() ?? '';
    const quantised = builder.startsWith('qlora_');
    const adapted = quantised || builder.startsWith('lora_');
    const name = builder.replace(/^q?lora_/, '');
    const model = BUILDERS[name];
    if (model === undefined) {
        reader.warn(['model', '_component_'], `model builder ${builder} is not one the importer knows; name the model with model:`);
    }
    else
        reader.set('model', model, [['model', '_component_']]);
    if (!adapted) {
        reader.set('training.method', 'full', [['model', '_component_']]);
        return;
    }
    const quantizeBase = reader.boolean(['model', 'quantize_base']) === true;
    reader.set('training.method', quantised || quantizeBase ? 'qlora' : 'lora', [
        ['model', '_component_'],
        ...(quantizeBase ? [['model', 'quantize_base']] : []),
    ]);
    const rank = reader.integer(['model', 'lora_rank']);
    if (rank !== undefined)
        reader.set('training.lora.rank', rank, [['model', 'lora_rank']]);
    const alpha = reader.number(['model', 'lora_alpha']);
    if (alpha !== undefined)
        reader.set('training.lora.alpha', alpha, [['model', 'lora_alpha']]);
    const dropout = reader.number(['model', 'lora_dropout']);
    if (dropout !== undefined)
        reader.set('training.lora.dropout', dropout, [['model', 'lora_dropout']]);
    const attention = reader.get(['model', 'lora_attn_modules']);
    const modules = [];
    const keys = [['model', 'lora_attn_modules']];
    if (Array.isArray(attention)) {
        for (const [index, module] of attention.entries()) {
            const hf = typeof module === 'string' ? ATTENTION_MODULES[module] : undefined;
            if (hf === undefined)
                reader.warn(['model', 'lora_attn_modules', index], `${String(module)} is not a torchtune attention module`);
            else
                modules.push(hf);
        }
    }
    if (reader.boolean(['model', 'apply_lora_to_mlp']) === true) {
        modules.push(...MLP_MODULES);
        keys.push(['model', 'apply_lora_to_mlp']);
    }
    if (reader.boolean(['model', 'apply_lora_to_output']) === true) {
        modules.push('lm_head');
        keys.push(['model', 'apply_lora_to_output']);
    }
    if (modules.length > 0)
        reader.set('training.lora.target_modules', modules, keys, 'torchtune names as Hugging Face names');
    if (reader.boolean(['model', 'use_dora']) === true) {
        reader.warn(['model', 'use_dora'], 'DoRA (a magnitude vector and a weight norm per adapted layer) is not modelled');
    }
    reader.warnUnread((key) => key === '_component_' ||
        key === 'quantize_base' ||
        key.startsWith('lora_') ||
        key === 'apply_lora_to_mlp' ||
        key === 'apply_lora_to_output', ['model']);
}
function torchtune_readBatch(reader) {
    const batch = reader.integer(['batch_size']);
    if (batch !== undefined)
        reader.set('training.micro_batch_size', batch, [['batch_size']]);
    const accumulation = reader.integer(['gradient_accumulation_steps']);
    if (accumulation !== undefined) {
        reader.set('training.gradient_accumulation_steps', accumulation, [['gradient_accumulation_steps']]);
    }
    const length = reader.integer(['tokenizer', 'max_seq_len']);
    const packed = reader.boolean(['dataset', 'packed']);
    if (length !== undefined) {
        reader.set('training.sequence_length', length, [['tokenizer', 'max_seq_len']], packed === true ? 'packed: every row this long' : undefined);
    }
    else {
        reader.warn(reader.has(['tokenizer']) ? ['tokenizer'] : [], 'tokenizer.max_seq_len is not set: rows are as long as the dataset makes them; write training.sequence_length in the plan');
    }
    const steps = reader.integer(['max_steps_per_epoch']);
    const epochs = reader.integer(['epochs']);
    if (steps !== undefined && epochs !== undefined) {
        reader.set('training.steps', steps * epochs, [['max_steps_per_epoch'], ['epochs']], 'max_steps_per_epoch × epochs');
    }
}
function torchtune_readPrecision(reader) {
    const dtype = reader.string(['dtype']);
    if (dtype === undefined)
        return;
    if (dtype === 'bf16')
        reader.set('training.precision', 'bf16', [['dtype']]);
    else if (dtype === 'fp32')
        reader.set('training.precision', 'fp32', [['dtype']]);
    else
        reader.warn(['dtype'], `dtype ${dtype} is not one torchtune trains in (bf16, fp32)`);
}
function torchtune_readOptimizer(reader) {
    const component = reader.string(['optimizer', '_component_']);
    if (component === undefined)
        return;
    let optimizer = torchtune_OPTIMIZERS[component];
    if (optimizer === 'sgd' && (reader.number(['optimizer', 'momentum']) ?? 0) > 0)
        optimizer = 'sgd-momentum';
    if (optimizer === undefined) {
        reader.warn(['optimizer', '_component_'], `optimizer ${component} is not one the estimate models; the plan's optimizer is used`);
    }
    else
        reader.set('training.optimizer', optimizer, [['optimizer', '_component_']]);
    if (reader.boolean(['optimizer_in_bwd']) === true) {
        reader.set('training.optimizer_in_backward', true, [['optimizer_in_bwd']]);
    }
}
function torchtune_readMemorySavers(reader) {
    const loss = reader.string(['loss', '_component_']);
    if (loss !== undefined) {
        const reading = LOSSES[loss];
        if (reading === undefined)
            reader.warn(['loss', '_component_'], `loss ${loss} is not modelled; estimated as the plan's cross_entropy`);
        else
            reader.set('training.cross_entropy', reading.crossEntropy, [['loss', '_component_']], reading.note);
    }
    const checkpointing = reader.boolean(['enable_activation_checkpointing']);
    if (checkpointing !== undefined) {
        reader.set('training.activation_checkpointing', checkpointing ? 'full' : 'none', [
            ['enable_activation_checkpointing'],
        ]);
    }
    const offloading = reader.boolean(['enable_activation_offloading']);
    if (offloading !== undefined)
        reader.set('training.activation_offloading', offloading, [['enable_activation_offloading']]);
    const compile = reader.boolean(['compile']);
    if (compile !== undefined)
        reader.set('training.compile', compile, [['compile']]);
    reader.setDefault('training.attention', 'sdpa', "torchtune's attention: PyTorch SDPA");
}
function readSharding(reader) {
    const reshard = reader.boolean(['fsdp_reshard_after_forward']);
    if (reshard === false)
        reader.set('parallelism.zero', 2, [['fsdp_reshard_after_forward']]);
    else {
        reader.setDefault('parallelism.zero', 3, 'torchtune distributed recipes shard with FSDP2; on one GPU nothing is sharded');
    }
    if (reader.boolean(['fsdp_cpu_offload']) === true) {
        reader.set('parallelism.offload.parameters', 'cpu', [['fsdp_cpu_offload']]);
        reader.set('parallelism.offload.optimizer', 'cpu', [['fsdp_cpu_offload']], 'FSDP CPU offload steps the optimizer on the host');
    }
    const tensor = reader.integer(['tensor_parallel_dim']);
    if (tensor !== undefined && tensor > 1)
        reader.set('parallelism.tensor', tensor, [['tensor_parallel_dim']]);
    for (const key of ['data_parallel_replicate_dim', 'context_parallel_dim']) {
        const value = reader.integer([key]);
        if (value !== undefined && value > 1)
            reader.warn([key], `${key} = ${value} is not modelled`);
    }
}
function importTorchtune(document) {
    const reader = new ConfigReader(document, 'torchtune');
    reader.setDefault('framework', 'torchtune', 'a torchtune recipe');
    torchtune_readModel(reader);
    torchtune_readBatch(reader);
    torchtune_readPrecision(reader);
    torchtune_readOptimizer(reader);
    torchtune_readMemorySavers(reader);
    readSharding(reader);
    if (reader.has(['quantizer']))
        reader.warn(['quantizer'], 'quantisation-aware training (fake-quantised weights) is not modelled');
    reader.warnUnread((key) => torchtune_IGNORED.has(key) || key === 'data_parallel_shard_dim' || key === 'tensor_parallel_plan');
    return reader.result();
}

;// CONCATENATED MODULE: ./src/plan/importers/index.ts






const IMPORTERS = {
    deepspeed: importDeepSpeed,
    axolotl: importAxolotl,
    llama_factory: importLlamaFactory,
    torchtune: importTorchtune,
    torchtitan: importTorchtitan,
    accelerate: importAccelerate,
};
const FORMAT_RANK = {
    axolotl: 2,
    llama_factory: 2,
    torchtune: 2,
    torchtitan: 2,
    accelerate: 1,
    deepspeed: 0,
};
const has = (root, path) => {
    let current = root;
    for (const key of path) {
        if (current === null || typeof current !== 'object' || Array.isArray(current))
            return false;
        if (!Object.hasOwn(current, key))
            return false;
        current = current[key];
    }
    return true;
};
const SIGNATURES = [
    {
        format: 'torchtune',
        naming: [['model', '_component_']],
        confirming: [
            ['batch_size'],
            ['optimizer', '_component_'],
            ['checkpointer'],
            ['tokenizer', '_component_'],
            ['dtype'],
        ],
    },
    {
        format: 'torchtitan',
        naming: [['model', 'flavor']],
        confirming: [['training'], ['parallelism'], ['job'], ['activation_checkpoint']],
    },
    {
        format: 'axolotl',
        naming: [['base_model']],
        confirming: [['micro_batch_size'], ['sequence_len'], ['adapter'], ['datasets'], ['lora_r'], ['num_epochs']],
    },
    {
        format: 'llama_factory',
        naming: [['model_name_or_path']],
        confirming: [['finetuning_type'], ['stage'], ['cutoff_len'], ['template'], ['per_device_train_batch_size']],
    },
    {
        format: 'accelerate',
        naming: [['distributed_type']],
        confirming: [
            ['num_processes'],
            ['mixed_precision'],
            ['compute_environment'],
            ['fsdp_config'],
            ['deepspeed_config'],
        ],
    },
    {
        format: 'deepspeed',
        naming: [],
        confirming: [['zero_optimization'], ['train_micro_batch_size_per_gpu'], ['train_batch_size']],
    },
];
function recogniseFormat(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return null;
    const root = value;
    for (const signature of SIGNATURES) {
        if (!signature.naming.every((path) => has(root, path)))
            continue;
        const confirming = signature.confirming.filter((path) => has(root, path));
        if (confirming.length === 0)
            continue;
        return { format: signature.format, keys: [...signature.naming, ...confirming].map((path) => path.join('.')) };
    }
    return null;
}

;// CONCATENATED MODULE: ./src/plan/importers/formats.ts
const IMPORT_FORMATS = [
    { name: 'deepspeed', title: 'a DeepSpeed config', syntax: 'yaml' },
    { name: 'axolotl', title: 'an Axolotl config', syntax: 'yaml' },
    { name: 'llama_factory', title: 'a LLaMA-Factory config', syntax: 'yaml' },
    { name: 'torchtune', title: 'a torchtune recipe config', syntax: 'yaml' },
    { name: 'torchtitan', title: 'a torchtitan job config (TOML)', syntax: 'toml' },
    { name: 'accelerate', title: 'an accelerate config', syntax: 'yaml' },
];
function formatInfo(name) {
    return IMPORT_FORMATS.find((format) => format.name === name);
}

;// CONCATENATED MODULE: ./src/core/architecture/config-ranges.ts
const CONFIG_RANGES = {
    layers: { min: 1, max: 2048 },
    layersOrNone: { min: 0, max: 2048 },
    width: { min: 1, max: 131_072 },
    feedForward: { min: 1, max: 1_048_576 },
    heads: { min: 1, max: 16_384 },
    headDim: { min: 1, max: 16_384 },
    latentRank: { min: 1, max: 131_072 },
    vocabulary: { min: 1, max: 16_777_216 },
    positions: { min: 1, max: 134_217_728 },
    experts: { min: 1, max: 1_048_576 },
    expertsOrNone: { min: 0, max: 1_048_576 },
    ratio: { min: 1, max: 1024 },
    small: { min: 1, max: 16 },
};
const KEY_RANGES = {
    num_hidden_layers: CONFIG_RANGES.layers,
    n_layer: CONFIG_RANGES.layers,
    n_layers: CONFIG_RANGES.layers,
    decoder_sparse_step: CONFIG_RANGES.layers,
    moe_layer_freq: CONFIG_RANGES.layers,
    interleave_moe_layer_step: CONFIG_RANGES.layers,
    no_rope_layer_interval: CONFIG_RANGES.layers,
    sliding_window_pattern: CONFIG_RANGES.layers,
    first_k_dense_replace: CONFIG_RANGES.layersOrNone,
    num_nextn_predict_layers: CONFIG_RANGES.layersOrNone,
    hidden_size: CONFIG_RANGES.width,
    n_embd: CONFIG_RANGES.width,
    n_embed: CONFIG_RANGES.width,
    d_model: CONFIG_RANGES.width,
    intermediate_size: CONFIG_RANGES.feedForward,
    intermediate_size_mlp: CONFIG_RANGES.feedForward,
    moe_intermediate_size: CONFIG_RANGES.feedForward,
    shared_expert_intermediate_size: CONFIG_RANGES.feedForward,
    n_inner: CONFIG_RANGES.feedForward,
    ffn_hidden_size: CONFIG_RANGES.feedForward,
    num_attention_heads: CONFIG_RANGES.heads,
    num_key_value_heads: CONFIG_RANGES.heads,
    n_head: CONFIG_RANGES.heads,
    n_heads: CONFIG_RANGES.heads,
    num_kv_heads: CONFIG_RANGES.heads,
    n_head_kv: CONFIG_RANGES.heads,
    head_dim: CONFIG_RANGES.headDim,
    kv_channels: CONFIG_RANGES.headDim,
    qk_nope_head_dim: CONFIG_RANGES.headDim,
    qk_rope_head_dim: CONFIG_RANGES.headDim,
    v_head_dim: CONFIG_RANGES.headDim,
    q_lora_rank: CONFIG_RANGES.latentRank,
    kv_lora_rank: CONFIG_RANGES.latentRank,
    vocab_size: CONFIG_RANGES.vocabulary,
    max_position_embeddings: CONFIG_RANGES.positions,
    n_positions: CONFIG_RANGES.positions,
    sliding_window: CONFIG_RANGES.positions,
    attention_chunk_size: CONFIG_RANGES.positions,
    num_experts: CONFIG_RANGES.experts,
    num_local_experts: CONFIG_RANGES.experts,
    n_routed_experts: CONFIG_RANGES.experts,
    num_experts_per_tok: CONFIG_RANGES.experts,
    n_shared_experts: CONFIG_RANGES.expertsOrNone,
    expansion_ratio: CONFIG_RANGES.ratio,
    num_ln_in_parallel_attn: CONFIG_RANGES.small,
};
const OTHER_INTEGER = { min: 1, max: 16_777_216 };
function configRangeOf(key) {
    return KEY_RANGES[key.slice(key.lastIndexOf('.') + 1)] ?? OTHER_INTEGER;
}
const MAX_LAYER_LIST_LENGTH = CONFIG_RANGES.layers.max;
function groupDigits(value) {
    if (!Number.isInteger(value) || Math.abs(value) < 10_000 || Math.abs(value) >= 1e21)
        return String(value);
    const digits = String(Math.abs(value));
    let out = '';
    for (let i = 0; i < digits.length; i++) {
        if (i > 0 && (digits.length - i) % 3 === 0)
            out += '_';
        out += digits[i];
    }
    return value < 0 ? `-${out}` : out;
}

;// CONCATENATED MODULE: ./src/plan/did-you-mean.ts
function editDistance(a, b) {
    const previous = new Array(b.length + 1);
    const current = new Array(b.length + 1);
    for (let j = 0; j <= b.length; j++)
        previous[j] = j;
    for (let i = 1; i <= a.length; i++) {
        current[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
        }
        for (let j = 0; j <= b.length; j++)
            previous[j] = current[j];
    }
    return previous[b.length];
}
const CLOSE_DISTANCE = 2;
function nearest(input, candidates) {
    const needle = input.toLowerCase();
    let best = null;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(needle, candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    if (best === null)
        return null;
    if (bestDistance <= CLOSE_DISTANCE)
        return best;
    let extended = null;
    for (const candidate of candidates) {
        const name = candidate.toLowerCase();
        const related = name.length >= 4 && needle.length >= 4 && (needle.startsWith(name) || name.startsWith(needle));
        if (related && (extended === null || candidate.length > extended.length))
            extended = candidate;
    }
    if (extended !== null)
        return extended;
    const allowed = Math.min(4, Math.max(1, Math.floor(Math.max(needle.length, best.length) / 3)));
    return bestDistance <= allowed ? best : null;
}
function didYouMean(input, candidates) {
    const match = nearest(input, candidates);
    return match === null ? undefined : `did you mean "${match}"?`;
}
function nearestFew(input, candidates, count) {
    const needle = input.toLowerCase();
    const ranked = candidates.map((candidate) => {
        const name = candidate.toLowerCase();
        const related = needle.startsWith(name) || name.startsWith(needle);
        return { candidate, related, distance: editDistance(needle, name) };
    });
    return ranked
        .sort((a, b) => Number(b.related) - Number(a.related) || a.distance - b.distance)
        .slice(0, count)
        .map((entry) => entry.candidate);
}

;// CONCATENATED MODULE: ./src/plan/plan-node.ts
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
function toPlanNode(value, origin) {
    if (Array.isArray(value)) {
        return { kind: 'list', items: value.map((item, index) => toPlanNode(item, [...origin, index])), origin };
    }
    if (value !== null && typeof value === 'object') {
        const entries = new Map();
        for (const key of Object.keys(value)) {
            entries.set(key, toPlanNode(value[key], [...origin, key]));
        }
        return { kind: 'map', entries, origin };
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
        return { kind: 'scalar', value, origin };
    }
    return { kind: 'scalar', value: String(value), origin };
}
function mergeNodes(base, over) {
    if (base.kind !== 'map' || over.kind !== 'map')
        return over;
    const entries = new Map(base.entries);
    for (const [key, value] of over.entries) {
        const under = entries.get(key);
        entries.set(key, under === undefined ? value : mergeNodes(under, value));
    }
    return { kind: 'map', entries, origin: over.origin };
}
function toPlainValue(node) {
    switch (node.kind) {
        case 'scalar':
            return node.value;
        case 'list':
            return node.items.map(toPlainValue);
        case 'map': {
            const out = Object.create(null);
            for (const [key, value] of node.entries)
                if (!FORBIDDEN_KEYS.has(key))
                    out[key] = toPlainValue(value);
            return out;
        }
    }
}

;// CONCATENATED MODULE: ./src/plan/plan-checker.ts




const showNumber = groupDigits;
function describe(node) {
    if (node.kind === 'map')
        return 'a mapping';
    if (node.kind === 'list')
        return 'a list';
    if (node.value === null)
        return 'null';
    if (typeof node.value === 'string')
        return `the text "${node.value.length <= 80 ? node.value : `${node.value.slice(0, 77)}…`}"`;
    return `${typeof node.value} ${String(node.value)}`;
}
function describeRange(range, integer, show = showNumber) {
    const kind = integer ? 'an integer' : 'a number';
    return range.exclusiveMin
        ? `${kind} greater than ${show(range.min)} and at most ${show(range.max)}`
        : `${kind} from ${show(range.min)} to ${show(range.max)}`;
}
class PlanChecker {
    document;
    issues = [];
    otherDocuments = new Map();
    constructor(document) {
        this.document = document;
    }
    addDocument(document) {
        this.otherDocuments.set(document.file, document);
    }
    locate(origin) {
        const inFile = splitOriginInFile(origin);
        const other = inFile === null ? undefined : this.otherDocuments.get(inFile.file);
        return inFile === null || other === undefined
            ? { document: this.document, keyPath: origin }
            : { document: other, keyPath: inFile.keyPath };
    }
    report(code, origin, message, details = {}) {
        const { document, keyPath } = this.locate(origin);
        const position = document.locate(keyPath, details.at ?? 'value');
        const path = details.path ?? origin;
        this.issues.push({
            code,
            path: splitOriginInFile(path)?.keyPath ?? path,
            message,
            file: document.file,
            line: position.line,
            column: position.column,
            sourceLine: position.sourceLine,
            ...(details.hint === undefined ? {} : { hint: details.hint }),
            ...(details.expected === undefined ? {} : { expected: details.expected }),
        });
    }
    invalidType(node, expected) {
        this.report('invalid_type', node.origin, `expected ${expected}, got ${describe(node)}`, { expected });
        return null;
    }
    map(node, allowed, what) {
        if (node === undefined)
            return null;
        if (node.kind !== 'map')
            return this.invalidType(node, what);
        for (const [key, value] of node.entries) {
            if (allowed.includes(key))
                continue;
            const origin = value.origin;
            const section = origin.slice(0, -1);
            if (FORBIDDEN_KEYS.has(key)) {
                this.report('unknown_key', origin, `"${key}" is not allowed as a key`, {
                    at: 'key',
                    expected: `keys of ${toDotPath(section) || 'the file'}: ${allowed.join(', ')}`,
                });
                continue;
            }
            this.report('unknown_key', origin, `unknown key "${key}"`, {
                at: 'key',
                hint: didYouMean(key, allowed),
                expected: `keys of ${toDotPath(section) || 'the file'}: ${allowed.join(', ')}`,
            });
        }
        return node;
    }
    string(node, maxLength = 200) {
        if (node === undefined)
            return null;
        if (node.kind !== 'scalar' || typeof node.value !== 'string')
            return this.invalidType(node, 'a string');
        if (node.value.length === 0 || node.value.length > maxLength) {
            this.report('out_of_range', node.origin, `must be 1 to ${maxLength} characters long`);
            return null;
        }
        return node.value;
    }
    boolean(node) {
        if (node === undefined)
            return null;
        if (node.kind !== 'scalar' || typeof node.value !== 'boolean')
            return this.invalidType(node, 'true or false');
        return node.value;
    }
    oneOf(node, options) {
        if (node === undefined)
            return null;
        const expected = `one of: ${options.join(', ')}`;
        if (node.kind !== 'scalar' || node.value === null || typeof node.value === 'boolean') {
            return this.invalidType(node, expected);
        }
        const match = options.find((option) => option === node.value);
        if (match !== undefined)
            return match;
        const text = String(node.value);
        this.report('invalid_value', node.origin, `"${text}" is not a valid value`, {
            hint: typeof node.value === 'string' ? didYouMean(text, options.map(String)) : undefined,
            expected,
        });
        return null;
    }
    number(node, range) {
        if (node === undefined)
            return null;
        if (node.kind !== 'scalar' || typeof node.value !== 'number') {
            return this.invalidType(node, describeRange(range, false));
        }
        return this.inRange(node, node.value, range, false);
    }
    integer(node, range) {
        if (node === undefined)
            return null;
        if (node.kind !== 'scalar' || typeof node.value !== 'number') {
            return this.invalidType(node, describeRange(range, true));
        }
        return this.inRange(node, node.value, range, true);
    }
    parsed(node, parse, range, options = {}) {
        if (node === undefined)
            return null;
        if (node.kind !== 'scalar')
            return this.invalidType(node, 'a number or a quantity with its unit');
        const result = parse(node.value);
        if (!result.ok) {
            this.report('invalid_value', node.origin, result.message);
            return null;
        }
        return this.inRange(node, result.value, range, options.integer ?? false, options.show);
    }
    inRange(node, value, range, integer, show = showNumber) {
        const expected = describeRange(range, integer, show);
        if (Number.isNaN(value)) {
            this.report('invalid_value', node.origin, 'not a number', { expected });
            return null;
        }
        if (integer && Number.isFinite(value) && !Number.isInteger(value)) {
            this.report('invalid_type', node.origin, `${String(value)} is not a whole number`, { expected });
            return null;
        }
        const tooLow = range.exclusiveMin ? value <= range.min : value < range.min;
        if (tooLow || value > range.max || !Number.isFinite(value)) {
            const shown = Number.isFinite(value) ? show(value) : String(value);
            this.report('out_of_range', node.origin, `${shown} is out of range`, { expected });
            return null;
        }
        return value;
    }
}

;// CONCATENATED MODULE: ./src/core/host/checkpoint-handling.ts
const CHECKPOINT_LOADS = ['every-rank', 'every-rank-mmap', 'rank-zero', 'sharded'];
const CHECKPOINT_SAVES = ['full-rank-zero', 'sharded', 'sharded-staged', 'none'];
const ZERO_INIT = 'zero.Init builds the model straight into its GPU partitions, copying from the mapped files';
const MAPPED = 'every process maps the safetensors files (from_pretrained)';
function defaultLoad(framework, sharding, zero) {
    switch (framework) {
        case 'deepspeed':
            return zero === 3
                ? { mode: 'sharded', why: `DeepSpeed ZeRO-3: ${ZERO_INIT}` }
                : {
                    mode: 'every-rank',
                    why: 'DeepSpeed: every process builds the model on the CPU before deepspeed.initialize moves it (DeepSpeed docs, memory requirements: params × 4 × GPUs per node)',
                };
        case 'hf-trainer':
            if (sharding === 'deepspeed' && zero === 3)
                return { mode: 'sharded', why: `HF Trainer on DeepSpeed ZeRO-3: ${ZERO_INIT}` };
            return {
                mode: 'every-rank-mmap',
                why: (sharding === 'fsdp' || sharding === 'fsdp2') && zero > 0
                    ? `HF Trainer on FSDP: ${MAPPED}; accelerate's cpu_ram_efficient_loading defaults to false`
                    : `HF Trainer: ${MAPPED}`,
            };
        case 'torchtune':
            return {
                mode: 'every-rank-mmap',
                why: 'torchtune: every rank reads the full state dict through safetensors or torch.load(mmap=True)',
            };
        case 'fsdp':
        case 'torchtitan':
            return {
                mode: 'sharded',
                why: 'torchtitan: meta-device init; torch.distributed.checkpoint reads each rank’s shards',
            };
        case 'megatron':
            return { mode: 'sharded', why: 'Megatron-LM: dist_checkpointing reads each rank’s shards' };
        case 'generic':
            return { mode: 'every-rank-mmap', why: 'generic training code: every rank maps the checkpoint files' };
    }
}
function defaultSave(framework, sharding, zero) {
    switch (framework) {
        case 'hf-trainer':
            if (sharding === 'fsdp' && zero > 0) {
                return {
                    mode: 'full-rank-zero',
                    optimizer: 'after-model',
                    why: 'HF Trainer on FSDP1: accelerate saves FULL_STATE_DICT (rank0_only, offload_to_cpu) for the model, then the optimizer',
                };
            }
            if (sharding === 'fsdp2' && zero > 0) {
                return {
                    mode: 'sharded-staged',
                    optimizer: 'none',
                    why: 'HF Trainer on FSDP2: accelerate saves SHARDED_STATE_DICT with offload_to_cpu, every rank’s shards staged in host memory',
                };
            }
            return {
                mode: 'full-rank-zero',
                optimizer: 'none',
                why: sharding === 'deepspeed' && zero === 3
                    ? 'HF Trainer on DeepSpeed ZeRO-3: rank 0 gathers the 16-bit weights (stage3_gather_16bit_weights_on_model_save: true, as the LLaMA-Factory and axolotl ZeRO-3 configs set it) and every rank writes its optimizer partition'
                    : 'HF Trainer: rank 0 writes the model with save_pretrained',
            };
        case 'torchtune':
            return {
                mode: 'full-rank-zero',
                optimizer: 'with-model',
                why: 'torchtune: rank 0 gathers the full model and optimizer state on the CPU to save them',
            };
        case 'deepspeed':
            return { mode: 'sharded', optimizer: 'none', why: 'DeepSpeed: save_checkpoint writes each rank’s partitions' };
        case 'fsdp':
        case 'torchtitan':
            return {
                mode: 'sharded',
                optimizer: 'none',
                why: 'torchtitan: torch.distributed.checkpoint writes each rank’s shards (async_mode disabled by default)',
            };
        case 'megatron':
            return { mode: 'sharded', optimizer: 'none', why: 'Megatron-LM: dist_checkpointing writes each rank’s shards' };
        case 'generic':
            return { mode: 'sharded', optimizer: 'none', why: 'generic training code: each rank writes its own states' };
    }
}
function checkpointHandling(framework, sharding, zero, settings) {
    const load = defaultLoad(framework, sharding, zero);
    const save = defaultSave(framework, sharding, zero);
    const chosenLoad = settings?.load ?? null;
    const chosenSave = settings?.save ?? null;
    const saveMode = chosenSave ?? save.mode;
    return {
        load: chosenLoad ?? load.mode,
        save: saveMode,
        gathersOptimizer: saveMode === 'full-rank-zero' ? save.optimizer : 'none',
        loadDefault: chosenLoad === null ? load.why : null,
        saveDefault: chosenSave === null ? save.why : null,
    };
}

;// CONCATENATED MODULE: ./src/core/units.ts
const BYTES_PER_KIB = 1024;
const BYTES_PER_MIB = 1024 ** 2;
const BYTES_PER_GIB = 1024 ** 3;
const BYTES_PER_TIB = 1024 ** 4;
const BYTES_PER_KB = 1e3;
const BYTES_PER_MB = 1e6;
const BYTES_PER_GB = 1e9;
const BYTES_PER_TB = 1e12;
const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;
const HOURS_PER_DAY = 24;
const SECONDS_PER_DAY = 86_400;

;// CONCATENATED MODULE: ./src/core/lora.ts

const LORA_DEFAULTS = { rank: 16, alpha: 32, dropout: 0, targetModules: 'all-linear' };
function defaultBaseDtype(precision) {
    if (precision === 'fp32')
        return 'fp32';
    return precision === 'fp16-mixed' ? 'fp16' : 'bf16';
}
function defaultLoraSettings(architecture, method, precision) {
    return {
        rank: LORA_DEFAULTS.rank,
        alpha: LORA_DEFAULTS.alpha,
        dropout: LORA_DEFAULTS.dropout,
        targetModules: linearModuleNames(architecture),
        baseDtype: method === 'qlora' ? 'nf4' : defaultBaseDtype(precision),
    };
}
function loraParameters(architecture, lora) {
    const targets = new Set(lora.targetModules);
    let total = 0;
    for (const group of architecture.layerGroups) {
        for (const linear of group.linears) {
            if (targets.has(linear.name))
                total += group.count * lora.rank * (linear.inFeatures + linear.outFeatures);
        }
        for (const linear of group.experts?.linears ?? []) {
            if (targets.has(linear.name))
                total += group.count * group.experts.numExperts * lora.rank * (linear.inFeatures + linear.outFeatures);
        }
    }
    if (targets.has(LM_HEAD_MODULE))
        total += lora.rank * (architecture.hiddenSize + architecture.vocabSize);
    return total;
}

;// CONCATENATED MODULE: ./src/plan/plan-ranges.ts

const RANGES = {
    microBatchSize: { min: 1, max: 65_536 },
    sequenceLength: { min: 1, max: 10_000_000 },
    gradientAccumulationSteps: { min: 1, max: 1_000_000 },
    tokens: { min: 1, max: 1e16 },
    steps: { min: 1, max: 1e9 },
    parallelDegree: { min: 1, max: 65_536 },
    virtualPipeline: { min: 1, max: 1024 },
    stageLayers: { min: 0, max: 100_000 },
    gpus: { min: 1, max: 1_000_000 },
    gpusPerNode: { min: 1, max: 1024 },
    mfu: { min: 0, max: 1, exclusiveMin: true },
    goodput: { min: 0, max: 1, exclusiveMin: true },
    pricePerGpuHour: { min: 0, max: 10_000, exclusiveMin: true },
    loraRank: { min: 1, max: 65_536 },
    loraAlpha: { min: 0, max: 1_000_000, exclusiveMin: true },
    loraDropout: { min: 0, max: 0.99 },
    trainableLayers: { min: 0, max: 100_000 },
    layerIndex: { min: 0, max: 99_999 },
    memoryFraction: { min: 0, max: 1, exclusiveMin: true },
    memoryBytes: { min: BYTES_PER_MIB, max: 1024 * BYTES_PER_TIB },
    nvmeBandwidth: { min: 1e6, max: 1e13 },
    maxGpuHours: { min: 0, max: 1e12, exclusiveMin: true },
    maxCost: { min: 0, max: 1e15, exclusiveMin: true },
    maxWallClock: { min: 0, max: 36_525 * SECONDS_PER_DAY, exclusiveMin: true },
    globalBatch: { min: 1, max: 16_777_216 },
};


;// CONCATENATED MODULE: ./src/plan/plan-fields.ts




const degree = (description) => ({ type: 'integer', range: RANGES.parallelDegree, description });
const flag = (description) => ({ type: 'boolean', description });
const LORA_FIELDS = {
    rank: { type: 'integer', range: RANGES.loraRank, description: 'LoRA rank r (default 16).' },
    alpha: { type: 'number', range: RANGES.loraAlpha, description: 'LoRA alpha (default 32).' },
    dropout: { type: 'number', range: RANGES.loraDropout, description: 'LoRA dropout (default 0).' },
    target_modules: {
        type: 'choice',
        description: 'Modules that carry adapters: all-linear, or a list of module names (q_proj, v_proj, …).',
        options: [
            { type: 'enum', values: ['all-linear'], description: 'Every linear layer of the decoder.' },
            { type: 'list', items: { type: 'string', maxLength: 100, description: 'A module name.' }, description: '' },
        ],
    },
    base_dtype: {
        type: 'enum',
        values: BASE_WEIGHT_DTYPES,
        description: "dtype the frozen base model is loaded in (default: the training precision's).",
    },
};
const FREEZE_FIELDS = {
    trainable_layers: {
        type: 'choice',
        description: 'Decoder layers that train: the last N, or a list of layer indices from 0 (default 2).',
        options: [
            {
                type: 'integer',
                range: RANGES.trainableLayers,
                description: 'The last N decoder layers (0 to the layer count).',
            },
            {
                type: 'list',
                items: { type: 'integer', range: RANGES.layerIndex, description: 'A decoder layer index from 0.' },
                description: '',
            },
        ],
    },
    trainable_modules: {
        type: 'list',
        items: { type: 'enum', values: FREEZE_MODULES, description: 'A module outside the decoder layers.' },
        description: 'Modules outside the layers that train: lm_head, embed_tokens, norm (the final norm). Default none.',
    },
    base_dtype: {
        type: 'enum',
        values: BASE_WEIGHT_DTYPES,
        description: "dtype the frozen weights are held in (default: the training precision's).",
    },
};
const TRAINING_FIELDS = {
    method: {
        type: 'enum',
        values: TRAINING_METHODS,
        description: 'full fine-tuning / pre-training, LoRA, QLoRA, or freeze (only what training.freeze names trains).',
    },
    lora: { type: 'section', fields: LORA_FIELDS, description: 'Adapter settings (method lora or qlora).' },
    freeze: {
        type: 'section',
        fields: FREEZE_FIELDS,
        description: 'What trains with method freeze: the last decoder layers and named modules; the rest is frozen.',
    },
    precision: { type: 'enum', values: PRECISIONS, description: 'Precision regime (default bf16-mixed).' },
    optimizer: { type: 'enum', values: plan_OPTIMIZERS, description: 'Optimizer (default adamw).' },
    micro_batch_size: { type: 'integer', range: RANGES.microBatchSize, description: 'Sequences per GPU per step.' },
    sequence_length: { type: 'integer', range: RANGES.sequenceLength, description: 'Tokens per sequence.' },
    gradient_accumulation_steps: {
        type: 'integer',
        range: RANGES.gradientAccumulationSteps,
        description: 'Micro-batches per optimizer step.',
    },
    activation_checkpointing: {
        type: 'enum',
        values: ACTIVATION_CHECKPOINTING,
        description: 'Recompute activations in backward: none, selective or full.',
    },
    attention: {
        type: 'enum',
        values: ATTENTION_KERNELS,
        description: 'Attention kernel: flash (FlashAttention-2), flash1 (FlashAttention 1.x), flash3 (FlashAttention-3 / cuDNN on Hopper), sdpa, or eager (materialises the s×s scores).',
    },
    experts_implementation: {
        type: 'enum',
        values: EXPERTS_IMPLEMENTATIONS,
        description: "hf-trainer mixture-of-experts models: transformers' experts kernel (default grouped_mm).",
    },
    cross_entropy: {
        type: 'enum',
        values: CROSS_ENTROPY,
        description: 'Loss: standard, chunked (over the vocabulary in chunks) or fused.',
    },
    compile: flag('torch.compile-style kernel fusion.'),
    optimizer_in_backward: flag('Optimizer step fused into backward: gradients are not all live at once.'),
    activation_offloading: flag('Saved activations moved to host memory.'),
    tokens: {
        type: 'quantity',
        units: ['count'],
        bareNumber: true,
        description: 'Total training tokens: 15T, 2.5B, 4e9 (or give steps).',
    },
    steps: { type: 'integer', range: RANGES.steps, description: 'Optimizer steps (or give tokens).' },
};
const OFFLOAD_FIELDS = {
    optimizer: { type: 'enum', values: OFFLOAD_TARGETS, description: 'Where optimizer states live (zero ≥ 1).' },
    parameters: { type: 'enum', values: OFFLOAD_TARGETS, description: 'Where parameters live (zero 3).' },
};
const OVERLAP_FIELDS = {
    data: flag('Gradient reduction and FSDP/ZeRO-3 gathers overlapped with compute (default: the framework’s).'),
    tensor: flag('Tensor-parallel collectives overlapped (Megatron --tp-comm-overlap, torchtitan async TP; default false).'),
    expert: flag('Expert-parallel all-to-all overlapped (default: true with pipeline_schedule dualpipe).'),
};
const PARALLELISM_FIELDS = {
    tensor: degree('Tensor-parallel degree.'),
    pipeline: degree('Pipeline-parallel degree.'),
    virtual_pipeline: {
        type: 'integer',
        range: RANGES.virtualPipeline,
        description: 'Interleaved stages per pipeline rank.',
    },
    context: degree('Context-parallel degree.'),
    expert: degree('Expert-parallel degree.'),
    sequence_parallel: flag('Split norms and dropout over the tensor-parallel group (tensor ≥ 2).'),
    zero: {
        type: 'enum',
        values: [0, 1, 2, 3],
        description: 'ZeRO stage: 1 optimizer states, 2 + gradients, 3 + parameters (FSDP full_shard = 3).',
    },
    sharding: {
        type: 'enum',
        values: SHARDING_ENGINES,
        description: 'Who shards: deepspeed, fsdp (FSDP1 flat parameters), fsdp2 (per-parameter) or megatron; default: the framework’s own.',
    },
    offload: { type: 'section', fields: OFFLOAD_FIELDS, description: 'ZeRO-Offload / FSDP CPU offload targets.' },
    first_stage_layers: {
        type: 'integer',
        range: RANGES.stageLayers,
        description: 'Decoder layers on the first pipeline stage when they differ from the rest.',
    },
    last_stage_layers: {
        type: 'integer',
        range: RANGES.stageLayers,
        description: 'Decoder layers on the last pipeline stage when they differ from the rest.',
    },
    pipeline_schedule: {
        type: 'enum',
        values: PIPELINE_SCHEDULES,
        description: 'Pipeline schedule (default: interleaved-1f1b when virtual_pipeline > 1, else 1f1b).',
    },
    overlap: {
        type: 'section',
        fields: OVERLAP_FIELDS,
        description: 'Which communication the training code overlaps with computation.',
    },
};
const TFLOPS = { type: 'number', range: { min: 0, max: 1e6, exclusiveMin: true }, description: '' };
const CUSTOM_GPU_FIELDS = {
    name: { type: 'string', maxLength: 200, description: 'Name shown in the report.' },
    memory: { type: 'quantity', units: ['memory'], bareNumber: false, description: 'Usable memory: 80GiB or 80GB.' },
    bf16_tflops: { ...TFLOPS, description: 'Dense bf16 TFLOPS.' },
    fp16_tflops: { ...TFLOPS, description: 'Dense fp16 TFLOPS.' },
    fp8_tflops: { ...TFLOPS, description: 'Dense fp8 TFLOPS.' },
    fp4_tflops: { ...TFLOPS, description: 'Dense fp4 TFLOPS.' },
    fp32_tflops: { ...TFLOPS, description: 'fp32 TFLOPS.' },
    tf32_tflops: { ...TFLOPS, description: 'Dense tf32 TFLOPS.' },
    memory_bandwidth: {
        type: 'quantity',
        units: ['bandwidth'],
        bareNumber: true,
        description: 'Memory bandwidth: 3350GB/s, or a number of GB/s.',
    },
    interconnect_bandwidth: {
        type: 'quantity',
        units: ['bandwidth'],
        bareNumber: true,
        description: 'GPU-to-GPU bandwidth within a node: 900GB/s, or a number of GB/s.',
    },
};
const HARDWARE_FIELDS = {
    gpu: {
        type: 'choice',
        description: 'A GPU catalogue id (train-memory gpus) or a custom { name, memory, bf16_tflops, … }.',
        options: [
            { type: 'string', maxLength: 200, description: 'A GPU catalogue id or alias.' },
            { type: 'section', fields: CUSTOM_GPU_FIELDS, description: 'A custom accelerator.' },
        ],
    },
    gpus: { type: 'integer', range: RANGES.gpus, description: 'GPUs (default: tensor × pipeline × context).' },
    gpus_per_node: { type: 'integer', range: RANGES.gpusPerNode, description: 'GPUs per node (default min(8, gpus)).' },
    mfu: { type: 'number', range: RANGES.mfu, description: 'Model FLOPs utilisation; otherwise the efficiency model.' },
    goodput: {
        type: 'number',
        range: RANGES.goodput,
        description: 'Share of wall clock that trains, restarts, checkpoints and evaluation excluded (default 0.9).',
    },
    network: {
        type: 'choice',
        description: 'The network between nodes: a cluster id (train-memory networks) or the bandwidth per GPU (400Gbps, 50GB/s).',
        options: [
            {
                type: 'quantity',
                units: ['bandwidth'],
                bareNumber: true,
                description: 'Bandwidth each GPU has across nodes: 400Gbps, 50GB/s, or a number of GB/s.',
            },
            { type: 'string', maxLength: 200, description: 'A cluster network id.' },
        ],
    },
    price_per_gpu_hour: { type: 'number', range: RANGES.pricePerGpuHour, description: 'USD per GPU-hour.' },
    host_memory_per_node: {
        type: 'choice',
        description: "The node's RAM, checked like the GPU's memory: a size (2TiB, 1.5TB) or a node id (train-memory nodes).",
        options: [
            { type: 'quantity', units: ['memory'], bareNumber: false, description: 'RAM per node: 2TiB, 1536GiB.' },
            { type: 'string', maxLength: 200, description: 'A node catalogue id: dgx-h100, aws-p5.' },
        ],
    },
    nvme_bandwidth: {
        type: 'quantity',
        units: ['bandwidth'],
        bareNumber: true,
        description: "What one node's NVMe drives read or write per second (ZeRO-Infinity offload): 25GB/s, or GB/s.",
    },
};
const BUDGET_FIELDS = {
    max_memory_per_gpu: {
        type: 'quantity',
        units: ['percent', 'memory'],
        bareNumber: false,
        description: "Share of the GPU's usable memory (95%) or absolute (75GiB).",
    },
    max_host_memory_per_node: {
        type: 'quantity',
        units: ['percent', 'memory'],
        bareNumber: false,
        description: "Share of the node's RAM (90%; needs hardware.host_memory_per_node) or absolute (1.5TiB).",
    },
    max_gpus: { type: 'integer', range: RANGES.gpus, description: 'Most GPUs.' },
    max_gpu_hours: { type: 'number', range: RANGES.maxGpuHours, description: 'Most GPU-hours.' },
    max_cost: { type: 'number', range: RANGES.maxCost, description: 'Most USD.' },
    max_wall_clock: {
        type: 'quantity',
        units: ['duration'],
        bareNumber: false,
        description: 'Longest run: 36h, 14d.',
    },
};
const CHECKPOINT_FIELDS = {
    load: {
        type: 'enum',
        values: CHECKPOINT_LOADS,
        description: 'every-rank (each process materialises the model), every-rank-mmap (each maps the files), rank-zero, sharded. Default: the framework’s.',
    },
    save: {
        type: 'enum',
        values: CHECKPOINT_SAVES,
        description: 'full-rank-zero (rank 0 gathers the state dict), sharded, sharded-staged (all shards copied to the host first), none.',
    },
    load_dtype: {
        type: 'enum',
        values: BASE_WEIGHT_DTYPES,
        description: 'dtype of the weights in host memory while loading (default: fp32 for every-rank, else the training dtype).',
    },
};
const FROM_FIELDS = Object.fromEntries(IMPORT_FORMATS.map((format) => [
    format.name,
    {
        type: 'string',
        maxLength: 1000,
        description: `${format.title[0].toUpperCase()}${format.title.slice(1)}: a path or glob relative to the plan file.`,
    },
]));
const MODEL_OBJECT_FIELDS = {
    config: { type: 'string', maxLength: 1000, description: 'A Hugging Face config.json, relative to the plan file.' },
    base: { type: 'string', maxLength: 300, description: 'A catalogue id whose config the other fields override.' },
    family: { type: 'string', maxLength: 200, description: "The model_type to follow when the config's is unknown." },
};
const PLAN_FIELDS = {
    name: {
        type: 'string',
        maxLength: 100,
        description: 'Unique name; pairs head and base plans. Optional with from: (named after the config file).',
    },
    model: {
        type: 'choice',
        description: 'A catalogue id (train-memory models), { config: path }, { base: id, … } or inline config.json fields.',
        options: [
            { type: 'string', maxLength: 300, description: 'A catalogue id.' },
            {
                type: 'section',
                fields: MODEL_OBJECT_FIELDS,
                open: true,
                description: 'A config file, a catalogue entry with overrides, or inline Hugging Face config.json fields.',
            },
        ],
    },
    framework: {
        type: 'enum',
        values: FRAMEWORKS,
        description: 'The training code: generic, megatron, deepspeed, fsdp, hf-trainer, torchtune or torchtitan.',
    },
    from: {
        type: 'section',
        fields: FROM_FIELDS,
        description: "Read values from the team's own configs; values written in the plan override them.",
    },
    training: { type: 'section', fields: TRAINING_FIELDS, description: 'How the model is trained.' },
    parallelism: { type: 'section', fields: PARALLELISM_FIELDS, description: 'How the model is split over GPUs.' },
    hardware: { type: 'section', fields: HARDWARE_FIELDS, description: 'The GPUs.' },
    checkpoint: {
        type: 'section',
        fields: CHECKPOINT_FIELDS,
        description: 'How checkpoints are read and written (host memory per node).',
    },
    budget: { type: 'section', fields: BUDGET_FIELDS, description: 'Limits the plan is checked against.' },
};
const DEFAULTS_FIELDS = Object.fromEntries(Object.entries(PLAN_FIELDS).filter(([key]) => key !== 'name'));
const FILE_FIELDS = {
    version: { type: 'enum', values: [1], description: 'Plan file version: 1.' },
    defaults: {
        type: 'section',
        fields: DEFAULTS_FIELDS,
        description: 'Deep-merged under every plan: the plan wins, lists replace.',
    },
    plans: {
        type: 'list',
        items: { type: 'section', fields: PLAN_FIELDS, description: 'One training plan.' },
        description: 'The training plans.',
    },
};

;// CONCATENATED MODULE: ./src/plan/plan-keys.ts

const FILE_KEYS = Object.keys(FILE_FIELDS);
const PLAN_KEYS = Object.keys(PLAN_FIELDS);
const DEFAULTS_KEYS = Object.keys(DEFAULTS_FIELDS);
const FROM_KEYS = Object.keys(FROM_FIELDS);
const TRAINING_KEYS = Object.keys(TRAINING_FIELDS);
const LORA_KEYS = Object.keys(LORA_FIELDS);
const FREEZE_KEYS = Object.keys(FREEZE_FIELDS);
const PARALLELISM_KEYS = Object.keys(PARALLELISM_FIELDS);
const OFFLOAD_KEYS = Object.keys(OFFLOAD_FIELDS);
const OVERLAP_KEYS = Object.keys(OVERLAP_FIELDS);
const HARDWARE_KEYS = Object.keys(HARDWARE_FIELDS);
const CUSTOM_GPU_KEYS = Object.keys(CUSTOM_GPU_FIELDS);
const BUDGET_KEYS = Object.keys(BUDGET_FIELDS);
const CHECKPOINT_KEYS = Object.keys(CHECKPOINT_FIELDS);

;// CONCATENATED MODULE: ./src/plan/glob-match.ts
const WILDCARD = /[*?]/;
function segmentToRegExp(segment) {
    let source = '';
    for (const char of segment) {
        if (char === '*')
            source += '[^/]*';
        else if (char === '?')
            source += '[^/]';
        else
            source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${source}$`);
}
function segmentMatches(patternSegment, segment) {
    if (segment.startsWith('.') && !patternSegment.startsWith('.'))
        return false;
    return segmentToRegExp(patternSegment).test(segment);
}
function globMatches(pattern, relativePath) {
    const patternSegments = pattern.split('/').filter((s) => s !== '' && s !== '.');
    const pathSegments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
    const match = (p, s) => {
        if (p === patternSegments.length)
            return s === pathSegments.length;
        const segment = patternSegments[p];
        if (segment === '**') {
            for (let skip = s; skip <= pathSegments.length; skip += 1) {
                if (skip > s && pathSegments[skip - 1].startsWith('.'))
                    break;
                if (match(p + 1, skip))
                    return true;
            }
            return false;
        }
        return s < pathSegments.length && segmentMatches(segment, pathSegments[s]) && match(p + 1, s + 1);
    };
    return match(0, 0);
}

;// CONCATENATED MODULE: ./src/plan/relative-path.ts

function pathFromFile(file, relative) {
    if (external_node_path_namespaceObject.posix.isAbsolute(relative) || external_node_path_namespaceObject.win32.isAbsolute(relative)) {
        return { ok: false, message: `"${relative}" is absolute` };
    }
    const joined = external_node_path_namespaceObject.posix.normalize(external_node_path_namespaceObject.posix.join(external_node_path_namespaceObject.posix.dirname(file.split(external_node_path_namespaceObject.sep).join('/')), relative));
    if (joined === '..' || joined.startsWith('../')) {
        return { ok: false, message: `"${relative}" leads outside the workspace` };
    }
    return { ok: true, path: joined };
}
const RELATIVE_PATH_EXPECTED = 'a path relative to the file that names it, inside the workspace';

;// CONCATENATED MODULE: ./src/plan/resolve-from.ts











function stemOf(file, planFile) {
    const relative = external_node_path_namespaceObject.posix.relative(external_node_path_namespaceObject.posix.dirname(planFile), file);
    return relative.replace(/\.[^./]+$/, '');
}
async function expandGlob(pattern, reader) {
    const segments = pattern.split('/');
    const first = segments.findIndex((segment) => WILDCARD.test(segment));
    const directory = segments.slice(0, first).join('/');
    const files = await reader.listFiles(directory === '' ? '.' : directory);
    return files.filter((file) => globMatches(pattern, file));
}
async function expandFrom(node, planFile, { reader, check }) {
    const from = check.map(node, FROM_KEYS, 'a mapping of config formats to paths, e.g. { axolotl: configs/a.yml }');
    if (from === null)
        return null;
    if (from.entries.size === 0) {
        check.report('invalid_value', from.origin, 'from: names no config', {
            expected: `one or more of ${FROM_KEYS.join(', ')}`,
        });
        return null;
    }
    const fixed = [];
    let glob = null;
    let valid = true;
    for (const [format, valueNode] of from.entries) {
        if (!FROM_KEYS.includes(format)) {
            valid = false;
            continue;
        }
        const written = check.string(valueNode, 1000);
        if (written === null) {
            valid = false;
            continue;
        }
        const resolved = pathFromFile(planFile, written);
        if (!resolved.ok) {
            check.report('path_outside_workspace', valueNode.origin, resolved.message, { expected: RELATIVE_PATH_EXPECTED });
            valid = false;
            continue;
        }
        if (!WILDCARD.test(resolved.path)) {
            fixed.push({ format: format, file: resolved.path, origin: valueNode.origin });
            continue;
        }
        if (glob !== null) {
            check.report('invalid_value', valueNode.origin, 'only one from: entry may be a glob', {
                expected: 'one glob (one plan per matched file) beside fixed paths',
            });
            valid = false;
            continue;
        }
        let files;
        try {
            files = await expandGlob(resolved.path, reader);
        }
        catch (error) {
            if (!(error instanceof FileReadError))
                throw error;
            check.report(error.code, valueNode.origin, error.message);
            valid = false;
            continue;
        }
        if (files.length === 0) {
            check.report('file_not_found', valueNode.origin, `"${written}" matches no file (relative to the plan file)`);
            valid = false;
            continue;
        }
        glob = { format: format, files, origin: valueNode.origin };
    }
    if (!valid)
        return null;
    if (glob === null)
        return [{ configs: fixed, stem: null }];
    const { format, files, origin } = glob;
    return files.map((file) => ({ configs: [...fixed, { format, file, origin }], stem: stemOf(file, planFile) }));
}
async function readConfigs(configs, { loadDocument, check }) {
    const done = [];
    const queue = [...configs];
    const seen = new Set();
    let valid = true;
    while (queue.length > 0) {
        const ref = queue.shift();
        if (seen.has(`${ref.format}\u0000${ref.file}`))
            continue;
        seen.add(`${ref.format}\u0000${ref.file}`);
        const { document, issues } = await loadDocument(ref.file);
        if (document === null) {
            for (const issue of issues) {
                if (issue.code === 'file_not_found') {
                    check.report('file_not_found', ref.origin, `no such file: ${ref.file} (relative to the file that names it)`);
                }
                else if (issue.code === 'path_outside_workspace')
                    check.report(issue.code, ref.origin, issue.message);
                else
                    check.issues.push(issue);
            }
            valid = false;
            continue;
        }
        check.addDocument(document);
        const result = IMPORTERS[ref.format](document);
        done.push({ ref, document, result });
        for (const followed of result.follow) {
            const origin = originInFile(ref.file, followed.key);
            const resolved = pathFromFile(ref.file, followed.path);
            if (!resolved.ok) {
                check.report('path_outside_workspace', origin, resolved.message, { expected: RELATIVE_PATH_EXPECTED });
                valid = false;
            }
            else
                queue.push({ format: followed.format, file: resolved.path, origin });
        }
    }
    return valid ? done : null;
}
function showValue(value) {
    if (!Array.isArray(value))
        return String(value);
    if (value.every((item) => typeof item === 'number'))
        return `[${layerRanges(value)}]`;
    return `[${value.join(', ')}]`;
}
function outranks(a, b) {
    const explicitA = a.field.from.length > 0;
    const explicitB = b.field.from.length > 0;
    if (explicitA !== explicitB)
        return explicitA;
    return FORMAT_RANK[a.config.ref.format] > FORMAT_RANK[b.config.ref.format];
}
function sourceText(candidate) {
    const { field } = candidate;
    const keys = field.from.map((source) => `${showKey(source.key)} = ${source.written}`).join(', ');
    return `from ${candidate.config.ref.file}: ${keys === '' ? '(not set)' : keys}`;
}
function place(root, rootOrigin, field, value) {
    const keys = field.split('.');
    let entries = root;
    let origin = rootOrigin;
    for (const key of keys.slice(0, -1)) {
        let child = entries.get(key);
        if (child === undefined || child.kind !== 'map') {
            child = { kind: 'map', entries: new Map(), origin };
            entries.set(key, child);
        }
        entries = child.entries;
        origin = child.origin;
    }
    entries.set(keys[keys.length - 1], value);
}
function planWrites(plan, field) {
    let node = plan;
    for (const key of field.split('.')) {
        if (node === undefined || node.kind !== 'map')
            return false;
        node = node.entries.get(key);
    }
    return node !== undefined;
}
async function importConfigs(configs, plan, context, recognised = null) {
    const read = await readConfigs(configs, context);
    if (read === null)
        return null;
    const assumptions = [];
    const warnings = [];
    const winners = new Map();
    const losers = [];
    let globalBatch = null;
    const linesOf = new Map();
    for (const config of read) {
        const { ref, document, result } = config;
        linesOf.set(config, {
            fields: [
                recognised !== null && ref === read[0].ref
                    ? `from ${ref.file}: recognised as ${formatInfo(ref.format).title} by its keys ${recognised.keys.join(', ')}`
                    : `from ${ref.file}: read as ${formatInfo(ref.format).title}`,
            ],
            notes: [],
        });
        for (const field of result.fields) {
            const candidate = { config, field };
            const current = winners.get(field.field);
            if (current === undefined)
                winners.set(field.field, candidate);
            else if (outranks(candidate, current)) {
                losers.push(current);
                winners.set(field.field, candidate);
            }
            else
                losers.push(candidate);
        }
        for (const note of result.notes) {
            linesOf
                .get(config)
                .notes.push(`from ${ref.file}: ${showKey(note.source.key)} = ${note.source.written} (${note.note})`);
        }
        for (const warning of result.warnings) {
            const position = document.locate(warning.key, 'key');
            warnings.push({ file: ref.file, line: position.line, column: position.column, message: warning.message });
        }
        if (result.globalBatch !== null)
            globalBatch = { ...result.globalBatch, file: ref.file };
    }
    for (const loser of losers) {
        const winner = winners.get(loser.field.field);
        const same = showValue(winner.field.value) === showValue(loser.field.value);
        if (same || loser.field.from.length === 0)
            continue;
        const key = loser.field.from[0].key;
        const position = loser.config.document.locate(key, 'key');
        warnings.push({
            file: loser.config.ref.file,
            line: position.line,
            column: position.column,
            message: `${showKey(key)} = ${loser.field.from[0].written} gives ${loser.field.field}: ${showValue(loser.field.value)}, but ${winner.config.ref.file} gives ${showValue(winner.field.value)}; the estimate uses ${showValue(winner.field.value)}`,
        });
    }
    const root = new Map();
    const rootOrigin = originInFile(read[0].ref.file, []);
    for (const { config, field } of winners.values()) {
        const origin = originInFile(config.ref.file, field.from[0]?.key ?? []);
        place(root, rootOrigin, field.field, toPlanNode(field.value, origin));
        const overridden = planWrites(plan, field.field) ? ' — the plan writes its own' : '';
        linesOf
            .get(config)
            .fields.push(`${sourceText({ config, field })} → ${field.field}: ${showValue(field.value)}${field.note === undefined ? '' : ` (${field.note})`}${overridden}`);
    }
    for (const { fields, notes } of linesOf.values())
        assumptions.push(...fields, ...notes);
    return { node: { kind: 'map', entries: root, origin: rootOrigin }, assumptions, warnings, globalBatch };
}

;// CONCATENATED MODULE: ./src/core/memory/expert-loop.ts


function readsExpertsImplementation(framework, architecture) {
    return framework === 'hf-trainer' && routedExperts(architecture) > 0;
}
function expertKernel(plan) {
    if (!readsExpertsImplementation(plan.framework, plan.architecture))
        return null;
    return plan.training.expertsImplementation === 'eager' ? 'per-expert-loop' : 'grouped-mm';
}
function trainedExpertKernel(plan, convention) {
    if (plan.training.method !== 'full')
        return null;
    const kernel = expertKernel(plan);
    return kernel === 'per-expert-loop' && convention.weight !== FP32 ? null : kernel;
}
function trainsThroughExpertLoop(plan, convention) {
    return trainedExpertKernel(plan, convention) === 'per-expert-loop';
}
function groupedExpertElementBytes(plan, convention) {
    if (expertKernel(plan) !== 'grouped-mm' || plan.training.method === 'qlora')
        return null;
    return plan.training.method === 'full' ? convention.weight : convention.frozenWeight;
}
function expertLoopBackwardBytes(group, hiddenSize, expertParallel, convention) {
    if (group.experts === null)
        return { sliceGradient: 0, layerGradients: 0, savedCasts: 0 };
    const localExperts = group.experts.numExperts / expertParallel;
    const elements = (linears) => linears.reduce((sum, linear) => sum + linear.inFeatures * linear.outFeatures, 0);
    const gateUp = elements(group.experts.linears.filter((linear) => linear.inFeatures === hiddenSize));
    const down = elements(group.experts.linears.filter((linear) => linear.inFeatures !== hiddenSize));
    return {
        sliceGradient: localExperts * Math.max(gateUp, down) * convention.gradient,
        layerGradients: localExperts * (gateUp + down) * convention.gradient,
        savedCasts: Math.max(0, localExperts - 1) * (gateUp + down) * convention.autocastWeightCopy,
    };
}
function expertBackwardBytes(group, hiddenSize, expertParallel, convention, kernel) {
    if (kernel === null)
        return { sliceGradient: 0, layerGradients: 0, savedCasts: 0 };
    const bytes = expertLoopBackwardBytes(group, hiddenSize, expertParallel, convention);
    return kernel === 'per-expert-loop'
        ? bytes
        : { sliceGradient: 0, layerGradients: bytes.layerGradients, savedCasts: 0 };
}

;// CONCATENATED MODULE: ./src/core/rules/layout-rules.ts

function stageSplitRule(framework) {
    switch (framework) {
        case 'megatron':
            return 'megatron';
        case 'torchtitan':
            return 'torchtitan';
        default:
            return 'uniform';
    }
}
function layoutProblems(arch, modelName, layout) {
    const { tensor, pipeline, virtualPipeline, context, expert, gpus } = layout;
    const problems = [];
    if (tensor !== null) {
        if (arch.attention.numHeads % tensor !== 0) {
            problems.push({
                code: 'not_divisible',
                key: 'parallelism.tensor',
                message: `${arch.attention.numHeads} attention heads do not split over tensor ${tensor}`,
                expected: `tensor dividing ${arch.attention.numHeads}`,
            });
        }
        else if (arch.attention.numKeyValueHeads % tensor !== 0) {
            problems.push({
                code: 'not_divisible',
                key: 'parallelism.tensor',
                message: `${arch.attention.numKeyValueHeads} key/value heads do not split over tensor ${tensor}`,
                expected: `tensor dividing ${arch.attention.numKeyValueHeads}`,
            });
        }
    }
    const experts = routedExperts(arch);
    if (expert !== null && expert > 1 && experts === 0) {
        problems.push({
            code: 'invalid_value',
            key: 'parallelism.expert',
            message: `expert parallelism needs routed experts; ${modelName} has none`,
            expected: 'expert: 1',
        });
    }
    else if (expert !== null && experts > 0 && experts % expert !== 0) {
        problems.push({
            code: 'not_divisible',
            key: 'parallelism.expert',
            message: `${experts} experts do not split over expert ${expert}`,
            expected: `expert dividing ${experts}`,
        });
    }
    if (pipeline !== null && virtualPipeline !== null) {
        const stages = stageProblem(layerCount(arch), pipeline, virtualPipeline, layout.firstStageLayers, layout.lastStageLayers, layout.stageSplit);
        if (stages !== null)
            problems.push(stages);
    }
    if (gpus !== null && tensor !== null && pipeline !== null && context !== null) {
        const width = tensor * pipeline * context;
        const expertWidth = expert === null ? null : tensor * pipeline * expert;
        if (gpus % width !== 0) {
            problems.push({
                code: 'not_divisible',
                key: 'hardware.gpus',
                message: `${gpus} GPUs do not divide into tensor × pipeline × context = ${width}`,
                expected: `a multiple of ${width}`,
            });
        }
        else if (experts > 0 && expertWidth !== null && gpus % expertWidth !== 0) {
            problems.push({
                code: 'not_divisible',
                key: 'hardware.gpus',
                message: `${gpus} GPUs do not divide into tensor × pipeline × expert = ${expertWidth}`,
                expected: `a multiple of ${expertWidth}`,
            });
        }
    }
    return problems;
}
function stageProblem(layers, pipeline, virtualPipeline, first, last, rule) {
    const remainingLayers = layers - (first ?? 0) - (last ?? 0);
    const remainingStages = pipeline - (first === null ? 0 : 1) - (last === null ? 0 : 1);
    const key = first !== null || last !== null
        ? first !== null
            ? 'parallelism.first_stage_layers'
            : 'parallelism.last_stage_layers'
        : 'parallelism.pipeline';
    if (remainingLayers < 0 || (remainingStages === 0 && remainingLayers !== 0) || remainingStages < 0) {
        return {
            code: 'invalid_value',
            key,
            message: `the first and last stages take more layers than the model's ${layers}, or leave layers with no stage`,
            expected: `first_stage_layers + last_stage_layers ≤ ${layers}, with layers left only when pipeline has middle stages`,
        };
    }
    if (remainingStages === 0)
        return null;
    if (rule !== 'megatron')
        return unevenStageProblem(layers, pipeline, virtualPipeline, remainingLayers, remainingStages, key, rule);
    const chunks = remainingStages * virtualPipeline;
    if (remainingLayers % chunks === 0)
        return null;
    const what = first !== null || last !== null ? `the remaining ${remainingLayers} layers` : `${layers} layers`;
    const over = virtualPipeline > 1
        ? `${remainingStages} stages × virtual_pipeline ${virtualPipeline}`
        : `${remainingStages} pipeline stages`;
    const split = first === null && last === null ? unevenSplit(layers, pipeline, virtualPipeline) : null;
    return {
        code: 'not_divisible',
        key,
        message: `${what} do not split evenly over ${over}`,
        expected: `a layer count per stage that divides ${remainingLayers}`,
        ...(split === null
            ? {}
            : {
                hint: `uneven stages fit: parallelism.first_stage_layers: ${split.first}, last_stage_layers: ${split.last} ` +
                    `(${split.perStage} layers on each of the other ${pipeline - 2} stages)`,
            }),
    };
}
function unevenSplit(layers, pipeline, virtualPipeline) {
    if (pipeline < 3)
        return null;
    for (let perStage = Math.ceil(layers / pipeline); perStage >= 1; perStage--) {
        const rest = layers - perStage * (pipeline - 2);
        if (rest >= 2 && perStage % virtualPipeline === 0) {
            return { first: Math.ceil(rest / 2), last: Math.floor(rest / 2), perStage };
        }
    }
    return null;
}
function unevenStageProblem(layers, pipeline, virtualPipeline, remainingLayers, remainingStages, key, rule) {
    const given = remainingStages !== pipeline;
    const chunks = remainingStages * virtualPipeline;
    const units = remainingLayers + (rule === 'torchtitan' && !given ? 2 : 0);
    if (units >= chunks)
        return null;
    return {
        code: 'invalid_value',
        key,
        message: `${given ? `the remaining ${remainingLayers}` : layers} layers leave some of ${chunks} pipeline stages empty`,
        expected: `at most ${units} stages × virtual_pipeline`,
    };
}

;// CONCATENATED MODULE: ./src/plan/rule-issues.ts
function reportRuleProblems(problems, at, check) {
    for (const problem of problems) {
        check.report(problem.code, at(problem.key), problem.message, {
            ...(problem.expected === undefined ? {} : { expected: problem.expected }),
            ...(problem.hint === undefined ? {} : { hint: problem.hint }),
        });
    }
}

;// CONCATENATED MODULE: ./src/plan/layout-checks.ts



const ALL_LINEAR = 'all-linear';
function checkLayout(arch, modelName, layout, at, check) {
    reportRuleProblems(layoutProblems(arch, modelName, layout), at, check);
}
function readTargetModules(node, allLinear, valid, check) {
    if (node === undefined)
        return allLinear;
    if (node.kind === 'scalar' && node.value === ALL_LINEAR)
        return allLinear;
    const expected = `${ALL_LINEAR} or a list of: ${valid.join(', ')}`;
    if (node.kind !== 'list' || node.items.length === 0)
        return check.invalidType(node, expected);
    const names = [];
    let ok = true;
    for (const item of node.items) {
        const text = item.kind === 'scalar' && typeof item.value === 'string' ? item.value : null;
        if (text === null) {
            check.invalidType(item, 'a module name');
            ok = false;
        }
        else if (!valid.includes(text)) {
            check.report('invalid_value', item.origin, `"${text}" is not a linear module of this model`, {
                hint: didYouMean(text, valid),
                expected,
            });
            ok = false;
        }
        else if (!names.includes(text))
            names.push(text);
    }
    return ok ? names : null;
}

;// CONCATENATED MODULE: ./src/plan/units.ts

const ok = (value) => ({ ok: true, value });
const fail = (message) => ({ ok: false, message });
const MEMORY_UNITS = {
    b: 1,
    kib: BYTES_PER_KIB,
    mib: BYTES_PER_MIB,
    gib: BYTES_PER_GIB,
    tib: BYTES_PER_TIB,
    kb: BYTES_PER_KB,
    mb: BYTES_PER_MB,
    gb: BYTES_PER_GB,
    tb: BYTES_PER_TB,
};
const NUMBER = '([0-9][0-9_]*(?:\\.[0-9_]+)?(?:[eE][+-]?[0-9]+)?)';
function toNumber(text) {
    return Number(text.replace(/_/g, ''));
}
function parseMemory(input) {
    if (typeof input === 'number') {
        return fail(`${input} has no unit; write it with one, e.g. ${input}GiB (2^30 bytes) or ${input}GB (10^9 bytes)`);
    }
    if (typeof input !== 'string')
        return fail('expected a size such as 80GiB or 80GB');
    const match = new RegExp(`^${NUMBER}\\s*([A-Za-z]+)$`).exec(input.trim());
    const factor = match ? MEMORY_UNITS[match[2].toLowerCase()] : undefined;
    if (!match || factor === undefined) {
        return fail(`"${input}" is not a size; write a number and a unit: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB`);
    }
    return ok(Math.round(toNumber(match[1]) * factor));
}
function parsePercent(input) {
    if (typeof input !== 'string')
        return fail('expected a percentage such as 95%');
    const match = new RegExp(`^${NUMBER}\\s*%$`).exec(input.trim());
    if (!match)
        return fail(`"${input}" is not a percentage such as 95%`);
    return ok(toNumber(match[1]) / 100);
}
const COUNT_SUFFIXES = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
function parseCount(input) {
    if (typeof input === 'number')
        return ok(input);
    if (typeof input !== 'string')
        return fail('expected a count such as 15T, 2.5B, 4e9 or 1_000_000');
    const match = new RegExp(`^${NUMBER}\\s*([kKmMbBtT]?)$`).exec(input.trim());
    if (!match)
        return fail(`"${input}" is not a count; write e.g. 15T, 2.5B, 300M, 4e9 or 1_000_000`);
    return ok(toNumber(match[1]) * COUNT_SUFFIXES[match[2].toLowerCase()]);
}
const DURATION_UNITS = {
    s: 1,
    m: SECONDS_PER_MINUTE,
    h: SECONDS_PER_HOUR,
    d: SECONDS_PER_DAY,
};
function parseDuration(input) {
    if (typeof input === 'number')
        return fail(`${input} has no unit; write e.g. ${input}h or ${input}d`);
    if (typeof input !== 'string')
        return fail('expected a duration such as 36h or 14d');
    const match = new RegExp(`^${NUMBER}\\s*([smhd])$`).exec(input.trim());
    if (!match)
        return fail(`"${input}" is not a duration; write a number and s, m, h or d, e.g. 36h or 14d`);
    return ok(toNumber(match[1]) * DURATION_UNITS[match[2]]);
}
const BANDWIDTH_UNITS = {
    gbps: 1e9 / 8,
    'gbit/s': 1e9 / 8,
    'mb/s': 1e6,
    'gb/s': 1e9,
    'tb/s': 1e12,
    'gib/s': BYTES_PER_GIB,
};
function parseBandwidth(input) {
    if (typeof input === 'number')
        return ok(input * BYTES_PER_GB);
    if (typeof input !== 'string')
        return fail('expected a bandwidth such as 3350GB/s');
    const match = new RegExp(`^${NUMBER}\\s*([A-Za-z]+(?:/s)?)$`).exec(input.trim());
    const factor = match ? BANDWIDTH_UNITS[match[2].toLowerCase()] : undefined;
    if (!match || factor === undefined) {
        return fail(`"${input}" is not a bandwidth; write e.g. 3350GB/s, 3.35TB/s, 400Gbps, or a number of GB/s`);
    }
    return ok(toNumber(match[1]) * factor);
}
function anyCase(unit) {
    return [...unit]
        .map((char) => (/[a-z]/.test(char) ? `[${char.toUpperCase()}${char}]` : char.replace(/[/.]/g, '\\$&')))
        .join('');
}
function quantityPattern(units) {
    return `^\\s*${NUMBER}\\s*(?:${units.map(anyCase).join('|')})\\s*$`;
}
const QUANTITY_PATTERNS = {
    memory: quantityPattern(Object.keys(MEMORY_UNITS)),
    percent: `^\\s*${NUMBER}\\s*%\\s*$`,
    count: `^\\s*${NUMBER}\\s*[kKmMbBtT]?\\s*$`,
    duration: `^\\s*${NUMBER}\\s*[smhd]\\s*$`,
    bandwidth: quantityPattern(Object.keys(BANDWIDTH_UNITS)),
};

;// CONCATENATED MODULE: ./src/plan/resolve-budget.ts




function readMemoryLimit(node, check) {
    if (node === undefined)
        return null;
    if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim().endsWith('%')) {
        const fraction = check.parsed(node, parsePercent, RANGES.memoryFraction, {
            show: (value) => `${showNumber(value * 100)}%`,
        });
        return fraction === null ? null : { kind: 'fraction', value: fraction };
    }
    const bytes = check.parsed(node, parseMemory, RANGES.memoryBytes, { integer: true });
    return bytes === null ? null : { kind: 'bytes', value: bytes };
}
function resolveBudget(node, check, hostMemoryGiven = false) {
    const budget = check.map(node, BUDGET_KEYS, 'a mapping of budget limits');
    const get = (key) => budget?.entries.get(key);
    const hostNode = get('max_host_memory_per_node');
    const maxHostMemoryPerNode = readMemoryLimit(hostNode, check);
    if (maxHostMemoryPerNode?.kind === 'fraction' && !hostMemoryGiven) {
        check.report('invalid_value', hostNode.origin, "budget.max_host_memory_per_node is a share of the node's RAM, and the plan does not give the node's RAM", { expected: 'hardware.host_memory_per_node (a size such as 2TiB, or a node id), or an absolute limit: 1.5TiB' });
    }
    return {
        maxMemoryPerGpu: readMemoryLimit(get('max_memory_per_gpu'), check),
        maxGpus: check.integer(get('max_gpus'), RANGES.gpus),
        maxGpuHours: check.number(get('max_gpu_hours'), RANGES.maxGpuHours),
        maxCost: check.number(get('max_cost'), RANGES.maxCost),
        maxWallClock: check.parsed(get('max_wall_clock'), parseDuration, RANGES.maxWallClock),
        maxHostMemoryPerNode,
    };
}

;// CONCATENATED MODULE: ./src/plan/resolve-checkpoint.ts



function resolveCheckpoint(node, check) {
    if (node === undefined)
        return null;
    const section = check.map(node, CHECKPOINT_KEYS, 'a mapping { load, save, load_dtype }');
    const read = (key, values) => {
        const value = section?.entries.get(key);
        return value === undefined ? null : check.oneOf(value, values);
    };
    return {
        load: read('load', CHECKPOINT_LOADS),
        save: read('save', CHECKPOINT_SAVES),
        loadDtype: read('load_dtype', BASE_WEIGHT_DTYPES),
    };
}

;// CONCATENATED MODULE: ./src/core/rules/framework-support.ts

const ALL_ZERO = [0, 1, 2, 3];
const FRAMEWORK_SUPPORT = {
    generic: { precisions: PRECISIONS, zeroStages: ALL_ZERO, sharding: SHARDING_ENGINES, note: null },
    megatron: {
        precisions: ['fp32', 'fp16-mixed', 'bf16-mixed', 'fp8-mixed'],
        zeroStages: [0, 1],
        sharding: ['megatron'],
        note: 'Megatron-LM shards optimizer states only (zero: 1 = --use-distributed-optimizer)',
    },
    deepspeed: { precisions: PRECISIONS, zeroStages: ALL_ZERO, sharding: ['deepspeed'], note: null },
    fsdp: {
        precisions: PRECISIONS,
        zeroStages: [0, 2, 3],
        sharding: ['fsdp2', 'fsdp'],
        note: 'FSDP: NO_SHARD = 0, SHARD_GRAD_OP = 2, FULL_SHARD = 3',
    },
    'hf-trainer': {
        precisions: PRECISIONS,
        zeroStages: ALL_ZERO,
        sharding: ['fsdp', 'fsdp2', 'deepspeed'],
        note: null,
    },
    torchtune: {
        precisions: PRECISIONS,
        zeroStages: [0, 3],
        sharding: ['fsdp2'],
        note: 'torchtune shards with FSDP2 full sharding (zero: 3) or not at all',
    },
    torchtitan: {
        precisions: PRECISIONS,
        zeroStages: [0, 2, 3],
        sharding: ['fsdp2'],
        note: 'torchtitan shards with FSDP2: data_parallel_shard_degree > 1 = 3, reshard_after_forward never = 2',
    },
};
const SHARDING_SUPPORT = {
    deepspeed: { zeroStages: ALL_ZERO, note: 'DeepSpeed zero_optimization.stage 0 to 3' },
    fsdp: {
        zeroStages: [0, 2, 3],
        note: 'FSDP has no optimizer-only stage: NO_SHARD = 0, SHARD_GRAD_OP = 2, FULL_SHARD = 3',
    },
    fsdp2: {
        zeroStages: [0, 2, 3],
        note: 'FSDP2 has no optimizer-only stage: reshard_after_forward=False = 2, True = 3',
    },
    megatron: { zeroStages: [0, 1], note: 'Megatron-LM shards optimizer states only (zero: 1)' },
};
function zeroStagesOf(framework, sharding) {
    const stages = FRAMEWORK_SUPPORT[framework].zeroStages;
    return sharding === null ? stages : stages.filter((stage) => SHARDING_SUPPORT[sharding].zeroStages.includes(stage));
}
function frameworkProblems(framework, choices) {
    const { precision, zero, pipeline, sharding } = choices;
    const support = FRAMEWORK_SUPPORT[framework];
    const problems = [];
    if (precision !== null && !support.precisions.includes(precision)) {
        problems.push({
            code: 'unsupported_combination',
            key: 'training.precision',
            message: `framework ${framework} does not train with precision ${precision}`,
            expected: `with ${framework}: ${support.precisions.join(', ')}`,
        });
    }
    if (sharding !== null && !support.sharding.includes(sharding)) {
        problems.push({
            code: 'unsupported_combination',
            key: 'parallelism.sharding',
            message: `framework ${framework} does not shard with ${sharding}`,
            expected: `with ${framework}: sharding ${support.sharding.join(', ')}`,
        });
        return problems;
    }
    if (zero !== null && !support.zeroStages.includes(zero)) {
        problems.push({
            code: 'unsupported_combination',
            key: 'parallelism.zero',
            message: `framework ${framework} has no zero stage ${zero}`,
            expected: `with ${framework}: zero ${support.zeroStages.join(', ')}${support.note === null ? '' : ` (${support.note})`}`,
        });
    }
    else if (zero !== null && sharding !== null && !SHARDING_SUPPORT[sharding].zeroStages.includes(zero)) {
        const engine = SHARDING_SUPPORT[sharding];
        const others = support.sharding.filter((other) => SHARDING_SUPPORT[other].zeroStages.includes(zero));
        const implied = choices.shardingWritten ? '' : ` (framework ${framework} shards with ${sharding} unless told)`;
        problems.push({
            code: 'unsupported_combination',
            key: 'parallelism.zero',
            message: `sharding ${sharding} has no zero stage ${zero}${implied}`,
            expected: `with ${sharding}: zero ${engine.zeroStages.join(', ')} (${engine.note})` +
                (others.length > 0 ? `; or parallelism.sharding: ${others.join(' or ')}` : ''),
        });
    }
    if (sharding === 'deepspeed' && zero !== null && zero >= 2 && pipeline !== null && pipeline > 1) {
        problems.push({
            code: 'unsupported_combination',
            key: 'parallelism.zero',
            message: 'DeepSpeed pipeline parallelism runs with zero 0 or 1 only',
            expected: 'zero: 0 or 1 with pipeline > 1, or pipeline: 1',
        });
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/plan/resolve-framework.ts



function resolveFramework(plan, { check, field }) {
    return field(plan, 'framework', 'framework', (node) => check.oneOf(node, FRAMEWORKS), 'generic');
}
function checkFrameworkSupport(framework, choices, check) {
    const at = (key) => key === 'training.precision'
        ? choices.precisionAt
        : key === 'parallelism.sharding'
            ? choices.shardingAt
            : choices.zeroAt;
    reportRuleProblems(frameworkProblems(framework, choices), at, check);
}

;// CONCATENATED MODULE: ./src/core/rules/parallelism-rules.ts
function parallelismProblems(choices) {
    const { tensor, pipeline, virtualPipeline, sequenceParallel, zero, offloadOptimizer, offloadParameters } = choices;
    const { firstStageLayers, lastStageLayers } = choices;
    const problems = [];
    if (sequenceParallel === true && tensor !== null && tensor < 2) {
        problems.push({
            code: 'unsupported_combination',
            key: 'parallelism.sequence_parallel',
            message: 'sequence_parallel splits activations over the tensor-parallel group: it needs tensor ≥ 2',
            expected: 'tensor: 2 or more, or sequence_parallel: false',
        });
    }
    if (virtualPipeline !== null && virtualPipeline > 1 && pipeline !== null && pipeline < 2) {
        problems.push({
            code: 'unsupported_combination',
            key: 'parallelism.virtual_pipeline',
            message: 'virtual_pipeline interleaves pipeline stages: it needs pipeline ≥ 2',
            expected: 'pipeline: 2 or more, or virtual_pipeline: 1',
        });
    }
    if ((firstStageLayers !== null || lastStageLayers !== null) && pipeline !== null && pipeline < 2) {
        const key = firstStageLayers !== null ? 'first_stage_layers' : 'last_stage_layers';
        problems.push({
            code: 'unsupported_combination',
            key: `parallelism.${key}`,
            message: `${key} needs pipeline ≥ 2`,
        });
    }
    if (offloadOptimizer !== null && offloadOptimizer !== 'none' && zero === 0) {
        problems.push({
            code: 'unsupported_combination',
            key: 'parallelism.offload.optimizer',
            message: 'optimizer offload needs a sharded optimizer (zero ≥ 1)',
            expected: 'zero: 1, 2 or 3, or offload.optimizer: none',
        });
    }
    if (offloadParameters !== null && offloadParameters !== 'none' && zero !== null && zero !== 3) {
        problems.push({
            code: 'unsupported_combination',
            key: 'parallelism.offload.parameters',
            message: 'parameter offload needs zero: 3 (sharded parameters)',
            expected: 'zero: 3, or offload.parameters: none',
        });
    }
    const fsdp = choices.sharding === 'fsdp' || choices.sharding === 'fsdp2';
    const offloaded = (target) => target !== null && target !== 'none';
    if (fsdp &&
        offloadOptimizer !== null &&
        offloadParameters !== null &&
        offloaded(offloadOptimizer) !== offloaded(offloadParameters)) {
        const missing = offloaded(offloadOptimizer) ? 'parameters' : 'optimizer';
        problems.push({
            code: 'unsupported_combination',
            key: `parallelism.offload.${offloaded(offloadOptimizer) ? 'optimizer' : 'parameters'}`,
            message: `FSDP offloads parameters, gradients and the optimizer step together: offload.${missing} must be offloaded too`,
            expected: 'offload: { optimizer: cpu, parameters: cpu } with zero: 3, or both none (or sharding: deepspeed for ZeRO-Offload)',
        });
    }
    return problems;
}
function nodeProblem(gpus, gpusPerNode) {
    if (gpus === null || gpusPerNode === null || gpus <= gpusPerNode || gpus % gpusPerNode === 0)
        return null;
    return {
        code: 'not_divisible',
        key: 'hardware.gpus',
        message: `${gpus} GPUs do not fill whole nodes of ${gpusPerNode}`,
        expected: `a multiple of gpus_per_node (${gpusPerNode})`,
    };
}

;// CONCATENATED MODULE: ./src/plan/resolve-gpu.ts





const TFLOPS_KEYS = ['fp32_tflops', 'tf32_tflops', 'bf16_tflops', 'fp16_tflops', 'fp8_tflops', 'fp4_tflops'];
const resolve_gpu_FLOPS_PER_TFLOPS = 1e12;
const MEMORY_RANGE = { min: BYTES_PER_MIB, max: 16 * 1024 * BYTES_PER_GIB };
const TFLOPS_RANGE = { min: 0, max: 1e6, exclusiveMin: true };
const BANDWIDTH_RANGE = { min: 0, max: 1e15, exclusiveMin: true };
function resolveGpu(node, catalog, check) {
    if (node === undefined)
        return null;
    if (node.kind === 'scalar' && typeof node.value === 'string') {
        const entry = catalog.findGpu(node.value);
        if (entry)
            return gpuSpec(entry);
        check.report('unknown_catalog_id', node.origin, `unknown GPU "${node.value}"`, {
            hint: didYouMean(node.value, catalog.gpuNames()),
            expected: 'a catalogue id (list them with `train-memory gpus`) or a custom { name, memory, bf16_tflops, … }',
        });
        return null;
    }
    const custom = check.map(node, CUSTOM_GPU_KEYS, 'a GPU catalogue id or a mapping { name, memory, bf16_tflops, … }');
    if (custom === null)
        return null;
    const get = (key) => custom.entries.get(key);
    const name = get('name') === undefined ? 'custom GPU' : check.string(get('name'));
    const memory = check.parsed(get('memory'), parseMemory, MEMORY_RANGE, { integer: true });
    if (get('memory') === undefined) {
        check.report('missing_key', custom.origin, 'a custom GPU needs `memory` (usable bytes, e.g. 80GiB)', {
            expected: 'memory: 80GiB',
        });
    }
    const tflops = Object.fromEntries(TFLOPS_KEYS.map((key) => [key, check.number(get(key), TFLOPS_RANGE)]));
    if (TFLOPS_KEYS.every((key) => get(key) === undefined)) {
        check.report('missing_key', custom.origin, 'a custom GPU needs its dense peak throughput', {
            expected: `one of ${TFLOPS_KEYS.join(', ')}`,
        });
    }
    const memoryBandwidth = check.parsed(get('memory_bandwidth'), parseBandwidth, BANDWIDTH_RANGE);
    const interconnect = check.parsed(get('interconnect_bandwidth'), parseBandwidth, BANDWIDTH_RANGE);
    if (name === null || memory === null)
        return null;
    const flops = (key) => {
        const value = tflops[key];
        return value === null || value === undefined ? null : value * resolve_gpu_FLOPS_PER_TFLOPS;
    };
    return {
        id: 'custom',
        name,
        memoryBytes: memory,
        peakFlops: {
            fp32: flops('fp32_tflops'),
            tf32: flops('tf32_tflops'),
            bf16: flops('bf16_tflops'),
            fp16: flops('fp16_tflops'),
            fp8: flops('fp8_tflops'),
            fp4: flops('fp4_tflops'),
        },
        memoryBandwidth,
        intraNodeBandwidth: interconnect,
        architecture: { kind: 'unknown' },
    };
}

;// CONCATENATED MODULE: ./src/catalog/nodes.json
const nodes_namespaceObject = /*#__PURE__*/JSON.parse('[{"id":"dgx-h100","aliases":["dgx-h200"],"name":"NVIDIA DGX H100 / H200","gpusPerNode":8,"hostMemoryBytes":2199023255552,"hostMemoryBasis":"2 TB marketed; 32 DIMMs of 64 GB, read as 2 TiB (2^41 bytes)","source":"NVIDIA DGX H100 and DGX H200 datasheets, \'System memory: 2TB\'"},{"id":"dgx-b200","aliases":[],"name":"NVIDIA DGX B200","gpusPerNode":8,"hostMemoryBytes":2199023255552,"hostMemoryBasis":"2 TB marketed (configurable to 4 TB), read as 2 TiB","source":"NVIDIA DGX B200 datasheet, \'System memory: 2TB, configurable to 4TB\'"},{"id":"aws-p5","aliases":["p5.48xlarge","aws-p5e","p5e.48xlarge","aws-p5en","p5en.48xlarge"],"name":"AWS p5 / p5e / p5en (8 × H100 / H200)","gpusPerNode":8,"hostMemoryBytes":2199023255552,"hostMemoryBasis":"2048 GiB instance memory","source":"AWS EC2 instance types, p5.48xlarge, p5e.48xlarge and p5en.48xlarge: 2048 GiB memory (as reproduced in meta-pytorch/torchx torchx/specs/named_resources_aws.py)"},{"id":"aws-p4d","aliases":["p4d.24xlarge","aws-p4de","p4de.24xlarge"],"name":"AWS p4d / p4de (8 × A100)","gpusPerNode":8,"hostMemoryBytes":1236950581248,"hostMemoryBasis":"1152 GiB instance memory","source":"AWS EC2 instance types, p4d.24xlarge and p4de.24xlarge: 1152 GiB memory (as reproduced in meta-pytorch/torchx torchx/specs/named_resources_aws.py)"},{"id":"aws-p6-b200","aliases":["p6-b200.48xlarge"],"name":"AWS p6-b200 (8 × B200)","gpusPerNode":8,"hostMemoryBytes":2199023255552,"hostMemoryBasis":"2048 GiB instance memory","source":"AWS EC2 instance types, p6-b200.48xlarge: 192 vCPU, 2,048 GiB (as listed in openshift/openshift-docs modules/rosa-sdpolicy-am-aws-compute-types.adoc)"},{"id":"aws-g6e-48xlarge","aliases":["g6e.48xlarge"],"name":"AWS g6e.48xlarge (8 × L40S)","gpusPerNode":8,"hostMemoryBytes":1649267441664,"hostMemoryBasis":"1536 GiB instance memory","source":"AWS EC2 instance types, g6e.48xlarge: 1536 GiB memory (as reproduced in meta-pytorch/torchx torchx/specs/named_resources_aws.py)"}]');
;// CONCATENATED MODULE: ./src/catalog/nodes.ts

const ENTRIES = nodes_namespaceObject;
const listNodes = () => ENTRIES;
function findNode(idOrAlias) {
    const key = idOrAlias.trim().toLowerCase();
    return ENTRIES.find((n) => n.id === key || n.aliases.includes(key)) ?? null;
}
function nodeHostMemory(entry) {
    return { bytes: entry.hostMemoryBytes, name: entry.name };
}

;// CONCATENATED MODULE: ./src/plan/resolve-host-memory.ts




function resolveHostMemory(node, check) {
    if (node === undefined)
        return null;
    if (node.kind === 'scalar' && typeof node.value === 'string') {
        const entry = findNode(node.value);
        if (entry !== null)
            return nodeHostMemory(entry);
        if (!/^\s*[0-9]/.test(node.value)) {
            const ids = listNodes().flatMap((n) => [n.id, ...n.aliases]);
            check.report('unknown_catalog_id', node.origin, `unknown node "${node.value}"`, {
                hint: didYouMean(node.value, ids),
                expected: 'a node id (list them with `train-memory nodes`) or the RAM per node: 2TiB, 1536GiB',
            });
            return null;
        }
    }
    const bytes = check.parsed(node, parseMemory, RANGES.memoryBytes, { integer: true });
    return bytes === null ? null : { bytes, name: 'plan' };
}
function resolveNvmeBandwidth(node, check) {
    if (node === undefined)
        return null;
    return check.parsed(node, parseBandwidth, RANGES.nvmeBandwidth);
}

;// CONCATENATED MODULE: ./src/catalog/networks.json
const networks_namespaceObject = /*#__PURE__*/JSON.parse('[{"id":"dgx-h100","aliases":["dgx-h200","hgx-h100","hgx-h200","infiniband-ndr"],"name":"DGX H100 / H200 (8 × 400 Gb/s InfiniBand NDR)","gpusPerNode":8,"nicGbpsPerNode":3200,"source":"NVIDIA DGX H100/H200 datasheet: 8 single-port ConnectX-7 VPI, up to 400 Gb/s InfiniBand/Ethernet, one per GPU (compute fabric)"},{"id":"dgx-b200","aliases":["hgx-b200"],"name":"DGX B200 (8 × 400 Gb/s InfiniBand NDR)","gpusPerNode":8,"nicGbpsPerNode":3200,"source":"NVIDIA DGX B200 datasheet: 8 single-port ConnectX-7 VPI, up to 400 Gb/s InfiniBand/Ethernet"},{"id":"dgx-a100","aliases":["hgx-a100","infiniband-hdr"],"name":"DGX A100 (8 × 200 Gb/s InfiniBand HDR)","gpusPerNode":8,"nicGbpsPerNode":1600,"source":"NVIDIA DGX A100 datasheet: 8 single-port ConnectX-6 VPI 200 Gb/s HDR InfiniBand (compute fabric)"},{"id":"aws-p5","aliases":["p5.48xlarge","aws-p5e","p5e.48xlarge","aws-p5en","p5en.48xlarge"],"name":"AWS p5 / p5e / p5en (3,200 Gb/s EFA per instance)","gpusPerNode":8,"nicGbpsPerNode":3200,"source":"AWS EC2 P5 instance types: p5.48xlarge, p5e.48xlarge and p5en.48xlarge, 8 GPUs, 3200 Gbps EFA network bandwidth"},{"id":"aws-p4d","aliases":["p4d.24xlarge","aws-p4de","p4de.24xlarge"],"name":"AWS p4d / p4de (400 Gb/s EFA per instance)","gpusPerNode":8,"nicGbpsPerNode":400,"source":"AWS EC2 P4 instance types: p4d.24xlarge and p4de.24xlarge, 8 A100, 400 Gbps EFA network bandwidth"},{"id":"azure-nd-h100-v5","aliases":["nd96isr-h100-v5","azure-nd-h200-v5"],"name":"Azure ND H100 v5 / ND H200 v5 (8 × 400 Gb/s InfiniBand NDR)","gpusPerNode":8,"nicGbpsPerNode":3200,"source":"Azure ND H100 v5-series documentation: 8 H100, 400 Gb/s NVIDIA Quantum-2 CX7 InfiniBand per GPU, 3.2 Tb/s per VM"},{"id":"azure-nd-a100-v4","aliases":["nd96asr-v4","nd96amsr-a100-v4"],"name":"Azure ND A100 v4 (8 × 200 Gb/s InfiniBand HDR)","gpusPerNode":8,"nicGbpsPerNode":1600,"source":"Azure ND A100 v4-series documentation: 8 A100, 200 Gb/s HDR InfiniBand per GPU, 1.6 Tb/s per VM"},{"id":"gcp-a3-mega","aliases":["a3-megagpu-8g"],"name":"Google Cloud A3 Mega (1,800 Gb/s per VM)","gpusPerNode":8,"nicGbpsPerNode":1800,"source":"Google Cloud GPU machine types: a3-megagpu-8g, 8 H100, up to 1,800 Gbps GPU network bandwidth (GPUDirect-TCPXO)"},{"id":"gcp-a3-high","aliases":["a3-highgpu-8g"],"name":"Google Cloud A3 High (1,000 Gb/s per VM)","gpusPerNode":8,"nicGbpsPerNode":1000,"source":"Google Cloud GPU machine types: a3-highgpu-8g, 8 H100, up to 1,000 Gbps GPU network bandwidth (GPUDirect-TCPX)"},{"id":"gcp-a3-ultra","aliases":["a3-ultragpu-8g"],"name":"Google Cloud A3 Ultra (8 × 400 Gb/s RDMA)","gpusPerNode":8,"nicGbpsPerNode":3200,"source":"Google Cloud GPU machine types: a3-ultragpu-8g, 8 H200, up to 3,200 Gbps GPU network bandwidth (ConnectX-7 RoCE)"},{"id":"meta-grand-teton","aliases":["grand-teton"],"name":"Meta Grand Teton (400 Gb/s RoCE per GPU)","gpusPerNode":8,"nicGbpsPerNode":3200,"source":"pytorch/torchtitan benchmarks/llama3_h100_202412_torchtitan.md: Grand Teton hosts, 400 Gb/s RDMA per GPU; Llama 3 paper §3.3.1: 400 Gbps interconnects"},{"id":"mosaicml-a100-roce","aliases":[],"name":"MosaicML A100 cluster (1,600 Gb/s RoCE per node)","gpusPerNode":8,"nicGbpsPerNode":1600,"source":"mosaicml/llm-foundry scripts/train/benchmarking/README.md: \'A100 80GB with 1600 Gbps node-node interconnect (RoCE)\'"}]');
;// CONCATENATED MODULE: ./src/catalog/networks.ts

const networks_ENTRIES = networks_namespaceObject;
const BITS_PER_BYTE = 8;
const listNetworks = () => networks_ENTRIES;
function findNetwork(idOrAlias) {
    const key = idOrAlias.trim().toLowerCase();
    return networks_ENTRIES.find((n) => n.id === key || n.aliases.includes(key)) ?? null;
}
function networkSpec(entry) {
    return {
        id: entry.id,
        name: entry.name,
        bandwidthPerGpu: (entry.nicGbpsPerNode * 1e9) / BITS_PER_BYTE / entry.gpusPerNode,
    };
}

;// CONCATENATED MODULE: ./src/plan/resolve-network.ts



const NETWORK_RANGE = { min: 1e6 / 8, max: 1e14 };
function resolveNetwork(node, check) {
    if (node === undefined)
        return null;
    if (node.kind === 'scalar' && typeof node.value === 'string') {
        const entry = findNetwork(node.value);
        if (entry !== null)
            return networkSpec(entry);
        if (!/^\s*[0-9]/.test(node.value)) {
            const ids = listNetworks().flatMap((n) => [n.id, ...n.aliases]);
            check.report('unknown_catalog_id', node.origin, `unknown cluster network "${node.value}"`, {
                hint: didYouMean(node.value, ids),
                expected: 'a network id (list them with `train-memory networks`) or a bandwidth per GPU: 400Gbps, 50GB/s',
            });
            return null;
        }
    }
    const bandwidth = check.parsed(node, parseBandwidth, NETWORK_RANGE);
    if (bandwidth === null)
        return null;
    return { id: 'custom', name: `${(bandwidth / 1e9).toFixed(1)} GB/s per GPU (plan)`, bandwidthPerGpu: bandwidth };
}

;// CONCATENATED MODULE: ./src/plan/resolve-hardware.ts







function gcd(a, b) {
    return b === 0 ? a : gcd(b, a % b);
}
function replicaWidth({ tensor, pipeline, context, expert }) {
    return tensor !== null && pipeline !== null && context !== null && expert !== null
        ? tensor * pipeline * ((context * expert) / gcd(context, expert))
        : 1;
}
function resolveHardware(node, planName, degrees, catalog, { check, field, where, assume }) {
    const hardware = check.map(node, HARDWARE_KEYS, 'a mapping of hardware settings');
    const gpuNode = hardware?.entries.get('gpu');
    if (gpuNode === undefined) {
        check.report('missing_key', where(hardware, 'gpu'), `plan "${planName}" has no hardware.gpu`, {
            expected: 'hardware: { gpu: h100-sxm-80gb } (see `train-memory gpus`) or a custom { name, memory, bf16_tflops }',
        });
    }
    const gpu = resolveGpu(gpuNode, catalog, check);
    const gpus = field(hardware, 'gpus', 'hardware.gpus', (n) => check.integer(n, RANGES.gpus), replicaWidth(degrees), degrees.expert !== null && degrees.expert > 1
        ? 'default: tensor × pipeline × lcm(context, expert)'
        : 'default: tensor × pipeline × context');
    const gpusPerNode = field(hardware, 'gpus_per_node', 'hardware.gpus_per_node', (n) => check.integer(n, RANGES.gpusPerNode), Math.min(8, gpus ?? 1), 'default: min(8, gpus)');
    const mfuNode = hardware?.entries.get('mfu');
    const mfu = mfuNode === undefined ? null : check.number(mfuNode, RANGES.mfu);
    const priceNode = hardware?.entries.get('price_per_gpu_hour');
    const pricePerGpuHour = priceNode === undefined ? null : check.number(priceNode, RANGES.pricePerGpuHour);
    const goodputNode = hardware?.entries.get('goodput');
    const goodput = goodputNode === undefined ? null : check.number(goodputNode, RANGES.goodput);
    const network = resolveNetwork(hardware?.entries.get('network'), check);
    const hostMemoryNode = hardware?.entries.get('host_memory_per_node');
    const hostMemoryPerNode = resolveHostMemory(hostMemoryNode, check);
    if (hostMemoryNode === undefined) {
        assume('hardware.host_memory_per_node', 'not given', "host memory is estimated, not checked against the node's RAM");
    }
    const nvmeBandwidth = resolveNvmeBandwidth(hardware?.entries.get('nvme_bandwidth'), check);
    const wholeNodes = nodeProblem(gpus, gpusPerNode);
    if (wholeNodes !== null)
        reportRuleProblems([wholeNodes], () => where(hardware, 'gpus'), check);
    const gpusAssumed = hardware?.entries.get('gpus') === undefined;
    return {
        gpu,
        gpus,
        gpusAssumed,
        gpusPerNode,
        mfu,
        pricePerGpuHour,
        network,
        goodput,
        hostMemoryPerNode,
        nvmeBandwidth,
        at: (key) => where(hardware, key),
    };
}
function finishHardware({ at: _at, gpu, gpus, gpusPerNode, ...rest }) {
    if (gpu === null || gpus === null || gpusPerNode === null)
        return null;
    return { gpu, gpus, gpusPerNode, ...rest };
}

;// CONCATENATED MODULE: ./src/plan/resolve-freeze.ts








const DEFAULT_TRAINABLE_LAYERS = 2;
function readModules(node, reader) {
    const { check } = reader;
    if (node === undefined) {
        reader.assume('training.freeze.trainable_modules', '[]', 'default: no module outside the decoder layers trains');
        return [];
    }
    const expected = `a list of: ${FREEZE_MODULES.join(', ')} (norm: the final norm)`;
    if (node.kind !== 'list')
        return check.invalidType(node, expected);
    const modules = [];
    let ok = true;
    for (const item of node.items) {
        const text = item.kind === 'scalar' && typeof item.value === 'string' ? item.value : null;
        const module = FREEZE_MODULES.find((name) => name === text);
        if (text === null) {
            check.invalidType(item, 'a module name');
            ok = false;
        }
        else if (module === undefined) {
            check.report('invalid_value', item.origin, `"${text}" is not a module freeze can train`, {
                hint: didYouMean(text, FREEZE_MODULES),
                expected,
            });
            ok = false;
        }
        else if (!modules.includes(module))
            modules.push(module);
    }
    return ok ? modules : null;
}
function resolveFreeze(node, method, precision, reader) {
    const { check, field, where } = reader;
    if (node !== undefined && method !== null && method !== 'freeze') {
        check.report('invalid_value', node.origin, 'training.freeze is only used with method freeze', {
            at: 'key',
            expected: 'method: freeze, or no freeze block',
        });
    }
    const freeze = check.map(node, FREEZE_KEYS, 'a mapping { trainable_layers, trainable_modules, base_dtype }');
    if (method !== 'freeze')
        return null;
    const layersNode = freeze?.entries.get('trainable_layers');
    if (layersNode === undefined) {
        reader.assume('training.freeze.trainable_layers', DEFAULT_TRAINABLE_LAYERS, "default: the last 2 layers, LLaMA-Factory's freeze_trainable_layers");
    }
    const trainableModules = readModules(freeze?.entries.get('trainable_modules'), reader);
    const baseDtype = field(freeze, 'base_dtype', 'training.freeze.base_dtype', (n) => check.oneOf(n, BASE_WEIGHT_DTYPES), precision === null ? null : defaultBaseDtype(precision), 'default: frozen weights held in the training precision (16-bit under mixed precision)');
    return { layersNode, trainableModules, baseDtype, at: where(freeze, 'trainable_layers') };
}
function resolveFreezeLayers(freeze, architecture, modelName, { check, note }) {
    const total = layerCount(architecture);
    const node = freeze.layersNode;
    const importedFrom = node === undefined ? null : splitOriginInFile(node.origin);
    if (importedFrom !== null && node !== undefined) {
        if (node.kind === 'list') {
            const indices = node.items.flatMap((item) => item.kind === 'scalar' && typeof item.value === 'number' && Number.isInteger(item.value) ? [item.value] : []);
            const beyond = indices.filter((index) => index >= total);
            if (indices.length === node.items.length && indices.every((index) => index >= 0)) {
                const kept = indices.filter((index) => index < total).sort((a, b) => a - b);
                if (beyond.length > 0)
                    note(`training.freeze.trainable_layers: layers ${layerRanges(beyond)} from ${importedFrom.file} are beyond ${modelName} (${total} layers): left out`);
                return checkSomethingTrains(kept, freeze, node, check);
            }
        }
        else if (node.kind === 'scalar' && typeof node.value === 'number' && node.value > total) {
            note(`training.freeze.trainable_layers: ${node.value} from ${importedFrom.file} is more than ${modelName}'s ${total} layers: all of them train`);
            return lastLayers(total, total);
        }
    }
    const expected = `trainable_layers from 0 to ${total}, or a list of layer indices from 0 to ${total - 1}`;
    const beyond = (item, limit) => {
        if (item.kind !== 'scalar' || typeof item.value !== 'number' || !Number.isInteger(item.value))
            return false;
        if (item.value < 0 && item === node) {
            const first = Array.from({ length: Math.min(-item.value, 3) }, (_, i) => i).join(', ');
            check.report('out_of_range', item.origin, `${item.value} is out of range: trainable_layers counts the last layers`, {
                expected: `${expected}; the first ${-item.value} layers are the list [${first}${-item.value > 3 ? ', …' : ''}]`,
            });
            return true;
        }
        if (item.value <= limit)
            return false;
        check.report('out_of_range', item.origin, `${item.value} is out of range: ${modelName} has ${total} decoder layers`, {
            expected,
        });
        return true;
    };
    let layers;
    if (node === undefined)
        layers = lastLayers(DEFAULT_TRAINABLE_LAYERS, total);
    else if (node.kind === 'list') {
        layers = [];
        for (const item of node.items) {
            const index = beyond(item, total - 1) ? null : check.integer(item, { min: 0, max: Math.max(0, total - 1) });
            if (index === null)
                layers = null;
            else if (layers !== null && layers.includes(index)) {
                check.report('invalid_value', item.origin, `layer ${index} is listed twice`, { expected });
                layers = null;
            }
            else
                layers?.push(index);
        }
        layers?.sort((a, b) => a - b);
    }
    else {
        const count = beyond(node, total) ? null : check.integer(node, { min: 0, max: total });
        layers = count === null ? null : lastLayers(count, total);
    }
    return layers === null ? null : checkSomethingTrains(layers, freeze, node, check);
}
function checkSomethingTrains(layers, freeze, node, check) {
    if (layers.length > 0 || freeze.trainableModules?.length !== 0)
        return layers;
    check.report('invalid_value', node?.origin ?? freeze.at, 'nothing trains: no layer and no module', {
        expected: 'trainable_layers of at least 1, or trainable_modules such as [lm_head]',
    });
    return null;
}
function finishFreeze(freeze, layers) {
    if (freeze === null || layers === null)
        return null;
    const { trainableModules, baseDtype } = freeze;
    if (trainableModules === null || baseDtype === null)
        return null;
    return { trainableLayers: layers, trainableModules, baseDtype };
}

;// CONCATENATED MODULE: ./src/plan/resolve-lora.ts






function usesAdapters(method) {
    return method === 'lora' || method === 'qlora';
}
function resolveLora(node, method, precision, { check, field, integerField, assume, where }) {
    if (node !== undefined && (method === 'full' || method === 'freeze')) {
        check.report('invalid_value', node.origin, 'training.lora is only used with method lora or qlora', {
            at: 'key',
            expected: 'method: lora or method: qlora, or no lora block',
        });
    }
    const lora = check.map(node, LORA_KEYS, 'a mapping { rank, alpha, dropout, target_modules }');
    if (!usesAdapters(method))
        return null;
    const rank = integerField(lora, 'rank', 'training.lora.rank', RANGES.loraRank, LORA_DEFAULTS.rank);
    const alpha = field(lora, 'alpha', 'training.lora.alpha', (n) => check.number(n, RANGES.loraAlpha), LORA_DEFAULTS.alpha);
    const dropout = field(lora, 'dropout', 'training.lora.dropout', (n) => check.number(n, RANGES.loraDropout), LORA_DEFAULTS.dropout);
    const targetModulesNode = lora?.entries.get('target_modules');
    if (targetModulesNode === undefined)
        assume('training.lora.target_modules', ALL_LINEAR);
    if (method === 'qlora' && lora?.entries.has('base_dtype')) {
        check.report('unsupported_combination', where(lora, 'base_dtype'), "QLoRA's base weights are NF4", {
            at: 'key',
            expected: 'no base_dtype with method qlora, or method lora',
        });
    }
    const baseDtype = method === 'qlora'
        ? 'nf4'
        : field(lora, 'base_dtype', 'training.lora.base_dtype', (n) => check.oneOf(n, BASE_WEIGHT_DTYPES), precision === null ? null : defaultBaseDtype(precision), 'default: the base model loaded in the training precision');
    return { rank, alpha, dropout, baseDtype, targetModulesNode };
}
function resolveLoraTargetModules(lora, architecture, { check }) {
    return readTargetModules(lora.targetModulesNode, linearModuleNames(architecture), adapterTargetNames(architecture), check);
}
function finishLora(lora, targetModules) {
    if (lora === null || targetModules === null)
        return null;
    const { rank, alpha, dropout, baseDtype } = lora;
    if (rank === null || alpha === null || dropout === null || baseDtype === null)
        return null;
    return { rank, alpha, dropout, targetModules, baseDtype };
}

;// CONCATENATED MODULE: ./src/core/architecture/config-reader.ts

class ArchitectureConfigError extends Error {
    issues;
    constructor(issues) {
        super(issues.map((issue) => `${issue.key}: ${issue.message}`).join('; '));
        this.name = 'ArchitectureConfigError';
        this.issues = issues;
    }
}
const inRange = (min, max) => `an integer from ${groupDigits(min)} to ${groupDigits(max)}`;
class config_reader_ConfigReader {
    config;
    prefix;
    issues = [];
    constructor(config, prefix = '') {
        this.config = config;
        this.prefix = prefix;
    }
    nested(key) {
        const value = this.config[key];
        const child = new config_reader_ConfigReader(isObject(value) ? value : {}, `${this.prefix}${key}.`);
        child.issues = this.issues;
        return child;
    }
    has(key) {
        return this.config[key] !== undefined && this.config[key] !== null;
    }
    integer(key, options = {}) {
        const range = configRangeOf(key);
        const min = options.min ?? range.min;
        const max = Math.max(min, range.max);
        const value = this.config[key];
        if (value === undefined || value === null) {
            if (options.default !== undefined)
                return options.default;
            this.report(key, `is required (${inRange(min, max)})`);
            return Math.max(min, 1);
        }
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
            this.report(key, `must be ${inRange(min, max)}, got ${describeValue(value)}`);
            return Math.max(min, 1);
        }
        return value;
    }
    integerAlias(keys, options = {}) {
        const present = keys.find((key) => this.has(key));
        return this.integer(present ?? keys[0], options);
    }
    optionalInteger(key, min = 1) {
        return this.has(key) ? this.integer(key, { min }) : null;
    }
    nullableNumber(key, defaultValue) {
        const value = this.config[key];
        if (value === undefined)
            return defaultValue;
        if (value === null)
            return null;
        const { max } = configRangeOf(key);
        if (typeof value !== 'number' || !(value > 0) || value > max) {
            this.report(key, `must be a positive number up to ${groupDigits(max)} or null, got ${describeValue(value)}`);
            return defaultValue;
        }
        return value;
    }
    boolean(key, defaultValue) {
        const value = this.config[key];
        if (value === undefined || value === null)
            return defaultValue;
        if (typeof value !== 'boolean') {
            this.report(key, `must be true or false, got ${describeValue(value)}`);
            return defaultValue;
        }
        return value;
    }
    string(key, defaultValue) {
        const value = this.config[key];
        if (value === undefined || value === null)
            return defaultValue;
        if (typeof value !== 'string') {
            this.report(key, `must be a string, got ${describeValue(value)}`);
            return defaultValue;
        }
        return value;
    }
    stringList(key) {
        const value = this.config[key];
        if (value === undefined || value === null)
            return [];
        if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
            this.report(key, `must be a list of strings, got ${describeValue(value)}`);
            return [];
        }
        return this.layerList(key, value);
    }
    integerList(key) {
        const value = this.config[key];
        if (value === undefined || value === null)
            return [];
        if (!Array.isArray(value) ||
            !value.every((item) => Number.isInteger(item) && item >= 0 && item < MAX_LAYER_LIST_LENGTH)) {
            this.report(key, `must be a list of layer indices from 0 to ${groupDigits(MAX_LAYER_LIST_LENGTH - 1)}, got ${describeValue(value)}`);
            return [];
        }
        return this.layerList(key, value);
    }
    layerList(key, list) {
        if (list.length <= MAX_LAYER_LIST_LENGTH)
            return list;
        this.report(key, `must have at most ${groupDigits(MAX_LAYER_LIST_LENGTH)} entries (one per layer), got ${list.length}`);
        return [];
    }
    report(key, message) {
        this.issues.push({ key: `${this.prefix}${key}`, message });
    }
    throwIfInvalid() {
        if (this.issues.length > 0)
            throw new ArchitectureConfigError(this.issues);
    }
}
function describeValue(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length <= 80 ? text : `${text.slice(0, 77)}…`;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/core/architecture/building-blocks.ts
function linear(name, inFeatures, outFeatures, bias, part, split) {
    return { name, inFeatures, outFeatures, bias, part, split };
}
function norm(name, kind, size, options = {}) {
    return {
        name,
        kind,
        size,
        bias: options.bias ?? kind === 'layernorm',
        elementsPerToken: options.elementsPerToken ?? size,
        scalesInFp32: options.scalesInFp32 ?? false,
        ...(options.fp32Input === true && { fp32Input: true }),
    };
}
function separateAttentionLinears(shape, bias) {
    const { hiddenSize: h, numHeads, numKeyValueHeads, headDim } = shape;
    return [
        linear('q_proj', h, numHeads * headDim, bias.qkv, 'attention', 'column'),
        linear('k_proj', h, numKeyValueHeads * headDim, bias.qkv, 'attention', 'column'),
        linear('v_proj', h, numKeyValueHeads * headDim, bias.qkv, 'attention', 'column'),
        linear('o_proj', numHeads * headDim, h, bias.output, 'attention', 'row'),
    ];
}
function fusedAttentionLinears(shape, names, bias) {
    const { hiddenSize: h, numHeads, numKeyValueHeads, headDim } = shape;
    return [
        linear(names.qkv, h, (numHeads + 2 * numKeyValueHeads) * headDim, bias.qkv, 'attention', 'column'),
        linear(names.output, numHeads * headDim, h, bias.output, 'attention', 'row'),
    ];
}
function gatedMlpLinears(hiddenSize, intermediate, bias, part = 'mlp', names = ['gate_proj', 'up_proj', 'down_proj']) {
    return [
        linear(names[0], hiddenSize, intermediate, bias, part, 'column'),
        linear(names[1], hiddenSize, intermediate, bias, part, 'column'),
        linear(names[2], intermediate, hiddenSize, bias, part, 'row'),
    ];
}
function plainMlpLinears(hiddenSize, intermediate, bias, names) {
    return [
        linear(names[0], hiddenSize, intermediate, bias, 'mlp', 'column'),
        linear(names[1], intermediate, hiddenSize, bias, 'mlp', 'row'),
    ];
}
function activationOf(hiddenAct) {
    if (hiddenAct === 'relu')
        return 'relu';
    if (hiddenAct === 'gelu_new' || hiddenAct === 'gelu_pytorch_tanh' || hiddenAct === 'gelu_fast')
        return 'gelu-tanh';
    if (hiddenAct.startsWith('gelu'))
        return 'gelu';
    return 'silu';
}
function prefixed(prefix, linears) {
    return linears.map((l) => ({ ...l, name: `${prefix}.${l.name}` }));
}

;// CONCATENATED MODULE: ./src/core/architecture/families/bloom.ts

function bloomArchitecture(reader, modelType) {
    const hiddenSize = reader.integerAlias(['n_embed', 'hidden_size']);
    const numHeads = reader.integerAlias(['n_head', 'num_attention_heads']);
    const headDim = hiddenSize / numHeads;
    if (!Number.isInteger(headDim))
        reader.report('n_head', `must divide hidden_size (${hiddenSize})`);
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
        embeddingNorm: norm('word_embeddings_layernorm', 'layernorm', hiddenSize),
        attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
        parallelAttentionMlp: false,
        layerGroups: [
            {
                count: reader.integerAlias(['n_layer', 'num_hidden_layers']),
                linears: [
                    linear('query_key_value', hiddenSize, 3 * hiddenSize, true, 'attention', 'column'),
                    linear('dense', hiddenSize, hiddenSize, true, 'attention', 'row'),
                    ...plainMlpLinears(hiddenSize, 4 * hiddenSize, true, ['dense_h_to_4h', 'dense_4h_to_h']),
                ],
                norms: [
                    norm('input_layernorm', 'layernorm', hiddenSize),
                    norm('post_attention_layernorm', 'layernorm', hiddenSize),
                ],
                mlp: { gated: false, activation: 'gelu-tanh', intermediateSize: 4 * hiddenSize },
                experts: null,
                extraParameters: 0,
            },
        ],
        finalNorm: norm('ln_f', 'layernorm', hiddenSize),
        multiTokenPrediction: null,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/layer-runs.ts
function layer_runs_layerRuns(kinds, groupOf) {
    const runs = [];
    let start = 0;
    for (let index = 1; index <= kinds.length; index += 1) {
        if (index === kinds.length || kinds[index] !== kinds[start]) {
            runs.push(groupOf(kinds[start], index - start));
            start = index;
        }
    }
    return runs;
}

;// CONCATENATED MODULE: ./src/core/architecture/families/deepseek.ts


const DEEPSEEK_MODEL_TYPES = ['deepseek_v2', 'deepseek_v3'];
function latentAttention(reader, hiddenSize) {
    const numHeads = reader.integer('num_attention_heads');
    const qLoraRank = reader.optionalInteger('q_lora_rank');
    const kvLoraRank = reader.integer('kv_lora_rank');
    const qkNopeHeadDim = reader.integer('qk_nope_head_dim');
    const qkRopeHeadDim = reader.integer('qk_rope_head_dim');
    const valueHeadDim = reader.integer('v_head_dim');
    const bias = reader.boolean('attention_bias', false);
    const headDim = qkNopeHeadDim + qkRopeHeadDim;
    const query = qLoraRank === null
        ? [linear('q_proj', hiddenSize, numHeads * headDim, false, 'attention', 'column')]
        : [
            linear('q_a_proj', hiddenSize, qLoraRank, bias, 'attention', 'replicated'),
            linear('q_b_proj', qLoraRank, numHeads * headDim, false, 'attention', 'column'),
        ];
    const linears = [
        ...query,
        linear('kv_a_proj_with_mqa', hiddenSize, kvLoraRank + qkRopeHeadDim, bias, 'attention', 'replicated'),
        linear('kv_b_proj', kvLoraRank, numHeads * (qkNopeHeadDim + valueHeadDim), false, 'attention', 'column'),
        linear('o_proj', numHeads * valueHeadDim, hiddenSize, bias, 'attention', 'row'),
    ];
    const norms = [norm('kv_a_layernorm', 'rmsnorm', kvLoraRank)];
    if (qLoraRank !== null)
        norms.unshift(norm('q_a_layernorm', 'rmsnorm', qLoraRank));
    const spec = {
        kind: 'latent',
        numHeads,
        numKeyValueHeads: numHeads,
        headDim,
        valueHeadDim,
        latent: { qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim },
    };
    return { spec, linears, norms };
}
function deepseekArchitecture(reader, modelType) {
    const hiddenSize = reader.integer('hidden_size');
    const numLayers = reader.integer('num_hidden_layers');
    const vocabSize = reader.integer('vocab_size');
    const attention = latentAttention(reader, hiddenSize);
    const activation = activationOf(reader.string('hidden_act', 'silu'));
    const layerNorms = [
        norm('input_layernorm', 'rmsnorm', hiddenSize),
        norm('post_attention_layernorm', 'rmsnorm', hiddenSize),
    ];
    const norms = [...layerNorms, ...attention.norms];
    const denseIntermediate = reader.integer('intermediate_size');
    const dense = {
        count: 0,
        linears: [...attention.linears, ...gatedMlpLinears(hiddenSize, denseIntermediate, false)],
        norms,
        mlp: { gated: true, activation, intermediateSize: denseIntermediate },
        experts: null,
        extraParameters: 0,
    };
    const numExperts = reader.optionalInteger('n_routed_experts');
    let sparse = null;
    if (numExperts !== null) {
        const expertsPerToken = reader.integer('num_experts_per_tok');
        const expertIntermediate = reader.integer('moe_intermediate_size');
        const sharedExperts = reader.integer('n_shared_experts', { default: 0, min: 0 });
        const sharedLinears = sharedExperts > 0
            ? prefixed('shared_experts', gatedMlpLinears(hiddenSize, expertIntermediate * sharedExperts, false, 'shared-expert'))
            : [];
        sparse = {
            count: 0,
            linears: [
                ...attention.linears,
                linear('gate', hiddenSize, numExperts, false, 'router', 'replicated'),
                ...sharedLinears,
            ],
            norms,
            mlp: { gated: true, activation, intermediateSize: 0 },
            experts: {
                numExperts,
                expertsPerToken,
                intermediateSize: expertIntermediate,
                linears: gatedMlpLinears(hiddenSize, expertIntermediate, false),
            },
            extraParameters: reader.string('topk_method', 'greedy') === 'noaux_tc' ? numExperts : 0,
        };
    }
    const firstDense = reader.integer('first_k_dense_replace', { default: 0, min: 0 });
    const moeLayerFrequency = reader.integer('moe_layer_freq', { default: 1 });
    const kinds = Array.from({ length: numLayers }, (_, index) => sparse !== null && index >= firstDense && index % moeLayerFrequency === 0 ? 'sparse' : 'dense');
    const mtpModules = reader.integer('num_nextn_predict_layers', { default: 0, min: 0 });
    return {
        modelType,
        hiddenSize,
        vocabSize,
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
        embeddingNorm: null,
        attention: attention.spec,
        parallelAttentionMlp: false,
        layerGroups: layer_runs_layerRuns(kinds, (kind, count) => ({ ...(kind === 'sparse' ? sparse : dense), count })),
        finalNorm: norm('norm', 'rmsnorm', hiddenSize),
        multiTokenPrediction: mtpModules > 0
            ? {
                modules: mtpModules,
                layer: { ...(sparse ?? dense), count: 1 },
                projection: linear('eh_proj', 2 * hiddenSize, hiddenSize, false, 'mlp', 'replicated'),
                norms: [
                    norm('enorm', 'rmsnorm', hiddenSize),
                    norm('hnorm', 'rmsnorm', hiddenSize),
                    norm('shared_head.norm', 'rmsnorm', hiddenSize),
                ],
            }
            : null,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/falcon.ts

function falconArchitecture(reader, modelType) {
    const hiddenSize = reader.integerAlias(['hidden_size', 'n_embed']);
    const numHeads = reader.integerAlias(['num_attention_heads', 'n_head']);
    const headDim = hiddenSize / numHeads;
    if (!Number.isInteger(headDim))
        reader.report('num_attention_heads', `must divide hidden_size (${hiddenSize})`);
    const newArchitecture = reader.boolean('new_decoder_architecture', false);
    const multiQuery = reader.boolean('multi_query', true);
    const parallelAttention = reader.boolean('parallel_attn', true);
    const numKeyValueHeads = newArchitecture
        ? reader.integerAlias(['num_kv_heads', 'n_head_kv'], { default: numHeads })
        : multiQuery
            ? 1
            : numHeads;
    const bias = reader.boolean('bias', false);
    const ffn = reader.integer('ffn_hidden_size', { default: 4 * hiddenSize });
    const layerNormCount = newArchitecture ? reader.integer('num_ln_in_parallel_attn', { default: 2 }) : 0;
    const norms = newArchitecture && layerNormCount === 2
        ? [norm('ln_attn', 'layernorm', hiddenSize), norm('ln_mlp', 'layernorm', hiddenSize)]
        : parallelAttention
            ? [norm('input_layernorm', 'layernorm', hiddenSize)]
            : [norm('input_layernorm', 'layernorm', hiddenSize), norm('post_attention_layernorm', 'layernorm', hiddenSize)];
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
        embeddingNorm: null,
        attention: { kind: 'standard', numHeads, numKeyValueHeads, headDim, valueHeadDim: headDim, latent: null },
        parallelAttentionMlp: parallelAttention || newArchitecture,
        layerGroups: [
            {
                count: reader.integerAlias(['num_hidden_layers', 'n_layer']),
                linears: [
                    linear('query_key_value', hiddenSize, (numHeads + 2 * numKeyValueHeads) * headDim, bias, 'attention', 'column'),
                    linear('dense', hiddenSize, hiddenSize, bias, 'attention', 'row'),
                    ...plainMlpLinears(hiddenSize, ffn, bias, ['dense_h_to_4h', 'dense_4h_to_h']),
                ],
                norms,
                mlp: { gated: false, activation: activationOf(reader.string('activation', 'gelu')), intermediateSize: ffn },
                experts: null,
                extraParameters: 0,
            },
        ],
        finalNorm: norm('ln_f', 'layernorm', hiddenSize),
        multiTokenPrediction: null,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/gpt-bigcode.ts

function gptBigCodeArchitecture(reader, modelType) {
    const hiddenSize = reader.integerAlias(['n_embd', 'hidden_size']);
    const numHeads = reader.integerAlias(['n_head', 'num_attention_heads']);
    const inner = reader.integer('n_inner', { default: 4 * hiddenSize });
    const headDim = hiddenSize / numHeads;
    if (!Number.isInteger(headDim))
        reader.report('n_head', `must divide n_embd (${hiddenSize})`);
    const numKeyValueHeads = reader.boolean('multi_query', true) ? 1 : numHeads;
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: reader.integerAlias(['n_positions', 'max_position_embeddings']),
        tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
        embeddingNorm: null,
        attention: { kind: 'standard', numHeads, numKeyValueHeads, headDim, valueHeadDim: headDim, latent: null },
        parallelAttentionMlp: false,
        layerGroups: [
            {
                count: reader.integerAlias(['n_layer', 'num_hidden_layers']),
                linears: [
                    linear('c_attn', hiddenSize, hiddenSize + 2 * numKeyValueHeads * headDim, true, 'attention', 'column'),
                    linear('c_proj', hiddenSize, hiddenSize, true, 'attention', 'row'),
                    linear('c_fc', hiddenSize, inner, true, 'mlp', 'column'),
                    linear('mlp.c_proj', inner, hiddenSize, true, 'mlp', 'row'),
                ],
                norms: [norm('ln_1', 'layernorm', hiddenSize), norm('ln_2', 'layernorm', hiddenSize)],
                mlp: {
                    gated: false,
                    activation: activationOf(reader.string('activation_function', 'gelu_pytorch_tanh')),
                    intermediateSize: inner,
                },
                experts: null,
                extraParameters: 0,
            },
        ],
        finalNorm: norm('ln_f', 'layernorm', hiddenSize),
        multiTokenPrediction: null,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/gpt2.ts

function gpt2Architecture(reader, modelType) {
    const hiddenSize = reader.integerAlias(['n_embd', 'hidden_size']);
    const numHeads = reader.integerAlias(['n_head', 'num_attention_heads']);
    const inner = reader.integer('n_inner', { default: 4 * hiddenSize });
    const headDim = hiddenSize / numHeads;
    if (!Number.isInteger(headDim))
        reader.report('n_head', `must divide n_embd (${hiddenSize})`);
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: reader.integerAlias(['n_positions', 'max_position_embeddings']),
        tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
        embeddingNorm: null,
        attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
        parallelAttentionMlp: false,
        layerGroups: [
            {
                count: reader.integerAlias(['n_layer', 'num_hidden_layers']),
                linears: [
                    linear('c_attn', hiddenSize, 3 * hiddenSize, true, 'attention', 'column'),
                    linear('c_proj', hiddenSize, hiddenSize, true, 'attention', 'row'),
                    linear('c_fc', hiddenSize, inner, true, 'mlp', 'column'),
                    linear('mlp.c_proj', inner, hiddenSize, true, 'mlp', 'row'),
                ],
                norms: [norm('ln_1', 'layernorm', hiddenSize), norm('ln_2', 'layernorm', hiddenSize)],
                mlp: {
                    gated: false,
                    activation: activationOf(reader.string('activation_function', 'gelu_new')),
                    intermediateSize: inner,
                },
                experts: null,
                extraParameters: 0,
            },
        ],
        finalNorm: norm('ln_f', 'layernorm', hiddenSize),
        multiTokenPrediction: null,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/gpt-neox.ts

function gptNeoxArchitecture(reader, modelType) {
    const hiddenSize = reader.integer('hidden_size');
    const numHeads = reader.integer('num_attention_heads');
    const intermediate = reader.integer('intermediate_size');
    const bias = reader.boolean('attention_bias', true);
    const headDim = hiddenSize / numHeads;
    if (!Number.isInteger(headDim))
        reader.report('num_attention_heads', `must divide hidden_size (${hiddenSize})`);
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
        embeddingNorm: null,
        attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
        parallelAttentionMlp: reader.boolean('use_parallel_residual', true),
        layerGroups: [
            {
                count: reader.integer('num_hidden_layers'),
                linears: [
                    linear('query_key_value', hiddenSize, 3 * hiddenSize, bias, 'attention', 'column'),
                    linear('dense', hiddenSize, hiddenSize, bias, 'attention', 'row'),
                    ...plainMlpLinears(hiddenSize, intermediate, true, ['dense_h_to_4h', 'dense_4h_to_h']),
                ],
                norms: [
                    norm('input_layernorm', 'layernorm', hiddenSize),
                    norm('post_attention_layernorm', 'layernorm', hiddenSize),
                ],
                mlp: {
                    gated: false,
                    activation: activationOf(reader.string('hidden_act', 'gelu')),
                    intermediateSize: intermediate,
                },
                experts: null,
                extraParameters: 0,
            },
        ],
        finalNorm: norm('final_layer_norm', 'layernorm', hiddenSize),
        multiTokenPrediction: null,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/llama-style.ts

const PRE_NORMS = ['input_layernorm', 'post_attention_layernorm'];
const GEMMA2_NORMS = [...PRE_NORMS, 'pre_feedforward_layernorm', 'post_feedforward_layernorm'];
const headsSplit = (hiddenSize, numHeads) => hiddenSize / numHeads;
const LLAMA = {
    attentionBias: (b) => ({ qkv: b, output: b }),
    qkNorm: 'none',
    layerNorms: PRE_NORMS,
    fusedQkv: false,
    fusedGateUp: false,
    tiedDefault: false,
    headDimDefault: headsSplit,
    hiddenActKey: 'hidden_act',
    hiddenActDefault: 'silu',
    normScalesInFp32: false,
};
const GEMMA = {
    ...LLAMA,
    tiedDefault: true,
    headDimDefault: () => 256,
    hiddenActKey: 'hidden_activation',
    hiddenActDefault: 'gelu_pytorch_tanh',
    normScalesInFp32: true,
};
const COHERE = {
    ...LLAMA,
    qkNorm: (reader) => (reader.boolean('use_qk_norm', false) ? 'all-heads' : 'none'),
    layerNorms: ['input_layernorm'],
    norm: 'layernorm-fp32',
    parallelBlock: true,
    tiedDefault: true,
};
const GLM = {
    ...LLAMA,
    attentionBias: (b) => ({ qkv: b, output: false }),
    attentionBiasDefault: true,
    fusedGateUp: true,
    headDimDefault: () => 128,
};
const DIALECTS = {
    llama: LLAMA,
    granite: LLAMA,
    mistral: {
        ...LLAMA,
        slidingWindow: { windowDefault: 4096, slides: () => true },
        attentionBias: () => ({ qkv: false, output: false }),
    },
    qwen2: { ...LLAMA, attentionBias: () => ({ qkv: true, output: false }) },
    qwen3: { ...LLAMA, qkNorm: 'per-head', headDimDefault: () => 128 },
    gemma: GEMMA,
    gemma2: {
        ...GEMMA,
        finalLogitSoftcappingDefault: 30.0,
        slidingWindow: { windowDefault: 4096, slides: (i) => (i + 1) % 2 !== 0 },
        layerNorms: GEMMA2_NORMS,
    },
    gemma3_text: {
        ...GEMMA,
        finalLogitSoftcappingDefault: null,
        slidingWindow: {
            windowDefault: 4096,
            slides: (i, reader) => (i + 1) % reader.integer('sliding_window_pattern', { default: 6 }) !== 0,
        },
        qkNorm: 'per-head',
        layerNorms: GEMMA2_NORMS,
        vocabDefault: 262208,
    },
    olmo: { ...LLAMA, norm: 'layernorm-fp32-weightless' },
    olmo2: { ...LLAMA, qkNorm: 'all-heads', layerNorms: ['post_attention_layernorm', 'post_feedforward_layernorm'] },
    olmoe: { ...LLAMA, qkNorm: 'all-heads' },
    phi3: { ...LLAMA, attentionBias: () => ({ qkv: false, output: false }), fusedQkv: true, fusedGateUp: true },
    cohere: COHERE,
    cohere2: {
        ...COHERE,
        qkNorm: 'none',
        slidingWindow: {
            windowDefault: 4096,
            slides: (i, reader) => (i + 1) % reader.integer('sliding_window_pattern', { default: 4 }) !== 0,
        },
    },
    starcoder2: {
        ...LLAMA,
        attentionBiasKey: 'use_bias',
        attentionBiasDefault: true,
        mlpBiasKey: 'use_bias',
        mlpBiasDefault: true,
        plainMlp: true,
        names: { up: 'c_fc', down: 'c_proj' },
        norm: 'layernorm',
        tiedDefault: true,
        hiddenActDefault: 'gelu_pytorch_tanh',
        slidingWindow: { windowDefault: null, slides: () => true },
    },
    glm: GLM,
    glm4: { ...GLM, layerNorms: [...PRE_NORMS, 'post_self_attn_layernorm', 'post_mlp_layernorm'] },
    internlm2: {
        ...LLAMA,
        attentionBiasKey: 'bias',
        attentionBiasDefault: true,
        fusedQkv: true,
        names: { qkv: 'wqkv', o: 'wo', gate: 'w1', up: 'w3', down: 'w2' },
        layerNorms: ['attention_norm', 'ffn_norm'],
    },
};
function llamaStyleAttention(reader, dialect, hiddenSize) {
    const numHeads = reader.integer('num_attention_heads');
    const numKeyValueHeads = reader.integer('num_key_value_heads', { default: numHeads });
    const headDim = reader.integer('head_dim', { default: dialect.headDimDefault(hiddenSize, numHeads) });
    if (!Number.isInteger(headDim))
        reader.report('head_dim', 'hidden_size must divide evenly into num_attention_heads');
    if (numHeads % numKeyValueHeads !== 0) {
        reader.report('num_key_value_heads', `must divide num_attention_heads (${numHeads}), got ${numKeyValueHeads}`);
    }
    const shape = { hiddenSize, numHeads, numKeyValueHeads, headDim };
    const bias = dialect.attentionBias(reader.boolean(dialect.attentionBiasKey ?? 'attention_bias', dialect.attentionBiasDefault ?? false));
    const names = dialect.names ?? {};
    const linears = dialect.fusedQkv
        ? fusedAttentionLinears(shape, { qkv: names.qkv ?? 'qkv_proj', output: names.o ?? 'o_proj' }, bias)
        : separateAttentionLinears(shape, bias);
    const norms = [];
    const qkNorm = typeof dialect.qkNorm === 'function' ? dialect.qkNorm(reader) : dialect.qkNorm;
    if (qkNorm === 'per-head') {
        norms.push(norm('q_norm', 'rmsnorm', headDim, {
            elementsPerToken: numHeads * headDim,
            scalesInFp32: dialect.normScalesInFp32,
        }), norm('k_norm', 'rmsnorm', headDim, {
            elementsPerToken: numKeyValueHeads * headDim,
            scalesInFp32: dialect.normScalesInFp32,
        }));
    }
    if (qkNorm === 'all-heads') {
        norms.push(dialectNorm('q_norm', numHeads * headDim, dialect), dialectNorm('k_norm', numKeyValueHeads * headDim, dialect));
    }
    const spec = {
        kind: 'standard',
        numHeads,
        numKeyValueHeads,
        headDim,
        valueHeadDim: headDim,
        latent: null,
        ...(dialect.fusedQkv && { fusedOutputKeptByValue: true }),
    };
    return { spec, linears, norms };
}
function dialectNorm(name, size, dialect) {
    switch (dialect.norm ?? 'rmsnorm') {
        case 'rmsnorm':
            return norm(name, 'rmsnorm', size, { scalesInFp32: dialect.normScalesInFp32 });
        case 'layernorm':
            return norm(name, 'layernorm', size);
        case 'layernorm-fp32':
            return norm(name, 'layernorm', size, { bias: false, fp32Input: true, scalesInFp32: true });
        case 'layernorm-fp32-weightless':
            return norm(name, 'layernorm', 0, { bias: false, fp32Input: true, elementsPerToken: size });
    }
}
function layerNorms(dialect, hiddenSize) {
    return dialect.layerNorms.map((name) => dialectNorm(name, hiddenSize, dialect));
}
function finalNorm(dialect, hiddenSize) {
    return dialectNorm(dialect.finalNormName ?? 'norm', hiddenSize, dialect);
}
function slidingWindowOf(reader, dialect, numLayers) {
    if (dialect.slidingWindow === undefined)
        return {};
    const window = reader.nullableNumber('sliding_window', dialect.slidingWindow.windowDefault);
    if (window === null)
        return {};
    const types = reader.stringList('layer_types');
    const layers = types.length > 0
        ? types.filter((type) => type === 'sliding_attention').length
        : Array.from({ length: numLayers }, (_, i) => i).filter((i) => dialect.slidingWindow.slides(i, reader)).length;
    return layers > 0 ? { slidingWindow: { window, layers } } : {};
}
function llamaStyleMlp(reader, dialect, hiddenSize, intermediateSize) {
    const bias = reader.boolean(dialect.mlpBiasKey ?? 'mlp_bias', dialect.mlpBiasDefault ?? false);
    const names = dialect.names ?? {};
    const activation = activationOf(reader.string(dialect.hiddenActKey, dialect.hiddenActDefault));
    if (dialect.plainMlp === true) {
        return {
            linears: plainMlpLinears(hiddenSize, intermediateSize, bias, [names.up ?? 'up_proj', names.down ?? 'down_proj']),
            mlp: { gated: false, activation, intermediateSize },
        };
    }
    const linears = dialect.fusedGateUp
        ? [
            linear(names.gateUp ?? 'gate_up_proj', hiddenSize, 2 * intermediateSize, bias, 'mlp', 'column'),
            linear(names.down ?? 'down_proj', intermediateSize, hiddenSize, bias, 'mlp', 'row'),
        ]
        : gatedMlpLinears(hiddenSize, intermediateSize, bias, 'mlp', [
            names.gate ?? 'gate_proj',
            names.up ?? 'up_proj',
            names.down ?? 'down_proj',
        ]);
    return { linears, mlp: { gated: true, activation, intermediateSize } };
}
function llamaStyleArchitecture(reader, modelType, dialect) {
    const hiddenSize = reader.integer('hidden_size');
    const numLayers = reader.integer('num_hidden_layers');
    const intermediateSize = reader.integer('intermediate_size');
    const vocabSize = reader.integer('vocab_size', dialect.vocabDefault ? { default: dialect.vocabDefault } : {});
    const attention = llamaStyleAttention(reader, dialect, hiddenSize);
    const mlp = llamaStyleMlp(reader, dialect, hiddenSize, intermediateSize);
    const layers = {
        count: numLayers,
        linears: [...attention.linears, ...mlp.linears],
        norms: [...layerNorms(dialect, hiddenSize), ...attention.norms],
        mlp: mlp.mlp,
        experts: null,
        extraParameters: 0,
    };
    return {
        modelType,
        hiddenSize,
        vocabSize,
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', dialect.tiedDefault),
        embeddingNorm: null,
        attention: attention.spec,
        parallelAttentionMlp: dialect.parallelBlock === true,
        layerGroups: [layers],
        finalNorm: finalNorm(dialect, hiddenSize),
        multiTokenPrediction: null,
        ...slidingWindowOf(reader, dialect, numLayers),
        ...(dialect.finalLogitSoftcappingDefault !== undefined && {
            finalLogitSoftcapping: reader.nullableNumber('final_logit_softcapping', dialect.finalLogitSoftcappingDefault) !== null,
        }),
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/llama4.ts



const DIALECT = { ...DIALECTS.llama, headDimDefault: () => 128 };
function llama4TextArchitecture(reader, modelType) {
    const hiddenSize = reader.integer('hidden_size');
    const numLayers = reader.integer('num_hidden_layers');
    const attention = llamaStyleAttention(reader, DIALECT, hiddenSize);
    const { numHeads, numKeyValueHeads, headDim } = attention.spec;
    const activation = activationOf(reader.string('hidden_act', 'silu'));
    const numExperts = reader.integer('num_local_experts');
    const expertsPerToken = reader.integer('num_experts_per_tok');
    if (expertsPerToken > numExperts)
        reader.report('num_experts_per_tok', `must not exceed num_local_experts (${numExperts})`);
    const expertIntermediate = reader.integer('intermediate_size');
    const step = reader.integer('interleave_moe_layer_step', { default: 1 });
    const listedMoe = reader.integerList('moe_layers');
    const moeLayers = new Set(listedMoe.length > 0
        ? listedMoe
        : Array.from({ length: numLayers }, (_, i) => i).filter((i) => (i + 1) % step === 0));
    const interval = reader.integer('no_rope_layer_interval', { default: 4 });
    const listedRope = reader.integerList('no_rope_layers');
    const rotary = (i) => (listedRope.length > 0 ? listedRope[i] === 1 : (i + 1) % interval !== 0);
    const qkNorm = reader.boolean('use_qk_norm', true);
    const denseIntermediate = moeLayers.size < numLayers ? reader.integer('intermediate_size_mlp') : 0;
    const normsOf = (withQkNorm) => [
        ...layerNorms(DIALECT, hiddenSize),
        ...(withQkNorm
            ? [
                norm('q_norm', 'rmsnorm', 0, { elementsPerToken: numHeads * headDim }),
                norm('k_norm', 'rmsnorm', 0, { elementsPerToken: numKeyValueHeads * headDim }),
            ]
            : []),
    ];
    const groupOf = (kind, count) => {
        const [mlpKind, positions] = kind.split('/');
        const norms = normsOf(qkNorm && positions === 'rope');
        if (mlpKind === 'dense') {
            return {
                count,
                linears: [...attention.linears, ...gatedMlpLinears(hiddenSize, denseIntermediate, false)],
                norms,
                mlp: { gated: true, activation, intermediateSize: denseIntermediate },
                experts: null,
                extraParameters: 0,
            };
        }
        return {
            count,
            linears: [
                ...attention.linears,
                linear('router', hiddenSize, numExperts, false, 'router', 'replicated'),
                ...prefixed('shared_expert', gatedMlpLinears(hiddenSize, expertIntermediate, false, 'shared-expert')),
            ],
            norms,
            mlp: { gated: true, activation, intermediateSize: 0 },
            experts: {
                numExperts,
                expertsPerToken,
                intermediateSize: expertIntermediate,
                linears: [
                    linear('gate_up_proj', hiddenSize, 2 * expertIntermediate, false, 'mlp', 'column'),
                    linear('down_proj', expertIntermediate, hiddenSize, false, 'mlp', 'row'),
                ],
            },
            extraParameters: 0,
        };
    };
    const kinds = Array.from({ length: numLayers }, (_, i) => `${moeLayers.has(i) ? 'moe' : 'dense'}/${rotary(i) ? 'rope' : 'nope'}`);
    const chunk = reader.nullableNumber('attention_chunk_size', 8192);
    const types = reader.stringList('layer_types');
    const chunkedLayers = types.length > 0
        ? types.filter((type) => type === 'chunked_attention').length
        : kinds.filter((kind) => kind.endsWith('/rope')).length;
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
        embeddingNorm: null,
        attention: attention.spec,
        parallelAttentionMlp: false,
        layerGroups: layer_runs_layerRuns(kinds, groupOf),
        finalNorm: finalNorm(DIALECT, hiddenSize),
        multiTokenPrediction: null,
        ...(chunk !== null && chunkedLayers > 0 && { slidingWindow: { window: chunk, layers: chunkedLayers } }),
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/moe.ts



const GPT_OSS_DIALECT = {
    ...DIALECTS.llama,
    attentionBiasDefault: true,
    headDimDefault: () => 64,
    slidingWindow: { windowDefault: 128, slides: (i) => (i + 1) % 2 !== 0 },
};
const STRUCTURES = {
    mixtral: {
        dialect: DIALECTS.mistral,
        numExpertsKey: 'num_local_experts',
        expertIntermediateKey: 'intermediate_size',
        expertNames: ['w1', 'w3', 'w2'],
        sharedExpert: false,
        sparsePattern: false,
    },
    qwen2_moe: {
        dialect: DIALECTS.qwen2,
        numExpertsKey: 'num_experts',
        expertIntermediateKey: 'moe_intermediate_size',
        expertNames: ['gate_proj', 'up_proj', 'down_proj'],
        sharedExpert: true,
        sparsePattern: true,
    },
    qwen3_moe: {
        dialect: DIALECTS.qwen3,
        numExpertsKey: 'num_experts',
        expertIntermediateKey: 'moe_intermediate_size',
        expertNames: ['gate_proj', 'up_proj', 'down_proj'],
        sharedExpert: false,
        sparsePattern: true,
    },
    olmoe: {
        dialect: DIALECTS.olmoe,
        numExpertsKey: 'num_experts',
        expertIntermediateKey: 'intermediate_size',
        expertNames: ['gate_proj', 'up_proj', 'down_proj'],
        sharedExpert: false,
        sparsePattern: false,
    },
    granitemoe: {
        dialect: DIALECTS.granite,
        numExpertsKey: 'num_local_experts',
        expertIntermediateKey: 'intermediate_size',
        expertNames: ['input_linear', 'output_linear'],
        fusedExperts: true,
        routerName: 'router.layer',
        sharedExpert: false,
        sparsePattern: false,
    },
    gpt_oss: {
        dialect: GPT_OSS_DIALECT,
        numExpertsKey: 'num_local_experts',
        expertIntermediateKey: 'intermediate_size',
        expertNames: ['gate_up_proj', 'down_proj'],
        fusedExperts: true,
        expertBias: true,
        routerName: 'router',
        routerBias: true,
        attentionSinks: true,
        sharedExpert: false,
        sparsePattern: false,
        slidingWindow: true,
    },
};
function expertLinears(structure, hiddenSize, intermediate) {
    const bias = structure.expertBias === true;
    const names = structure.expertNames;
    if (structure.fusedExperts === true) {
        return [
            linear(names[0], hiddenSize, 2 * intermediate, bias, 'mlp', 'column'),
            linear(names[1], intermediate, hiddenSize, bias, 'mlp', 'row'),
        ];
    }
    return gatedMlpLinears(hiddenSize, intermediate, bias, 'mlp', [names[0], names[1], names[2]]);
}
const MOE_MODEL_TYPES = Object.keys(STRUCTURES);
function moeArchitecture(reader, modelType) {
    const structure = STRUCTURES[modelType];
    const hiddenSize = reader.integer('hidden_size');
    const numLayers = reader.integer('num_hidden_layers');
    const vocabSize = reader.integer('vocab_size');
    const attention = llamaStyleAttention(reader, structure.dialect, hiddenSize);
    const numExperts = reader.integer(structure.numExpertsKey);
    const expertsPerToken = reader.integer('num_experts_per_tok');
    if (expertsPerToken > numExperts)
        reader.report('num_experts_per_tok', `must not exceed ${structure.numExpertsKey} (${numExperts})`);
    const expertIntermediate = reader.integer(structure.expertIntermediateKey);
    const activation = activationOf(reader.string('hidden_act', 'silu'));
    const norms = [...layerNorms(structure.dialect, hiddenSize), ...attention.norms];
    const sinks = structure.attentionSinks === true ? attention.spec.numHeads : 0;
    const sharedLinears = [];
    if (structure.sharedExpert) {
        const sharedIntermediate = reader.integer('shared_expert_intermediate_size');
        sharedLinears.push(...prefixed('shared_expert', gatedMlpLinears(hiddenSize, sharedIntermediate, false, 'shared-expert')), linear('shared_expert_gate', hiddenSize, 1, false, 'router', 'replicated'));
    }
    const sparse = {
        count: 0,
        linears: [
            ...attention.linears,
            linear(structure.routerName ?? 'gate', hiddenSize, numExperts, structure.routerBias === true, 'router', 'replicated'),
            ...sharedLinears,
        ],
        norms,
        mlp: { gated: true, activation, intermediateSize: 0 },
        experts: {
            numExperts,
            expertsPerToken,
            intermediateSize: expertIntermediate,
            linears: expertLinears(structure, hiddenSize, expertIntermediate),
        },
        extraParameters: sinks,
    };
    let kinds = Array.from({ length: numLayers }, () => 'sparse');
    if (structure.sparsePattern) {
        const mlpOnly = new Set(reader.integerList('mlp_only_layers'));
        const step = reader.integer('decoder_sparse_step', { default: 1 });
        kinds = kinds.map((_, index) => (!mlpOnly.has(index) && (index + 1) % step === 0 ? 'sparse' : 'dense'));
    }
    const denseIntermediate = kinds.includes('dense') ? reader.integer('intermediate_size') : 0;
    const dense = {
        count: 0,
        linears: [...attention.linears, ...gatedMlpLinears(hiddenSize, denseIntermediate, false)],
        norms,
        mlp: { gated: true, activation, intermediateSize: denseIntermediate },
        experts: null,
        extraParameters: sinks,
    };
    return {
        modelType,
        hiddenSize,
        vocabSize,
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', structure.dialect.tiedDefault),
        embeddingNorm: null,
        attention: attention.spec,
        parallelAttentionMlp: false,
        layerGroups: layer_runs_layerRuns(kinds, (kind, count) => ({ ...(kind === 'sparse' ? sparse : dense), count })),
        finalNorm: finalNorm(structure.dialect, hiddenSize),
        multiTokenPrediction: null,
        ...(structure.slidingWindow === true && slidingWindowOf(reader, structure.dialect, numLayers)),
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/mpt.ts

function mptArchitecture(reader, modelType) {
    const hiddenSize = reader.integerAlias(['d_model', 'hidden_size']);
    const numHeads = reader.integerAlias(['n_heads', 'num_attention_heads']);
    const inner = reader.integer('expansion_ratio', { default: 4 }) * hiddenSize;
    const headDim = hiddenSize / numHeads;
    if (!Number.isInteger(headDim))
        reader.report('n_heads', `must divide d_model (${hiddenSize})`);
    const layerNorm = (name) => norm(name, 'layernorm', hiddenSize, { bias: false });
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
        embeddingNorm: null,
        attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
        parallelAttentionMlp: false,
        layerGroups: [
            {
                count: reader.integerAlias(['n_layers', 'num_hidden_layers']),
                linears: [
                    linear('Wqkv', hiddenSize, 3 * hiddenSize, false, 'attention', 'column'),
                    linear('out_proj', hiddenSize, hiddenSize, false, 'attention', 'row'),
                    ...plainMlpLinears(hiddenSize, inner, false, ['up_proj', 'down_proj']),
                ],
                norms: [layerNorm('norm_1'), layerNorm('norm_2')],
                mlp: { gated: false, activation: 'gelu', intermediateSize: inner },
                experts: null,
                extraParameters: 0,
            },
        ],
        finalNorm: layerNorm('norm_f'),
        multiTokenPrediction: null,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/phi.ts

function phiArchitecture(reader, modelType) {
    const hiddenSize = reader.integer('hidden_size');
    const numHeads = reader.integer('num_attention_heads');
    const numKeyValueHeads = reader.integer('num_key_value_heads', { default: numHeads });
    const intermediate = reader.integer('intermediate_size');
    const headDim = hiddenSize / numHeads;
    if (!Number.isInteger(headDim))
        reader.report('num_attention_heads', `must divide hidden_size (${hiddenSize})`);
    if (numHeads % numKeyValueHeads !== 0) {
        reader.report('num_key_value_heads', `must divide num_attention_heads (${numHeads}), got ${numKeyValueHeads}`);
    }
    const norms = [norm('input_layernorm', 'layernorm', hiddenSize)];
    if (reader.boolean('qk_layernorm', false)) {
        norms.push(norm('q_norm', 'layernorm', headDim, { elementsPerToken: numHeads * headDim }), norm('k_norm', 'layernorm', headDim, { elementsPerToken: numKeyValueHeads * headDim }));
    }
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
        embeddingNorm: null,
        attention: { kind: 'standard', numHeads, numKeyValueHeads, headDim, valueHeadDim: headDim, latent: null },
        parallelAttentionMlp: true,
        layerGroups: [
            {
                count: reader.integer('num_hidden_layers'),
                linears: [
                    linear('q_proj', hiddenSize, numHeads * headDim, true, 'attention', 'column'),
                    linear('k_proj', hiddenSize, numKeyValueHeads * headDim, true, 'attention', 'column'),
                    linear('v_proj', hiddenSize, numKeyValueHeads * headDim, true, 'attention', 'column'),
                    linear('dense', numHeads * headDim, hiddenSize, true, 'attention', 'row'),
                    ...plainMlpLinears(hiddenSize, intermediate, true, ['fc1', 'fc2']),
                ],
                norms,
                mlp: {
                    gated: false,
                    activation: activationOf(reader.string('hidden_act', 'gelu_new')),
                    intermediateSize: intermediate,
                },
                experts: null,
                extraParameters: 0,
            },
        ],
        finalNorm: norm('final_layernorm', 'layernorm', hiddenSize),
        multiTokenPrediction: null,
        lmHeadBias: true,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/families/qwen1.ts

function qwen1Architecture(reader, modelType) {
    const hiddenSize = reader.integer('hidden_size');
    const numHeads = reader.integer('num_attention_heads');
    const headDim = reader.integer('kv_channels', { default: hiddenSize / numHeads });
    const bothBranches = reader.integer('intermediate_size');
    if (bothBranches % 2 !== 0)
        reader.report('intermediate_size', 'must be even: it covers both gated branches');
    const branch = bothBranches / 2;
    const outputBias = !reader.boolean('no_bias', true);
    return {
        modelType,
        hiddenSize,
        vocabSize: reader.integer('vocab_size'),
        positionEmbeddings: 0,
        tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
        embeddingNorm: null,
        attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
        parallelAttentionMlp: false,
        layerGroups: [
            {
                count: reader.integer('num_hidden_layers'),
                linears: [
                    linear('c_attn', hiddenSize, 3 * numHeads * headDim, true, 'attention', 'column'),
                    linear('c_proj', numHeads * headDim, hiddenSize, outputBias, 'attention', 'row'),
                    linear('w1', hiddenSize, branch, outputBias, 'mlp', 'column'),
                    linear('w2', hiddenSize, branch, outputBias, 'mlp', 'column'),
                    linear('mlp.c_proj', branch, hiddenSize, outputBias, 'mlp', 'row'),
                ],
                norms: [norm('ln_1', 'rmsnorm', hiddenSize), norm('ln_2', 'rmsnorm', hiddenSize)],
                mlp: { gated: true, activation: 'silu', intermediateSize: branch },
                experts: null,
                extraParameters: 0,
            },
        ],
        finalNorm: norm('ln_f', 'rmsnorm', hiddenSize),
        multiTokenPrediction: null,
    };
}

;// CONCATENATED MODULE: ./src/core/architecture/model-type-hints.ts
const CLASS_FAMILIES = {
    Llama: 'llama',
    Mistral: 'mistral',
    Mixtral: 'mixtral',
    Qwen2: 'qwen2',
    Qwen3: 'qwen3',
    Qwen2Moe: 'qwen2_moe',
    Qwen3Moe: 'qwen3_moe',
    QWen: 'qwen',
    Gemma: 'gemma',
    Gemma2: 'gemma2',
    Gemma3: 'gemma3_text',
    Phi: 'phi',
    Phi3: 'phi3',
    GPT2: 'gpt2',
    GPTNeoX: 'gpt_neox',
    GPTBigCode: 'gpt_bigcode',
    Starcoder2: 'starcoder2',
    Falcon: 'falcon',
    Bloom: 'bloom',
    Cohere: 'cohere',
    Cohere2: 'cohere2',
    Granite: 'granite',
    GraniteMoe: 'granitemoe',
    Glm: 'glm',
    Glm4: 'glm4',
    Olmo: 'olmo',
    Olmo2: 'olmo2',
    Olmoe: 'olmoe',
    GptOss: 'gpt_oss',
    Mpt: 'mpt',
    InternLM2: 'internlm2',
    DeepseekV2: 'deepseek_v2',
    DeepseekV3: 'deepseek_v3',
    Llama4: 'llama4_text',
};
const RENAMED = {
    Yi: 'llama',
};
function familyHint(config, supported) {
    const modelType = config['model_type'];
    if (typeof modelType === 'string' && RENAMED[modelType] !== undefined) {
        return { family: RENAMED[modelType], reason: `${modelType} models are built as ${RENAMED[modelType]}` };
    }
    const classes = Array.isArray(config['architectures']) ? config['architectures'] : [];
    for (const name of classes) {
        if (typeof name !== 'string')
            continue;
        const prefix = /^(.*?)(ForCausalLM|LMHeadModel|ForConditionalGeneration)$/.exec(name)?.[1];
        const family = prefix === undefined ? undefined : CLASS_FAMILIES[prefix];
        if (family !== undefined && supported.includes(family)) {
            return { family, reason: `its architectures field names ${name}` };
        }
    }
    return null;
}

;// CONCATENATED MODULE: ./src/core/architecture/hf-config.ts















const FAMILIES = {
    ...Object.fromEntries(Object.entries(DIALECTS).map(([modelType, dialect]) => [
        modelType,
        (reader, type) => llamaStyleArchitecture(reader, type, dialect),
    ])),
    ...Object.fromEntries(MOE_MODEL_TYPES.map((modelType) => [modelType, moeArchitecture])),
    ...Object.fromEntries(DEEPSEEK_MODEL_TYPES.map((modelType) => [modelType, deepseekArchitecture])),
    llama4_text: llama4TextArchitecture,
    qwen: qwen1Architecture,
    phi: phiArchitecture,
    gpt2: gpt2Architecture,
    gpt_bigcode: gptBigCodeArchitecture,
    gpt_neox: gptNeoxArchitecture,
    falcon: falconArchitecture,
    RefinedWebModel: falconArchitecture,
    RefinedWeb: falconArchitecture,
    bloom: bloomArchitecture,
    mpt: mptArchitecture,
};
const MULTIMODAL = {
    gemma3: 'gemma3_text',
    llama4: 'llama4_text',
    qwen2_vl: 'qwen2',
    qwen2_5_vl: 'qwen2',
    qwen3_vl: 'qwen3',
    qwen3_vl_moe: 'qwen3_moe',
    llava: 'llama',
    llava_next: 'llama',
    llava_onevision: 'qwen2',
    mistral3: 'mistral',
    paligemma: 'gemma',
    idefics3: 'llama',
    smolvlm: 'llama',
    aya_vision: 'cohere2',
    internvl: 'qwen2',
};
const TEXT_MODEL_TYPES = {
    qwen2_vl_text: 'qwen2',
    qwen2_5_vl_text: 'qwen2',
    qwen3_vl_text: 'qwen3',
    qwen3_vl_moe_text: 'qwen3_moe',
};
const SUPPORTED_MODEL_TYPES = [...Object.keys(FAMILIES), ...Object.keys(MULTIMODAL)].sort();
const CONTEXT_LENGTH_KEYS = ['max_position_embeddings', 'n_positions', 'max_seq_len', 'seq_length'];
function maxPositionEmbeddings(config) {
    const text = config['text_config'];
    const source = typeof text === 'object' && text !== null ? text : config;
    for (const key of CONTEXT_LENGTH_KEYS) {
        const value = source[key] ?? config[key];
        if (typeof value === 'number' && Number.isInteger(value) && value > 0)
            return value;
    }
    return null;
}
function languageModel(reader, wrapper) {
    const nested = reader.has('text_config');
    const textReader = nested ? reader.nested('text_config') : reader;
    const declared = nested ? textReader.string('model_type', '') : '';
    const family = TEXT_MODEL_TYPES[declared] ?? (declared === '' ? MULTIMODAL[wrapper] : declared);
    const familyReader = FAMILIES[family];
    if (familyReader === undefined) {
        textReader.report('model_type', `"${declared}" is not a supported language model; supported: ${Object.keys(FAMILIES).sort().join(', ')}`);
        reader.throwIfInvalid();
    }
    return { ...familyReader(textReader, family), languageModelOf: wrapper };
}
function architectureFromHfConfig(config, options = {}) {
    const reader = new config_reader_ConfigReader(config);
    const declared = reader.string('model_type', '');
    const family = options.family ?? declared;
    const familyReader = FAMILIES[family];
    if (familyReader === undefined && MULTIMODAL[family] === undefined) {
        const what = options.family !== undefined
            ? `family "${options.family}"`
            : declared === ''
                ? 'no model_type'
                : `model_type "${declared}"`;
        const hint = options.family === undefined ? familyHint(config, Object.keys(FAMILIES)) : null;
        throw new ArchitectureConfigError([
            {
                key: options.family !== undefined ? 'family' : 'model_type',
                message: hint !== null
                    ? `${what} is not supported, but ${hint.reason}: name \`family: ${hint.family}\` to read it as ${hint.family}`
                    : `${what} is not supported; supported: ${SUPPORTED_MODEL_TYPES.join(', ')} (a plan can name the family its model follows)`,
            },
        ]);
    }
    const architecture = familyReader === undefined ? languageModel(reader, family) : familyReader(reader, family);
    reader.throwIfInvalid();
    const positions = maxPositionEmbeddings(config);
    return positions === null ? architecture : { ...architecture, maxPositionEmbeddings: positions };
}

;// CONCATENATED MODULE: ./src/plan/hub-config-source.ts
const NAME = /^[A-Za-z0-9_.-]{1,96}$/;
function isHubRepoId(id) {
    const parts = id.split('/');
    return (parts.length === 2 &&
        parts.every((part) => NAME.test(part) && !part.includes('--') && !part.includes('..') && !/^[-.]/.test(part) && !/[-.]$/.test(part)));
}

;// CONCATENATED MODULE: ./src/plan/resolve-model.ts







function splitConfigKey(key) {
    return key === '' ? [] : key.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
function nodeAt(node, keyPath) {
    let current = node;
    for (const segment of keyPath) {
        if (current === undefined)
            return undefined;
        if (current.kind === 'map' && typeof segment === 'string')
            current = current.entries.get(segment);
        else if (current.kind === 'list' && typeof segment === 'number')
            current = current.items[segment];
        else
            return undefined;
    }
    return current;
}
function reportForbiddenKeys(node, check) {
    let found = false;
    if (node.kind === 'map') {
        for (const [key, value] of node.entries) {
            if (FORBIDDEN_KEYS.has(key)) {
                check.report('unknown_key', value.origin, `"${key}" is not allowed as a key`, { at: 'key' });
                found = true;
            }
            else
                found = reportForbiddenKeys(value, check) || found;
        }
    }
    else if (node.kind === 'list') {
        for (const item of node.items)
            found = reportForbiddenKeys(item, check) || found;
    }
    return found;
}
function buildArchitecture(config, family, place) {
    try {
        return architectureFromHfConfig(config, family === null ? {} : { family });
    }
    catch (error) {
        if (!(error instanceof ArchitectureConfigError))
            throw error;
        for (const issue of error.issues) {
            const keyed = issue.key === '' ? issue.message : `${issue.key}: ${issue.message}`;
            place(splitConfigKey(issue.key), issue.message, keyed);
        }
        return null;
    }
}
const MODEL_SHAPE = 'a catalogue id, { config: path }, { base: id, … } or inline config.json fields';
const HUB_ISSUE_CODES = {
    not_found: 'hub_not_found',
    gated: 'hub_gated',
    offline: 'hub_unavailable',
    unavailable: 'hub_unavailable',
};
const HUB_EXPECTED = {
    not_found: 'a catalogue id (list them with `train-memory models`), a Hub repository id (org/name) that exists, { config: path } or inline fields',
    gated: "HF_TOKEN set to a token of a Hugging Face account that has accepted the model's licence on its Hub page (in the action: `env: HF_TOKEN: ${{ secrets.HF_TOKEN }}` on the step), or { config: path } with the config.json committed beside the plan",
    offline: 'the config.json in the local cache (`hf download ORG/NAME config.json`), HF_HUB_OFFLINE unset, or a catalogue id',
    unavailable: 'a reachable Hub (HF_ENDPOINT), or { config: path } with the config.json committed beside the plan',
};
function hasForbiddenKey(value) {
    if (Array.isArray(value))
        return value.some(hasForbiddenKey);
    if (typeof value !== 'object' || value === null)
        return false;
    return Object.entries(value).some(([key, item]) => FORBIDDEN_KEYS.has(key) || hasForbiddenKey(item));
}
async function lookupModelId(id, node, check, context) {
    const entry = context.catalog.findModel(id);
    if (entry !== null) {
        return { name: entry.id, config: entry.config, label: `catalogue model ${entry.id}`, fromHub: false, notes: [] };
    }
    if (context.hub === undefined || !isHubRepoId(id)) {
        check.report('unknown_catalog_id', node.origin, `unknown model "${id}"`, {
            hint: didYouMean(id, context.catalog.modelNames()),
            expected: `a catalogue id (list them with \`train-memory models\`)${context.hub === undefined ? '' : ', a Hugging Face Hub repository id (org/name)'}, { config: path/to/config.json } or inline fields`,
        });
        return null;
    }
    const result = await context.hub.readConfig(id);
    if (!result.ok) {
        const nearby = nearestFew(id, context.catalog.listModels().map((model) => model.id), 3);
        check.report(HUB_ISSUE_CODES[result.failure], node.origin, result.failure === 'not_found' ? `${result.message}, and "${id}" is not in the catalogue` : result.message, {
            hint: result.failure === 'not_found' && nearby.length > 0
                ? `nearest catalogue ids: ${nearby.join(', ')}`
                : undefined,
            expected: HUB_EXPECTED[result.failure],
        });
        return null;
    }
    const label = `config.json of ${id}`;
    const parsed = parseYamlDocument(`${id}/config.json`, result.text);
    const value = parsed.document?.value;
    if (parsed.document === null || typeof value !== 'object' || value === null || Array.isArray(value)) {
        const problem = parsed.issues[0];
        check.report('invalid_model_config', node.origin, `${label} (${result.source}) is not a JSON object${problem === undefined ? '' : `: line ${problem.line}: ${problem.message}`}`);
        return null;
    }
    if (hasForbiddenKey(value)) {
        check.report('invalid_model_config', node.origin, `${label} uses a key that is not allowed (__proto__, constructor or prototype)`);
        return null;
    }
    return {
        name: id,
        config: value,
        label,
        fromHub: true,
        notes: [`model: ${id} is not in the catalogue; its config.json was read from ${result.source}`],
    };
}
function modelNotes(name, architecture, notes = []) {
    if (architecture.languageModelOf === undefined)
        return notes;
    return [
        ...notes,
        `model: ${name} is multimodal (${architecture.languageModelOf}); the estimate covers its language model (${architecture.modelType}) only, not the vision or audio encoder and projector`,
    ];
}
function resolved(name, architecture, notes = []) {
    return architecture === null ? null : { architecture, name, notes: modelNotes(name, architecture, notes) };
}
async function resolveModel(node, check, context) {
    if (node === undefined)
        return null;
    if (node.kind === 'scalar' && typeof node.value === 'string') {
        const named = await lookupModelId(node.value, node, check, context);
        if (named === null)
            return null;
        const architecture = buildArchitecture(named.config, null, (keyPath, _message, keyed) => check.report('invalid_model_config', node.origin, `${named.label}: ${keyed}`, {
            expected: named.fromHub && keyPath.join('.') === 'model_type'
                ? `model: { base: ${named.name}, family: <a supported model_type> }`
                : undefined,
        }));
        return resolved(named.name, architecture, named.notes);
    }
    if (node.kind !== 'map') {
        check.invalidType(node, MODEL_SHAPE);
        return null;
    }
    if (reportForbiddenKeys(node, check))
        return null;
    const familyNode = node.entries.get('family');
    const family = familyNode === undefined ? null : check.string(familyNode);
    if (familyNode !== undefined && family === null)
        return null;
    if (node.entries.has('config'))
        return resolveConfigFile(node, family, check, context);
    if (node.entries.has('base'))
        return resolveBase(node, family, check, context);
    const fields = new Map(node.entries);
    fields.delete('family');
    const inline = { kind: 'map', entries: fields, origin: node.origin };
    const config = toPlainValue(inline);
    const architecture = buildArchitecture(config, family, (keyPath, message, keyed) => {
        const written = nodeAt(inline, keyPath);
        if (written)
            check.report('invalid_model_config', written.origin, message);
        else
            check.report('invalid_model_config', node.origin, keyed, { at: 'key' });
    });
    return resolved('inline', architecture);
}
async function resolveConfigFile(node, family, check, context) {
    check.map(node, ['config', 'family'], MODEL_SHAPE);
    const configNode = node.entries.get('config');
    const relative = check.string(configNode, 1000);
    if (relative === null || configNode === undefined)
        return null;
    if (external_node_path_namespaceObject.isAbsolute(relative)) {
        check.report('path_outside_workspace', configNode.origin, `"${relative}" is absolute`, {
            expected: 'a path relative to the plan file, inside the workspace',
        });
        return null;
    }
    const file = external_node_path_namespaceObject.normalize(external_node_path_namespaceObject.join(external_node_path_namespaceObject.dirname(context.planFile), relative));
    if (file === '..' || file.startsWith(`..${external_node_path_namespaceObject.sep}`)) {
        check.report('path_outside_workspace', configNode.origin, `"${relative}" leads outside the workspace`, {
            expected: 'a path relative to the plan file, inside the workspace',
        });
        return null;
    }
    const { document, issues } = await context.loadDocument(file);
    if (document === null) {
        for (const issue of issues) {
            if (issue.code === 'file_not_found') {
                check.report(issue.code, configNode.origin, `no such file: ${file} (relative to the plan file)`);
            }
            else if (issue.code === 'path_outside_workspace') {
                check.report(issue.code, configNode.origin, issue.message);
            }
            else
                check.issues.push(issue);
        }
        return null;
    }
    const result = architectureFromConfigDocument(document, family);
    check.issues.push(...result.issues);
    return resolved(file.split(external_node_path_namespaceObject.sep).join('/'), result.architecture);
}
function architectureFromConfigDocument(document, family) {
    const configCheck = new PlanChecker(document);
    const root = toPlanNode(document.value, []);
    if (root.kind !== 'map') {
        configCheck.invalidType(root, 'a JSON object (a Hugging Face config.json)');
        return { architecture: null, issues: configCheck.issues };
    }
    if (reportForbiddenKeys(root, configCheck))
        return { architecture: null, issues: configCheck.issues };
    const architecture = buildArchitecture(toPlainValue(root), family, (keyPath, message, keyed) => {
        const written = nodeAt(root, keyPath);
        if (written)
            configCheck.report('invalid_model_config', written.origin, message);
        else
            configCheck.report('invalid_model_config', [], keyed);
    });
    return { architecture, issues: configCheck.issues };
}
async function resolveBase(node, family, check, context) {
    const baseNode = node.entries.get('base');
    const id = check.string(baseNode, 300);
    if (id === null || baseNode === undefined)
        return null;
    const named = await lookupModelId(id, baseNode, check, context);
    if (named === null)
        return null;
    const overrides = new Map(node.entries);
    overrides.delete('base');
    overrides.delete('family');
    const overrideNode = { kind: 'map', entries: overrides, origin: node.origin };
    const merged = mergeNodes(toPlanNode(named.config, []), overrideNode);
    const architecture = buildArchitecture(toPlainValue(merged), family, (keyPath, message, keyed) => {
        const written = nodeAt(overrideNode, keyPath);
        if (written)
            check.report('invalid_model_config', written.origin, message);
        else
            check.report('invalid_model_config', baseNode.origin, `${named.label} with its overrides: ${keyed}`);
    });
    return resolved(named.name, architecture, named.notes);
}

;// CONCATENATED MODULE: ./src/plan/plain-defaults.ts
const PLAIN_DEFAULT_KEYS = new Set([
    'parallelism.tensor',
    'parallelism.pipeline',
    'parallelism.virtual_pipeline',
    'parallelism.context',
    'parallelism.expert',
    'parallelism.sequence_parallel',
    'parallelism.zero',
    'parallelism.offload.optimizer',
    'parallelism.offload.parameters',
    'training.optimizer_in_backward',
    'training.activation_offloading',
    'training.lora.dropout',
    'hardware.gpus_per_node',
    'hardware.host_memory_per_node',
]);

;// CONCATENATED MODULE: ./src/plan/resolve-plan-reader.ts

function createPlanReader(plan, check) {
    const assumptions = [];
    const plainDefaults = [];
    const assume = (key, value, why = 'default') => {
        (PLAIN_DEFAULT_KEYS.has(key) ? plainDefaults : assumptions).push(`${key}: ${String(value)} (${why})`);
    };
    const field = (section, key, dotted, read, fallback, why = 'default') => {
        const node = section?.entries.get(key);
        if (node === undefined) {
            if (fallback !== null)
                assume(dotted, fallback, why);
            return fallback;
        }
        return read(node);
    };
    const reader = {
        check,
        assume,
        note: (line) => {
            assumptions.push(line);
        },
        field,
        integerField: (section, key, dotted, range, fallback) => field(section, key, dotted, (node) => check.integer(node, range), fallback),
        where: (section, key) => section?.entries.get(key)?.origin ?? section?.origin ?? plan.origin,
    };
    return { reader, assumptions, plainDefaults };
}
function allPresent(values) {
    return Object.values(values).some((value) => value === null) ? null : values;
}

;// CONCATENATED MODULE: ./src/plan/resolve-parallelism.ts






function checkParallelismRules(parallelism, offloadAt, check) {
    const { settings, firstStageLayers, lastStageLayers, at, sharding } = parallelism;
    const problems = parallelismProblems({
        tensor: settings.tensor,
        pipeline: settings.pipeline,
        virtualPipeline: settings.virtualPipeline,
        sequenceParallel: settings.sequenceParallel,
        zero: settings.zero,
        offloadOptimizer: settings.offloadOptimizer,
        offloadParameters: settings.offloadParameters,
        firstStageLayers,
        lastStageLayers,
        sharding: sharding?.engine ?? null,
    });
    const offload = 'parallelism.offload.';
    const section = 'parallelism.';
    reportRuleProblems(problems, (key) => (key.startsWith(offload) ? offloadAt(key.slice(offload.length)) : at(key.slice(section.length))), check);
}
function resolveParallelism(node, framework, reader) {
    const { check, field, integerField, where } = reader;
    const parallel = check.map(node, PARALLELISM_KEYS, 'a mapping of parallelism settings');
    const degree = (key) => integerField(parallel, key, `parallelism.${key}`, RANGES.parallelDegree, 1);
    const tensor = degree('tensor');
    const pipeline = degree('pipeline');
    const virtualPipeline = integerField(parallel, 'virtual_pipeline', 'parallelism.virtual_pipeline', RANGES.virtualPipeline, 1);
    const context = degree('context');
    const expert = degree('expert');
    const sequenceParallel = field(parallel, 'sequence_parallel', 'parallelism.sequence_parallel', (n) => check.boolean(n), false);
    const zero = field(parallel, 'zero', 'parallelism.zero', (n) => check.oneOf(n, [0, 1, 2, 3]), 0);
    const offload = check.map(parallel?.entries.get('offload'), OFFLOAD_KEYS, 'a mapping { optimizer, parameters }');
    const offloadOptimizer = field(offload, 'optimizer', 'parallelism.offload.optimizer', (n) => check.oneOf(n, OFFLOAD_TARGETS), 'none');
    const offloadParameters = field(offload, 'parameters', 'parallelism.offload.parameters', (n) => check.oneOf(n, OFFLOAD_TARGETS), 'none');
    const stageLayers = (key) => {
        const stageNode = parallel?.entries.get(key);
        return stageNode === undefined ? null : check.integer(stageNode, RANGES.stageLayers);
    };
    const shardingNode = parallel?.entries.get('sharding');
    const engine = shardingNode === undefined
        ? framework === null
            ? null
            : DEFAULT_SHARDING[framework]
        : check.oneOf(shardingNode, SHARDING_ENGINES);
    const sharding = shardingNode !== undefined && engine === null ? null : { engine, written: shardingNode !== undefined };
    const firstStageLayers = stageLayers('first_stage_layers');
    const lastStageLayers = stageLayers('last_stage_layers');
    const scheduleNode = parallel?.entries.get('pipeline_schedule');
    const pipelineSchedule = scheduleNode === undefined ? null : check.oneOf(scheduleNode, PIPELINE_SCHEDULES);
    const overlapMap = check.map(parallel?.entries.get('overlap'), OVERLAP_KEYS, 'a mapping { data, tensor, expert }');
    const overlapFlag = (key) => check.boolean(overlapMap?.entries.get(key));
    const overlap = { data: overlapFlag('data'), tensor: overlapFlag('tensor'), expert: overlapFlag('expert') };
    const parallelism = {
        settings: {
            tensor,
            pipeline,
            virtualPipeline,
            context,
            expert,
            sequenceParallel,
            zero,
            offloadOptimizer,
            offloadParameters,
        },
        firstStageLayers,
        lastStageLayers,
        sharding,
        pipelineSchedule,
        overlap,
        assumed: node === undefined,
        at: (key) => where(parallel, key),
    };
    checkParallelismRules(parallelism, (key) => where(offload, key), check);
    return parallelism;
}
function finishParallelism(parallelism) {
    const settings = allPresent(parallelism.settings);
    if (settings === null || parallelism.sharding === null)
        return null;
    return {
        tensor: settings.tensor,
        pipeline: settings.pipeline,
        virtualPipeline: settings.virtualPipeline,
        context: settings.context,
        expert: settings.expert,
        sequenceParallel: settings.sequenceParallel,
        zero: settings.zero,
        sharding: parallelism.sharding.engine,
        offload: { optimizer: settings.offloadOptimizer, parameters: settings.offloadParameters },
        firstStageLayers: parallelism.firstStageLayers,
        lastStageLayers: parallelism.lastStageLayers,
        pipelineSchedule: parallelism.pipelineSchedule,
        overlap: parallelism.overlap,
        assumed: parallelism.assumed,
    };
}

;// CONCATENATED MODULE: ./src/plan/resolve-training.ts







function resolveRunLength(training, { check, note }) {
    const tokensNode = training?.entries.get('tokens');
    const stepsNode = training?.entries.get('steps');
    if (tokensNode !== undefined && stepsNode !== undefined) {
        check.report('invalid_value', stepsNode.origin, 'give training.tokens or training.steps, not both', {
            at: 'key',
            expected: 'one of tokens (e.g. 15T) or steps',
        });
        return { tokens: null, steps: null };
    }
    if (tokensNode !== undefined) {
        const parsed = check.parsed(tokensNode, parseCount, RANGES.tokens);
        return { tokens: parsed === null ? null : Math.round(parsed), steps: null };
    }
    if (stepsNode !== undefined)
        return { tokens: null, steps: check.integer(stepsNode, RANGES.steps) };
    note('training.tokens: not given (no compute estimate; give tokens or steps)');
    return { tokens: null, steps: null };
}
function resolveTraining(node, reader) {
    const { check, field, integerField, where } = reader;
    const training = check.map(node, TRAINING_KEYS, 'a mapping of training settings');
    const method = field(training, 'method', 'training.method', (n) => check.oneOf(n, TRAINING_METHODS), 'full');
    const precision = field(training, 'precision', 'training.precision', (n) => check.oneOf(n, PRECISIONS), 'bf16-mixed');
    const optimizer = field(training, 'optimizer', 'training.optimizer', (n) => check.oneOf(n, plan_OPTIMIZERS), 'adamw');
    const microBatchSize = integerField(training, 'micro_batch_size', 'training.micro_batch_size', RANGES.microBatchSize, 1);
    const sequenceLength = integerField(training, 'sequence_length', 'training.sequence_length', RANGES.sequenceLength, 4096);
    const gradientAccumulationSteps = integerField(training, 'gradient_accumulation_steps', 'training.gradient_accumulation_steps', RANGES.gradientAccumulationSteps, 1);
    const activationCheckpointing = field(training, 'activation_checkpointing', 'training.activation_checkpointing', (n) => check.oneOf(n, ACTIVATION_CHECKPOINTING), 'none');
    const attention = field(training, 'attention', 'training.attention', (n) => check.oneOf(n, ATTENTION_KERNELS), precision === 'fp32' ? 'sdpa' : 'flash', precision === 'fp32' ? 'default: flash kernels do not run fp32' : 'default');
    if (attention === 'flash' && precision === 'fp32' && training?.entries.has('attention')) {
        check.report('unsupported_combination', where(training, 'attention'), 'flash attention does not run in fp32', {
            expected: 'attention: sdpa or eager with precision fp32, or a 16-bit precision',
        });
    }
    const expertsNode = training?.entries.get('experts_implementation');
    const expertsImplementation = expertsNode === undefined ? DEFAULT_EXPERTS_IMPLEMENTATION : check.oneOf(expertsNode, EXPERTS_IMPLEMENTATIONS);
    const crossEntropy = field(training, 'cross_entropy', 'training.cross_entropy', (n) => check.oneOf(n, CROSS_ENTROPY), 'standard');
    const flag = (key) => field(training, key, `training.${key}`, (n) => check.boolean(n), false);
    const compile = flag('compile');
    const optimizerInBackward = flag('optimizer_in_backward');
    const activationOffloading = flag('activation_offloading');
    const { tokens, steps } = resolveRunLength(training, reader);
    const lora = resolveLora(training?.entries.get('lora'), method, precision, reader);
    const freeze = resolveFreeze(training?.entries.get('freeze'), method, precision, reader);
    return {
        settings: {
            method,
            precision,
            optimizer,
            microBatchSize,
            sequenceLength,
            gradientAccumulationSteps,
            activationCheckpointing,
            attention,
            expertsImplementation,
            crossEntropy,
            compile,
            optimizerInBackward,
            activationOffloading,
        },
        lora,
        freeze,
        tokens,
        steps,
        at: (key) => where(training, key),
        has: (key) => training?.entries.has(key) ?? false,
    };
}
function finishTraining(training, targetModules, freezeLayers = null) {
    const settings = allPresent(training.settings);
    if (settings === null)
        return null;
    const freeze = finishFreeze(training.freeze, freezeLayers);
    if (settings.method === 'freeze' && freeze === null)
        return null;
    return {
        method: settings.method,
        lora: finishLora(training.lora, targetModules),
        ...(freeze === null ? {} : { freeze }),
        precision: settings.precision,
        optimizer: settings.optimizer,
        microBatchSize: settings.microBatchSize,
        sequenceLength: settings.sequenceLength,
        gradientAccumulationSteps: settings.gradientAccumulationSteps,
        activationCheckpointing: settings.activationCheckpointing,
        attention: settings.attention,
        expertsImplementation: settings.expertsImplementation,
        crossEntropy: settings.crossEntropy,
        compile: settings.compile,
        optimizerInBackward: settings.optimizerInBackward,
        activationOffloading: settings.activationOffloading,
        tokens: training.tokens,
        steps: training.steps,
    };
}

;// CONCATENATED MODULE: ./src/plan/resolve-plan.ts

















async function resolvePlanModel(plan, name, check, context) {
    const modelNode = plan.entries.get('model');
    if (modelNode === undefined) {
        check.report('missing_key', plan.origin, `plan "${name}" has no model`, {
            expected: 'model: a catalogue id (e.g. meta-llama/Llama-3.1-8B), { config: path } or inline fields',
        });
    }
    return resolveModel(modelNode, check, context);
}
function checkAgainstModel(model, framework, training, parallelism, hardware, reader) {
    const { tensor, pipeline, virtualPipeline, context, expert } = parallelism.settings;
    const { firstStageLayers, lastStageLayers } = parallelism;
    checkLayout(model.architecture, model.name, {
        ...{ tensor, pipeline, virtualPipeline, context, expert, firstStageLayers, lastStageLayers },
        gpus: hardware.gpus,
        stageSplit: stageSplitRule(framework),
    }, (key) => (key.startsWith('hardware.') ? hardware.at(key.slice(9)) : parallelism.at(key.slice(12))), reader.check);
    return training.lora === null ? null : resolveLoraTargetModules(training.lora, model.architecture, reader);
}
function checkGlobalBatch(training, parallelism, hardware, check) {
    const { microBatchSize, gradientAccumulationSteps } = training.settings;
    const { tensor, pipeline, context } = parallelism.settings;
    if (microBatchSize === null || gradientAccumulationSteps === null || hardware.gpus === null)
        return;
    if (tensor === null || pipeline === null || context === null)
        return;
    const dataParallel = Math.max(1, Math.floor(hardware.gpus / (tensor * pipeline * context)));
    const sequences = microBatchSize * gradientAccumulationSteps * dataParallel;
    if (sequences <= RANGES.globalBatch.max)
        return;
    check.report('invalid_value', training.at('gradient_accumulation_steps'), `the global batch is ${showNumber(sequences)} sequences (micro_batch_size ${microBatchSize} × gradient_accumulation_steps ${gradientAccumulationSteps} × ${dataParallel} data-parallel GPUs)`, {
        expected: `at most ${showNumber(RANGES.globalBatch.max)} sequences per optimizer step (the largest published: 65_536)`,
    });
}
async function resolvePlan(plan, name, check, context, leadingAssumptions = []) {
    const issuesBefore = check.issues.length;
    const { reader, assumptions, plainDefaults } = createPlanReader(plan, check);
    assumptions.push(...leadingAssumptions);
    check.map(plan, PLAN_KEYS, 'a plan mapping');
    const model = await resolvePlanModel(plan, name, check, context);
    for (const line of model?.notes ?? [])
        reader.note(line);
    const framework = resolveFramework(plan, reader);
    const training = resolveTraining(plan.entries.get('training'), reader);
    const parallelism = resolveParallelism(plan.entries.get('parallelism'), framework, reader);
    if (framework !== null && parallelism.sharding !== null) {
        checkFrameworkSupport(framework, {
            precision: training.settings.precision,
            precisionAt: training.at('precision'),
            zero: parallelism.settings.zero,
            zeroAt: parallelism.at('zero'),
            pipeline: parallelism.settings.pipeline,
            sharding: parallelism.sharding.engine,
            shardingAt: parallelism.at('sharding'),
            shardingWritten: parallelism.sharding.written,
        }, check);
    }
    const hardware = resolveHardware(plan.entries.get('hardware'), name, parallelism.settings, context.catalog, reader);
    const budget = resolveBudget(plan.entries.get('budget'), check, hardware.hostMemoryPerNode !== null);
    const checkpoint = resolveCheckpoint(plan.entries.get('checkpoint'), check);
    checkGlobalBatch(training, parallelism, hardware, check);
    const targetModules = model === null || framework === null
        ? null
        : checkAgainstModel(model, framework, training, parallelism, hardware, reader);
    const freezeLayers = model === null || training.freeze === null
        ? null
        : resolveFreezeLayers(training.freeze, model.architecture, model.name, reader);
    if (training.has('experts_implementation') && model !== null && framework !== null) {
        const moe = routedExperts(model.architecture) > 0;
        if (!readsExpertsImplementation(framework, model.architecture)) {
            check.report('unsupported_combination', training.at('experts_implementation'), `training.experts_implementation chooses how transformers runs routed experts; ${moe ? `framework ${framework} does not read it` : `${model.name} has no routed experts`}`, { expected: 'no experts_implementation, or framework: hf-trainer with a mixture-of-experts model' });
        }
    }
    if (check.issues.length > issuesBefore)
        return null;
    if (model === null || framework === null)
        return null;
    const trainingSettings = finishTraining(training, targetModules, freezeLayers);
    const parallelismSettings = finishParallelism(parallelism);
    const hardwareSettings = finishHardware(hardware);
    if (trainingSettings === null || parallelismSettings === null || hardwareSettings === null)
        return null;
    return {
        name,
        modelName: model.name,
        architecture: model.architecture,
        framework,
        training: trainingSettings,
        parallelism: parallelismSettings,
        hardware: hardwareSettings,
        budget,
        checkpoint,
        assumptions,
        plainDefaults,
    };
}

;// CONCATENATED MODULE: ./src/plan/toml-document.ts


class TomlSyntaxError extends Error {
    offset;
    code;
    constructor(message, offset, code = 'yaml_syntax') {
        super(message);
        this.offset = offset;
        this.code = code;
    }
}
const BARE_KEY = /[A-Za-z0-9_-]/;
function isTable(value) {
    return value !== undefined && typeof value === 'object' && !Array.isArray(value);
}
class TomlParser {
    text;
    offset = 0;
    root = Object.create(null);
    offsets = new Map();
    headers = new Set();
    sealed = new Set();
    constructor(text) {
        this.text = text;
    }
    parse() {
        let table = [];
        for (;;) {
            this.skipBlank();
            if (this.offset >= this.text.length)
                return;
            if (this.text[this.offset] === '[') {
                table = this.header();
            }
            else {
                this.keyValue(table);
            }
            this.endOfLine();
        }
    }
    fail(message, offset = this.offset) {
        throw new TomlSyntaxError(message, offset);
    }
    skipBlank() {
        while (this.offset < this.text.length) {
            const char = this.text[this.offset];
            if (char === ' ' || char === '\t' || char === '\n' || char === '\r')
                this.offset++;
            else if (char === '#')
                this.skipComment();
            else
                return;
        }
    }
    skipSpaces() {
        while (this.text[this.offset] === ' ' || this.text[this.offset] === '\t')
            this.offset++;
    }
    skipComment() {
        while (this.offset < this.text.length && this.text[this.offset] !== '\n')
            this.offset++;
    }
    endOfLine() {
        this.skipSpaces();
        if (this.text[this.offset] === '#')
            this.skipComment();
        if (this.offset < this.text.length && this.text[this.offset] !== '\n' && this.text[this.offset] !== '\r') {
            this.fail('expected the end of the line');
        }
    }
    header() {
        const start = this.offset;
        if (this.text.startsWith('[[', this.offset)) {
            this.fail('arrays of tables ([[…]]) are not read; torchtitan configs do not use them');
        }
        this.offset++;
        this.skipSpaces();
        const path = this.dottedKey();
        this.skipSpaces();
        if (this.text[this.offset] !== ']')
            this.fail('expected ] to close the table header');
        this.offset++;
        const id = pathKey(path);
        if (this.headers.has(id))
            throw new TomlSyntaxError(`table [${path.join('.')}] is defined twice`, start, 'duplicate');
        this.headers.add(id);
        this.tableAt(path, start);
        if (!this.offsets.has(id))
            this.offsets.set(id, { key: start, value: start });
        return path;
    }
    tableAt(path, offset) {
        let table = this.root;
        for (let i = 0; i < path.length; i++) {
            const key = path[i];
            const prefix = path.slice(0, i + 1);
            const existing = table[key];
            if (existing === undefined) {
                if (prefix.length > MAX_DEPTH)
                    this.fail(`nesting deeper than ${MAX_DEPTH} levels`, offset);
                const created = Object.create(null);
                table[key] = created;
                if (!this.offsets.has(pathKey(prefix)))
                    this.offsets.set(pathKey(prefix), { key: offset, value: offset });
                table = created;
            }
            else if (isTable(existing) && !this.sealed.has(pathKey(prefix))) {
                table = existing;
            }
            else {
                throw new TomlSyntaxError(`${prefix.join('.')} is already a value`, offset, 'duplicate');
            }
        }
        return table;
    }
    keyValue(table) {
        const keyStart = this.offset;
        const keys = this.dottedKey();
        this.skipSpaces();
        if (this.text[this.offset] !== '=')
            this.fail('expected = after the key');
        this.offset++;
        this.skipSpaces();
        const path = [...table, ...keys];
        const parent = this.tableAt(path.slice(0, -1), keyStart);
        const name = path[path.length - 1];
        if (name in parent)
            throw new TomlSyntaxError(`key ${keys.join('.')} is defined twice`, keyStart, 'duplicate');
        const valueStart = this.offset;
        parent[name] = this.value(path, 1);
        this.offsets.set(pathKey(path), { key: keyStart, value: valueStart });
    }
    dottedKey() {
        const keys = [this.simpleKey()];
        for (;;) {
            this.skipSpaces();
            if (this.text[this.offset] !== '.')
                return keys;
            this.offset++;
            this.skipSpaces();
            keys.push(this.simpleKey());
        }
    }
    simpleKey() {
        const start = this.offset;
        const char = this.text[this.offset];
        let key;
        if (char === '"')
            key = this.basicString();
        else if (char === "'")
            key = this.literalString();
        else {
            while (this.offset < this.text.length && BARE_KEY.test(this.text[this.offset]))
                this.offset++;
            key = this.text.slice(start, this.offset);
            if (key === '')
                this.fail('expected a key');
        }
        if (FORBIDDEN_KEYS.has(key))
            throw new TomlSyntaxError(`"${key}" is not allowed as a key`, start, 'unknown_key');
        return key;
    }
    value(path, depth) {
        if (depth > MAX_DEPTH)
            this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
        const char = this.text[this.offset];
        if (char === '"') {
            if (this.text.startsWith('"""', this.offset))
                this.fail('multi-line strings are not read');
            return this.basicString();
        }
        if (char === "'") {
            if (this.text.startsWith("'''", this.offset))
                this.fail('multi-line strings are not read');
            return this.literalString();
        }
        if (char === '[')
            return this.array(path, depth);
        if (char === '{')
            return this.inlineTable(path, depth);
        const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.offset));
        if (match === null)
            this.fail('expected a value');
        const word = match[0];
        const start = this.offset;
        this.offset += word.length;
        if (word === 'true')
            return true;
        if (word === 'false')
            return false;
        if (word === 'inf' || word === '+inf')
            return Infinity;
        if (word === '-inf')
            return -Infinity;
        if (word === 'nan' || word === '+nan' || word === '-nan')
            return NaN;
        if (/^[+-]?(0|[1-9](_?[0-9])*)(\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?$/.test(word)) {
            return Number(word.replace(/_/g, ''));
        }
        if (/^0[xob]/.test(word))
            return this.fail('hexadecimal, octal and binary integers are not read', start);
        return this.fail(`"${word}" is not a TOML value (strings need quotes)`, start);
    }
    basicString() {
        const start = this.offset;
        this.offset++;
        let out = '';
        for (;;) {
            const char = this.text[this.offset];
            if (char === undefined || char === '\n')
                this.fail('unterminated string', start);
            this.offset++;
            if (char === '"')
                return out;
            if (char !== '\\') {
                out += char;
                continue;
            }
            const escape = this.text[this.offset++];
            const simple = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
            if (escape !== undefined && escape in simple)
                out += simple[escape];
            else if (escape === 'u' || escape === 'U') {
                const length = escape === 'u' ? 4 : 8;
                const hex = this.text.slice(this.offset, this.offset + length);
                if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length)
                    this.fail('invalid unicode escape');
                out += String.fromCodePoint(parseInt(hex, 16));
                this.offset += length;
            }
            else
                this.fail(`invalid escape \\${escape ?? ''}`, this.offset - 2);
        }
    }
    literalString() {
        const start = this.offset;
        const end = this.text.indexOf("'", start + 1);
        const newline = this.text.indexOf('\n', start + 1);
        if (end === -1 || (newline !== -1 && newline < end))
            this.fail('unterminated string', start);
        this.offset = end + 1;
        return this.text.slice(start + 1, end);
    }
    array(path, depth) {
        this.offset++;
        const items = [];
        for (;;) {
            this.skipBlank();
            if (this.text[this.offset] === ']') {
                this.offset++;
                return items;
            }
            const itemPath = [...path, items.length];
            this.offsets.set(pathKey(itemPath), { key: this.offset, value: this.offset });
            items.push(this.value(itemPath, depth + 1));
            this.skipBlank();
            if (this.text[this.offset] === ',')
                this.offset++;
            else if (this.text[this.offset] !== ']')
                this.fail('expected , or ] in the array');
        }
    }
    inlineTable(path, depth) {
        this.offset++;
        const table = Object.create(null);
        this.skipSpaces();
        if (this.text[this.offset] === '}') {
            this.offset++;
            return table;
        }
        for (;;) {
            this.skipSpaces();
            const keyStart = this.offset;
            const keys = this.dottedKey();
            if (keys.length > 1)
                this.fail('dotted keys inside inline tables are not read', keyStart);
            const key = keys[0];
            this.skipSpaces();
            if (this.text[this.offset] !== '=')
                this.fail('expected = after the key');
            this.offset++;
            this.skipSpaces();
            if (key in table)
                throw new TomlSyntaxError(`key ${key} is defined twice`, keyStart, 'duplicate');
            const valueStart = this.offset;
            table[key] = this.value([...path, key], depth + 1);
            this.offsets.set(pathKey([...path, key]), { key: keyStart, value: valueStart });
            this.skipSpaces();
            if (this.text[this.offset] === ',') {
                this.offset++;
                continue;
            }
            if (this.text[this.offset] === '}') {
                this.offset++;
                this.sealed.add(pathKey(path));
                return table;
            }
            this.fail('expected , or } in the inline table');
        }
    }
}
function parseTomlDocument(file, source) {
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const starts = lineStarts(text);
    const parser = new TomlParser(text);
    try {
        parser.parse();
    }
    catch (error) {
        if (!(error instanceof TomlSyntaxError))
            throw error;
        const position = positionAt(text, starts, Math.min(error.offset, text.length));
        const message = error.code === 'yaml_syntax' ? `invalid TOML: ${error.message}` : error.message;
        return { document: null, issues: [{ code: error.code, path: [], message, file, ...position }] };
    }
    const locate = (path, at = 'value') => {
        for (let length = path.length; length >= 0; length--) {
            const found = parser.offsets.get(pathKey(path.slice(0, length)));
            if (found)
                return positionAt(text, starts, at === 'key' && length === path.length ? found.key : found.value);
        }
        return positionAt(text, starts, 0);
    };
    return { document: { file, value: parser.root, locate }, issues: [] };
}

;// CONCATENATED MODULE: ./src/plan/load-plans.ts













const PLAN_FILE_VERSION = 1;
function fileIssue(file, code, message) {
    return { code, path: [], message, file, line: 1, column: 1 };
}
function createDocumentSource(reader) {
    const cache = new Map();
    return (file) => {
        let pending = cache.get(file);
        if (pending === undefined) {
            pending = (async () => {
                let text;
                try {
                    text = await reader.readText(file);
                }
                catch (error) {
                    if (error instanceof FileReadError)
                        return { document: null, issues: [fileIssue(file, error.code, error.message)] };
                    throw error;
                }
                if (text === null)
                    return {
                        document: null,
                        issues: [fileIssue(file, 'file_not_found', 'no such file (paths are relative to the working directory)')],
                    };
                return file.toLowerCase().endsWith('.toml') ? parseTomlDocument(file, text) : parseYamlDocument(file, text);
            })();
            cache.set(file, pending);
        }
        return pending;
    };
}
function globalBatchWarning(imported, plan, check) {
    const stated = imported.globalBatch;
    if (stated === null)
        return null;
    const { microBatchSize, gradientAccumulationSteps } = plan.training;
    const dataParallel = dataParallelSize(plan);
    const global = microBatchSize * gradientAccumulationSteps * dataParallel;
    if (global === stated.sequences)
        return null;
    const { document, keyPath } = check.locate(originInFile(stated.file, stated.key));
    const position = document.locate(keyPath, 'key');
    return {
        file: stated.file,
        line: position.line,
        column: position.column,
        message: `global batch ${stated.sequences} is not micro batch ${microBatchSize} × accumulation ${gradientAccumulationSteps} × ` +
            `${dataParallel} data-parallel GPUs = ${global}; the estimate uses the plan's batch shape`,
    };
}
function sequenceLengthWarning(node, plan, check) {
    const context = plan.architecture.maxPositionEmbeddings;
    const { sequenceLength } = plan.training;
    if (context === undefined || sequenceLength <= context)
        return null;
    const training = node.entries.get('training');
    const written = training?.kind === 'map' ? training.entries.get('sequence_length') : undefined;
    const { document, keyPath } = check.locate((written ?? node).origin);
    const position = document.locate(keyPath, 'value');
    return {
        file: document.file,
        line: position.line,
        column: position.column,
        message: `sequence_length ${sequenceLength} is beyond the model's max_position_embeddings ${context}: it trains ` +
            'positions the checkpoint has not seen, which makes it a different model unless its RoPE is scaled to that ' +
            'length (rope_scaling in its config)',
    };
}
function planWarnings(node, plan, check, found = []) {
    const length = sequenceLengthWarning(node, plan, check);
    return length === null ? [...found] : [...found, length];
}
async function loadPlanEntry(context, merged, name, position, placeholder, recognised = null) {
    const { check, file, plans } = context;
    const read = new Set([file]);
    const loadDocument = (source) => {
        read.add(source);
        return context.model.loadDocument(source);
    };
    const model = { ...context.model, loadDocument };
    const imports = { ...context.imports, loadDocument };
    const fromNode = merged.entries.get('from');
    if (fromNode === undefined) {
        const resolved = await resolvePlan(merged, name ?? placeholder, check, model);
        if (resolved !== null && name !== null)
            plans.push({
                file,
                ...position,
                plan: resolved,
                warnings: planWarnings(merged, resolved, check),
                sources: [...read],
            });
        return name === null ? [] : [name];
    }
    const sets = await expandFrom(fromNode, file, imports);
    if (sets === null)
        return [];
    const own = new Map(merged.entries);
    own.delete('from');
    const ownNode = { kind: 'map', entries: own, origin: merged.origin };
    const names = [];
    for (const set of sets) {
        const stem = set.stem ?? stemOfConfigs(set.configs);
        const planName = set.stem === null ? (name ?? stem) : name === null ? set.stem : `${name}/${set.stem}`;
        context.timeBudget.check(() => `while loading plan "${planName}" of ${file}`);
        names.push(planName);
        const imported = await importConfigs(set.configs, ownNode, imports, recognised);
        if (imported === null)
            continue;
        const combined = mergeNodes(imported.node, ownNode);
        const resolved = await resolvePlan(combined, planName, check, model, imported.assumptions);
        if (resolved === null)
            continue;
        const batch = globalBatchWarning(imported, resolved, check);
        const warnings = planWarnings(combined, resolved, check, batch === null ? imported.warnings : [...imported.warnings, batch]);
        plans.push({ file, ...position, plan: resolved, warnings, sources: [...read] });
    }
    return names;
}
function stemOfConfigs(configs) {
    const first = configs[0]?.file ?? 'plan';
    return (first.split('/').pop() ?? first).replace(/\.[^.]+$/, '');
}
async function loadPlanFile(context, root) {
    const { check } = context;
    const version = root.entries.get('version');
    if (version === undefined) {
        check.report('missing_key', [], 'the file has no `version`', { expected: 'version: 1 as the first line' });
    }
    else if (version.kind !== 'scalar' || version.value !== PLAN_FILE_VERSION) {
        check.report('invalid_value', version.origin, 'unsupported plan file version', {
            expected: `version: ${PLAN_FILE_VERSION}`,
        });
    }
    const defaults = check.map(root.entries.get('defaults'), DEFAULTS_KEYS, 'a mapping of plan fields');
    const plansNode = root.entries.get('plans');
    if (plansNode === undefined) {
        check.report('missing_key', [], 'the file has no `plans`', {
            expected: 'plans: a list of plans, each with a name',
        });
        return;
    }
    if (plansNode.kind !== 'list' || plansNode.items.length === 0) {
        check.report('invalid_value', plansNode.origin, 'plans must be a non-empty list', {
            expected: 'plans:\n  - name: my-plan\n    model: …',
        });
        return;
    }
    const names = new Map();
    for (const [index, item] of plansNode.items.entries()) {
        if (item.kind !== 'map') {
            check.invalidType(item, 'a plan mapping (name, model, training, …)');
            continue;
        }
        const merged = (defaults === null ? item : mergeNodes(defaults, item));
        const nameNode = item.entries.get('name');
        if (nameNode === undefined && !merged.entries.has('from')) {
            check.report('missing_key', item.origin, `plan ${index + 1} has no name`, {
                expected: 'name: a unique name (optional with from:, which names the plan after its config)',
            });
        }
        const name = nameNode === undefined ? null : check.string(nameNode, 100);
        context.timeBudget.check(() => `while loading plan ${index + 1} of ${plansNode.items.length} in ${context.file}`);
        const position = context.document.locate(item.origin);
        const planNames = await loadPlanEntry(context, merged, name, position, `#${index + 1}`);
        for (const planName of planNames) {
            const first = names.get(planName);
            if (first !== undefined) {
                check.report('duplicate', nameNode?.origin ?? item.origin, `plan name "${planName}" is already used by plan ${first + 1}`, {
                    expected: 'a name no other plan in the file has',
                });
            }
            else
                names.set(planName, index);
        }
    }
}
async function loadForeignConfig(context, hardware) {
    const recognised = recogniseFormat(context.document.value);
    if (recognised === null)
        return false;
    const { check, file } = context;
    if (hardware === null) {
        const title = formatInfo(recognised.format).title;
        check.report('unrecognised_config', [], `${title[0].toUpperCase()}${title.slice(1)}, not a plan file`, {
            expected: `a plan that reads it (from: { ${recognised.format}: ${file} }), or \`train-memory estimate ${file} --gpu ID [--gpus N]\``,
        });
        return true;
    }
    const origin = originInFile(file, []);
    const entries = new Map([
        ['from', toPlanNode({ [recognised.format]: file.split('/').pop() ?? file }, origin)],
        [
            'hardware',
            toPlanNode(hardware.gpus === null ? { gpu: hardware.gpu } : { gpu: hardware.gpu, gpus: hardware.gpus }, origin),
        ],
    ]);
    check.addDocument(context.document);
    await loadPlanEntry(context, { kind: 'map', entries, origin }, null, { line: 1, column: 1 }, file, recognised);
    return true;
}
async function loadPlans(reader, planFiles, catalog, options = {}) {
    const loadDocument = createDocumentSource(reader);
    const plans = [];
    const issues = [];
    const timeBudget = options.timeBudget ?? UNLIMITED;
    for (const [index, file] of planFiles.entries()) {
        timeBudget.check(() => `while reading plan file ${index + 1} of ${planFiles.length} (${file})`);
        const { document, issues: readIssues } = await loadDocument(file);
        issues.push(...readIssues);
        if (document === null)
            continue;
        const check = new PlanChecker(document);
        const context = {
            file,
            document,
            check,
            model: { catalog, planFile: file, loadDocument, ...(options.hub === undefined ? {} : { hub: options.hub }) },
            imports: { reader, loadDocument, check },
            plans,
            timeBudget,
        };
        const rootNode = toPlanNode(document.value, []);
        const isPlanFile = rootNode.kind === 'map' && (rootNode.entries.has('version') || rootNode.entries.has('plans'));
        if (rootNode.kind === 'map' && !isPlanFile && (await loadForeignConfig(context, options.hardware ?? null))) {
            issues.push(...check.issues);
            continue;
        }
        const root = check.map(rootNode, FILE_KEYS, 'a mapping with `version: 1` and `plans:`');
        if (root !== null)
            await loadPlanFile(context, root);
        issues.push(...check.issues);
    }
    return { plans, issues: sortIssues(issues) };
}

;// CONCATENATED MODULE: ./src/core/budget.ts

const gib = (bytes) => `${(bytes / BYTES_PER_GIB).toFixed(1)} GiB`;
const whole = (value) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const NO_COMPUTE = 'the plan gives neither training.tokens nor training.steps';
function hostChecks(budget, host) {
    const checks = [];
    const actual = host.perNode;
    const capacity = host.capacityBytes;
    const needs = `needs ${gib(actual)} of host memory per node (${host.peakPhase})`;
    if (capacity !== null) {
        checks.push({
            metric: 'host-memory',
            limit: capacity,
            actual,
            pass: actual <= capacity,
            message: `${needs}; the node has ${gib(capacity)}`,
        });
    }
    const limit = budget.maxHostMemoryPerNode ?? null;
    if (limit !== null && (limit.kind === 'bytes' || capacity !== null)) {
        const bytes = limit.kind === 'fraction' ? limit.value * capacity : limit.value;
        checks.push({
            metric: 'host-memory',
            limit: Math.floor(bytes),
            actual,
            pass: actual <= bytes,
            message: `${needs}; budget ${gib(bytes)}`,
        });
    }
    return checks;
}
function checkBudget(budget, gpus, memory, compute, host = null) {
    const checks = [];
    const device = memory.perGpu.device;
    checks.push({
        metric: 'memory',
        limit: memory.capacityBytes,
        actual: device,
        pass: device <= memory.capacityBytes,
        message: `needs ${gib(device)} per GPU; the GPU has ${gib(memory.capacityBytes)} usable`,
    });
    if (budget.maxMemoryPerGpu !== null) {
        const limit = budget.maxMemoryPerGpu.kind === 'fraction'
            ? budget.maxMemoryPerGpu.value * memory.capacityBytes
            : budget.maxMemoryPerGpu.value;
        checks.push({
            metric: 'memory',
            limit: Math.floor(limit),
            actual: device,
            pass: device <= limit,
            message: `needs ${gib(device)} per GPU; budget ${gib(limit)}`,
        });
    }
    if (host !== null)
        checks.push(...hostChecks(budget, host));
    if (budget.maxGpus !== null) {
        checks.push({
            metric: 'gpus',
            limit: budget.maxGpus,
            actual: gpus,
            pass: gpus <= budget.maxGpus,
            message: `uses ${gpus} GPUs; budget ${budget.maxGpus}`,
        });
    }
    const computed = (metric, limit, actual, describe, missing = NO_COMPUTE) => {
        if (limit === null)
            return;
        if (actual === null) {
            checks.push({
                metric,
                limit,
                actual: 0,
                pass: false,
                message: `budget ${describe(limit)} cannot be checked: ${missing}`,
            });
            return;
        }
        checks.push({
            metric,
            limit,
            actual,
            pass: actual <= limit,
            message: `needs ${describe(actual)}; budget ${describe(limit)}`,
        });
    };
    computed('gpu-hours', budget.maxGpuHours, compute?.gpuHours ?? null, (v) => `${whole(v)} GPU-hours`);
    computed('cost', budget.maxCost, compute === null ? null : compute.costUsd, (v) => `$${whole(v)}`, compute === null ? NO_COMPUTE : 'the plan gives no hardware.price_per_gpu_hour');
    computed('wall-clock', budget.maxWallClock, compute === null ? null : compute.wallClockHours * SECONDS_PER_HOUR, (v) => `${(v / SECONDS_PER_HOUR).toFixed(1)} h`);
    const violations = checks.filter((check) => !check.pass);
    return { pass: violations.length === 0, violations, checks };
}

;// CONCATENATED MODULE: ./src/core/compute/flop-count.ts
const FLOPS_PER_MULTIPLY_ACCUMULATE = 2;
const ATTENTION_FULL_MATRIX_SHARE = 1;
const ATTENTION_CAUSAL_SHARE = 0.5;
function linearMacs(linear) {
    return linear.inFeatures * linear.outFeatures;
}
function flop_count_sum(values) {
    return values.reduce((total, value) => total + value, 0);
}
function attentionCoreMacs(arch, sequenceLength, share) {
    const { numHeads, headDim, valueHeadDim } = arch.attention;
    return share * sequenceLength * numHeads * (headDim + valueHeadDim);
}
function layerMacs(group, attentionCore) {
    const experts = group.experts ? group.experts.expertsPerToken * flop_count_sum(group.experts.linears.map(linearMacs)) : 0;
    return {
        dense: flop_count_sum(group.linears.map(linearMacs)),
        experts,
        routers: flop_count_sum(group.linears.filter((l) => l.part === 'router').map(linearMacs)),
        attentionCore,
    };
}
function forwardFlopsPerToken(arch, sequenceLength, attentionShare = ATTENTION_FULL_MATRIX_SHARE) {
    const core = attentionCoreMacs(arch, sequenceLength, attentionShare);
    let dense = 0;
    let experts = 0;
    let routers = 0;
    let attentionCore = 0;
    for (const group of arch.layerGroups) {
        const macs = layerMacs(group, core);
        dense += group.count * macs.dense;
        experts += group.count * macs.experts;
        routers += group.count * macs.routers;
        attentionCore += group.count * macs.attentionCore;
    }
    const lmHead = arch.hiddenSize * arch.vocabSize;
    const f = FLOPS_PER_MULTIPLY_ACCUMULATE;
    let mtp = { total: 0, attentionCore: 0, lmHead: 0, routers: 0 };
    if (arch.multiTokenPrediction) {
        const module = arch.multiTokenPrediction;
        const macs = layerMacs(module.layer, core);
        const n = module.modules;
        const perModule = linearMacs(module.projection) + macs.dense + macs.experts + macs.attentionCore + lmHead;
        mtp = {
            total: f * n * perModule,
            attentionCore: f * n * core,
            lmHead: f * n * lmHead,
            routers: f * n * macs.routers,
        };
    }
    const result = {
        denseLinears: f * dense,
        activeExperts: f * experts,
        routers: f * routers,
        attentionCore: f * attentionCore,
        lmHead: f * lmHead,
        multiTokenPrediction: mtp,
    };
    return {
        ...result,
        total: result.denseLinears + result.activeExperts + result.attentionCore + result.lmHead + mtp.total,
    };
}
function adapterForwardFlopsPerToken(arch, adapters) {
    const targets = new Set(adapters.targetModules);
    const macs = (linear) => targets.has(linear.name) ? adapters.rank * (linear.inFeatures + linear.outFeatures) : 0;
    const group = (g) => flop_count_sum(g.linears.map(macs)) + (g.experts ? g.experts.expertsPerToken * flop_count_sum(g.experts.linears.map(macs)) : 0);
    let total = flop_count_sum(arch.layerGroups.map((g) => g.count * group(g)));
    if (arch.multiTokenPrediction)
        total += arch.multiTokenPrediction.modules * group(arch.multiTokenPrediction.layer);
    if (targets.has('lm_head'))
        total += adapters.rank * (arch.hiddenSize + arch.vocabSize);
    return FLOPS_PER_MULTIPLY_ACCUMULATE * total;
}

;// CONCATENATED MODULE: ./src/core/compute/attention-kernels.ts

const FLASH_BACKWARD_TO_FORWARD = 2.5;
const EAGER_BACKWARD_TO_FORWARD = 2;
const AMPERE_FLASH2_EFFICIENCY = 3.5 / (1 / 0.73 + 2.5 / 0.63);
const HOPPER_FLASH2_EFFICIENCY = 335 / 989;
const AMPERE_FLASH1_EFFICIENCY = 0.4;
const HOPPER_FLASH1_EFFICIENCY = (AMPERE_FLASH1_EFFICIENCY * HOPPER_FLASH2_EFFICIENCY) / AMPERE_FLASH2_EFFICIENCY;
const HOPPER_FLASH3_EFFICIENCY = (1.5 * 335) / 989;
const rate = (efficiency, source) => ({ efficiency, source, borrowedFrom: null });
const RATES = {
    flash1: {
        ampere: rate(AMPERE_FLASH1_EFFICIENCY, 'FlashAttention 1 on A100: up to 40% of peak (Dao 2023)'),
        hopper: rate(HOPPER_FLASH1_EFFICIENCY, "FlashAttention 1 on H100: its A100 share × FlashAttention-2's H100/A100 ratio"),
    },
    flash2: {
        ampere: rate(AMPERE_FLASH2_EFFICIENCY, 'FlashAttention-2 on A100: forward 73%, backward 63% of peak (Dao 2023 §4.1)'),
        hopper: rate(HOPPER_FLASH2_EFFICIENCY, 'FlashAttention-2 on H100 SXM5: 335 of 989 TFLOP/s forward + backward (Dao 2023 §4.1)'),
    },
    flash3: {
        ampere: rate(AMPERE_FLASH2_EFFICIENCY, 'FlashAttention-3 needs Hopper: FlashAttention-2 on A100 (Dao 2023 §4.1)'),
        hopper: rate(HOPPER_FLASH3_EFFICIENCY, 'FlashAttention-3 on H100: 1.5 × FlashAttention-2 (Shah et al. 2024)'),
    },
};
function flashKernelRate(gpu, kernel = 'flash') {
    const rates = RATES[kernel === 'flash1' ? 'flash1' : kernel === 'flash3' ? 'flash3' : 'flash2'];
    const arch = gpu.architecture;
    if (arch.kind === 'cuda' && arch.major === 8 && arch.minor === 0)
        return rates.ampere;
    if (arch.kind === 'cuda' && arch.major === 9)
        return rates.hopper;
    if (arch.kind === 'cuda' && arch.major < 9) {
        return { ...rates.ampere, source: `borrowed from the A100: ${rates.ampere.source}`, borrowedFrom: 'A100' };
    }
    return { ...rates.hopper, source: `borrowed from the H100: ${rates.hopper.source}`, borrowedFrom: 'H100 SXM' };
}
function attentionWork(fullForward, kernel, checkpointing) {
    const fused = kernel !== 'eager';
    const forward = fused ? ATTENTION_CAUSAL_SHARE * fullForward : fullForward;
    const backward = forward * (fused ? FLASH_BACKWARD_TO_FORWARD : EAGER_BACKWARD_TO_FORWARD);
    const recompute = checkpointing === 'none' ? 0 : forward;
    return { executedFlops: forward + backward + recompute, forwardFlops: forward, fused };
}

;// CONCATENATED MODULE: ./src/core/compute/communication-settings.ts
function pipelineSchedule(plan) {
    const given = plan.parallelism.pipelineSchedule ?? null;
    if (given !== null)
        return given;
    return plan.parallelism.virtualPipeline > 1 ? 'interleaved-1f1b' : '1f1b';
}
function communicationOverlap(plan) {
    const given = plan.parallelism.overlap;
    const { zero, sharding, tensor, expert, pipeline } = plan.parallelism;
    const assumptions = [];
    const dataParallel = plan.hardware.gpus / (tensor * pipeline * plan.parallelism.context);
    let data = given?.data ?? null;
    if (data === null) {
        if (sharding === 'megatron')
            data = false;
        else if (sharding === 'deepspeed')
            data = zero === 3;
        else
            data = true;
        if (dataParallel > 1) {
            assumptions.push(data
                ? 'Data-parallel communication is overlapped with computation (DDP buckets, FSDP/ZeRO-3 prefetch), the framework default; set parallelism.overlap.data: false if yours waits.'
                : `Data-parallel gradient reduction is not overlapped: ${sharding === 'megatron' ? "Megatron-LM's --overlap-grad-reduce" : "DeepSpeed's overlap_comm for ZeRO-1/2"} is off by default; set parallelism.overlap.data: true if your run turns it on.`);
        }
    }
    let tensorOverlap = given?.tensor ?? null;
    if (tensorOverlap === null) {
        tensorOverlap = false;
        if (tensor > 1) {
            assumptions.push('Tensor-parallel collectives are not overlapped (Megatron --tp-comm-overlap and torchtitan async TP are opt-in); set parallelism.overlap.tensor: true if yours are.');
        }
    }
    let expertOverlap = given?.expert ?? null;
    if (expertOverlap === null) {
        expertOverlap = pipelineSchedule(plan) === 'dualpipe';
        if (expert > 1) {
            assumptions.push(expertOverlap
                ? 'Expert-parallel all-to-all is overlapped with computation by the DualPipe schedule, at the cost of the SMs it occupies.'
                : 'Expert-parallel all-to-all is not overlapped (Megatron overlaps it only on request); set parallelism.overlap.expert: true if yours is.');
        }
    }
    return { data, tensor: tensorOverlap, expert: expertOverlap, assumptions };
}

;// CONCATENATED MODULE: ./src/core/compute/interconnect.ts
const REFERENCE_NETWORK_HOPPER = {
    id: 'dgx-h100',
    name: 'DGX H100 reference (400 Gb/s per GPU)',
    bandwidthPerGpu: 400e9 / 8,
};
const REFERENCE_NETWORK_EARLIER = {
    id: 'dgx-a100',
    name: 'DGX A100 reference (200 Gb/s per GPU)',
    bandwidthPerGpu: 200e9 / 8,
};
const PCIE_GEN4_X16 = 32e9;
const PCIE_GEN5_X16 = 64e9;
function hopperOrLater(gpu) {
    return gpu.architecture.kind === 'cuda' && gpu.architecture.major >= 9;
}
function clusterNetwork(plan) {
    const named = plan.hardware.network ?? null;
    if (named !== null)
        return { network: named, assumed: false };
    const gpu = plan.hardware.gpu;
    return { network: hopperOrLater(gpu) ? REFERENCE_NETWORK_HOPPER : REFERENCE_NETWORK_EARLIER, assumed: true };
}
function intraNodeBandwidth(gpu) {
    if (gpu.intraNodeBandwidth !== null)
        return gpu.intraNodeBandwidth / 2;
    return hopperOrLater(gpu) ? PCIE_GEN5_X16 : PCIE_GEN4_X16;
}
function ringBandwidth(plan, size, perNode) {
    const intra = intraNodeBandwidth(plan.hardware.gpu);
    const crossesNodes = size > perNode;
    if (!crossesNodes)
        return { bandwidth: intra, crossesNodes, over: 'within a node' };
    const nics = Math.max(1, perNode);
    const network = clusterNetwork(plan).network.bandwidthPerGpu;
    const bandwidth = Math.min(intra, nics * network);
    return {
        bandwidth,
        crossesNodes,
        over: `across nodes (${nics} NIC${nics === 1 ? '' : 's'} of ${(network / 1e9).toFixed(1)} GB/s per node in the ring)`,
    };
}

;// CONCATENATED MODULE: ./src/core/compute/matmul-efficiency.ts
const BF16_MAMF = {
    'a100-sxm-80gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS' },
    'a100-sxm-40gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS (same chip as 80GB)' },
    'a100-pcie-80gb': { efficiency: 256.4 / 312, source: 'MAMF A100 PCIe 256.4 of 312 TFLOPS' },
    'a100-pcie-40gb': { efficiency: 256.4 / 312, source: 'MAMF A100 PCIe 256.4 of 312 TFLOPS' },
    'a800-sxm-80gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS (A800: same chip)' },
    'h100-sxm-80gb': { efficiency: 792.1 / 989, source: 'MAMF H100 SXM 792.1 of 989 TFLOPS' },
    'h800-sxm-80gb': { efficiency: 792.1 / 989, source: 'MAMF H100 SXM 792.1 of 989 TFLOPS (H800: same compute die)' },
    'h200-sxm-141gb': { efficiency: 794.5 / 989, source: 'MAMF H100 SXM 794.5 of 989 TFLOPS ("H200 is the same")' },
    'b200-180gb': { efficiency: 1745.0 / 2250, source: 'MAMF B200 SXM 1745.0 of 2250 TFLOPS' },
    'b300-288gb': { efficiency: 1769.0 / 2250, source: 'MAMF B300 SXM 1769.0 of 2250 TFLOPS' },
    'gb200-186gb': { efficiency: 1822.0 / 2500, source: 'MAMF GB200 1822.0 of 2500 TFLOPS' },
    'mi250x-gcd-64gb': { efficiency: 147.0 / 191.5, source: 'MAMF MI250X 147.0 of 191.5 TFLOPS per GCD' },
    'mi300x-192gb': { efficiency: 668.4 / 1300, source: 'MAMF MI300X 668.4 of 1300 TFLOPS (ROCm 6.3, TunableOp)' },
    'mi325x-256gb': { efficiency: 784.9 / 1300, source: 'MAMF MI325X 784.9 of 1300 TFLOPS' },
    'mi355x-288gb': { efficiency: 1565.0 / 2300, source: 'MAMF MI355X 1565.0 of 2300 TFLOPS' },
    'gaudi2-96gb': { efficiency: 418.7 / 432, source: 'MAMF Gaudi 2 418.7 of 432 TFLOPS' },
    'gaudi3-128gb': { efficiency: 1243.0 / 1677, source: 'MAMF Gaudi 3 1243.0 of 1677 TFLOPS' },
};
const FP8_MAMF = {
    'h100-sxm-80gb': { efficiency: 1402.6 / 1979, source: 'MAMF FP8 H100 SXM 1402.6 of 1979 TFLOPS' },
    'h800-sxm-80gb': {
        efficiency: 1402.6 / 1979,
        source: 'MAMF FP8 H100 SXM 1402.6 of 1979 TFLOPS (H800: same compute die)',
    },
    'h200-sxm-141gb': { efficiency: 1453.4 / 1979, source: 'MAMF FP8 H200 SXM 1453.4 of 1979 TFLOPS' },
    'b200-180gb': { efficiency: 3432.5 / 4500, source: 'MAMF FP8 B200 SXM 3432.5 of 4500 TFLOPS' },
    'gaudi2-96gb': { efficiency: 826.5 / 865, source: 'MAMF FP8 Gaudi 2 826.5 of 865 TFLOPS' },
    'gaudi3-128gb': { efficiency: 1289.5 / 1677, source: 'MAMF FP8 Gaudi 3 1289.5 of 1677 TFLOPS' },
};
const AMPERE_SXM = { name: 'A100 SXM', bf16: 'a100-sxm-80gb', fp8: 'h200-sxm-141gb' };
const AMPERE_PCIE = { name: 'A100 PCIe', bf16: 'a100-pcie-80gb', fp8: 'h200-sxm-141gb' };
const HOPPER = { name: 'H100 SXM', bf16: 'h100-sxm-80gb', fp8: 'h200-sxm-141gb' };
const BLACKWELL = { name: 'B200', bf16: 'b200-180gb', fp8: 'b200-180gb' };
const CDNA = {
    gfx90a: { name: 'MI250X', bf16: 'mi250x-gcd-64gb', fp8: 'h200-sxm-141gb' },
    gfx942: { name: 'MI300X', bf16: 'mi300x-192gb', fp8: 'h200-sxm-141gb' },
    gfx950: { name: 'MI355X', bf16: 'mi355x-288gb', fp8: 'h200-sxm-141gb' },
};
function standIn(architecture) {
    if (architecture.kind === 'cuda') {
        if (architecture.major >= 10)
            return BLACKWELL;
        if (architecture.major === 9)
            return HOPPER;
        if (architecture.major === 8 && architecture.minor > 0)
            return AMPERE_PCIE;
        return AMPERE_SXM;
    }
    if (architecture.kind === 'rocm')
        return CDNA[architecture.gfxTarget] ?? HOPPER;
    return HOPPER;
}
const FP8_NAMES = { 'h200-sxm-141gb': 'H200 SXM', 'b200-180gb': 'B200' };
function matmulEfficiency(gpu, precision) {
    const stand = standIn(gpu.architecture);
    if (precision === 'fp8' || precision === 'fp4') {
        const measured = FP8_MAMF[gpu.id];
        if (measured !== undefined)
            return { ...measured, borrowedFrom: null };
        const name = FP8_NAMES[stand.fp8];
        return {
            efficiency: FP8_MAMF[stand.fp8].efficiency,
            source: `no FP8 MAMF for this GPU: the ${name}'s (${FP8_MAMF[stand.fp8].source})`,
            borrowedFrom: name,
        };
    }
    const measured = BF16_MAMF[gpu.id];
    const base = measured === undefined
        ? {
            efficiency: BF16_MAMF[stand.bf16].efficiency,
            source: `no MAMF for this GPU: the ${stand.name}'s, its architecture's measured part (${BF16_MAMF[stand.bf16].source})`,
            borrowedFrom: stand.name,
        }
        : { ...measured, borrowedFrom: null };
    if (precision === 'fp32' || precision === 'tf32') {
        return { ...base, source: `${base.source}; no ${precision} measurement, bf16 figure used` };
    }
    return base;
}

;// CONCATENATED MODULE: ./src/core/compute/matmul-roofline.ts
function shard(linear, tokens, tensor) {
    if (linear.split === 'column')
        return { m: tokens, k: linear.inFeatures, n: linear.outFeatures / tensor };
    if (linear.split === 'row')
        return { m: tokens, k: linear.inFeatures / tensor, n: linear.outFeatures };
    return { m: tokens, k: linear.inFeatures, n: linear.outFeatures };
}
function matmulRooflineFactor(arch, s) {
    const gemms = [];
    for (const group of arch.layerGroups) {
        for (const linear of group.linears)
            gemms.push({ gemm: shard(linear, s.tokens, s.tensor), count: group.count });
        if (group.experts) {
            const { numExperts, expertsPerToken, linears } = group.experts;
            const expertTokens = Math.max(1, (s.tokens * expertsPerToken * s.expert) / numExperts);
            const expertsPerRank = numExperts / s.expert;
            for (const linear of linears) {
                gemms.push({ gemm: shard(linear, expertTokens, s.tensor), count: group.count * expertsPerRank });
            }
        }
    }
    gemms.push({ gemm: { m: s.tokens, k: arch.hiddenSize, n: arch.vocabSize / s.tensor }, count: 1 });
    let busy = 0;
    let total = 0;
    for (const { gemm, count } of gemms) {
        const compute = (2 * gemm.m * gemm.k * gemm.n) / s.matmulFlops;
        const memory = (s.elementBytes * (gemm.m * gemm.k + gemm.k * gemm.n + gemm.m * gemm.n)) / s.memoryBandwidth;
        busy += count * compute;
        total += count * Math.max(compute, memory);
    }
    return total > 0 ? busy / total : 1;
}

;// CONCATENATED MODULE: ./src/core/compute/memory-bound-traffic.ts
const PASSES_FORWARD_BACKWARD = 3;
const PASSES_FULL_RECOMPUTE = 1;
const CROSS_ENTROPY_BYTES_PER_LOGIT = 3 * 4;
const QLORA_DEQUANTIZE_BYTES_PER_WEIGHT = 0.5 + 2;
const FP8_CAST_BYTES_PER_ELEMENT = 2 + 2 + 1 + 1;
function fp8CastElements(arch, expertParallel) {
    let perToken = 0;
    let weights = 0;
    const count = (g, times) => {
        for (const l of g.linears.filter((l) => l.part !== 'router')) {
            perToken += times * (l.inFeatures + l.outFeatures);
            weights += times * l.inFeatures * l.outFeatures;
        }
        if (g.experts) {
            for (const l of g.experts.linears) {
                perToken += times * g.experts.expertsPerToken * (l.inFeatures + l.outFeatures);
                weights += (times * g.experts.numExperts * l.inFeatures * l.outFeatures) / expertParallel;
            }
        }
    };
    for (const group of arch.layerGroups)
        count(group, group.count);
    if (arch.multiTokenPrediction)
        count(arch.multiTokenPrediction.layer, arch.multiTokenPrediction.modules);
    return { perToken, weights };
}
function decoderLinearWeights(arch) {
    const linears = (g) => g.linears.reduce((t, l) => t + l.inFeatures * l.outFeatures, 0) +
        (g.experts ? g.experts.numExperts * g.experts.linears.reduce((t, l) => t + l.inFeatures * l.outFeatures, 0) : 0);
    return arch.layerGroups.reduce((total, g) => total + g.count * linears(g), 0);
}
function layerElements(arch, group, sequenceLength, kernel) {
    const h = arch.hiddenSize;
    const a = arch.attention;
    const norms = group.norms.reduce((total, n) => total + 2 * n.elementsPerToken, 0);
    const residual = 2 * 3 * h;
    const rotary = 2 * (a.numHeads + a.numKeyValueHeads) * a.headDim;
    const perActivation = group.mlp.gated ? 3 : 2;
    const sharedIntermediate = group.linears
        .filter((l) => l.part === 'shared-expert' && l.split === 'row')
        .reduce((total, l) => total + l.inFeatures, 0);
    const dense = perActivation * (group.mlp.intermediateSize + sharedIntermediate);
    const experts = group.experts
        ? group.experts.expertsPerToken * (perActivation * group.experts.intermediateSize + 4 * h)
        : 0;
    const scores = kernel === 'eager' ? 4 * a.numHeads * sequenceLength : 0;
    return norms + residual + rotary + dense + experts + scores;
}
function memoryBoundBytesPerToken(arch, settings) {
    let elements = 0;
    for (const group of arch.layerGroups) {
        elements += group.count * layerElements(arch, group, settings.sequenceLength, settings.attention);
    }
    if (arch.multiTokenPrediction) {
        const mtp = arch.multiTokenPrediction;
        elements += mtp.modules * layerElements(arch, mtp.layer, settings.sequenceLength, settings.attention);
    }
    const passes = PASSES_FORWARD_BACKWARD + (settings.checkpointing === 'full' ? PASSES_FULL_RECOMPUTE : 0);
    const heads = 1 + (arch.multiTokenPrediction?.modules ?? 0);
    const activations = elements * passes * settings.activationBytes + heads * arch.vocabSize * CROSS_ENTROPY_BYTES_PER_LOGIT;
    let fp8 = 0;
    if (settings.precision === 'fp8-mixed') {
        const cast = fp8CastElements(arch, settings.expertParallel ?? 1);
        fp8 = (cast.perToken + cast.weights / settings.tokensPerMicroBatch) * FP8_CAST_BYTES_PER_ELEMENT;
    }
    if (settings.method !== 'qlora')
        return activations + fp8;
    const dequantizations = 2 + (settings.checkpointing === 'full' ? 1 : 0);
    const dequantize = (decoderLinearWeights(arch) * QLORA_DEQUANTIZE_BYTES_PER_WEIGHT * dequantizations) / settings.tokensPerMicroBatch;
    return activations + fp8 + dequantize;
}

;// CONCATENATED MODULE: ./src/core/memory/logits.ts

const CROSS_ENTROPY_CHUNKS = 8;
function logitsBytes(context) {
    const a = context.elementBytes;
    const logits = (context.tokens * context.vocabSize) / context.tensor;
    const upcast = a < FP32 ? FP32 : 0;
    switch (context.crossEntropy) {
        case 'standard': {
            const tanhOutput = context.softcapping ? logits * a : 0;
            return { forward: logits * (a + upcast + FP32) + tanhOutput, backward: logits * 3 * FP32 + tanhOutput };
        }
        case 'chunked': {
            const chunk = logits / CROSS_ENTROPY_CHUNKS;
            if (context.compile)
                return { forward: logits * a + chunk * a, backward: logits * a + 2 * chunk * a };
            return {
                forward: logits * (a + FP32) + chunk * upcast,
                backward: logits * FP32 + chunk * 2 * FP32,
            };
        }
        case 'fused': {
            const chunk = (context.tokens * context.hiddenSize) / context.tensor;
            return {
                forward: chunk * (a + FP32),
                backward: chunk * (a + FP32) + (context.tokens * context.hiddenSize * a) / context.tensor,
            };
        }
    }
}

;// CONCATENATED MODULE: ./src/core/memory/pipeline-schedule.ts
function inFlightMicroBatches(stage, pipeline, microBatches, virtualPipeline) {
    if (pipeline === 1)
        return 1;
    if (virtualPipeline === 1)
        return Math.min(pipeline - stage, microBatches);
    const warmUpChunks = 2 * (pipeline - stage - 1) + (virtualPipeline - 1) * pipeline;
    return Math.min(microBatches * virtualPipeline, warmUpChunks + 1) / virtualPipeline;
}

;// CONCATENATED MODULE: ./src/core/memory/stage-activations.ts









function activationContext(plan, convention) {
    const { training, parallelism, architecture, framework } = plan;
    const elementBytes = convention.activation;
    const adapterBytes = training.precision.endsWith('-mixed') ? convention.activation : convention.adapterWeight;
    return {
        tokens: (training.microBatchSize * training.sequenceLength) / parallelism.context,
        hiddenSize: architecture.hiddenSize,
        sequenceLength: training.sequenceLength,
        elementBytes,
        expertElementBytes: groupedExpertElementBytes(plan, convention) ?? elementBytes,
        residualBytes: convention.residual,
        tensor: parallelism.tensor,
        sequenceParallel: parallelism.sequenceParallel,
        attention: architecture.attention,
        kernel: training.attention,
        repeatKeyValueHeads: framework === 'torchtune' ||
            training.attention === 'eager' ||
            (training.attention === 'sdpa' && (framework !== 'hf-trainer' || training.precision === 'fp32')),
        mathAttention: sdpaFallsBackToMath(plan),
        framework,
        fusedKernels: convention.fusedKernels,
        compile: training.compile,
        method: training.method,
        lora: training.lora,
        adapterActivationBytes: training.method === 'full' ? elementBytes : adapterBytes,
        autocast: convention.autocast,
        checkpointing: training.activationCheckpointing,
        parallelAttentionMlp: architecture.parallelAttentionMlp,
        bitsandbytesMatmul: training.method === 'qlora' && framework !== 'torchtune',
    };
}
function stageActivations(plan, stage, convention) {
    const { architecture, training, parallelism } = plan;
    const activation = activationContext(plan, convention);
    const freeze = planFreeze(architecture, training);
    const parts = activationParts(plan, stage, activation, convention);
    const perLayer = (group) => layerActivationBytes(group, activation);
    const perPart = (part) => layerActivationBytes(part.group, part.context);
    const largestLayer = Math.max(0, ...parts.map(perPart));
    const checkpointed = training.activationCheckpointing === 'full';
    let microBatch = 0;
    for (const part of parts) {
        microBatch += part.count * (checkpointed ? checkpointedLayerBytes(part.context) : perPart(part));
    }
    microBatch += inertCheckpointedInputs(plan, stage, activation) - gradientFloorSaving(plan, stage, activation);
    const savingLayers = parts.reduce((sum, part) => sum + part.count, 0);
    const sliding = architecture.slidingWindow;
    const masked = training.attention === 'sdpa' && sliding !== undefined && training.sequenceLength >= sliding.window;
    const maskedLayers = masked ? (sliding.layers * savingLayers) / Math.max(1, layerCount(architecture)) : 0;
    const maskBytes = activation.tokens * training.sequenceLength * convention.activation;
    if (!checkpointed)
        microBatch += maskedLayers * maskBytes;
    if (stage.hasEmbedding && (freeze === null || freeze.embedding))
        microBatch += activation.tokens * INT64;
    if (stage.hasHead) {
        microBatch +=
            freeze === null
                ? finalNormAndHeadInput(architecture, activation)
                : frozenHeadInputBytes(architecture, activation, freeze);
    }
    if (stage.hasMultiTokenPrediction && architecture.multiTokenPrediction !== null) {
        microBatch += architecture.multiTokenPrediction.modules * perLayer(architecture.multiTokenPrediction.layer);
    }
    const savedPerLayer = checkpointed ? checkpointedLayerBytes(activation) : largestLayer;
    const offloadedCap = training.activationOffloading ? 2 * savedPerLayer : Number.POSITIVE_INFINITY;
    const opLevelSelective = training.activationCheckpointing === 'selective' && runsTorchtitanLoop(plan.framework);
    const recompute = checkpointed
        ? largestLayer + (maskedLayers > 0 ? maskBytes : 0)
        : opLevelSelective
            ? largestLayerWithoutRecompute(parts)
            : 0;
    const logitsHeads = stage.hasHead
        ? 1 + (stage.hasMultiTokenPrediction ? architecture.multiTokenPrediction.modules : 0)
        : 0;
    const headAdapter = training.lora?.targetModules.includes(LM_HEAD_MODULE) ?? false;
    const headAdapterBytes = headAdapter
        ? (2 * activation.tokens * architecture.vocabSize * convention.activation) / parallelism.tensor
        : 0;
    const logitsWithoutAdapter = logitsBytes({
        tokens: activation.tokens,
        vocabSize: architecture.vocabSize,
        hiddenSize: architecture.hiddenSize,
        elementBytes: convention.activation,
        tensor: parallelism.tensor,
        crossEntropy: training.crossEntropy,
        compile: training.compile,
        softcapping: architecture.finalLogitSoftcapping === true,
    });
    const logits = { forward: logitsWithoutAdapter.forward + headAdapterBytes, backward: logitsWithoutAdapter.backward };
    const hasLayers = stage.layers.length > 0;
    const differentiated = parts.length > 0;
    return {
        microBatch,
        offloadedCap,
        recompute,
        firstLayerSaved: differentiated ? (checkpointed ? checkpointedLayerBytes(activation) : largestLayer) : 0,
        forwardWorking: hasLayers ? layerForwardWorkingBytes(activation) - (checkpointed ? 0 : largestLayer) : 0,
        backwardWorking: differentiated ? layerBackwardWorkingBytes(activation) : 0,
        logits: { forward: logitsHeads * logits.forward, backward: logitsHeads > 0 ? logits.backward : 0 },
    };
}
function savedActivations(activations, plan, index, stageCount) {
    const inFlight = inFlightMicroBatches(index, stageCount, plan.training.gradientAccumulationSteps, plan.parallelism.virtualPipeline);
    return { saved: Math.min(activations.microBatch * inFlight, activations.offloadedCap), inFlight };
}
function sdpaFallsBackToMath(plan) {
    const { training, architecture } = plan;
    const grouped = architecture.attention.numKeyValueHeads < architecture.attention.numHeads;
    const masked = architecture.slidingWindow !== undefined && training.sequenceLength >= architecture.slidingWindow.window;
    return (plan.framework === 'hf-trainer' &&
        training.attention === 'sdpa' &&
        training.precision === 'fp32' &&
        grouped &&
        !masked);
}
function largestLayerWithoutRecompute(parts) {
    return Math.max(0, ...parts.map((part) => layerActivationBytes(part.group, { ...part.context, checkpointing: 'none' })));
}
function finalNormAndHeadInput(architecture, activation) {
    const a = activation.elementBytes;
    const h = architecture.hiddenSize;
    const normBytes = normBytesPerToken(architecture.finalNorm, activation);
    const seqShard = activation.sequenceParallel ? activation.tensor : 1;
    const headTrains = activation.method === 'full' || (activation.lora?.targetModules.includes(LM_HEAD_MODULE) ?? false);
    return (activation.tokens * (normBytes + (headTrains ? h * a : 0))) / seqShard;
}

;// CONCATENATED MODULE: ./src/core/memory/stage-layout.ts
function layersPerStage(totalLayers, parallelism, rule) {
    const stages = parallelism.pipeline;
    if (stages === 1)
        return [totalLayers];
    const first = parallelism.firstStageLayers;
    const last = parallelism.lastStageLayers;
    if (rule === 'torchtitan' && first === null && last === null) {
        return torchtitanRankLayers(totalLayers, stages, parallelism.virtualPipeline);
    }
    const middleStages = stages - (first === null ? 0 : 1) - (last === null ? 0 : 1);
    const middleLayers = totalLayers - (first ?? 0) - (last ?? 0);
    const even = middleStages > 0 ? Math.floor(middleLayers / middleStages) : 0;
    let remainder = middleStages > 0 ? middleLayers - even * middleStages : 0;
    return Array.from({ length: stages }, (_, index) => {
        if (index === 0 && first !== null)
            return first;
        if (index === stages - 1 && last !== null)
            return last;
        const extra = remainder > 0 ? 1 : 0;
        remainder -= extra;
        return even + extra;
    });
}
function torchtitanRankLayers(totalLayers, pipeline, virtualPipeline) {
    const stages = pipeline * virtualPipeline;
    const units = totalLayers + 2;
    const perStage = Math.floor(units / stages);
    const extra = units % stages;
    const perRank = new Array(pipeline).fill(0);
    let assigned = 0;
    for (let stage = 0; stage < stages; stage++) {
        const stageUnits = perStage + (stage < extra ? 1 : 0);
        const ends = (stage === 0 ? 1 : 0) + (stage === stages - 1 ? 1 : 0);
        const layers = Math.min(Math.max(0, stageUnits - ends), totalLayers - assigned);
        perRank[stage % pipeline] += layers;
        assigned += layers;
    }
    return perRank;
}
function pipelineStages(architecture, parallelism, rule) {
    const totalLayers = architecture.layerGroups.reduce((sum, group) => sum + group.count, 0);
    const counts = layersPerStage(totalLayers, parallelism, rule);
    const stages = [];
    let groupIndex = 0;
    let used = 0;
    let firstLayer = 0;
    counts.forEach((count, index) => {
        const groups = [];
        let needed = count;
        while (needed > 0 && groupIndex < architecture.layerGroups.length) {
            const group = architecture.layerGroups[groupIndex];
            const take = Math.min(needed, group.count - used);
            const previous = groups[groups.length - 1];
            if (previous !== undefined && sameGroup(previous, group))
                groups[groups.length - 1] = { ...previous, count: previous.count + take };
            else if (take > 0)
                groups.push({ ...group, count: take });
            needed -= take;
            used += take;
            if (used === group.count) {
                groupIndex += 1;
                used = 0;
            }
        }
        const last = index === counts.length - 1;
        stages.push({
            index,
            layers: groups,
            layerCount: count,
            firstLayer,
            hasEmbedding: index === 0,
            hasHead: last,
            hasMultiTokenPrediction: last && architecture.multiTokenPrediction !== null,
        });
        firstLayer += count;
    });
    return stages;
}
function sameStageContents(a, b) {
    return (a.layerCount === b.layerCount &&
        a.hasEmbedding === b.hasEmbedding &&
        a.hasHead === b.hasHead &&
        a.hasMultiTokenPrediction === b.hasMultiTokenPrediction &&
        a.layers.length === b.layers.length &&
        a.layers.every((group, i) => sameGroup(group, b.layers[i]) && group.count === b.layers[i].count));
}
function sameGroup(a, b) {
    return a.linears === b.linears && a.experts === b.experts && a.norms === b.norms;
}

;// CONCATENATED MODULE: ./src/core/memory/device-overheads.ts

const CUDA_CONTEXT_BYTES = 773 * BYTES_PER_MIB;
const CUBLAS_WORKSPACE_SM90_ON = 4096 * BYTES_PER_KIB * 8;
const CUBLAS_WORKSPACE_BEFORE_SM90 = 4096 * BYTES_PER_KIB * 2 + 16 * BYTES_PER_KIB * 8;
function blasWorkspaceBytes(architecture) {
    switch (architecture.kind) {
        case 'cuda':
            return architecture.major >= 9 && architecture.major <= 12
                ? CUBLAS_WORKSPACE_SM90_ON
                : CUBLAS_WORKSPACE_BEFORE_SM90;
        case 'rocm':
            return ['gfx942', 'gfx950'].includes(architecture.gfxTarget) ? 128 * BYTES_PER_MIB : 32 * BYTES_PER_MIB;
        case 'unknown':
            return CUBLAS_WORKSPACE_SM90_ON;
        case 'other':
            return 0;
    }
}
const BLAS_WORKSPACES_PER_STEP = 2;
const NCCL_BYTES_PER_COMMUNICATOR = 256 * BYTES_PER_MIB;
const ALLOCATOR_SLACK_FRACTION = 0.1;
function communicatorCount(groups) {
    const expertReplicas = groups.expert > 1 ? groups.expertDataParallel : 1;
    return [groups.dataParallel, groups.tensor, groups.pipeline, groups.context, groups.expert, expertReplicas].filter((size) => size > 1).length;
}

;// CONCATENATED MODULE: ./src/core/memory/model-states.ts


const NF4_BYTES_PER_ELEMENT = 0.5 + 1 / 64 + 4 / (64 * 256);
const EIGHT_BIT_BLOCK = 256;
const EIGHT_BIT_MIN_ELEMENTS = 4096;
function optimizerStateBytesOfTensor(tensor, optimizer, stateBytes) {
    if (optimizer === 'adafactor') {
        const factors = tensor.columns > 1 ? tensor.rows + tensor.columns : tensor.elements;
        return factors * stateBytes;
    }
    const moments = momentsPerElement(optimizer);
    if (optimizer === 'adamw-8bit' || optimizer === 'paged-adamw-8bit') {
        if (tensor.elements < EIGHT_BIT_MIN_ELEMENTS)
            return moments * tensor.elements * FP32;
        return moments * (tensor.elements + Math.ceil(tensor.elements / EIGHT_BIT_BLOCK) * FP32);
    }
    return moments * tensor.elements * stateBytes;
}
function modelStateBytes(tensors, context) {
    const { convention, optimizer, parallelism, dataParallel } = context;
    const zero = parallelism.zero;
    const offloadOptimizer = parallelism.offload.optimizer !== 'none';
    const offloadParameters = parallelism.offload.parameters !== 'none';
    const paged = optimizer === 'paged-adamw-8bit';
    let parameters = 0;
    let gradients = 0;
    let optimizerStates = 0;
    const hostParts = { parameters: 0, gradients: 0, optimizerStates: 0 };
    let pagedOptimizerStates = 0;
    let stepGradientBytes = 0;
    for (const tensor of tensors) {
        const replicas = tensor.group === 'expert' ? dataParallel.expert : dataParallel.dense;
        const shardFrom1 = zero >= 1 ? replicas : 1;
        const shardFrom2 = zero >= 2 ? replicas : 1;
        const shardFrom3 = zero >= 3 ? replicas : 1;
        const elements = tensor.elements * tensor.count;
        const adapter = context.method === 'lora' || context.method === 'qlora';
        const weightBytes = tensor.quantized
            ? NF4_BYTES_PER_ELEMENT
            : tensor.trainable
                ? adapter
                    ? convention.adapterWeight
                    : convention.weight
                : convention.frozenWeight;
        const parameterBytes = (elements * weightBytes) / shardFrom3;
        if (offloadParameters)
            hostParts.parameters += parameterBytes;
        else
            parameters += parameterBytes;
        if (!tensor.trainable && tensor.flatGradient !== true)
            continue;
        const gradientBytes = !tensor.trainable ? weightBytes : adapter ? convention.adapterWeight : convention.gradient;
        const offloaded = offloadOptimizer || offloadParameters;
        const stepPartition = adapter || !tensor.trainable ? 0 : (elements * convention.stepGradientPartition) / shardFrom1;
        const shardedGradients = (elements * gradientBytes) / shardFrom2;
        if (offloaded)
            hostParts.gradients += stepPartition > 0 ? stepPartition : shardedGradients;
        else {
            gradients += shardedGradients;
            stepGradientBytes += stepPartition;
        }
        if (!tensor.trainable)
            continue;
        const master = adapter ? 0 : convention.master;
        const stateBytes = adapter ? convention.adapterWeight : convention.state;
        const states = (elements * master + optimizerStateBytesOfTensor(tensor, optimizer, stateBytes) * tensor.count) / shardFrom1;
        if (offloadOptimizer)
            hostParts.optimizerStates += states;
        else if (paged)
            pagedOptimizerStates += states;
        else
            optimizerStates += states;
    }
    const hostBytes = hostParts.parameters + hostParts.gradients + hostParts.optimizerStates;
    return { parameters, gradients, optimizerStates, hostBytes, hostParts, pagedOptimizerStates, stepGradientBytes };
}

;// CONCATENATED MODULE: ./src/core/memory/stage-memory.ts











const sumTerms = (terms) => terms.parameters + terms.gradients + terms.optimizerStates + terms.activations + terms.logits + terms.temporaries;
function dataParallelSizes(plan) {
    const { gpus } = plan.hardware;
    const { tensor, pipeline, expert } = plan.parallelism;
    return { dense: gpus / (tensor * pipeline), expert: Math.max(1, gpus / (tensor * pipeline * expert)) };
}
function stageModelStates(plan, stage) {
    const { architecture, training, parallelism } = plan;
    const convention = planStorageConvention(plan);
    const dataParallel = dataParallelSizes(plan);
    const freeze = planFreeze(architecture, training);
    const context = {
        method: training.method,
        lora: training.lora,
        parallelism,
        freeze,
        flatParameters: mixesFlatParameters(plan.framework, training.method, parallelism),
    };
    const tensors = stageTensors(architecture, stage, context);
    const stateContext = {
        convention,
        optimizer: training.optimizer,
        method: training.method,
        parallelism,
        dataParallel,
    };
    const states = modelStateBytes(tensors, stateContext);
    return { convention, dataParallel, freeze, context, stateContext, tensors, states };
}
const workspaceBytes = (plan) => BLAS_WORKSPACES_PER_STEP * blasWorkspaceBytes(plan.hardware.gpu.architecture);
function communicationBufferBytes(plan, dataParallel) {
    const { parallelism } = plan;
    const groups = {
        dataParallel: dataParallel.dense,
        tensor: parallelism.tensor,
        pipeline: parallelism.pipeline,
        context: parallelism.context,
        expert: parallelism.expert,
        expertDataParallel: dataParallel.expert,
    };
    return communicatorCount(groups) * NCCL_BYTES_PER_COMMUNICATOR;
}
function stageDeviceFloor(plan, stage) {
    const { dataParallel, states } = stageModelStates(plan, stage);
    return (states.parameters +
        (plan.training.optimizerInBackward ? 0 : states.gradients) +
        states.optimizerStates +
        workspaceBytes(plan) +
        CUDA_CONTEXT_BYTES +
        communicationBufferBytes(plan, dataParallel) +
        states.pagedOptimizerStates);
}
function stageMemory(plan, stage, stages) {
    return stageMemoryByPosition(plan, stage)(stage.index, stages);
}
function stageMemoryByPosition(plan, stage) {
    const { architecture, training, parallelism } = plan;
    const { convention, dataParallel, freeze, context, stateContext, tensors, states } = stageModelStates(plan, stage);
    const activations = stageActivations(plan, stage, convention);
    const { recompute, firstLayerSaved, forwardWorking, backwardWorking, logits } = activations;
    const runs = freeze === null ? null : layerRuns(stage.layers, stage.firstLayer, freeze);
    const layers = runs === null
        ? stage.layers.map((group) => layerTensors(group, 1, context))
        : runs.map((run) => layerTensors(run.group, 1, { ...context, method: run.role === 'trained' ? 'full' : 'freeze' }));
    const gatheredBytes = (layer) => layer.reduce((sum, t) => sum + t.elements * t.count * (t.quantized ? NF4_BYTES_PER_ELEMENT : HALF), 0);
    const largestLayerElements = (keep = () => true) => Math.max(0, ...layers.map((layer) => totalElements(layer, keep)));
    const temporaries = temporaryBytes(tensors, {
        framework: plan.framework,
        precision: training.precision,
        method: training.method,
        optimizer: training.optimizer,
        optimizerInBackward: training.optimizerInBackward,
        activationCheckpointing: training.activationCheckpointing,
        convention,
        parallelism,
        dataParallel,
        largestLayerGatheredBytes: Math.max(0, ...layers.map(gatheredBytes)),
        largestLayerTrainableElements: largestLayerElements((t) => t.trainable),
        largestLayerElements: largestLayerElements(),
        largestLinearElements: Math.max(0, ...tensors.filter((t) => t.quantized).map((t) => t.elements)),
        largestLayerLinearElements: largestLayerElements((t) => t.linearWeight && !t.quantized),
        headElements: stage.hasHead ? (architecture.vocabSize * architecture.hiddenSize) / parallelism.tensor : 0,
        headCountedAsLinear: stage.hasHead && (!architecture.tiedEmbeddings || !stage.hasEmbedding),
        headApplications: training.crossEntropy === 'chunked' ? CROSS_ENTROPY_CHUNKS : 1,
        expertKernel: expertKernel(plan),
        largestLayerExpertLinearElements: largestLayerElements((t) => t.group === 'expert' && t.linearWeight && !t.quantized),
        freeze,
    });
    const trainedKernel = trainedExpertKernel(plan, convention);
    const expertBytes = stage.layers.map((group) => expertBackwardBytes(group, architecture.hiddenSize, parallelism.expert, convention, trainedKernel));
    const expertSliceGradient = Math.max(0, ...expertBytes.map((bytes) => bytes.sliceGradient + bytes.savedCasts));
    const layerExpertGradients = parallelism.zero === 3 ? 0 : Math.max(0, ...expertBytes.map((bytes) => bytes.layerGradients));
    const workspaces = workspaceBytes(plan);
    const oneLayerGradients = runs === null
        ? stage.layerCount > 0
            ? states.gradients / Math.max(1, stage.layerCount)
            : states.gradients
        : Math.max(0, ...layers
            .filter((_, i) => runs[i].role === 'trained')
            .map((layer) => modelStateBytes(layer, stateContext).gradients));
    const allGradients = training.optimizerInBackward ? oneLayerGradients : states.gradients;
    const gradientsInForward = training.gradientAccumulationSteps > 1 || convention.persistentGradients ? allGradients : 0;
    const terms = (gradients, activations, logits, temporaries) => ({
        parameters: states.parameters,
        gradients,
        optimizerStates: states.optimizerStates,
        activations,
        logits,
        temporaries,
    });
    return (index, stages) => {
        const { saved, inFlight } = savedActivations(activations, plan, index, stages);
        const forward = terms(gradientsInForward, saved + (forwardWorking > logits.forward ? forwardWorking : 0), forwardWorking > logits.forward ? 0 : logits.forward, temporaries.forward + workspaces);
        const lossBackward = logits.backward;
        const layerBackward = recompute + backwardWorking;
        const backwardStart = terms(gradientsInForward, saved + (layerBackward > lossBackward ? layerBackward : 0), layerBackward > lossBackward ? 0 : lossBackward, temporaries.backward + expertSliceGradient + workspaces);
        const otherMicroBatches = (saved * Math.max(0, inFlight - 1)) / inFlight;
        const tiedPartials = convention.autocastWeightCopy > 0 ? 1 : 2;
        const tiedGradients = stage.hasEmbedding &&
            stage.hasHead &&
            architecture.tiedEmbeddings &&
            (training.method === 'full' || freeze?.tiedShared === true)
            ? (tiedPartials * architecture.vocabSize * architecture.hiddenSize * convention.gradient) / parallelism.tensor
            : 0;
        const backwardEnd = terms(allGradients, otherMicroBatches, 0, temporaries.backwardEnd + tiedGradients + workspaces);
        const backwardFirstLayer = terms(Math.max(gradientsInForward, allGradients - oneLayerGradients + layerExpertGradients), otherMicroBatches + firstLayerSaved + recompute + backwardWorking, 0, temporaries.backwardEnd + expertSliceGradient + workspaces);
        const backward = [backwardStart, backwardFirstLayer, backwardEnd].reduce((best, phase) => sumTerms(phase) > sumTerms(best) ? phase : best);
        const optimizer = training.optimizerInBackward
            ? terms(0, 0, 0, workspaces)
            : terms(states.gradients, 0, 0, temporaries.optimizer + states.stepGradientBytes + workspaces);
        const phases = { forward, backward, optimizer };
        const peakPhase = ['forward', 'backward', 'optimizer'].reduce((best, phase) => sumTerms(phases[phase]) > sumTerms(phases[best]) ? phase : best);
        const peakTerms = phases[peakPhase];
        const peak = sumTerms(peakTerms);
        const transient = peakTerms.activations + peakTerms.logits + peakTerms.temporaries - workspaces;
        const allocatorSlack = ALLOCATOR_SLACK_FRACTION * transient;
        const overheads = {
            allocatorSlack,
            cudaContext: CUDA_CONTEXT_BYTES,
            libraryWorkspaces: workspaces,
            communicationBuffers: communicationBufferBytes(plan, dataParallel),
            pagedOptimizerStates: states.pagedOptimizerStates,
        };
        const reserved = peak + allocatorSlack;
        const device = reserved + overheads.cudaContext + overheads.communicationBuffers + overheads.pagedOptimizerStates;
        return {
            phases,
            peakPhase,
            peak,
            reserved,
            device,
            overheads,
            hostBytes: states.hostBytes,
            modelStateBytes: states.parameters + states.gradients + states.optimizerStates + states.hostBytes + states.pagedOptimizerStates,
        };
    };
}

;// CONCATENATED MODULE: ./src/core/host/pinned-memory.ts
function pinnedBlockBytes(bytes) {
    if (bytes <= 0)
        return 0;
    return 2 ** Math.ceil(Math.log2(bytes));
}
function pinnedRoundingBytes(buffers) {
    return buffers.reduce((sum, buffer) => sum + (pinnedBlockBytes(buffer.bytes) - buffer.bytes) * buffer.count, 0);
}
function chunkedBuffers(total, chunk) {
    if (total <= 0)
        return [];
    if (chunk <= 0 || total <= chunk)
        return [{ bytes: total, count: 1 }];
    const full = Math.floor(total / chunk);
    const rest = total - full * chunk;
    return rest > 0
        ? [
            { bytes: chunk, count: full },
            { bytes: rest, count: 1 },
        ]
        : [{ bytes: chunk, count: full }];
}

;// CONCATENATED MODULE: ./src/core/host/offload-host-terms.ts



const DEEPSPEED_SUB_GROUP_SIZE = 1e9;
const DEEPSPEED_OPTIMIZER_SWAP_BUFFERS = 4;
const DEEPSPEED_PARAMETER_SWAP_BUFFERS = 5;
const DEEPSPEED_PARAMETER_SWAP_BUFFER_ELEMENTS = 1e8;
const DEEPSPEED_PARAMETERS_KEPT_IN_CPU = 1e9;
const CPU_ADAM_TEMPORARIES = 2;
const NO_OFFLOAD = {
    parameters: 0,
    gradients: 0,
    optimizerStates: 0,
    buffers: 0,
    pinnedRounding: 0,
    pinned: 0,
    cpuOptimizerStep: 0,
    nvme: 0,
    nvmeReadPerStep: 0,
    nvmeWritePerStep: 0,
};
const offload_host_terms_sum = (values) => values.reduce((a, b) => a + b, 0);
function shardElements(tensors, inputs, stage) {
    const { zero } = inputs.plan.parallelism;
    return offload_host_terms_sum(tensors.map((t) => {
        const replicas = t.group === 'expert' ? inputs.dataParallel.expert : inputs.dataParallel.dense;
        return (t.elements * t.count) / (zero >= stage ? replicas : 1);
    }));
}
function perTensorBlocks(tensors, inputs, bytesPerElement) {
    return tensors.map((t) => {
        const replicas = t.group === 'expert' ? inputs.dataParallel.expert : inputs.dataParallel.dense;
        return { bytes: (t.elements / replicas) * bytesPerElement, count: t.count };
    });
}
function fsdpUnitElements(inputs) {
    const { plan, stage, tensors } = inputs;
    const replicas = inputs.dataParallel.dense;
    const context = { method: plan.training.method, lora: plan.training.lora, parallelism: plan.parallelism };
    const units = stage.layers.map((group) => ({
        bytes: offload_host_terms_sum(layerTensors(group, 1, context).map((t) => t.elements * t.count)) / replicas,
        count: group.count,
    }));
    const inLayers = offload_host_terms_sum(units.map((u) => u.bytes * u.count)) * replicas;
    const root = offload_host_terms_sum(tensors.map((t) => t.elements * t.count)) - inLayers;
    if (root > 0)
        units.push({ bytes: root / replicas, count: 1 });
    return units;
}
function offloadHostTerms(inputs) {
    const { plan, tensors, states, convention } = inputs;
    const { offload, zero, sharding } = plan.parallelism;
    const optimizerTarget = offload.optimizer;
    const parameterTarget = offload.parameters;
    if (optimizerTarget === 'none' && parameterTarget === 'none')
        return NO_OFFLOAD;
    const parts = states.hostParts;
    const trainable = tensors.filter((t) => t.trainable);
    const p = shardElements(trainable, inputs, 1);
    const optimizerOnNvme = optimizerTarget === 'nvme';
    const parametersOnNvme = parameterTarget === 'nvme';
    const weightBytes = plan.training.method === 'full' ? convention.weight : convention.frozenWeight;
    let parameters = parametersOnNvme ? 0 : parts.parameters;
    const gradients = optimizerOnNvme ? 0 : parts.gradients;
    const optimizerStates = optimizerOnNvme ? 0 : parts.optimizerStates;
    let nvme = (optimizerOnNvme ? parts.gradients + parts.optimizerStates : 0) + (parametersOnNvme ? parts.parameters : 0);
    let buffers = 0;
    let locked = 0;
    const pinnedBlocks = [];
    let cpuOptimizerStep = 0;
    let nvmeRead = 0;
    let nvmeWrite = 0;
    if (sharding === 'deepspeed' && zero < 3) {
        const halfCopy = p * convention.weight;
        const largest = Math.max(0, ...trainable.map((t) => t.elements));
        const stagingBuffer = largest * convention.weight;
        const accumulating = plan.training.gradientAccumulationSteps > 1;
        const accumulation = accumulating ? perTensorBlocks(trainable, inputs, convention.weight) : [];
        const master = p * convention.master;
        buffers += halfCopy + stagingBuffer + offload_host_terms_sum(accumulation.map((b) => b.bytes * b.count));
        pinnedBlocks.push({ bytes: master, count: 1 }, { bytes: parts.gradients, count: 1 }, { bytes: halfCopy, count: 1 }, { bytes: stagingBuffer, count: 1 }, ...accumulation);
    }
    else if (sharding === 'deepspeed') {
        const gradientBuffer = p * convention.gradient;
        const largestSubGroup = Math.min(p, DEEPSPEED_SUB_GROUP_SIZE);
        if (optimizerTarget !== 'none') {
            buffers += gradientBuffer;
            pinnedBlocks.push({ bytes: gradientBuffer, count: 1 });
        }
        if (optimizerTarget === 'cpu') {
            pinnedBlocks.push(...chunkedBuffers(parts.gradients, DEEPSPEED_SUB_GROUP_SIZE * FP32));
        }
        else if (optimizerOnNvme) {
            const swap = DEEPSPEED_OPTIMIZER_SWAP_BUFFERS * largestSubGroup * FP32;
            buffers += swap + largestSubGroup * FP32;
            locked += swap;
            nvmeRead += parts.gradients + parts.optimizerStates;
            nvmeWrite += parts.gradients + parts.optimizerStates;
        }
        if (parameterTarget !== 'none') {
            const q = parts.parameters / weightBytes;
            const inCpu = parametersOnNvme ? Math.min(q, DEEPSPEED_PARAMETERS_KEPT_IN_CPU) : q;
            parameters = inCpu * weightBytes;
            pinnedBlocks.push({ bytes: parameters, count: 1 });
            if (parametersOnNvme) {
                nvme = nvme - parts.parameters + (q - inCpu) * weightBytes;
                const swap = DEEPSPEED_PARAMETER_SWAP_BUFFERS * DEEPSPEED_PARAMETER_SWAP_BUFFER_ELEMENTS * weightBytes;
                buffers += swap;
                locked += swap;
                const swapped = (q - inCpu) * weightBytes;
                nvmeRead += 2 * plan.training.gradientAccumulationSteps * swapped;
                nvmeWrite += swapped;
            }
        }
    }
    else if (sharding === 'fsdp' || sharding === 'fsdp2') {
        const units = sharding === 'fsdp' ? fsdpUnitElements(inputs) : perTensorBlocks(tensors, inputs, 1);
        const trainableUnits = sharding === 'fsdp' ? units : perTensorBlocks(trainable, inputs, 1);
        pinnedBlocks.push(...units.map((u) => ({ bytes: u.bytes * weightBytes, count: u.count })), ...trainableUnits.map((u) => ({ bytes: u.bytes * FP32, count: u.count })));
        cpuOptimizerStep = CPU_ADAM_TEMPORARIES * Math.max(0, ...trainableUnits.map((u) => u.bytes)) * FP32;
    }
    const pinnedRounding = pinnedRoundingBytes(pinnedBlocks);
    const pinned = offload_host_terms_sum(pinnedBlocks.map((b) => b.bytes * b.count)) + pinnedRounding + locked;
    return {
        parameters,
        gradients,
        optimizerStates,
        buffers,
        pinnedRounding,
        pinned,
        cpuOptimizerStep,
        nvme,
        nvmeReadPerStep: nvmeRead,
        nvmeWritePerStep: nvmeWrite,
    };
}

;// CONCATENATED MODULE: ./src/core/host/checkpoint-host-bytes.ts



const CHECKPOINT_FILE_ELEMENT_BYTES = HALF;
const SAVE_SHARD_BYTES = 5e9;
const DTYPE_BYTES = { fp32: FP32, bf16: HALF, fp16: HALF };
function largestSavedStorage(inputs) {
    const { plan, tensors, dataParallel } = inputs;
    const { zero, sharding, offload } = plan.parallelism;
    const optimizerOnGpu = offload.optimizer === 'none';
    const trainable = tensors.filter((t) => t.trainable);
    if (sharding === 'deepspeed' && zero >= 1) {
        if (!optimizerOnGpu)
            return 0;
        const partition = trainable.reduce((sum, t) => sum + t.elements * t.count, 0) / dataParallel;
        return (zero === 3 ? Math.min(partition, DEEPSPEED_SUB_GROUP_SIZE) : partition) * FP32;
    }
    const shard = zero === 3 ? dataParallel : 1;
    const largest = Math.max(0, ...trainable.map((t) => t.elements / shard));
    return optimizerOnGpu ? largest * FP32 : 0;
}
function checkpointHostBytes(inputs) {
    const { plan, handling, convention, totalParameters, trainableParameters } = inputs;
    const { training, parallelism } = plan;
    const full = training.method === 'full';
    const trainingWeightBytes = full ? convention.weight : training.method === 'qlora' ? HALF : convention.frozenWeight;
    const chosen = plan.checkpoint?.loadDtype ?? null;
    const loadElementBytes = chosen !== null ? DTYPE_BYTES[chosen] : handling.load === 'every-rank' ? FP32 : trainingWeightBytes;
    const converts = loadElementBytes !== CHECKPOINT_FILE_ELEMENT_BYTES;
    const materialised = totalParameters * loadElementBytes;
    const loadEveryRank = handling.load === 'every-rank' || (handling.load === 'every-rank-mmap' && converts) ? materialised : 0;
    const loadRankZero = handling.load === 'rank-zero' && converts ? materialised : 0;
    let saveEveryRank = 0;
    let saveRankZero = 0;
    switch (handling.save) {
        case 'sharded':
            saveEveryRank = largestSavedStorage(inputs);
            break;
        case 'sharded-staged':
            saveEveryRank = inputs.gpuStateBytes();
            break;
        case 'full-rank-zero': {
            const saved = full ? totalParameters * convention.weight : trainableParameters * convention.adapterWeight;
            const gathered = parallelism.zero === 3 ? saved : 0;
            const serialised = Math.min(SAVE_SHARD_BYTES, saved);
            const moments = momentsPerElement(training.optimizer) * (training.optimizer.endsWith('8bit') ? 1 : convention.state);
            const optimizer = handling.gathersOptimizer !== 'none' ? trainableParameters * ((full ? convention.master : 0) + moments) : 0;
            saveRankZero =
                handling.gathersOptimizer === 'with-model'
                    ? gathered + serialised + optimizer
                    : Math.max(gathered + serialised, optimizer);
            saveEveryRank = parallelism.sharding === 'deepspeed' ? largestSavedStorage(inputs) : 0;
            break;
        }
        case 'none':
            break;
    }
    return { loadElementBytes, converts, loadEveryRank, loadRankZero, saveEveryRank, saveRankZero };
}

;// CONCATENATED MODULE: ./src/core/host/host-types.ts
const HOST_PHASES = ['loading', 'training', 'saving'];

;// CONCATENATED MODULE: ./src/core/host/estimate-host.ts











const PROCESS_HOST_BYTES = 2_056_600 * BYTES_PER_KIB;
const ZERO_TERMS = {
    processes: 0,
    checkpointLoad: 0,
    offloadedParameters: 0,
    offloadedGradients: 0,
    offloadedOptimizerStates: 0,
    offloadBuffers: 0,
    pinnedRounding: 0,
    cpuOptimizerStep: 0,
    activationOffload: 0,
    checkpointSave: 0,
};
function activationOffloadBytes(plan, stage, stageCount) {
    if (!plan.training.activationOffloading)
        return 0;
    const convention = planStorageConvention(plan);
    const activations = stageActivations(plan, stage, convention);
    const { saved, inFlight } = savedActivations(activations, plan, stage.index, stageCount);
    const offloaded = Math.max(0, activations.microBatch * inFlight - saved);
    const { training, parallelism, architecture } = plan;
    const hidden = ((training.microBatchSize * training.sequenceLength) / parallelism.context) *
        architecture.hiddenSize *
        convention.activation;
    return hidden > 0 ? (offloaded * pinnedBlockBytes(hidden)) / hidden : offloaded;
}
function contentsHost(plan, stage, parameters) {
    const { parallelism, framework } = plan;
    const { tensors, states, convention, dataParallel } = stageModelStates(plan, stage);
    const offloaded = parallelism.offload.optimizer !== 'none' || parallelism.offload.parameters !== 'none';
    const handling = checkpointHandling(framework, parallelism.sharding, parallelism.zero, plan.checkpoint);
    return {
        offload: offloaded ? offloadHostTerms({ plan, stage, tensors, states, convention, dataParallel }) : NO_OFFLOAD,
        checkpoint: checkpointHostBytes({
            plan,
            handling,
            convention,
            totalParameters: parameters.total + parameters.breakdown.mtp,
            trainableParameters: parameters.trainable,
            gpuStateBytes: () => states.parameters + states.optimizerStates,
            tensors,
            dataParallel: dataParallel.dense,
        }),
    };
}
function nodePhases(rank, ranks) {
    const { offload, checkpoint, activationOffload } = rank;
    const processes = ranks * PROCESS_HOST_BYTES;
    const resident = {
        offloadedParameters: ranks * offload.parameters,
        offloadedGradients: ranks * offload.gradients,
        offloadedOptimizerStates: ranks * offload.optimizerStates,
        offloadBuffers: ranks * offload.buffers,
        pinnedRounding: ranks * offload.pinnedRounding,
        activationOffload: ranks * activationOffload,
    };
    return {
        loading: {
            ...ZERO_TERMS,
            processes,
            checkpointLoad: ranks * checkpoint.loadEveryRank + checkpoint.loadRankZero,
        },
        training: { ...ZERO_TERMS, processes, ...resident, cpuOptimizerStep: ranks * offload.cpuOptimizerStep },
        saving: {
            ...ZERO_TERMS,
            processes,
            ...resident,
            checkpointSave: ranks * checkpoint.saveEveryRank + checkpoint.saveRankZero,
        },
    };
}
const sumHostTerms = (terms) => terms.processes +
    terms.checkpointLoad +
    terms.offloadedParameters +
    terms.offloadedGradients +
    terms.offloadedOptimizerStates +
    terms.offloadBuffers +
    terms.pinnedRounding +
    terms.cpuOptimizerStep +
    terms.activationOffload +
    terms.checkpointSave;
const roundTerms = (terms) => ({
    processes: Math.round(terms.processes),
    checkpointLoad: Math.round(terms.checkpointLoad),
    offloadedParameters: Math.round(terms.offloadedParameters),
    offloadedGradients: Math.round(terms.offloadedGradients),
    offloadedOptimizerStates: Math.round(terms.offloadedOptimizerStates),
    offloadBuffers: Math.round(terms.offloadBuffers),
    pinnedRounding: Math.round(terms.pinnedRounding),
    cpuOptimizerStep: Math.round(terms.cpuOptimizerStep),
    activationOffload: Math.round(terms.activationOffload),
    checkpointSave: Math.round(terms.checkpointSave),
});
function worstRank(plan, parameters, ranks) {
    const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
    let worst = null;
    let worstPeak = -1;
    let previous = null;
    for (const stage of stages) {
        const host = previous !== null && sameStageContents(previous.stage, stage)
            ? previous.host
            : contentsHost(plan, stage, parameters);
        previous = { stage, host };
        const rank = { ...host, activationOffload: activationOffloadBytes(plan, stage, stages.length) };
        const peak = Math.max(...Object.values(nodePhases(rank, ranks)).map(sumHostTerms));
        if (peak > worstPeak) {
            worst = rank;
            worstPeak = peak;
        }
    }
    return worst;
}
function nvmeTrafficPerNode(plan, parameters) {
    const { offload } = plan.parallelism;
    if (offload.optimizer !== 'nvme' && offload.parameters !== 'nvme')
        return null;
    const ranks = Math.min(plan.hardware.gpusPerNode, plan.hardware.gpus);
    const rank = worstRank(plan, parameters, ranks).offload;
    return { read: ranks * rank.nvmeReadPerStep, write: ranks * rank.nvmeWritePerStep, bytes: ranks * rank.nvme };
}
const estimate_host_gib = (bytes) => `${(bytes / BYTES_PER_GIB).toFixed(1)} GiB`;
const gbPerSecond = (bytes) => `${(bytes / 1e9).toFixed(1)} GB/s`;
function hostAssumptions(plan, host, rank, handling) {
    const lines = [
        `Host memory per node: ${host.ranksPerNode} training processes of ${estimate_host_gib(PROCESS_HOST_BYTES)} each beside their tensors (Python, PyTorch, CUDA runtime: pytorch issue 113326); dataloader workers are not counted.`,
    ];
    if (handling.loadDefault !== null)
        lines.push(`checkpoint.load: ${handling.load} (${handling.loadDefault}).`);
    if (handling.saveDefault !== null)
        lines.push(`checkpoint.save: ${handling.save} (${handling.saveDefault}).`);
    const { checkpoint } = rank;
    if (checkpoint.loadEveryRank > 0 || checkpoint.loadRankZero > 0) {
        const holder = checkpoint.loadRankZero > 0 ? 'rank 0 holds' : 'every rank holds';
        const how = handling.load === 'every-rank' ? 'materialised' : 'converted from the 16-bit checkpoint';
        lines.push(`Loading: ${holder} the whole model in ${checkpoint.loadElementBytes}-byte weights, ${how} in its own memory (${estimate_host_gib(Math.max(checkpoint.loadEveryRank, checkpoint.loadRankZero))}); set checkpoint.load_dtype if it loads in another dtype.`);
    }
    if (handling.load !== 'every-rank') {
        lines.push('Checkpoint files are taken as 16-bit (as Hub checkpoints are); memory-mapped, they sit in the page cache, one copy per node and reclaimable: not counted.');
    }
    if (handling.save === 'full-rank-zero') {
        lines.push('Saving on rank 0 serialises one safetensors shard at a time in memory: at most 5 GB (transformers save_pretrained max_shard_size).');
    }
    const rounding = host.phases.training.pinnedRounding;
    if (rounding > 0) {
        lines.push(`Pinned host buffers round up to powers of two (PyTorch's caching host allocator): ${estimate_host_gib(rounding)} per node on top of the buffers.`);
    }
    if (plan.parallelism.sharding === 'deepspeed' && host.phases.training.offloadBuffers > 0) {
        lines.push('DeepSpeed offload at its defaults: pin_memory true, sub_group_size 1e9; NVMe swapping with buffer_count 4 (optimizer) and 5 × buffer_size 1e8 (parameters), max_in_cpu 1e9.');
    }
    if (host.phases.training.activationOffload > 0) {
        lines.push('Offloaded activations sit in pinned host memory, one block per saved tensor (torchtune OffloadActivations, use_pin_memory).');
    }
    const { nvme } = host;
    if (nvme !== null) {
        const need = nvme.requiredBandwidth === null
            ? 'no step time to compare with (no tokens or steps)'
            : `the step needs ${gbPerSecond(nvme.requiredBandwidth)} of NVMe reads and writes per node not to wait on them`;
        lines.push(nvme.bandwidth === null
            ? `NVMe offload: ${need}; hardware.nvme_bandwidth is not given, so the step is not checked against it.`
            : `NVMe offload: ${need}; the plan gives ${gbPerSecond(nvme.bandwidth)}${nvme.bound === true ? ', so the step waits on NVMe (efficiency model term nvme-offload)' : ''}.`);
    }
    return lines;
}
function estimateHostMemory(inputs) {
    const { plan, parameters, step } = inputs;
    const ranks = Math.min(plan.hardware.gpusPerNode, plan.hardware.gpus);
    const rank = worstRank(plan, parameters, ranks);
    const phases = nodePhases(rank, ranks);
    const rounded = {
        loading: roundTerms(phases.loading),
        training: roundTerms(phases.training),
        saving: roundTerms(phases.saving),
    };
    const phaseTotals = {
        loading: sumHostTerms(rounded.loading),
        training: sumHostTerms(rounded.training),
        saving: sumHostTerms(rounded.saving),
    };
    const peakPhase = HOST_PHASES.reduce((best, phase) => (phaseTotals[phase] > phaseTotals[best] ? phase : best));
    const perNode = phaseTotals[peakPhase];
    const pinnedActivations = rounded[peakPhase].activationOffload;
    const pinnedBytes = Math.round(peakPhase === 'loading' ? 0 : ranks * rank.offload.pinned + pinnedActivations);
    const capacity = plan.hardware.hostMemoryPerNode ?? null;
    const handling = checkpointHandling(plan.framework, plan.parallelism.sharding, plan.parallelism.zero, plan.checkpoint);
    let nvme = null;
    const { offload } = plan.parallelism;
    if (offload.optimizer === 'nvme' || offload.parameters === 'nvme') {
        const read = Math.round(ranks * rank.offload.nvmeReadPerStep);
        const write = Math.round(ranks * rank.offload.nvmeWritePerStep);
        const bandwidth = plan.hardware.nvmeBandwidth ?? null;
        const computeSeconds = step === null ? null : step.seconds * step.nvmeFactor;
        const required = computeSeconds === null || computeSeconds <= 0 ? null : (read + write) / computeSeconds;
        nvme = {
            bytesPerNode: Math.round(ranks * rank.offload.nvme),
            readBytesPerStep: read,
            writeBytesPerStep: write,
            bandwidth,
            requiredBandwidth: required,
            bound: required === null || bandwidth === null ? null : required > bandwidth,
        };
    }
    const host = {
        perNode,
        peakPhase,
        phases: rounded,
        phaseTotals,
        ranksPerNode: ranks,
        pinnedBytes,
        capacityBytes: capacity?.bytes ?? null,
        capacitySource: capacity?.name ?? null,
        fits: capacity === null ? null : perNode <= capacity.bytes,
        checkpoint: { load: handling.load, save: handling.save },
        nvme,
    };
    return { host, assumptions: hostAssumptions(plan, host, rank, handling) };
}

;// CONCATENATED MODULE: ./src/core/compute/nvme-offload-term.ts

const NVME_OFFLOAD_TERM = 'nvme-offload';
function nvmeOffloadTerm(context) {
    const { plan, parameters, stepSeconds } = context;
    const bandwidth = plan.hardware.nvmeBandwidth ?? null;
    if (bandwidth === null || bandwidth <= 0)
        return null;
    const traffic = nvmeTrafficPerNode(plan, parameters);
    if (traffic === null)
        return null;
    const nvmeSeconds = (traffic.read + traffic.write) / bandwidth;
    if (nvmeSeconds <= stepSeconds)
        return null;
    return {
        name: NVME_OFFLOAD_TERM,
        factor: stepSeconds / nvmeSeconds,
        note: `NVMe offload moves ${((traffic.read + traffic.write) / 1e9).toFixed(1)} GB per step on each node at ${(bandwidth / 1e9).toFixed(1)} GB/s: ${nvmeSeconds.toFixed(2)} s against ${stepSeconds.toFixed(2)} s of step`,
    };
}

;// CONCATENATED MODULE: ./src/core/compute/parallelism-terms.ts



const EXPERT_PARALLEL_COMMUNICATION_SM_SHARE = 20 / 132;
const TENSOR_PARALLEL_ALL_REDUCES = 4;
const TENSOR_PARALLEL_RECOMPUTE_ALL_REDUCES = 2;
function percent(x) {
    return `${(x * 100).toFixed(1)}%`;
}
const ms = (seconds) => `${(seconds * 1e3).toFixed(seconds < 0.01 ? 2 : 0)} ms`;
const gbps = (bytesPerSecond) => `${(bytesPerSecond / 1e9).toFixed(0)} GB/s`;
function allGatherShare(n) {
    return (n - 1) / n;
}
function elementBytes(plan) {
    return plan.training.precision === 'fp32' ? 4 : 2;
}
function term(name, c, exposedSeconds, note) {
    return {
        name,
        factor: c.stepSeconds / (c.stepSeconds + exposedSeconds),
        note: (c.describe ?? true) ? note() : '',
    };
}
function membersPerNode(plan, size, inner) {
    return Math.max(1, Math.min(size, Math.floor(plan.hardware.gpusPerNode / inner)));
}
function tokensPerGpu(c, splitByTensor) {
    const { tensor, context } = c.plan.parallelism;
    return c.tokensPerStep / (c.dataParallel * context * (splitByTensor ? tensor : 1));
}
function tensorParallelTerm(c) {
    const { plan } = c;
    const { tensor, pipeline } = plan.parallelism;
    if (tensor <= 1)
        return null;
    const link = ringBandwidth(plan, tensor, Math.min(tensor, plan.hardware.gpusPerNode));
    const collectives = TENSOR_PARALLEL_ALL_REDUCES +
        (plan.training.activationCheckpointing === 'full' ? TENSOR_PARALLEL_RECOMPUTE_ALL_REDUCES : 0);
    const bytes = (layerCount(plan.architecture) / pipeline) *
        collectives *
        2 *
        allGatherShare(tensor) *
        plan.architecture.hiddenSize *
        elementBytes(plan) *
        tokensPerGpu(c, false);
    const comm = bytes / link.bandwidth;
    const overlapped = communicationOverlap(plan).tensor;
    const exposed = overlapped ? Math.max(0, comm - c.stepSeconds) : comm;
    return term('tensor-parallel-communication', c, exposed, () => `${collectives} all-reduces per layer of tensor ${tensor} at ${gbps(link.bandwidth)} ${link.over}: ${ms(comm)} per step, ${overlapped ? `overlapped with the GEMMs, ${ms(exposed)} exposed` : 'not overlapped'}`);
}
function pipelineBubbleShare(plan) {
    const p = plan.parallelism.pipeline;
    const m = plan.training.gradientAccumulationSteps;
    switch (pipelineSchedule(plan)) {
        case 'gpipe':
        case '1f1b':
            return (p - 1) / m;
        case 'interleaved-1f1b':
            return (p - 1) / (m * plan.parallelism.virtualPipeline);
        case 'zero-bubble':
            return (p - 1) / (3 * m);
        case 'dualpipe':
            return Math.max(0, p - 2) / (3 * m);
    }
}
function pipelineBubbleTerm(c) {
    const { pipeline, virtualPipeline } = c.plan.parallelism;
    if (pipeline <= 1)
        return null;
    const schedule = pipelineSchedule(c.plan);
    const bubble = pipelineBubbleShare(c.plan);
    const m = c.plan.training.gradientAccumulationSteps;
    return {
        name: 'pipeline-bubble',
        factor: 1 / (1 + bubble),
        note: (c.describe ?? true)
            ? `${schedule}, p ${pipeline}, m ${m}${schedule === 'interleaved-1f1b' ? `, v ${virtualPipeline}` : ''}: ${percent(bubble)} idle time`
            : '',
    };
}
function perGpu(c, dense, experts) {
    const { tensor, pipeline, expert } = c.plan.parallelism;
    return dense / (tensor * pipeline) + experts / (tensor * pipeline * expert);
}
function dataParallelTerm(c) {
    const { plan, parameters } = c;
    const { tensor, context, zero } = plan.parallelism;
    const group = c.dataParallel * context;
    if (group <= 1)
        return null;
    const t = plan.training;
    const bytes = elementBytes(plan);
    const experts = parameters.breakdown.experts;
    const trainedExperts = t.method === 'full' ? experts : 0;
    const gradients = perGpu(c, parameters.trainable - trainedExperts, trainedExperts) * bytes;
    const weights = perGpu(c, parameters.total - experts, experts) * bytes;
    const link = ringBandwidth(plan, group, membersPerNode(plan, group, tensor));
    const share = allGatherShare(group);
    const layers = layerCount(plan.architecture) / plan.parallelism.pipeline;
    const m = t.gradientAccumulationSteps;
    const overlapped = communicationOverlap(plan).data;
    const forward = (c.stepSeconds * c.forwardShare) / m;
    const backward = c.stepSeconds / m - forward;
    let comm;
    let exposed;
    if (zero === 3) {
        const gather = (share * weights) / link.bandwidth;
        const reduce = (share * gradients) / link.bandwidth;
        comm = m * (2 * gather + reduce);
        exposed = overlapped
            ? m *
                (Math.max(0, gather - forward) + gather / layers + Math.max(0, gather + reduce - backward) + reduce / layers)
            : comm;
    }
    else {
        comm = (2 * share * gradients) / link.bandwidth;
        exposed = overlapped ? Math.max(0, comm - backward) + comm / layers : comm;
    }
    return term('data-parallel-communication', c, exposed, () => `${zero === 3 ? 'ZeRO-3 gathers and reduce-scatters' : 'gradient all-reduce'} over ${group} GPUs at ${gbps(link.bandwidth)} ${link.over}: ${ms(comm)} per step, ${overlapped ? `${ms(exposed)} not hidden behind compute` : 'not overlapped'}`);
}
function contextParallelTerm(c) {
    const { plan } = c;
    const { context, tensor, pipeline } = plan.parallelism;
    if (context <= 1)
        return null;
    const a = plan.architecture.attention;
    const kvBytesPerToken = (a.numKeyValueHeads * (a.headDim + a.valueHeadDim) * elementBytes(plan)) / tensor;
    const passes = 3 + (plan.training.activationCheckpointing === 'none' ? 0 : 1);
    const bytes = (layerCount(plan.architecture) / pipeline) * (context - 1) * tokensPerGpu(c, false) * kvBytesPerToken * passes;
    const crossesNodes = tensor * context > plan.hardware.gpusPerNode;
    const bandwidth = crossesNodes ? clusterNetwork(plan).network.bandwidthPerGpu : intraNodeBandwidth(plan.hardware.gpu);
    const comm = bytes / bandwidth;
    const exposed = Math.max(0, comm - c.attentionStepSeconds);
    return term('context-parallel-communication', c, exposed, () => `key/value ring over ${context} ranks at ${gbps(bandwidth)} ${crossesNodes ? 'across nodes' : 'within a node'}: ${ms(comm)} per step behind ${ms(c.attentionStepSeconds)} of attention, ${ms(exposed)} exposed`);
}
function expertParallelTerm(c) {
    const { plan } = c;
    const { expert, tensor, pipeline } = plan.parallelism;
    if (expert <= 1)
        return null;
    const moe = plan.architecture.layerGroups.filter((g) => g.experts !== null);
    const perToken = moe.reduce((total, g) => total + g.count * 2 * g.experts.expertsPerToken, 0);
    const passes = 2 + (plan.training.activationCheckpointing === 'full' ? 1 : 0);
    const bytes = (perToken / pipeline) * plan.architecture.hiddenSize * elementBytes(plan) * passes * tokensPerGpu(c, true);
    const perNode = membersPerNode(plan, expert, tensor);
    const network = clusterNetwork(plan).network.bandwidthPerGpu;
    const nvlink = intraNodeBandwidth(plan.hardware.gpu);
    const comm = Math.max((bytes * (expert - perNode)) / expert / network, (bytes * (perNode - 1)) / expert / nvlink);
    const overlapped = communicationOverlap(plan).expert;
    const s = EXPERT_PARALLEL_COMMUNICATION_SM_SHARE;
    const slowed = c.stepSeconds / (1 - s);
    const exposed = overlapped ? slowed - c.stepSeconds + Math.max(0, comm - slowed) : comm;
    return term('expert-parallel-communication', c, exposed, () => `all-to-all over ${expert} ranks (${perNode} per node): ${ms(comm)} per step; ${overlapped ? `overlapped, its kernels hold ${percent(s)} of the SMs (DeepSeek-V3: 20 of 132)` : 'not overlapped'}`);
}

;// CONCATENATED MODULE: ./src/core/compute/training-flops.ts
const BACKWARD_TO_FORWARD = 2;
const FROZEN_BACKWARD_TO_FORWARD = 1;
function weightFlops(forward) {
    return forward.total - forward.attentionCore - forward.multiTokenPrediction.attentionCore;
}
function attentionCoreFlops(forward) {
    return forward.attentionCore + forward.multiTokenPrediction.attentionCore;
}
function layerForwardFlops(forward, adapterForward) {
    return forward.total - forward.lmHead - forward.multiTokenPrediction.lmHead + adapterForward;
}
function trainingFlopsPerToken(forward, method, adapterForward, checkpointing) {
    const core = attentionCoreFlops(forward);
    const weights = weightFlops(forward);
    const weightBackward = method === 'full' ? BACKWARD_TO_FORWARD : FROZEN_BACKWARD_TO_FORWARD;
    const adapters = method === 'full' ? 0 : adapterForward;
    const model = weights * (1 + weightBackward) + core * (1 + BACKWARD_TO_FORWARD) + adapters * (1 + BACKWARD_TO_FORWARD);
    const recompute = checkpointing === 'full' ? layerForwardFlops(forward, adapters) : checkpointing === 'selective' ? core : 0;
    return { model, recompute, hardware: model + recompute };
}

;// CONCATENATED MODULE: ./src/core/compute/efficiency-model.ts









const FRAMEWORK_EFFICIENCY = 0.752;
function step(stage, name, after, note) {
    stage.terms.push({ name, factor: stage.seconds / after, note: stage.describe ? note() : '' });
    stage.seconds = after;
}
function singleGpuInputs(inputs) {
    const { plan } = inputs;
    const t = plan.training;
    return {
        gpu: plan.hardware.gpu,
        architecture: plan.architecture,
        precision: t.precision,
        attention: t.attention,
        checkpointing: t.activationCheckpointing,
        method: t.method,
        microBatchSize: t.microBatchSize,
        sequenceLength: t.sequenceLength,
        tensor: plan.parallelism.tensor,
        context: plan.parallelism.context,
        expert: plan.parallelism.expert,
        forward: inputs.forward,
        training: inputs.training,
        peak: inputs.peak,
        frameworkEfficiency: inputs.frameworkEfficiency ?? FRAMEWORK_EFFICIENCY,
        describe: inputs.describe ?? true,
    };
}
function singleGpuTime(s) {
    const { gpu, training, peak, forward, describe } = s;
    const activationBytes = s.precision === 'fp32' ? 4 : 2;
    const assumptions = [];
    const stage = { seconds: training.model / peak.peakFlops, terms: [], describe };
    let peakTime = 0;
    let achievableTime = 0;
    const sources = [];
    let borrowedFrom = null;
    for (const share of peak.shares) {
        const measured = matmulEfficiency(gpu, share.precision);
        peakTime += share.share / share.peakFlops;
        achievableTime += share.share / (share.peakFlops * measured.efficiency);
        if (describe)
            sources.push(`${share.precision}: ${measured.source}`);
        borrowedFrom ??= measured.borrowedFrom;
    }
    if (describe && borrowedFrom !== null) {
        assumptions.push(`${gpu.name} has no measured matmul efficiency of its own: the ${borrowedFrom}'s stands in for it, so MFU and GPU-hours carry that GPU's efficiency.`);
    }
    const achievedPeak = (peak.peakFlops * peakTime) / achievableTime;
    step(stage, 'matmul-efficiency', training.model / achievedPeak, () => `largest achievable matmul rate (${sources.join('; ')})`);
    const core = attentionCoreFlops(forward);
    const linearModel = training.model - 3 * core;
    const linearRecompute = training.recompute - (s.checkpointing === 'none' ? 0 : core);
    let linearRate = achievedPeak;
    const bandwidth = gpu.memoryBandwidth;
    if (bandwidth !== null && bandwidth > 0) {
        const tokens = (s.microBatchSize * s.sequenceLength) / s.context;
        const shapes = matmulRooflineFactor(s.architecture, {
            tokens,
            tensor: s.tensor,
            expert: s.expert,
            matmulFlops: achievedPeak,
            memoryBandwidth: bandwidth,
            elementBytes: activationBytes,
        });
        if (shapes < 1) {
            linearRate = achievedPeak * shapes;
            step(stage, 'matmul-shapes', linearModel / linearRate + (3 * core) / achievedPeak, () => `some GEMMs of a ${tokens}-token micro-batch move more bytes than the tensor cores can use (roofline): busy ${percent(shapes)} of matmul time`);
        }
    }
    const work = attentionWork(core, s.attention, 'none');
    const kernel = flashKernelRate(gpu, s.attention);
    const bf16Peak = gpu.peakFlops.bf16 ?? gpu.peakFlops.fp16 ?? peak.peakFlops;
    const attentionRate = work.fused ? bf16Peak * kernel.efficiency : achievedPeak;
    const attentionSeconds = work.executedFlops / attentionRate;
    if (core > 0) {
        step(stage, 'attention-kernels', linearModel / linearRate + attentionSeconds, () => work.fused
            ? `causal attention: the kernels run ${percent(work.executedFlops / (3 * core))} of the full-matrix FLOPs MFU counts, at ${percent(kernel.efficiency)} of the bf16 peak (${kernel.source})`
            : `eager attention: the full score matrix, forward and backward, at the matmul rate`);
    }
    if (describe && work.fused && kernel.borrowedFrom !== null) {
        assumptions.push(`${gpu.name} has no measured attention-kernel rate of its own: the ${kernel.borrowedFrom}'s FlashAttention figure stands in for it.`);
    }
    if (bandwidth !== null && bandwidth > 0) {
        const bytes = memoryBoundBytesPerToken(s.architecture, {
            sequenceLength: s.sequenceLength,
            attention: s.attention,
            checkpointing: s.checkpointing,
            activationBytes,
            method: s.method,
            tokensPerMicroBatch: s.microBatchSize * s.sequenceLength,
            precision: s.precision,
            expertParallel: s.expert,
        });
        const memorySeconds = bytes / bandwidth;
        step(stage, 'memory-bound-operations', stage.seconds + memorySeconds, () => `norms, activations, residuals, softmax and loss${s.method === 'qlora' ? ', and dequantizing the 4-bit weights,' : ''}${s.precision === 'fp8-mixed' ? ', and fp8 casts,' : ''} move ${(bytes / 1e6).toFixed(2)} MB per token at ${(bandwidth / 1e12).toFixed(2)} TB/s: ${percent(memorySeconds / stage.seconds)} of the matmul time (smaller models lose more)`);
    }
    else if (describe) {
        assumptions.push(`${gpu.name} has no memory bandwidth in the catalogue: bandwidth-bound operators are not modelled.`);
    }
    const modelSeconds = stage.seconds;
    const recomputeAttention = s.checkpointing === 'none' ? 0 : work.forwardFlops / attentionRate;
    const recomputeSeconds = linearRecompute / linearRate + recomputeAttention;
    if (training.recompute > 0) {
        step(stage, 'recomputation', stage.seconds + recomputeSeconds, () => `${s.checkpointing} checkpointing recomputes ${percent(training.recompute / training.model)} of the model FLOPs`);
    }
    const forwardShare = modelSeconds / 3 / stage.seconds;
    step(stage, 'framework-overhead', stage.seconds / s.frameworkEfficiency, () => 'launch gaps, optimizer step, data loading: derived from MosaicML llm-foundry A100 40GB throughput (78 rows)');
    return {
        seconds: stage.seconds,
        terms: stage.terms,
        assumptions,
        forwardShare,
        attentionSeconds,
        recomputeAttention,
        matmulEfficiencyBorrowedFrom: borrowedFrom,
        attentionKernelBorrowedFrom: work.fused ? kernel.borrowedFrom : null,
    };
}
function efficiencyModel(inputs, single = singleGpuTime(singleGpuInputs(inputs))) {
    const { plan, parameters, dataParallel } = inputs;
    const describe = inputs.describe ?? true;
    const assumptions = [...single.assumptions];
    const stage = { seconds: single.seconds, terms: [...single.terms], describe };
    const perGpuShare = inputs.tokensPerStep / plan.hardware.gpus;
    const attentionStepSeconds = (single.attentionSeconds + single.recomputeAttention) * perGpuShare;
    for (const make of [
        tensorParallelTerm,
        contextParallelTerm,
        expertParallelTerm,
        dataParallelTerm,
        pipelineBubbleTerm,
        nvmeOffloadTerm,
    ]) {
        const context = {
            plan,
            parameters,
            dataParallel,
            tokensPerStep: inputs.tokensPerStep,
            stepSeconds: stage.seconds * perGpuShare,
            forwardShare: single.forwardShare,
            attentionStepSeconds,
            describe,
        };
        const made = make(context);
        if (made !== null) {
            stage.terms.push(made);
            stage.seconds /= made.factor;
        }
    }
    if (describe) {
        assumptions.push(...communicationOverlap(plan).assumptions);
        const network = clusterNetwork(plan);
        if (network.assumed && plan.hardware.gpus > plan.hardware.gpusPerNode) {
            assumptions.push(`Network between nodes: the ${network.network.name} (no hardware.network in the plan); name your cluster (train-memory networks) or give its bandwidth per GPU.`);
        }
    }
    const mfu = stage.terms.reduce((product, term) => product * term.factor, 1);
    return {
        mfu,
        terms: stage.terms,
        assumptions,
        matmulEfficiencyBorrowedFrom: single.matmulEfficiencyBorrowedFrom,
        attentionKernelBorrowedFrom: single.attentionKernelBorrowedFrom,
    };
}

;// CONCATENATED MODULE: ./src/core/compute/precision-peak.ts
const MATMUL_PRECISION = {
    fp32: 'fp32',
    'fp16-mixed': 'fp16',
    'bf16-mixed': 'bf16',
    bf16: 'bf16',
};
const FALLBACK = {
    fp4: 'fp8',
    fp8: 'bf16',
    bf16: 'fp16',
    fp16: 'fp32',
    tf32: 'fp32',
    fp32: null,
};
function peakOf(gpu, wanted, assumptions) {
    let precision = wanted;
    while (precision !== null) {
        const peak = gpu.peakFlops[precision];
        if (peak !== null && peak > 0) {
            if (precision !== wanted) {
                assumptions.push(`${gpu.name} publishes no dense ${wanted} peak; the ${precision} peak is used instead.`);
            }
            return { precision, peak };
        }
        precision = FALLBACK[precision];
    }
    return null;
}
function fp8Share(forward) {
    const mtp = forward.multiTokenPrediction;
    const fp8 = forward.denseLinears -
        forward.routers +
        forward.activeExperts +
        (mtp.total - mtp.attentionCore - mtp.lmHead - mtp.routers);
    return forward.total > 0 ? fp8 / forward.total : 0;
}
function precisionPeak(gpu, precision, forward) {
    const assumptions = [];
    if (precision === 'fp32') {
        assumptions.push('fp32 matrix products run at the plain fp32 peak: PyTorch leaves TF32 off by default.');
    }
    if (precision !== 'fp8-mixed') {
        const found = peakOf(gpu, MATMUL_PRECISION[precision], assumptions);
        if (found === null)
            return null;
        return {
            peakFlops: found.peak,
            shares: [{ precision: found.precision, share: 1, peakFlops: found.peak }],
            assumptions,
        };
    }
    const share = fp8Share(forward);
    const fp8 = peakOf(gpu, 'fp8', assumptions);
    const rest = peakOf(gpu, 'bf16', assumptions);
    if (fp8 === null || rest === null)
        return null;
    const shares = [
        { precision: fp8.precision, share, peakFlops: fp8.peak },
        { precision: rest.precision, share: 1 - share, peakFlops: rest.peak },
    ];
    const peakFlops = 1 / shares.reduce((t, s) => t + s.share / s.peakFlops, 0);
    assumptions.push(`fp8-mixed: ${(share * 100).toFixed(1)}% of the FLOPs (decoder linears) at the fp8 peak, the rest (attention, ` +
        'routers, output head) at bf16; MFU is stated against the combined peak.');
    return { peakFlops, shares, assumptions };
}

;// CONCATENATED MODULE: ./src/core/compute/freeze-flops.ts



function freezeBackwardFlops(architecture, forward, sequenceLength, attentionShare, freeze) {
    const f = FLOPS_PER_MULTIPLY_ACCUMULATE;
    const core = attentionCoreMacs(architecture, sequenceLength, attentionShare);
    let layers = 0;
    for (const run of layerRuns(architecture.layerGroups, 0, freeze)) {
        if (run.role === 'inert')
            continue;
        const macs = layerMacs(run.group, core);
        const weights = run.role === 'trained' ? BACKWARD_TO_FORWARD : FROZEN_BACKWARD_TO_FORWARD;
        layers += run.count * f * ((macs.dense + macs.experts) * weights + macs.attentionCore * BACKWARD_TO_FORWARD);
    }
    const headTrains = freeze.head || freeze.tiedShared;
    const below = freeze.finalNorm || freeze.gradientFloor < freeze.layerCount;
    const head = forward.lmHead * ((headTrains ? 1 : 0) + (below ? 1 : 0));
    const mtp = forward.multiTokenPrediction.total;
    const multiTokenPrediction = freeze.multiTokenPrediction ? BACKWARD_TO_FORWARD * mtp : 0;
    return { layers, head, multiTokenPrediction };
}
function freezeTrainingFlopsPerToken(architecture, forward, sequenceLength, attentionShare, freeze, checkpointing) {
    const backward = freezeBackwardFlops(architecture, forward, sequenceLength, attentionShare, freeze);
    const model = forward.total + backward.layers + backward.head + backward.multiTokenPrediction;
    const f = FLOPS_PER_MULTIPLY_ACCUMULATE;
    const core = attentionCoreMacs(architecture, sequenceLength, attentionShare);
    let recompute = 0;
    for (const run of layerRuns(architecture.layerGroups, 0, freeze)) {
        if (run.role === 'inert' || checkpointing === 'none')
            continue;
        const macs = layerMacs(run.group, core);
        recompute +=
            run.count * f * (checkpointing === 'full' ? macs.dense + macs.experts + macs.attentionCore : macs.attentionCore);
    }
    return { model, recompute, hardware: model + recompute, backward };
}
function freezeComputeAssumption(forward, modelFlopsPerToken, freeze) {
    const full = forward.total * (1 + BACKWARD_TO_FORWARD);
    const floor = freeze.gradientFloor;
    const where = floor >= freeze.layerCount
        ? 'backward stops at the LM head and final norm: no decoder layer is differentiated'
        : floor === 0
            ? `backward runs through all ${freeze.layerCount} layers (${freeze.embedding ? 'the embedding trains' : 'the first layer trains'}), with weight gradients for the trained ones only`
            : `backward stops at layer ${floor}: the ${floor} frozen layers below it run forward only (no input or weight gradients)`;
    const share = modelFlopsPerToken / full;
    return `Freeze: ${where}; ${(modelFlopsPerToken / 1e9).toFixed(2)} GFLOPs per token, ${(share * 100).toFixed(0)}% of full fine-tuning's ${(full / 1e9).toFixed(2)}.`;
}

;// CONCATENATED MODULE: ./src/core/compute/goodput.ts
const DEFAULT_GOODPUT = 0.9;
const DEFAULT_GOODPUT_SOURCE = 'Llama 3 (Dubey et al. 2024 §3.3.4): >90% effective training time at 16K GPUs, restarts, checkpoints and evaluation included';
function planGoodput(plan) {
    const given = plan.hardware.goodput ?? null;
    return given === null ? { value: DEFAULT_GOODPUT, source: 'default' } : { value: given, source: 'plan' };
}

;// CONCATENATED MODULE: ./src/core/compute/estimate-compute.ts










const estimate_compute_SECONDS_PER_HOUR = 3600;
const shapes = new WeakMap();
function shapeKey(plan, options) {
    const t = plan.training;
    const p = plan.parallelism;
    const adapters = t.method !== 'full' ? t.lora : null;
    return [
        t.sequenceLength,
        t.precision,
        t.attention,
        t.activationCheckpointing,
        t.method,
        adapters?.rank,
        adapters?.targetModules,
        t.method === 'freeze' ? t.freeze : null,
        t.microBatchSize,
        p.tensor,
        p.context,
        p.expert,
        options.frameworkEfficiency,
        options.describe,
    ];
}
function shapeCompute(plan, options) {
    const arch = plan.architecture;
    const gpu = plan.hardware.gpu;
    let byGpu = shapes.get(arch);
    if (byGpu === undefined)
        shapes.set(arch, (byGpu = new WeakMap()));
    let byKey = byGpu.get(gpu);
    if (byKey === undefined)
        byGpu.set(gpu, (byKey = new NestedCache()));
    return byKey.get(shapeKey(plan, options), () => {
        const t = plan.training;
        const forward = forwardFlopsPerToken(arch, t.sequenceLength, ATTENTION_FULL_MATRIX_SHARE);
        const adapterForward = t.method !== 'full' && t.lora !== null
            ? adapterForwardFlopsPerToken(arch, { rank: t.lora.rank, targetModules: t.lora.targetModules })
            : 0;
        const freeze = planFreeze(arch, t);
        const training = freeze === null
            ? trainingFlopsPerToken(forward, t.method, adapterForward, t.activationCheckpointing)
            : freezeTrainingFlopsPerToken(arch, forward, t.sequenceLength, ATTENTION_FULL_MATRIX_SHARE, freeze, t.activationCheckpointing);
        return { forward, training, peak: precisionPeak(gpu, t.precision, forward) };
    });
}
function singleGpu(plan, options, shape, peak) {
    if (shape.single === undefined) {
        const { forward, training } = shape;
        const { frameworkEfficiency, describe } = options;
        shape.single = singleGpuTime(singleGpuInputs({ plan, forward, training, peak, frameworkEfficiency, describe }));
    }
    return shape.single;
}
function estimateCompute(plan, parameters, options = {}) {
    const tokens = trainingTokens(plan);
    if (tokens === null) {
        return {
            compute: null,
            assumptions: [
                'The plan gives neither training.tokens nor training.steps: FLOPs, GPU-hours and cost are not estimated.',
            ],
        };
    }
    const describe = options.describe ?? true;
    const t = plan.training;
    const shape = shapeCompute(plan, options);
    const { forward, training, peak } = shape;
    if (peak === null) {
        return {
            compute: null,
            assumptions: [
                `${plan.hardware.gpu.name} has no dense peak FLOP/s for ${t.precision} in the catalogue: GPU-hours are not estimated.`,
            ],
        };
    }
    const assumptions = describe
        ? [
            'FLOPs count matrix products only, with the full s×s attention-score matrix (Megatron-LM / PaLM convention) for MFU; the time is that of what the kernels run (causal flash attention computes half the matrix).',
            ...peak.assumptions,
        ]
        : [];
    const freeze = describe ? planFreeze(plan.architecture, t) : null;
    if (freeze !== null)
        assumptions.push(freezeComputeAssumption(forward, training.model, freeze));
    if (describe && t.tokens !== null && t.tokens % tokens.tokensPerStep !== 0) {
        assumptions.push(`training.tokens is not a whole number of global batches (${tokens.tokensPerStep} tokens per step): steps are rounded up.`);
    }
    let model = null;
    let mfu;
    if (plan.hardware.mfu !== null) {
        mfu = plan.hardware.mfu;
        if (describe && peak.shares.length > 1) {
            assumptions.push(`hardware.mfu is read against the combined peak of ${(peak.peakFlops / 1e12).toFixed(0)} TFLOP/s per GPU, not the bf16 peak alone.`);
        }
    }
    else {
        model = efficiencyModel({
            plan,
            forward,
            training,
            peak,
            parameters,
            dataParallel: tokens.dataParallel,
            tokensPerStep: tokens.tokensPerStep,
            describe,
        }, singleGpu(plan, options, shape, peak));
        mfu = model.mfu;
        if (describe) {
            assumptions.push(`MFU ${(mfu * 100).toFixed(1)}% from the efficiency model (no hardware.mfu in the plan).`, ...model.assumptions);
        }
    }
    const goodput = planGoodput(plan);
    if (describe && goodput.source === 'default') {
        assumptions.push(`Goodput ${percent(goodput.value)}: GPU-hours and wall clock include ${percent(1 - goodput.value)} of time lost to restarts, checkpoints and evaluation (${DEFAULT_GOODPUT_SOURCE}); set hardware.goodput to change it.`);
    }
    const flops = training.model * tokens.tokens;
    const productiveGpuHours = flops / (peak.peakFlops * mfu) / estimate_compute_SECONDS_PER_HOUR;
    const gpuHours = productiveGpuHours / goodput.value;
    const price = plan.hardware.pricePerGpuHour;
    const compute = {
        tokens: tokens.tokens,
        globalBatchSize: tokens.globalBatchSize,
        steps: tokens.steps,
        flops,
        hardwareFlops: training.hardware * tokens.tokens,
        flopsPerToken: training.model,
        mfu,
        mfuSource: model === null ? 'plan' : 'efficiency-model',
        gpuHours,
        productiveGpuHours,
        goodput: goodput.value,
        goodputSource: goodput.source,
        wallClockHours: gpuHours / plan.hardware.gpus,
        costUsd: price === null ? null : gpuHours * price,
        tokensPerSecondPerGpu: (peak.peakFlops * mfu) / training.model,
        peakFlops: peak.peakFlops,
        peakPrecisions: peak.shares.map((s) => ({ precision: s.precision, share: s.share, peakFlops: s.peakFlops })),
        forwardFlopsPerToken: {
            denseLinears: forward.denseLinears,
            activeExperts: forward.activeExperts,
            attentionCore: forward.attentionCore,
            lmHead: forward.lmHead,
            multiTokenPrediction: forward.multiTokenPrediction.total,
        },
        attentionScoreShare: ATTENTION_FULL_MATRIX_SHARE,
        efficiency: model === null
            ? null
            : {
                terms: model.terms,
                matmulEfficiencyBorrowedFrom: model.matmulEfficiencyBorrowedFrom,
                attentionKernelBorrowedFrom: model.attentionKernelBorrowedFrom,
            },
    };
    return { compute, assumptions };
}
function estimateGpuHours(plan, parameters) {
    return estimateCompute(plan, parameters, { describe: false }).compute?.gpuHours ?? null;
}
function gpuHoursFloor(plan) {
    const tokens = trainingTokens(plan);
    if (tokens === null)
        return null;
    const options = { describe: false };
    const shape = shapeCompute(plan, options);
    const { peak, training } = shape;
    if (peak === null)
        return null;
    let mfu = plan.hardware.mfu;
    if (mfu === null) {
        const single = singleGpu(plan, options, shape, peak);
        mfu = single.terms.reduce((product, term) => product * term.factor, 1);
        if (plan.parallelism.pipeline > 1)
            mfu *= 1 / (1 + pipelineBubbleShare(plan));
    }
    const productiveGpuHours = (training.model * tokens.tokens) / (peak.peakFlops * mfu) / estimate_compute_SECONDS_PER_HOUR;
    return productiveGpuHours / planGoodput(plan).value;
}

;// CONCATENATED MODULE: ./src/core/memory/estimate-memory.ts




const sameWork = (plan, previous, stage) => sameStageContents(previous, stage) && sameLayerRoles(plan, previous, stage);
function memoryPerStage(plan, stages) {
    let previous = null;
    let atPosition = null;
    return stages.map((stage) => {
        if (atPosition === null || previous === null || !sameWork(plan, previous, stage)) {
            atPosition = stageMemoryByPosition(plan, stage);
        }
        previous = stage;
        return atPosition(stage.index, stages.length);
    });
}
const toInteger = (terms) => ({
    parameters: Math.round(terms.parameters),
    gradients: Math.round(terms.gradients),
    optimizerStates: Math.round(terms.optimizerStates),
    activations: Math.round(terms.activations),
    logits: Math.round(terms.logits),
    temporaries: Math.round(terms.temporaries),
});
const worstStage = (perStage) => perStage.reduce((best, stage) => (stage.device > best.device ? stage : best));
function wholeBytes(worst) {
    const peakTerms = toInteger(worst.phases[worst.peakPhase]);
    const peak = sumTerms(peakTerms);
    const reserved = peak + Math.round(worst.reserved - worst.peak);
    const device = reserved + Math.round(worst.device - worst.reserved);
    return { ...peakTerms, peak, reserved, device };
}
function estimateMemory(plan) {
    const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
    const perStage = memoryPerStage(plan, stages);
    const worst = worstStage(perStage);
    const gpusPerStage = plan.hardware.gpus / stages.length;
    const gpusOnNode = Math.min(plan.hardware.gpusPerNode, plan.hardware.gpus);
    const perGpu = wholeBytes(worst);
    const device = perGpu.device;
    const capacityBytes = plan.hardware.gpu.memoryBytes;
    return {
        perGpu,
        peakPhase: worst.peakPhase,
        phases: {
            forward: toInteger(worst.phases.forward),
            backward: toInteger(worst.phases.backward),
            optimizer: toInteger(worst.phases.optimizer),
        },
        overheads: {
            allocatorSlack: Math.round(worst.overheads.allocatorSlack),
            cudaContext: worst.overheads.cudaContext,
            libraryWorkspaces: worst.overheads.libraryWorkspaces,
            communicationBuffers: worst.overheads.communicationBuffers,
            pagedOptimizerStates: Math.round(worst.overheads.pagedOptimizerStates),
        },
        capacityBytes,
        fits: device <= capacityBytes,
        hostPerNode: Math.round(Math.max(...perStage.map((s) => s.hostBytes)) * gpusOnNode),
        modelStateBytesAllGpus: Math.round(perStage.reduce((sum, s) => sum + s.modelStateBytes * gpusPerStage, 0)),
    };
}
const ROUNDING_BYTES = 16;
function deviceMemoryFits(plan, limit) {
    const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
    const perStage = [];
    let previous = null;
    let atPosition = null;
    for (const stage of stages) {
        if (atPosition === null || previous === null || !sameWork(plan, previous, stage)) {
            atPosition = stageMemoryByPosition(plan, stage);
        }
        previous = stage;
        const memory = atPosition(stage.index, stages.length);
        if (memory.device > limit + ROUNDING_BYTES)
            return false;
        perStage.push(memory);
    }
    return wholeBytes(worstStage(perStage)).device <= limit;
}
function deviceMemoryFloor(plan) {
    const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
    let floor = 0;
    let previous = null;
    for (const stage of stages) {
        if (previous === null || !sameWork(plan, previous, stage))
            floor = Math.max(floor, stageDeviceFloor(plan, stage));
        previous = stage;
    }
    return floor - ROUNDING_BYTES;
}

;// CONCATENATED MODULE: ./src/core/memory/modeling-assumptions.ts





function stackName(plan) {
    const { sharding } = plan.parallelism;
    return sharding === DEFAULT_SHARDING[plan.framework] || sharding === null
        ? plan.framework
        : `${plan.framework} on ${sharding}`;
}
function modelingAssumptions(plan) {
    const { training, parallelism, architecture } = plan;
    const convention = planStorageConvention(plan);
    const stack = stackName(plan);
    const lines = training.method === 'full'
        ? [`Model states: ${convention.description} (${stack} conventions).`]
        : training.method === 'freeze'
            ? [
                `Model states: frozen weights in ${convention.frozenWeight} bytes; trained ones as in full training: ${convention.description} (${stack} conventions).`,
            ]
            : [
                `Model states: frozen base weights in ${convention.frozenWeight} bytes` +
                    (training.method === 'qlora' ? ', decoder linears in NF4 with double-quantised scales (QLoRA)' : '') +
                    `; adapters with ${convention.adapterWeight}-byte weights, gradients and optimizer states (${stack} conventions).`,
            ];
    if (convention.residual > convention.activation && training.method === 'qlora') {
        lines.push("PEFT's prepare_model_for_kbit_training keeps embeddings, norms and the head in fp32, so hidden states between layers are fp32.");
    }
    else if (convention.residual > convention.activation) {
        lines.push('torch autocast computes in 16 bits from fp32 weights: the hidden states between layers stay fp32, and each linear saves its own 16-bit cast of its input.');
    }
    if (convention.autocastWeightCopy > 0) {
        lines.push('torch autocast casts each fp32 linear weight to 16 bits; autograd keeps the casts for backward (trained weights: one cached cast for the whole forward).');
    }
    if (architecture.layerGroups.some((group) => group.experts !== null)) {
        lines.push('MoE activations assume balanced routing: every GPU processes its tokens × experts-per-token expert rows.');
    }
    if (parallelism.zero === 3)
        lines.push('ZeRO-3 / FSDP keeps the current and the prefetched layer gathered in 16 bits.');
    if (training.optimizer === 'paged-adamw-8bit') {
        lines.push("Paged 8-bit optimizer states live in CUDA unified memory: counted on the device, not in PyTorch's peak.");
    }
    if (convention.foreachStep &&
        (training.optimizer === 'adamw' || training.optimizer === 'adam') &&
        !training.optimizerInBackward) {
        lines.push("The optimizer step uses torch's foreach AdamW, which allocates one state-sized temporary.");
    }
    const { attention } = architecture;
    if (attention.numKeyValueHeads < attention.numHeads &&
        (plan.framework === 'torchtune' || training.attention !== 'flash')) {
        lines.push(`Attention keeps keys and values repeated to all ${attention.numHeads} query heads (torchtune expands grouped heads; transformers' repeat_kv for sdpa/eager).`);
    }
    const kernel = expertKernel(plan);
    if (kernel !== null) {
        lines.push(kernel === 'grouped-mm'
            ? "Routed experts run transformers' grouped_mm kernel (its default; training.experts_implementation: eager selects the per-expert loop), in the expert weights' dtype, without autocast copies."
            : "Routed experts run transformers' per-expert loop (experts_implementation eager): slice gradients come back at the full 3-D size.");
    }
    if (architecture.multiTokenPrediction !== null) {
        lines.push(`Multi-token-prediction modules (${architecture.multiTokenPrediction.modules}) train on the last pipeline stage, with their own logits.`);
    }
    const mib = (bytes) => `${Math.round(bytes / BYTES_PER_MIB)} MiB`;
    const workspace = blasWorkspaceBytes(plan.hardware.gpu.architecture);
    if (workspace > 0) {
        lines.push(`Temporaries include ${BLAS_WORKSPACES_PER_STEP} cuBLAS workspaces of ${mib(workspace)} (PyTorch's default for this GPU; one for the forward thread, one for autograd's)` +
            (plan.hardware.gpu.architecture.kind === 'unknown'
                ? ', sized as on Hopper and later: a custom GPU names no architecture.'
                : '.'));
    }
    lines.push(`Reserved adds ${Math.round(ALLOCATOR_SLACK_FRACTION * 100)}% of the activations, logits and temporaries as allocator slack; ` +
        `the device adds ${mib(CUDA_CONTEXT_BYTES)} for the CUDA context and libraries (measured on an H200, calibration/) ` +
        `and ${mib(NCCL_BYTES_PER_COMMUNICATOR)} of NCCL buffers per communicator (a first estimate, not yet measured).`);
    return lines;
}

;// CONCATENATED MODULE: ./src/core/notices.ts
const LITTLE_HEADROOM_SHARE = 0.9;
const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
function planNotices(plan, memory, compute) {
    const notices = [];
    const { training, parallelism, hardware } = plan;
    if (hardware.gpusAssumed && compute !== null) {
        const dataParallel = hardware.gpus / (parallelism.tensor * parallelism.pipeline * parallelism.context);
        notices.push(`Assumed ${plural(hardware.gpus, 'GPU')}, one model replica (no hardware.gpus: tensor × pipeline × context), ` +
            `and ${plural(compute.globalBatchSize, 'sequence')} per step (micro batch ${training.microBatchSize} × ` +
            `gradient accumulation ${training.gradientAccumulationSteps} × data parallel ${dataParallel}): the wall clock ` +
            'and steps are for that layout; set hardware.gpus to plan a cluster.');
    }
    if (!hardware.gpusAssumed && hardware.gpus > 1 && parallelism.assumed === true && compute !== null) {
        notices.push(`Assumed parallelism: the plan has no parallelism section, so all ${plural(hardware.gpus, 'GPU')} hold whole ` +
            `replicas (data parallel ${hardware.gpus}, ZeRO ${parallelism.zero}, tensor, pipeline, context and expert 1); ` +
            'set parallelism to plan a sharded layout.');
    }
    const borrowed = compute?.efficiency?.matmulEfficiencyBorrowedFrom ?? null;
    if (borrowed !== null) {
        notices.push(`${hardware.gpu.name} has no measured matmul efficiency of its own: the ${borrowed}'s is borrowed, so MFU and ` +
            "GPU-hours assume that GPU's efficiency (set hardware.mfu if you know yours).");
    }
    const attentionBorrowed = compute?.efficiency?.attentionKernelBorrowedFrom ?? null;
    if (attentionBorrowed !== null) {
        notices.push(`${hardware.gpu.name} has no measured attention-kernel rate of its own: the ${attentionBorrowed}'s ` +
            "FlashAttention figure is borrowed, so long sequences carry that GPU's attention speed.");
    }
    const share = memory.perGpu.device / memory.capacityBytes;
    if (memory.fits && share >= LITTLE_HEADROOM_SHARE) {
        notices.push(`Little headroom: the device needs ${(share * 100).toFixed(0)}% of the GPU's usable memory; allocator ` +
            'fragmentation or a longer batch can push it over.');
    }
    return notices;
}

;// CONCATENATED MODULE: ./src/core/freeze-assumptions.ts



const freeze_assumptions_percent = (share) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
function freezeAssumptions(plan) {
    const freeze = planFreeze(plan.architecture, plan.training);
    const settings = plan.training.freeze;
    if (freeze === null || settings === undefined || settings === null)
        return [];
    const total = countParameters(plan.architecture).total;
    const trainable = freezeTrainableParameters(plan.architecture, freeze);
    const lines = [
        `Freeze trains ${describeTrainable(freeze, settings.trainableModules)}: ${trainable.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} parameters (${freeze_assumptions_percent(trainable / total)}); the rest is frozen in ${settings.baseDtype} (training.freeze.base_dtype), with no gradients or optimizer states.`,
    ];
    if (freeze.tiedShared) {
        const named = settings.trainableModules.includes('lm_head') ? 'lm_head' : 'embed_tokens';
        lines.push(`${plan.modelName} ties lm_head to embed_tokens (one weight): naming ${named} trains both ends, so the embedding's gradient takes the backward pass through every layer.`);
    }
    const floor = freeze.gradientFloor;
    if (floor >= freeze.layerCount) {
        lines.push(`No decoder layer is differentiated: backward stops at the final norm and LM head, and no layer keeps activations.`);
    }
    else if (floor > 0) {
        lines.push(`The ${floor} frozen layers below layer ${floor} keep no activations and run no backward (autograd records nothing whose input and weights need no gradient).`);
    }
    else {
        const frozenLayers = freeze.layerCount - freeze.layers.size;
        if (frozenLayers > 0)
            lines.push(`The gradient reaches the embedding: the ${frozenLayers} frozen layers keep what their input gradients need (not their linears' inputs).`);
    }
    const { framework, parallelism, training } = plan;
    const rootTrains = freeze.embedding || freeze.finalNorm || freeze.head;
    const rootFrozen = !freeze.embedding || !freeze.finalNorm || (!plan.architecture.tiedEmbeddings && !freeze.head);
    if (mixesFlatParameters(framework, training.method, parallelism) && rootTrains && rootFrozen) {
        lines.push('FSDP1 flattens the embedding, final norm and LM head into one flat parameter (torch FSDP _flat_param.py, use_orig_params=True): with part of it trained, its gradient covers the frozen members too (in their own dtype).');
    }
    if (plan.architecture.multiTokenPrediction !== null) {
        lines.push(`Multi-token-prediction modules train with the last decoder layer: ${freeze.multiTokenPrediction ? 'trained' : 'frozen'} here.`);
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/core/estimate.ts











function planParameters(plan) {
    const { architecture, training } = plan;
    const whole = countParameters(architecture);
    const freeze = planFreeze(architecture, training);
    if (freeze !== null) {
        return {
            ...whole,
            trainable: freezeTrainableParameters(architecture, freeze),
            trainedParts: describeTrainable(freeze, training.freeze.trainableModules),
        };
    }
    const trainable = training.method === 'full' || training.lora === null
        ? whole.total + whole.breakdown.mtp
        : loraParameters(architecture, training.lora);
    return { ...whole, trainable };
}
function stepTime(plan, compute) {
    if (compute === null || compute.tokensPerSecondPerGpu <= 0)
        return null;
    const tokensPerStep = compute.globalBatchSize * plan.training.sequenceLength;
    const nvme = compute.efficiency?.terms.find((term) => term.name === NVME_OFFLOAD_TERM);
    return {
        seconds: tokensPerStep / (compute.tokensPerSecondPerGpu * plan.hardware.gpus),
        nvmeFactor: nvme?.factor ?? 1,
    };
}
function estimatePlan(plan) {
    const parameters = planParameters(plan);
    const { compute, assumptions: computeAssumptions } = estimateCompute(plan, parameters);
    const { host, assumptions: hostAssumptions } = estimateHostMemory({
        plan,
        parameters,
        step: stepTime(plan, compute),
    });
    const memory = { ...estimateMemory(plan), hostPerNode: host.perNode };
    const budget = checkBudget(plan.budget, plan.hardware.gpus, memory, compute, host);
    return {
        parameters,
        memory,
        host,
        compute,
        budget,
        notices: planNotices(plan, memory, compute),
        assumptions: [
            ...plan.assumptions,
            ...freezeAssumptions(plan),
            ...modelingAssumptions(plan),
            ...hostAssumptions,
            ...computeAssumptions,
        ],
    };
}

;// CONCATENATED MODULE: ./src/core/rules/plan-rules.ts




function planRuleProblems(plan) {
    const { parallelism: p, hardware } = plan;
    const node = nodeProblem(hardware.gpus, hardware.gpusPerNode);
    return [
        ...frameworkProblems(plan.framework, {
            precision: plan.training.precision,
            zero: p.zero,
            pipeline: p.pipeline,
            sharding: p.sharding,
            shardingWritten: p.sharding !== DEFAULT_SHARDING[plan.framework],
        }),
        ...parallelismProblems({
            tensor: p.tensor,
            pipeline: p.pipeline,
            virtualPipeline: p.virtualPipeline,
            sequenceParallel: p.sequenceParallel,
            zero: p.zero,
            offloadOptimizer: p.offload.optimizer,
            offloadParameters: p.offload.parameters,
            firstStageLayers: p.firstStageLayers,
            lastStageLayers: p.lastStageLayers,
            sharding: p.sharding,
        }),
        ...layoutProblems(plan.architecture, plan.modelName, {
            tensor: p.tensor,
            pipeline: p.pipeline,
            virtualPipeline: p.virtualPipeline,
            context: p.context,
            expert: p.expert,
            firstStageLayers: p.firstStageLayers,
            lastStageLayers: p.lastStageLayers,
            gpus: hardware.gpus,
            stageSplit: stageSplitRule(plan.framework),
        }),
        ...(node === null ? [] : [node]),
    ];
}

;// CONCATENATED MODULE: ./src/core/search/layout-candidates.ts


const MIN_TOKENS_PER_CONTEXT_RANK = 1024;
const MAX_SEARCHED_PIPELINE = 128;
function divisors(n) {
    const small = [];
    const large = [];
    for (let d = 1; d * d <= n; d++) {
        if (n % d !== 0)
            continue;
        small.push(d);
        if (d * d !== n)
            large.unshift(n / d);
    }
    return [...small, ...large];
}
function layout_candidates_gcd(a, b) {
    return b === 0 ? a : layout_candidates_gcd(b, a % b);
}
const withPlanValue = (values, planValue) => [...new Set([...values, planValue])].sort((a, b) => a - b);
function tensorOptions(plan, space) {
    if (!space.tensor)
        return [plan.parallelism.tensor];
    const { numHeads, numKeyValueHeads } = plan.architecture.attention;
    const within = divisors(layout_candidates_gcd(numHeads, numKeyValueHeads)).filter((d) => d <= plan.hardware.gpusPerNode);
    return withPlanValue(within, plan.parallelism.tensor);
}
function contextOptions(plan, space) {
    if (!space.context)
        return [plan.parallelism.context];
    const sequence = plan.training.sequenceLength;
    const options = [];
    for (let c = 1; sequence % (2 * c) === 0 && sequence / c >= MIN_TOKENS_PER_CONTEXT_RANK; c *= 2)
        options.push(c);
    return withPlanValue(options.length === 0 ? [1] : options, plan.parallelism.context);
}
function expertOptions(plan, space) {
    const experts = routedExperts(plan.architecture);
    if (!space.expert || experts === 0)
        return [plan.parallelism.expert];
    return withPlanValue(divisors(experts), plan.parallelism.expert);
}
function pipelineOptions(plan, space) {
    if (!space.pipeline)
        return [plan.parallelism.pipeline];
    const deepest = Math.min(layerCount(plan.architecture), MAX_SEARCHED_PIPELINE);
    return withPlanValue(Array.from({ length: deepest }, (_, i) => i + 1), plan.parallelism.pipeline);
}
function stageSplits(plan, space, pipeline) {
    const layers = layerCount(plan.architecture);
    const rule = stageSplitRule(plan.framework);
    const p = plan.parallelism;
    const splits = [];
    const add = (split) => {
        if (!splits.some((s) => s.firstStageLayers === split.firstStageLayers && s.lastStageLayers === split.lastStageLayers))
            splits.push(split);
    };
    if (pipeline === p.pipeline)
        add({ firstStageLayers: p.firstStageLayers, lastStageLayers: p.lastStageLayers });
    if (layers % pipeline === 0)
        add({ firstStageLayers: null, lastStageLayers: null });
    if (space.unevenStages && pipeline === 2 && layers % 2 === 1) {
        add({ firstStageLayers: Math.ceil(layers / 2), lastStageLayers: Math.floor(layers / 2) });
    }
    if (space.unevenStages && pipeline >= 3) {
        for (let perStage = Math.ceil(layers / pipeline); perStage >= 1; perStage--) {
            const rest = layers - perStage * (pipeline - 2);
            if (rest < 2)
                continue;
            if (rest > 2 * perStage)
                break;
            for (let first = Math.min(perStage, rest - 1); first >= Math.max(1, rest - perStage); first--) {
                const last = rest - first;
                if (first === perStage && last === perStage)
                    add({ firstStageLayers: null, lastStageLayers: null });
                else
                    add({ firstStageLayers: first, lastStageLayers: last });
            }
        }
    }
    return splits.filter((split) => stageProblem(layers, pipeline, 1, split.firstStageLayers, split.lastStageLayers, rule) === null);
}
function virtualPipelineOptions(plan, space, pipeline, split) {
    const layers = layerCount(plan.architecture);
    const rule = stageSplitRule(plan.framework);
    const valid = (v) => stageProblem(layers, pipeline, v, split.firstStageLayers, split.lastStageLayers, rule) === null;
    const options = new Set([1]);
    if (pipeline === plan.parallelism.pipeline && valid(plan.parallelism.virtualPipeline))
        options.add(plan.parallelism.virtualPipeline);
    if (space.virtualPipeline && pipeline >= 2) {
        const middleLayers = layers - (split.firstStageLayers ?? 0) - (split.lastStageLayers ?? 0);
        const middleStages = pipeline - (split.firstStageLayers === null ? 0 : 1) - (split.lastStageLayers === null ? 0 : 1);
        if (middleStages > 0) {
            const perStage = middleLayers / middleStages;
            const largest = divisors(perStage)
                .reverse()
                .find((v) => v >= 2 && valid(v));
            if (largest !== undefined)
                options.add(largest);
        }
    }
    return [...options].filter(valid).sort((a, b) => a - b);
}
class LayoutSpace {
    plan;
    globalBatch;
    replicas;
    moe;
    constructor(plan, space, globalBatch) {
        this.plan = plan;
        this.globalBatch = globalBatch;
        this.moe = routedExperts(plan.architecture) > 0;
        const replicas = [];
        const pipelines = pipelineOptions(plan, space).map((pipeline) => {
            const byVirtual = new Map();
            for (const split of stageSplits(plan, space, pipeline)) {
                for (const v of virtualPipelineOptions(plan, space, pipeline, split)) {
                    byVirtual.set(v, [...(byVirtual.get(v) ?? []), split]);
                }
            }
            return { pipeline, byVirtual };
        });
        for (const tensor of tensorOptions(plan, space)) {
            for (const context of contextOptions(plan, space)) {
                for (const { pipeline, byVirtual } of pipelines) {
                    for (const expert of expertOptions(plan, space)) {
                        for (const [virtualPipeline, splits] of byVirtual) {
                            const width = tensor * pipeline * context;
                            replicas.push({ tensor, pipeline, virtualPipeline, context, expert, width, splits });
                        }
                    }
                }
            }
        }
        this.replicas = replicas;
    }
    layouts(gpus) {
        const layouts = [];
        for (const replica of this.replicas) {
            if (gpus % replica.width !== 0)
                continue;
            const dataParallel = gpus / replica.width;
            if (this.globalBatch % dataParallel !== 0)
                continue;
            if (this.moe && gpus % (replica.tensor * replica.pipeline * replica.expert) !== 0)
                continue;
            layouts.push({ ...replica, gpus, dataParallel });
        }
        return layouts;
    }
    gpuCounts(max) {
        const perNode = this.plan.hardware.gpusPerNode;
        const counts = new Set();
        const dataParallel = divisors(this.globalBatch);
        for (const replica of this.replicas) {
            for (const d of dataParallel) {
                const gpus = replica.width * d;
                if (gpus > max)
                    break;
                if (gpus > perNode && gpus % perNode !== 0)
                    continue;
                if (this.moe && gpus % (replica.tensor * replica.pipeline * replica.expert) !== 0)
                    continue;
                counts.add(gpus);
            }
        }
        return [...counts].sort((a, b) => a - b);
    }
}
function microBatchOptions(globalBatch, dataParallel) {
    return divisors(globalBatch / dataParallel);
}

;// CONCATENATED MODULE: ./src/core/search/memory-settings.ts

const CROSS_ENTROPY_BY_MEMORY = ['standard', 'chunked', 'fused'];
const unique = (values) => [...new Set(values)];
function hostLimited(plan) {
    return (plan.hardware.hostMemoryPerNode ?? null) !== null || (plan.budget.maxHostMemoryPerNode ?? null) !== null;
}
function memoryChoices(plan, space, tensor, splits, zero3) {
    const p = plan.parallelism;
    const t = plan.training;
    const stages = zeroStagesOf(plan.framework, plan.parallelism.sharding);
    const zero = zero3
        ? stages.filter((stage) => stage === 3)
        : unique([p.zero, ...stages].filter((stage) => stage !== 3 && stages.includes(stage)));
    if (zero.length === 0)
        return null;
    const planSplit = splits.find((split) => split.firstStageLayers === p.firstStageLayers && split.lastStageLayers === p.lastStageLayers);
    return {
        split: planSplit === undefined ? splits : [planSplit, ...splits.filter((split) => split !== planSplit)],
        sequenceParallel: tensor < 2 ? [false] : unique([p.sequenceParallel, ...(space.sequenceParallel ? [true] : [])]),
        zero,
        offloadOptimizer: unique([
            p.offload.optimizer,
            ...(space.offloadOptimizer ? ['cpu'] : []),
            ...(hostLimited(plan) ? ['none'] : []),
        ]),
        offloadParameters: unique([
            p.offload.parameters,
            ...(space.offloadParameters && t.method !== 'qlora' ? ['cpu'] : []),
            ...(hostLimited(plan) ? ['none'] : []),
        ]),
        crossEntropy: unique([t.crossEntropy, ...space.crossEntropy]),
        activationOffloading: unique([t.activationOffloading, ...(space.activationOffloading ? [true] : [])]),
        sharding: p.sharding,
    };
}
function validOffload(settings, sharding) {
    const offloadOptimizer = settings.zero === 0 ? 'none' : settings.offloadOptimizer;
    const offloadParameters = settings.zero === 3 ? settings.offloadParameters : 'none';
    const together = sharding === 'fsdp' || sharding === 'fsdp2';
    if (together && (offloadOptimizer === 'none') !== (offloadParameters === 'none')) {
        return { ...settings, offloadOptimizer: 'none', offloadParameters: 'none' };
    }
    return { ...settings, offloadOptimizer, offloadParameters };
}
function mostSavingSettings(choices) {
    let settings = mostSaving.get(choices);
    if (settings === undefined)
        mostSaving.set(choices, (settings = mostSavingOf(choices)));
    return settings;
}
const mostSaving = new WeakMap();
function mostSavingOf(choices) {
    const crossEntropy = [...choices.crossEntropy].sort((a, b) => CROSS_ENTROPY_BY_MEMORY.indexOf(b) - CROSS_ENTROPY_BY_MEMORY.indexOf(a))[0];
    const offloaded = (values) => values.find((value) => value !== 'none') ?? values[0];
    return choices.split.map((split) => validOffload({
        split,
        sequenceParallel: choices.sequenceParallel.includes(true),
        zero: Math.max(...choices.zero),
        offloadOptimizer: offloaded(choices.offloadOptimizer),
        offloadParameters: offloaded(choices.offloadParameters),
        crossEntropy,
        activationOffloading: choices.activationOffloading.includes(true),
    }, choices.sharding));
}
function settingsByChanges(choices, plan) {
    const combinations = [];
    let order = 0;
    for (const split of choices.split)
        for (const sequenceParallel of choices.sequenceParallel)
            for (const zero of choices.zero)
                for (const offloadOptimizer of choices.offloadOptimizer)
                    for (const offloadParameters of choices.offloadParameters)
                        for (const crossEntropy of choices.crossEntropy)
                            for (const activationOffloading of choices.activationOffloading) {
                                const settings = {
                                    split,
                                    sequenceParallel,
                                    zero,
                                    offloadOptimizer,
                                    offloadParameters,
                                    crossEntropy,
                                    activationOffloading,
                                };
                                const valid = validOffload(settings, choices.sharding);
                                if (valid.offloadOptimizer !== offloadOptimizer || valid.offloadParameters !== offloadParameters)
                                    continue;
                                combinations.push({ settings, changes: memoryChangeCount(plan, settings), order: order++ });
                            }
    return combinations.sort((a, b) => a.changes - b.changes || a.order - b.order).map((entry) => entry.settings);
}
function memoryChangeCount(plan, settings) {
    const p = plan.parallelism;
    const t = plan.training;
    return (Number(settings.split.firstStageLayers !== p.firstStageLayers) +
        Number(settings.split.lastStageLayers !== p.lastStageLayers) +
        Number(settings.sequenceParallel !== p.sequenceParallel) +
        Number(settings.zero !== p.zero) +
        Number(settings.offloadOptimizer !== p.offload.optimizer) +
        Number(settings.offloadParameters !== p.offload.parameters) +
        Number(settings.crossEntropy !== t.crossEntropy) +
        Number(settings.activationOffloading !== t.activationOffloading));
}

;// CONCATENATED MODULE: ./src/core/search/plan-changes.ts

const training = (plan, changed) => ({
    ...plan,
    training: { ...plan.training, ...changed },
});
const parallelism = (plan, changed) => ({
    ...plan,
    parallelism: { ...plan.parallelism, ...changed },
});
const offload = (plan, changed) => parallelism(plan, { offload: { ...plan.parallelism.offload, ...changed } });
const FIELDS = [
    {
        path: 'training.method',
        read: (plan) => plan.training.method,
        write: (plan, value) => {
            const method = value;
            if (method === 'full')
                return training(plan, { method, lora: null });
            const lora = plan.training.lora !== null && method === plan.training.method
                ? plan.training.lora
                : defaultLoraSettings(plan.architecture, method, plan.training.precision);
            return training(plan, { method, lora });
        },
    },
    {
        path: 'training.optimizer',
        read: (plan) => plan.training.optimizer,
        write: (plan, value) => training(plan, { optimizer: value }),
    },
    {
        path: 'training.micro_batch_size',
        read: (plan) => plan.training.microBatchSize,
        write: (plan, value) => training(plan, { microBatchSize: value }),
    },
    {
        path: 'training.gradient_accumulation_steps',
        read: (plan) => plan.training.gradientAccumulationSteps,
        write: (plan, value) => training(plan, { gradientAccumulationSteps: value }),
    },
    {
        path: 'training.activation_checkpointing',
        read: (plan) => plan.training.activationCheckpointing,
        write: (plan, value) => training(plan, { activationCheckpointing: value }),
    },
    {
        path: 'training.cross_entropy',
        read: (plan) => plan.training.crossEntropy,
        write: (plan, value) => training(plan, { crossEntropy: value }),
    },
    {
        path: 'training.activation_offloading',
        read: (plan) => plan.training.activationOffloading,
        write: (plan, value) => training(plan, { activationOffloading: value }),
    },
    {
        path: 'parallelism.tensor',
        read: (plan) => plan.parallelism.tensor,
        write: (plan, value) => parallelism(plan, { tensor: value }),
    },
    {
        path: 'parallelism.sequence_parallel',
        read: (plan) => plan.parallelism.sequenceParallel,
        write: (plan, value) => parallelism(plan, { sequenceParallel: value }),
    },
    {
        path: 'parallelism.pipeline',
        read: (plan) => plan.parallelism.pipeline,
        write: (plan, value) => parallelism(plan, { pipeline: value }),
    },
    {
        path: 'parallelism.virtual_pipeline',
        read: (plan) => plan.parallelism.virtualPipeline,
        write: (plan, value) => parallelism(plan, { virtualPipeline: value }),
    },
    {
        path: 'parallelism.first_stage_layers',
        read: (plan) => plan.parallelism.firstStageLayers,
        write: (plan, value) => parallelism(plan, { firstStageLayers: value }),
    },
    {
        path: 'parallelism.last_stage_layers',
        read: (plan) => plan.parallelism.lastStageLayers,
        write: (plan, value) => parallelism(plan, { lastStageLayers: value }),
    },
    {
        path: 'parallelism.context',
        read: (plan) => plan.parallelism.context,
        write: (plan, value) => parallelism(plan, { context: value }),
    },
    {
        path: 'parallelism.expert',
        read: (plan) => plan.parallelism.expert,
        write: (plan, value) => parallelism(plan, { expert: value }),
    },
    {
        path: 'parallelism.zero',
        read: (plan) => plan.parallelism.zero,
        write: (plan, value) => parallelism(plan, { zero: value }),
    },
    {
        path: 'parallelism.offload.optimizer',
        read: (plan) => plan.parallelism.offload.optimizer,
        write: (plan, value) => offload(plan, { optimizer: value }),
    },
    {
        path: 'parallelism.offload.parameters',
        read: (plan) => plan.parallelism.offload.parameters,
        write: (plan, value) => offload(plan, { parameters: value }),
    },
    {
        path: 'hardware.gpus',
        read: (plan) => plan.hardware.gpus,
        write: (plan, value) => ({ ...plan, hardware: { ...plan.hardware, gpus: value } }),
    },
    {
        path: 'hardware.gpus_per_node',
        read: (plan) => plan.hardware.gpusPerNode,
        write: (plan, value) => ({ ...plan, hardware: { ...plan.hardware, gpusPerNode: value } }),
    },
];
const CHANGEABLE_PATHS = FIELDS.map((field) => field.path);
const BY_PATH = new Map(FIELDS.map((field) => [field.path, field]));
const DEGREE_PATHS = ['parallelism.tensor', 'parallelism.pipeline', 'parallelism.context', 'parallelism.expert'];
function readPath(plan, path) {
    const field = BY_PATH.get(path);
    if (field === undefined)
        throw new Error(`not a changeable plan path: ${path}`);
    return field.read(plan);
}
function applyChanges(plan, changes) {
    let changed = plan;
    for (const field of FIELDS) {
        if (Object.hasOwn(changes, field.path))
            changed = field.write(changed, changes[field.path]);
    }
    for (const path of Object.keys(changes)) {
        if (!BY_PATH.has(path))
            throw new Error(`not a changeable plan path: ${path}`);
    }
    return changed;
}
function changesBetween(base, candidate) {
    const differs = (path) => readPath(base, path) !== readPath(candidate, path);
    const changes = {};
    const degreeChanged = DEGREE_PATHS.some(differs);
    const gpusChanged = differs('hardware.gpus');
    for (const field of FIELDS) {
        const companion = (field.path === 'hardware.gpus' && degreeChanged) || (field.path === 'hardware.gpus_per_node' && gpusChanged);
        if (differs(field.path) || companion)
            changes[field.path] = field.read(candidate);
    }
    return changes;
}
function changeCount(base, changes) {
    return Object.entries(changes).filter(([path, value]) => readPath(base, path) !== value).length;
}

;// CONCATENATED MODULE: ./src/core/search/time-queue.ts
const before = (a, b) => a.time !== b.time ? a.time < b.time : a.timed !== b.timed ? !a.timed : a.order < b.order;
class TimeQueue {
    untimed = [];
    cursor = 0;
    heap = [];
    add(item, floor) {
        this.untimed.push({ item, time: floor, timed: false, order: this.untimed.length });
    }
    start() {
        this.untimed.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    }
    next() {
        const untimed = this.untimed[this.cursor];
        const timed = this.heap[0];
        if (untimed !== undefined && (timed === undefined || before(untimed, timed))) {
            this.cursor += 1;
            return untimed;
        }
        return timed === undefined ? null : this.pop();
    }
    timed(entry, time) {
        entry.time = time;
        entry.timed = true;
        const heap = this.heap;
        heap.push(entry);
        let i = heap.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!before(heap[i], heap[parent]))
                break;
            [heap[i], heap[parent]] = [heap[parent], heap[i]];
            i = parent;
        }
    }
    pop() {
        const heap = this.heap;
        const top = heap[0];
        const last = heap.pop();
        if (heap.length > 0) {
            heap[0] = last;
            let i = 0;
            for (;;) {
                const left = 2 * i + 1;
                const right = left + 1;
                let smallest = i;
                if (left < heap.length && before(heap[left], heap[smallest]))
                    smallest = left;
                if (right < heap.length && before(heap[right], heap[smallest]))
                    smallest = right;
                if (smallest === i)
                    break;
                [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
                i = smallest;
            }
        }
        return top;
    }
}

;// CONCATENATED MODULE: ./src/core/search/configuration-search.ts










const newCounters = (estimateLimit = Number.POSITIVE_INFINITY) => ({
    memoryEstimates: 0,
    computeEstimates: 0,
    configurations: 0,
    estimateLimit,
    limitReached: false,
});
function spendEstimate(counters, kind) {
    if (counters.memoryEstimates + counters.computeEstimates >= counters.estimateLimit) {
        counters.limitReached = true;
        return false;
    }
    counters[kind] += 1;
    return true;
}
const CHECKPOINTING_BY_RECOMPUTATION = ['none', 'selective', 'full'];
function comparable(a, b) {
    if (a.dataParallel === b.dataParallel && a.microBatch === b.microBatch)
        return true;
    return a.dataParallel > 1 && b.dataParallel > 1 && a.accumulation > 1 && b.accumulation > 1;
}
function hostMemoryFits(plan) {
    return estimatePlan(plan).budget.checks.every((check) => check.metric !== 'host-memory' || check.pass);
}
function memoryLimitBytes(plan) {
    const capacity = plan.hardware.gpu.memoryBytes;
    const budget = plan.budget.maxMemoryPerGpu;
    if (budget === null)
        return capacity;
    return Math.min(capacity, budget.kind === 'fraction' ? budget.value * capacity : budget.value);
}
function checkpointingModes(setup) {
    const modes = new Set([...setup.space.checkpointing, setup.base.training.activationCheckpointing]);
    return CHECKPOINTING_BY_RECOMPUTATION.filter((mode) => modes.has(mode));
}
function candidatePlan(setup, layout, microBatch, checkpointing, settings) {
    const { base } = setup;
    return {
        ...base,
        training: {
            ...base.training,
            microBatchSize: microBatch,
            gradientAccumulationSteps: setup.globalBatch / (layout.dataParallel * microBatch),
            activationCheckpointing: checkpointing,
            crossEntropy: settings.crossEntropy,
            activationOffloading: settings.activationOffloading,
        },
        parallelism: {
            tensor: layout.tensor,
            pipeline: layout.pipeline,
            virtualPipeline: layout.virtualPipeline,
            context: layout.context,
            expert: layout.expert,
            sequenceParallel: settings.sequenceParallel,
            zero: settings.zero,
            sharding: base.parallelism.sharding,
            offload: { optimizer: settings.offloadOptimizer, parameters: settings.offloadParameters },
            firstStageLayers: settings.split.firstStageLayers,
            lastStageLayers: settings.split.lastStageLayers,
            pipelineSchedule: base.parallelism.pipelineSchedule ?? null,
            ...(base.parallelism.overlap === undefined ? {} : { overlap: base.parallelism.overlap }),
        },
        hardware: { ...base.hardware, gpus: layout.gpus },
    };
}
function planGpuHours(plan, parameters) {
    const t = plan.training;
    const timed = t.tokens === null && t.steps === null ? { ...plan, training: { ...t, steps: 1 } } : plan;
    return estimateGpuHours(timed, parameters);
}
class ConfigurationSearch {
    setup;
    counters;
    layouts;
    modes;
    zeroClasses;
    memos = new NestedCache();
    choices = new NestedCache();
    constructor(setup, counters = newCounters()) {
        this.setup = setup;
        this.counters = counters;
        this.modes = checkpointingModes(setup);
        this.layouts = new LayoutSpace(setup.base, setup.space, setup.globalBatch);
        const stages = zeroStagesOf(setup.base.framework, setup.base.parallelism.sharding);
        this.zeroClasses = [stages.some((stage) => stage !== 3) ? [false] : [], stages.includes(3) ? [true] : []].flat();
    }
    best(gpus, count, fitFirst = false, beaten) {
        const heaviest = this.modes.length - 1;
        const queue = new TimeQueue();
        for (const group of this.shapeGroups(gpus)) {
            this.counters.configurations += group.length * this.modes.length;
            const shapes = fitFirst ? this.fittingAtHeaviest(group) : group;
            for (const shape of shapes)
                queue.add(shape, this.gpuHoursFloor(shape));
        }
        queue.start();
        const found = [];
        let beatenFrom = Number.POSITIVE_INFINITY;
        const threshold = () => (found.length < count ? Number.POSITIVE_INFINITY : found[count - 1].gpuHours);
        for (let next = queue.next(); next !== null; next = queue.next()) {
            if (next.time > threshold())
                break;
            if (beaten?.(next.time)) {
                beatenFrom = next.time;
                break;
            }
            if (!next.timed) {
                const bound = this.gpuHours(next.item, 0);
                if (bound < next.time)
                    throw new Error(`a GPU-hours floor (${next.time}) is above the estimate (${bound})`);
                queue.timed(next, bound);
                continue;
            }
            const { item: shape, time: bound } = next;
            if (!this.fitsAtMostSaving(shape, heaviest))
                continue;
            let mode = 0;
            while (mode < heaviest && !this.fitsAtMostSaving(shape, mode))
                mode++;
            const gpuHours = mode === 0 ? bound : this.gpuHours(shape, mode);
            if (!Number.isFinite(gpuHours) || gpuHours > threshold())
                continue;
            found.push({ shape, mode, gpuHours });
            found.sort((a, b) => a.gpuHours - b.gpuHours);
        }
        const kept = found
            .filter((entry) => entry.gpuHours < beatenFrom)
            .filter((entry, i, unbeaten) => i < count || entry.gpuHours === unbeaten[count - 1]?.gpuHours);
        return kept
            .map((entry) => this.fewestChanges(entry.shape, entry.mode, entry.gpuHours))
            .filter((configuration) => configuration !== null)
            .sort((a, b) => a.gpuHours - b.gpuHours || a.changes - b.changes)
            .slice(0, count)
            .map(({ plan, gpuHours, deviceBytes }) => ({ plan, gpuHours, deviceBytes }));
    }
    fittingAtHeaviest(group) {
        const heaviest = this.modes.length - 1;
        const accumulating = group.filter((shape) => this.accumulation(shape) > 1);
        let low = 0;
        let high = accumulating.length > 0 && !this.fitsAtMostSaving(accumulating[0], heaviest) ? 0 : accumulating.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (this.fitsAtMostSaving(accumulating[middle], heaviest))
                low = middle + 1;
            else
                high = middle;
        }
        const whole = group.filter((shape) => this.accumulation(shape) === 1 && this.fitsAtMostSaving(shape, heaviest));
        return [...accumulating.slice(0, low), ...whole];
    }
    accumulation(shape) {
        return this.setup.globalBatch / (shape.layout.dataParallel * shape.microBatch);
    }
    shapeGroups(gpus) {
        const { base, space, globalBatch } = this.setup;
        const groups = [];
        for (const layout of this.layouts.layouts(gpus)) {
            for (const zero3 of this.zeroClasses) {
                const choices = this.choices.get([layout.tensor, layout.splits, zero3], () => memoryChoices(base, space, layout.tensor, layout.splits, zero3));
                if (choices === null)
                    continue;
                const fitness = this.memos.get([layout.tensor, layout.pipeline, layout.virtualPipeline, layout.context, layout.expert, zero3], () => ({ fits: [], fails: [] }));
                const floors = [];
                groups.push(microBatchOptions(globalBatch, layout.dataParallel)
                    .filter((microBatch) => this.setup.microBatch === undefined || microBatch === this.setup.microBatch)
                    .map((microBatch) => ({
                    layout,
                    microBatch,
                    zero3,
                    choices,
                    fitness,
                    floors,
                })));
            }
        }
        return groups;
    }
    gpuHoursFloor(shape) {
        return gpuHoursFloor(this.lightestPlan(shape)) ?? 0;
    }
    lightestPlan(shape) {
        const settings = mostSavingSettings(shape.choices)[0];
        return candidatePlan(this.setup, shape.layout, shape.microBatch, this.modes[0], settings);
    }
    gpuHours(shape, mode) {
        if (!spendEstimate(this.counters, 'computeEstimates'))
            return Number.POSITIVE_INFINITY;
        const settings = mostSavingSettings(shape.choices)[0];
        const plan = candidatePlan(this.setup, shape.layout, shape.microBatch, this.modes[mode], settings);
        return planGpuHours(plan, this.setup.parameters) ?? 0;
    }
    fitsAtMostSaving(shape, mode) {
        const { fits, fails } = shape.fitness;
        const point = {
            dataParallel: shape.layout.dataParallel,
            microBatch: shape.microBatch,
            mode,
            accumulation: this.accumulation(shape),
        };
        const atMost = (a, b) => comparable(a, b) && a.dataParallel >= b.dataParallel && a.microBatch <= b.microBatch && a.mode >= b.mode;
        if (fits.some((known) => atMost(point, known)))
            return true;
        if (fails.some((known) => atMost(known, point)))
            return false;
        const fit = mostSavingSettings(shape.choices).some((settings, split) => this.fits(candidatePlan(this.setup, shape.layout, shape.microBatch, this.modes[mode], settings), shape, split));
        (fit ? fits : fails).push(point);
        return fit;
    }
    fits(plan, shape, split = 0) {
        if (planRuleProblems(plan).length > 0)
            return false;
        if (shape !== undefined) {
            shape.floors[split] ??= deviceMemoryFloor(plan);
            if (shape.floors[split] > this.setup.memoryLimit)
                return false;
        }
        if (!spendEstimate(this.counters, 'memoryEstimates'))
            return false;
        return deviceMemoryFits(plan, this.setup.memoryLimit);
    }
    fewestChanges(shape, mode, gpuHours) {
        const { base } = this.setup;
        for (const settings of settingsByChanges(shape.choices, base)) {
            const plan = candidatePlan(this.setup, shape.layout, shape.microBatch, this.modes[mode], settings);
            if (planRuleProblems(plan).length > 0)
                continue;
            if (deviceMemoryFloor(plan) > this.setup.memoryLimit)
                continue;
            if (!spendEstimate(this.counters, 'memoryEstimates'))
                return null;
            if (!deviceMemoryFits(plan, this.setup.memoryLimit))
                continue;
            if (this.setup.hostLimited && !hostMemoryFits(plan))
                continue;
            const deviceBytes = estimateMemory(plan).perGpu.device;
            return { plan, gpuHours, deviceBytes, changes: changeCount(base, changesBetween(base, plan)) };
        }
        return null;
    }
}

;// CONCATENATED MODULE: ./src/core/search/framework-search-space.ts
const ALL_CHECKPOINTING = ['none', 'selective', 'full'];
const TORCHTITAN = {
    tensor: true,
    pipeline: true,
    virtualPipeline: false,
    unevenStages: false,
    context: true,
    expert: false,
    sequenceParallel: true,
    checkpointing: ALL_CHECKPOINTING,
    crossEntropy: ['standard'],
    activationOffloading: false,
    offloadOptimizer: false,
    offloadParameters: true,
    eightBitOptimizer: null,
    adapterMethod: null,
};
const FRAMEWORK_SEARCH_SPACE = {
    generic: {
        tensor: true,
        pipeline: true,
        virtualPipeline: true,
        unevenStages: true,
        context: true,
        expert: true,
        sequenceParallel: true,
        checkpointing: ALL_CHECKPOINTING,
        crossEntropy: ['standard', 'chunked', 'fused'],
        activationOffloading: true,
        offloadOptimizer: true,
        offloadParameters: true,
        eightBitOptimizer: 'adamw-8bit',
        adapterMethod: 'lora',
    },
    megatron: {
        tensor: true,
        pipeline: true,
        virtualPipeline: true,
        unevenStages: true,
        context: true,
        expert: true,
        sequenceParallel: true,
        checkpointing: ALL_CHECKPOINTING,
        crossEntropy: ['standard'],
        activationOffloading: false,
        offloadOptimizer: false,
        offloadParameters: false,
        eightBitOptimizer: null,
        adapterMethod: null,
    },
    deepspeed: {
        tensor: false,
        pipeline: false,
        virtualPipeline: false,
        unevenStages: false,
        context: false,
        expert: false,
        sequenceParallel: false,
        checkpointing: ['none', 'full'],
        crossEntropy: ['standard'],
        activationOffloading: false,
        offloadOptimizer: true,
        offloadParameters: true,
        eightBitOptimizer: null,
        adapterMethod: null,
    },
    fsdp: TORCHTITAN,
    torchtitan: TORCHTITAN,
    'hf-trainer': {
        tensor: false,
        pipeline: false,
        virtualPipeline: false,
        unevenStages: false,
        context: false,
        expert: false,
        sequenceParallel: false,
        checkpointing: ['none', 'full'],
        crossEntropy: ['standard', 'fused'],
        activationOffloading: false,
        offloadOptimizer: true,
        offloadParameters: true,
        eightBitOptimizer: 'adamw-8bit',
        adapterMethod: 'lora',
    },
    torchtune: {
        tensor: false,
        pipeline: false,
        virtualPipeline: false,
        unevenStages: false,
        context: false,
        expert: false,
        sequenceParallel: false,
        checkpointing: ['none', 'full'],
        crossEntropy: ['standard', 'chunked'],
        activationOffloading: true,
        offloadOptimizer: false,
        offloadParameters: true,
        eightBitOptimizer: 'adamw-8bit',
        adapterMethod: 'lora',
    },
};

;// CONCATENATED MODULE: ./src/core/search/pareto.ts
function paretoFront(points, first, second) {
    return points.filter((p) => !points.some((q) => q !== p && first(q) <= first(p) && second(q) <= second(p) && (first(q) < first(p) || second(q) < second(p))));
}

;// CONCATENATED MODULE: ./src/core/search/sizing.ts






function searchSetup(plan) {
    const { training } = plan;
    return {
        base: plan,
        space: FRAMEWORK_SEARCH_SPACE[plan.framework],
        globalBatch: training.microBatchSize * training.gradientAccumulationSteps * dataParallelSize(plan),
        memoryLimit: memoryLimitBytes(plan),
        hostLimited: hostLimited(plan),
        parameters: planParameters(plan),
    };
}
function sizedConfiguration(plan) {
    const estimate = estimatePlan(plan);
    const perStep = estimate.compute === null && plan.training.tokens === null && plan.training.steps === null;
    const gpuHours = perStep ? planGpuHours(plan, estimate.parameters) : (estimate.compute?.gpuHours ?? null);
    const price = plan.hardware.pricePerGpuHour;
    return {
        plan,
        gpus: plan.hardware.gpus,
        deviceBytes: estimate.memory.perGpu.device,
        gpuHours,
        wallClockHours: gpuHours === null ? null : gpuHours / plan.hardware.gpus,
        costUsd: gpuHours === null || price === null ? null : gpuHours * price,
        perStep,
    };
}
function sizeOnGpu(base, maxGpus, counters = newCounters()) {
    const search = new ConfigurationSearch(searchSetup(base), counters);
    const counts = search.layouts.gpuCounts(maxGpus);
    let smallest = null;
    let from = 0;
    for (; from < counts.length && smallest === null; from++) {
        const [best] = search.best(counts[from], 1, true);
        if (best !== undefined)
            smallest = sizedConfiguration(best.plan);
    }
    if (smallest === null)
        return { base, smallest, byGpuCount: [] };
    const larger = [];
    for (let i = counts.length - 1; i >= from; i--) {
        const gpus = counts[i];
        const sized = [smallest, ...larger];
        const beaten = (gpuHoursFloor) => sized.some((other) => beatsEveryConfigurationFrom(other, gpus, gpuHoursFloor, base.hardware.pricePerGpuHour));
        const [best] = search.best(gpus, 1, false, beaten);
        if (best !== undefined)
            larger.push(sizedConfiguration(best.plan));
    }
    return { base, smallest, byGpuCount: [smallest, ...larger.reverse()] };
}
function beatsEveryConfigurationFrom(other, gpus, gpuHoursFloor, price) {
    if (other.wallClockHours === null || other.gpuHours === null || other.perStep || gpuHoursFloor <= 0)
        return false;
    const spendFloor = price === null ? gpuHoursFloor : gpuHoursFloor * price;
    return other.wallClockHours < gpuHoursFloor / gpus && spend(other) < spendFloor;
}
const wallClock = (c) => c.wallClockHours ?? Number.POSITIVE_INFINITY;
const spend = (c) => c.costUsd ?? c.gpuHours ?? Number.POSITIVE_INFINITY;
function sizingFront(configurations) {
    return paretoFront(configurations, wallClock, spend).sort((a, b) => wallClock(a) - wallClock(b) || spend(a) - spend(b));
}
function withinLimits(configuration, limits) {
    if (configuration.gpus > limits.maxGpus)
        return false;
    if (limits.maxWallClockHours !== null && (configuration.wallClockHours ?? 0) > limits.maxWallClockHours)
        return false;
    if (limits.maxCostUsd !== null && (configuration.costUsd ?? 0) > limits.maxCostUsd)
        return false;
    return true;
}
function fastestWithin(configurations, limits) {
    const within = configurations.filter((configuration) => withinLimits(configuration, limits));
    within.sort((a, b) => wallClock(a) - wallClock(b) || spend(a) - spend(b));
    return within[0] ?? null;
}

;// CONCATENATED MODULE: ./src/core/search/single-gpu.ts




const SEQUENCE_STEP = 256;
const LONGEST_SEQUENCE_TRIED = 1_048_576;
const LARGEST_MICRO_BATCH_TRIED = 65_536;
function fitOnOneGpu(plan, sequenceLength, microBatch, counters) {
    const base = applyChanges({ ...plan, training: { ...plan.training, sequenceLength } }, { 'training.micro_batch_size': microBatch, 'hardware.gpus': 1 });
    const setup = {
        ...searchSetup(base),
        globalBatch: microBatch * plan.training.gradientAccumulationSteps,
        microBatch,
    };
    const [best] = new ConfigurationSearch(setup, counters).best(1, 1);
    return best === undefined ? null : sizedConfiguration(best.plan);
}
function longestSequence(plan, original, counters) {
    let low = 0;
    let high = LONGEST_SEQUENCE_TRIED / SEQUENCE_STEP;
    let found = null;
    while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        const fit = fitOnOneGpu(plan, middle * SEQUENCE_STEP, 1, counters);
        if (fit === null)
            high = middle - 1;
        else {
            low = middle;
            found = fit;
        }
    }
    if (found === null || low === 0)
        return null;
    return { value: low * SEQUENCE_STEP, configuration: found, changes: changesFrom(original, found.plan) };
}
function changesFrom(plan, candidate) {
    const sequence = candidate.training.sequenceLength === plan.training.sequenceLength
        ? {}
        : { 'training.sequence_length': candidate.training.sequenceLength };
    const sameLength = {
        ...candidate,
        training: { ...candidate.training, sequenceLength: plan.training.sequenceLength },
    };
    return { ...sequence, ...changesBetween(plan, sameLength) };
}
function largestMicroBatch(plan, counters) {
    let fits = fitOnOneGpu(plan, plan.training.sequenceLength, 1, counters);
    if (fits === null)
        return null;
    let low = 1;
    let high = 2;
    for (;;) {
        const fit = fitOnOneGpu(plan, plan.training.sequenceLength, high, counters);
        if (fit === null || high > LARGEST_MICRO_BATCH_TRIED)
            break;
        fits = fit;
        low = high;
        high *= 2;
    }
    while (high - low > 1) {
        const middle = (low + high) >> 1;
        const fit = fitOnOneGpu(plan, plan.training.sequenceLength, middle, counters);
        if (fit === null)
            high = middle;
        else {
            low = middle;
            fits = fit;
        }
    }
    return { value: low, configuration: fits, changes: changesFrom(plan, fits.plan) };
}
function answerSingleGpu(plan, counters) {
    const eightBit = FRAMEWORK_SEARCH_SPACE[plan.framework].eightBitOptimizer;
    const adamLike = plan.training.optimizer === 'adamw' || plan.training.optimizer === 'adam';
    return {
        longestSequence: longestSequence(plan, plan, counters),
        largestMicroBatch: largestMicroBatch(plan, counters),
        longestSequenceWithEightBitOptimizer: eightBit !== null && adamLike
            ? longestSequence(applyChanges(plan, { 'training.optimizer': eightBit }), plan, counters)
            : null,
    };
}

;// CONCATENATED MODULE: ./src/core/search/memory-sweep.ts

const SWEEP_NEAR_LIMIT_SHARE = 0.2;
const SWEEP_POINTS = 5;
function nearLimit(deviceBytes, limitBytes) {
    return Math.abs(deviceBytes / limitBytes - 1) <= SWEEP_NEAR_LIMIT_SHARE;
}
function sweepValues(value, largest) {
    const values = [];
    for (const divisor of [4, 2])
        if (value % divisor === 0)
            values.push(value / divisor);
    let next = value;
    while (values.length < SWEEP_POINTS && next <= largest) {
        values.push(next);
        next *= 2;
    }
    return values;
}
function largestFitting(fits, most) {
    if (!fits(1))
        return null;
    let low = 1;
    let high = 2;
    while (high <= most && fits(high)) {
        low = high;
        high *= 2;
    }
    high = Math.min(high, most + 1);
    while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (fits(middle))
            low = middle;
        else
            high = middle;
    }
    return low;
}
function withMicroBatch(plan, microBatchSize) {
    return { ...plan, training: { ...plan.training, microBatchSize } };
}
function withSequenceLength(plan, sequenceLength) {
    return { ...plan, training: { ...plan.training, sequenceLength } };
}
function memorySweeps(plan, deviceBytes, limit, deviceBytesOf) {
    if (!nearLimit(deviceBytes, limit.bytes))
        return null;
    const within = (candidate) => deviceBytesOf(candidate) <= limit.bytes;
    const { microBatchSize, sequenceLength } = plan.training;
    const point = (value, candidate) => ({
        value,
        deviceBytes: deviceBytesOf(candidate),
    });
    return {
        limit,
        microBatch: {
            setting: 'training.micro_batch_size',
            planValue: microBatchSize,
            points: sweepValues(microBatchSize, LARGEST_MICRO_BATCH_TRIED).map((value) => point(value, withMicroBatch(plan, value))),
            largestWithinLimit: largestFitting((n) => within(withMicroBatch(plan, n)), LARGEST_MICRO_BATCH_TRIED),
        },
        sequenceLength: {
            setting: 'training.sequence_length',
            planValue: sequenceLength,
            points: sweepValues(sequenceLength, LONGEST_SEQUENCE_TRIED).map((value) => point(value, withSequenceLength(plan, value))),
            largestWithinLimit: (() => {
                const steps = largestFitting((n) => within(withSequenceLength(plan, n * SEQUENCE_STEP)), LONGEST_SEQUENCE_TRIED / SEQUENCE_STEP);
                return steps === null ? null : steps * SEQUENCE_STEP;
            })(),
        },
    };
}

;// CONCATENATED MODULE: ./src/core/search/recommend.ts





const MAX_RECOMMENDATIONS = 5;
const RECOMMENDATION_ESTIMATE_LIMIT = 10_000;
function needsRecommendations(estimate) {
    return (!estimate.memory.fits ||
        estimate.budget.checks.some((check) => (check.metric === 'memory' || check.metric === 'host-memory') && !check.pass));
}
function numericsAlternatives(plan) {
    const space = FRAMEWORK_SEARCH_SPACE[plan.framework];
    const alternatives = [];
    const adamLike = plan.training.optimizer === 'adamw' || plan.training.optimizer === 'adam';
    if (space.eightBitOptimizer !== null && adamLike) {
        alternatives.push(applyChanges(plan, { 'training.optimizer': space.eightBitOptimizer }));
    }
    if (space.adapterMethod !== null && plan.training.method === 'full') {
        alternatives.push(applyChanges(plan, { 'training.method': space.adapterMethod }));
    }
    return alternatives;
}
function searchFor(plan, counters) {
    return new ConfigurationSearch(searchSetup(plan), counters);
}
function toRecommendation(base, configuration, changesNumerics) {
    const changes = changesBetween(base, configuration.plan);
    const estimate = estimatePlan(applyChanges(base, changes));
    return {
        changes,
        changesNumerics,
        peakDeviceBytes: estimate.memory.perGpu.device,
        gpus: configuration.plan.hardware.gpus,
        gpuHours: estimate.compute?.gpuHours ?? null,
        wallClockHours: estimate.compute?.wallClockHours ?? null,
        costUsd: estimate.compute?.costUsd ?? null,
    };
}
function recommendPlans(plan, estimate = estimatePlan(plan), counters = newCounters(RECOMMENDATION_ESTIMATE_LIMIT)) {
    if (!needsRecommendations(estimate))
        return [];
    const rank = (configurations) => [...configurations].sort((a, b) => a.gpuHours - b.gpuHours ||
        changeCount(plan, changesBetween(plan, a.plan)) - changeCount(plan, changesBetween(plan, b.plan)));
    const search = searchFor(plan, counters);
    const alternativeSearches = numericsAlternatives(plan).map((alternative) => searchFor(alternative, counters));
    for (const gpus of gpuCountsToTry(plan, search)) {
        if (counters.limitReached)
            break;
        const kept = search.best(gpus, MAX_RECOMMENDATIONS);
        const missing = MAX_RECOMMENDATIONS - kept.length;
        const alternatives = missing === 0
            ? []
            : rank(alternativeSearches.flatMap((alternative) => alternative.best(gpus, missing))).slice(0, missing);
        if (kept.length + alternatives.length === 0)
            continue;
        return [
            ...kept.map((configuration) => toRecommendation(plan, configuration, false)),
            ...alternatives.map((configuration) => toRecommendation(plan, configuration, true)),
        ];
    }
    return [];
}
function gpuCountsToTry(plan, search) {
    const own = plan.hardware.gpus;
    const most = plan.budget.maxGpus ?? own * 8;
    const larger = search.layouts.gpuCounts(most).filter((gpus) => gpus > own);
    return [own, ...larger];
}

;// CONCATENATED MODULE: ./src/report/schema.ts
const REPORT_SCHEMA_VERSION = 1;

;// CONCATENATED MODULE: ./src/report/build-report.ts






const SEARCH_LIMIT_LINE = `Ways out: the search stopped at its limit of ${RECOMMENDATION_ESTIMATE_LIMIT.toLocaleString('en-US')} estimates for this plan; the configurations shown fit, faster ones may exist (\`train-memory plan\` searches without this limit)`;
function mergeAssumptions(plan, estimate, extra) {
    const lines = [];
    for (const line of [...plan.assumptions, ...estimate.assumptions, ...extra, ...(plan.plainDefaults ?? [])]) {
        if (!lines.includes(line))
            lines.push(line);
    }
    return lines;
}
function memoryLimitOf(estimate) {
    const capacity = estimate.memory.capacityBytes;
    const budget = Math.min(...estimate.budget.checks.filter((check) => check.metric === 'memory').map((check) => check.limit));
    return budget < capacity ? { bytes: budget, kind: 'budget' } : { bytes: capacity, kind: 'capacity' };
}
function planMemorySweeps(plan, estimate, estimator) {
    return memorySweeps(plan, estimate.memory.perGpu.device, memoryLimitOf(estimate), (candidate) => estimator(candidate).memory.perGpu.device);
}
function buildReportPlan(loaded, estimate, recommendations = [], sweeps = null, extraAssumptions = []) {
    const { plan } = loaded;
    return {
        name: plan.name,
        file: loaded.file,
        line: loaded.line,
        model: plan.modelName,
        hardware: {
            gpu: plan.hardware.gpu.id,
            gpuName: plan.hardware.gpu.name,
            gpus: plan.hardware.gpus,
            gpusPerNode: plan.hardware.gpusPerNode,
        },
        parameters: estimate.parameters,
        memory: { ...estimate.memory, host: estimate.host },
        compute: estimate.compute,
        budget: estimate.budget,
        notices: estimate.notices,
        assumptions: mergeAssumptions(plan, estimate, extraAssumptions),
        plainDefaults: plan.plainDefaults ?? [],
        warnings: loaded.warnings,
        recommendations,
        memorySweeps: sweeps,
    };
}
function buildReport(loaded, estimate = estimatePlan, recommend = recommendPlans, timeBudget = UNLIMITED) {
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        plans: loaded.map((entry, index) => {
            timeBudget.check(() => `while estimating plan "${entry.plan.name}" of ${entry.file} (${index} of ${loaded.length} plans done)`);
            const planEstimate = estimate(entry.plan);
            const counters = newCounters(RECOMMENDATION_ESTIMATE_LIMIT);
            const recommendations = recommend(entry.plan, planEstimate, counters);
            return buildReportPlan(entry, planEstimate, recommendations, planMemorySweeps(entry.plan, planEstimate, estimate), counters.limitReached ? [SEARCH_LIMIT_LINE] : []);
        }),
    };
}

;// CONCATENATED MODULE: ./src/report/markdown-escape.ts
const ZERO_WIDTH_JOINER = '\u200d';
const MAX_SHOWN_CHARACTERS = 1000;
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const MARKDOWN_SPECIALS = /[\\`*_{}[\]()#|~!$]/g;
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const codePoint = (char) => `‹U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}›`;
function visibleLine(text) {
    const line = text
        .replace(/[\r\n\t]+/g, ' ')
        .replace(INVISIBLE, codePoint)
        .replace(CONTROLS, codePoint);
    if (line.length <= MAX_SHOWN_CHARACTERS)
        return line;
    const cut = Array.from(line.slice(0, MAX_SHOWN_CHARACTERS)).slice(0, -1).join('');
    return `${cut}… (${line.length} characters)`;
}
function unlinked(text) {
    return (text
        .replace(/@/g, `@${ZERO_WIDTH_JOINER}`)
        .replace(/(?<!&)#(?=\d)/g, `#${ZERO_WIDTH_JOINER}`)
        .replace(/&#35;(?=\d)/g, `&#35;${ZERO_WIDTH_JOINER}`)
        .replace(/\b(GH)-(?=\d)/gi, `$1-${ZERO_WIDTH_JOINER}`)
        .replace(/:\/\//g, `:${ZERO_WIDTH_JOINER}//`)
        .replace(/\b(www)\./gi, `$1${ZERO_WIDTH_JOINER}.`));
}
function escapeMarkdownText(text) {
    return unlinked(visibleLine(text)
        .replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char)
        .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`));
}
function escapeHtmlText(text) {
    return unlinked(visibleLine(text)
        .replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char)
        .replace(/[`*_[\]|~#]/g, (char) => `&#${char.charCodeAt(0)};`));
}

;// CONCATENATED MODULE: ./src/report/format.ts

function groupThousands(decimal) {
    const negative = decimal.startsWith('-');
    const unsigned = negative ? decimal.slice(1) : decimal;
    const dot = unsigned.indexOf('.');
    const whole = dot === -1 ? unsigned : unsigned.slice(0, dot);
    const fraction = dot === -1 ? '' : unsigned.slice(dot);
    let grouped = '';
    for (let i = 0; i < whole.length; i++) {
        if (i > 0 && (whole.length - i) % 3 === 0)
            grouped += ',';
        grouped += whole[i];
    }
    return `${negative ? '-' : ''}${grouped}${fraction}`;
}
function formatCount(value) {
    return groupThousands(Math.round(value).toFixed(0));
}
const SHORT_SCALES = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
];
function formatCountShort(value) {
    for (const [scale, suffix] of SHORT_SCALES) {
        if (Math.abs(value) >= scale * 0.9995) {
            const scaled = value / scale;
            const digits = Math.abs(scaled) >= 99.95 ? 0 : Math.abs(scaled) >= 9.995 ? 1 : 2;
            return `${groupThousands(scaled.toFixed(digits))}${suffix}`;
        }
    }
    return formatCount(value);
}
function formatGibNumber(bytes) {
    if (bytes === 0)
        return '0';
    const gib = bytes / BYTES_PER_GIB;
    return groupThousands(gib.toFixed(Math.abs(gib) < 1 ? 2 : 1));
}
function formatGib(bytes) {
    return `${formatGibNumber(bytes)} GiB`;
}
function formatGb(bytes) {
    if (bytes === 0)
        return '0 GB';
    const gb = bytes / BYTES_PER_GB;
    return `${groupThousands(gb.toFixed(Math.abs(gb) < 1 ? 2 : 1))} GB`;
}
function formatBytes(bytes) {
    return bytes === 0 ? '0' : `${formatGib(bytes)} (${formatGb(bytes)})`;
}
const SUPERSCRIPT = {
    '-': '⁻',
    '0': '⁰',
    '1': '¹',
    '2': '²',
    '3': '³',
    '4': '⁴',
    '5': '⁵',
    '6': '⁶',
    '7': '⁷',
    '8': '⁸',
    '9': '⁹',
};
function formatScientific(value) {
    if (value === 0)
        return '0';
    const [mantissa, exponent] = value.toExponential(1).split('e');
    const power = [...String(Number(exponent))].map((char) => SUPERSCRIPT[char] ?? char).join('');
    return `${mantissa} × 10${power}`;
}
function formatScientificPlain(value) {
    if (value === 0)
        return '0';
    const [mantissa, exponent] = value.toExponential(1).split('e');
    return `${mantissa}e${Number(exponent)}`;
}
function formatGpuHoursNumber(hours) {
    return groupThousands(hours >= 10 ? hours.toFixed(0) : hours.toFixed(1));
}
function formatGpuHours(hours) {
    return `${formatGpuHoursNumber(hours)} GPU-hours`;
}
function formatHours(hours) {
    if (hours < 1)
        return `${Math.round(hours * 60)} min`;
    if (hours <= 48)
        return `${hours >= 10 ? hours.toFixed(0) : hours.toFixed(1)} h`;
    const days = hours / HOURS_PER_DAY;
    return `${groupThousands(days >= 100 ? days.toFixed(0) : days.toFixed(1))} d`;
}
function formatDuration(seconds) {
    return formatHours(seconds / SECONDS_PER_HOUR);
}
function formatUsd(usd) {
    const sign = usd < 0 ? '-' : '';
    const amount = Math.abs(usd);
    return `${sign}$${groupThousands(amount >= 100 ? amount.toFixed(0) : amount.toFixed(2))}`;
}
function formatPercent(fraction) {
    const percent = fraction * 100;
    if (percent !== 0 && Math.abs(percent) < 10)
        return `${percent.toFixed(1)}%`;
    return `${percent.toFixed(0)}%`;
}
function formatSignedDelta(delta, format) {
    if (delta === 0)
        return '±0';
    return `${delta > 0 ? '+' : '−'}${format(Math.abs(delta))}`;
}

;// CONCATENATED MODULE: ./src/report/markdown-budget.ts
function capacityFor(metric, capacities) {
    if (metric === 'memory')
        return capacities.capacityBytes;
    if (metric === 'host-memory')
        return capacities.host?.capacityBytes ?? 0;
    return 0;
}
function isCapacityCheck(check, capacities) {
    const capacity = capacityFor(check.metric, capacities);
    return capacity > 0 && check.limit === capacity;
}

const METRIC_NOUNS = {
    memory: 'memory',
    'host-memory': 'host memory',
    gpus: 'GPUs',
    'gpu-hours': 'GPU-hours',
    cost: 'cost',
    'wall-clock': 'wall clock',
};
function formatMetricValue(metric, value) {
    switch (metric) {
        case 'memory':
        case 'host-memory':
            return formatGib(value);
        case 'gpus':
            return formatCount(value);
        case 'gpu-hours':
            return formatGpuHoursNumber(value);
        case 'cost':
            return formatUsd(value);
        case 'wall-clock':
            return formatDuration(value);
    }
}
function formatLimit(check, capacityBytes) {
    const value = formatMetricValue(check.metric, check.limit);
    if ((check.metric !== 'memory' && check.metric !== 'host-memory') || capacityBytes <= 0)
        return value;
    if (check.limit !== capacityBytes)
        return `${value} (${formatPercent(check.limit / capacityBytes)})`;
    return check.metric === 'memory' ? `${value} usable` : `${value} RAM`;
}
function formatBudgetCell(checks, capacityBytes = 0) {
    const budgetLines = checks.filter((check) => !((check.metric === 'memory' || check.metric === 'host-memory') && check.limit === capacityBytes));
    const shown = budgetLines.length > 0 ? budgetLines : checks;
    if (shown.length === 0)
        return '—';
    return shown.map((check) => `${check.pass ? '✅' : '❌'} ≤ ${formatLimit(check, capacityBytes)}`).join('; ');
}
const VIOLATION_NOUNS = {
    memory: 'memory per GPU',
    'host-memory': 'host memory per node',
};
function describeViolation(check, capacities = { capacityBytes: 0 }) {
    const noun = VIOLATION_NOUNS[check.metric] ?? METRIC_NOUNS[check.metric];
    const actual = formatMetricValue(check.metric, check.actual);
    const capacity = capacityFor(check.metric, capacities);
    if (isCapacityCheck(check, capacities)) {
        const where = check.metric === 'memory' ? 'usable on the GPU' : 'of RAM on the node';
        return `${noun} ${actual}, over the ${formatMetricValue(check.metric, capacity)} ${where}`;
    }
    return `${noun} ${actual}, over the limit of ${formatLimit(check, capacity)}`;
}
function failedChecks(budget, memory) {
    const failed = [...budget.checks, ...budget.violations.filter((v) => !budget.checks.includes(v))].filter((check) => !check.pass);
    const deduplicated = failed.filter((check, index) => failed.findIndex((other) => other.metric === check.metric && other.limit === check.limit) === index);
    const overRam = deduplicated.some((check) => check.metric === 'host-memory' && isCapacityCheck(check, memory));
    const unique = overRam
        ? deduplicated.filter((check) => check.metric !== 'host-memory' || isCapacityCheck(check, memory))
        : deduplicated;
    const overCapacity = !memory.fits || unique.some((c) => c.metric === 'memory' && c.limit === memory.capacityBytes);
    if (!overCapacity)
        return unique;
    const capacityLine = {
        metric: 'memory',
        limit: memory.capacityBytes,
        actual: memory.perGpu.device,
        pass: false,
        message: '',
    };
    return [capacityLine, ...unique.filter((check) => check.metric !== 'memory')];
}

;// CONCATENATED MODULE: ./src/report/compare.ts

const DEFAULT_CHANGE_THRESHOLD = 0.01;
const COMPARED_METRICS = [
    'memory',
    'host-memory',
    'gpus',
    'gpu-hours',
    'wall-clock',
    'cost',
];
const CHANGE_METRICS = ['memory', 'gpus', 'gpu-hours', 'cost'];
const TERM_NAMES = [
    'parameters',
    'gradients',
    'optimizerStates',
    'activations',
    'logits',
    'overheads',
];
function overheadBytes(plan) {
    const m = plan.memory.perGpu;
    return m.device - (m.parameters + m.gradients + m.optimizerStates + m.activations + m.logits);
}
function termBytes(plan, term) {
    return term === 'overheads' ? overheadBytes(plan) : plan.memory.perGpu[term];
}
function metricValue(plan, metric) {
    switch (metric) {
        case 'memory':
            return plan.memory.perGpu.device;
        case 'host-memory':
            return plan.memory.host === undefined ? null : plan.memory.hostPerNode;
        case 'gpus':
            return plan.hardware.gpus;
        case 'gpu-hours':
            return plan.compute?.gpuHours ?? null;
        case 'wall-clock':
            return plan.compute?.wallClockHours ?? null;
        case 'cost':
            return plan.compute?.costUsd ?? null;
    }
}
function valueChange(base, head, threshold) {
    if (base === null || head === null) {
        return { base, head, delta: null, relative: null, moved: base !== head };
    }
    const delta = head - base;
    if (base === 0)
        return { base, head, delta, relative: null, moved: delta !== 0 };
    const relative = delta / Math.abs(base);
    return { base, head, delta, relative, moved: Math.abs(relative) > threshold };
}
function violationKey(check, memory) {
    return isCapacityCheck(check, memory) ? `${check.metric}:capacity` : check.metric;
}
function compareViolations(plan, base, threshold) {
    const headFailed = failedChecks(plan.budget, plan.memory);
    if (base === null) {
        return { violations: headFailed.map((check) => ({ check, status: 'new', baseActual: null })), resolved: [] };
    }
    const baseFailed = new Map();
    for (const check of failedChecks(base.budget, base.memory)) {
        baseFailed.set(violationKey(check, base.memory), check);
    }
    const violations = headFailed.map((check) => {
        const key = violationKey(check, plan.memory);
        const before = baseFailed.get(key) ??
            (key === 'memory' || key === 'host-memory' ? baseFailed.get(`${key}:capacity`) : undefined);
        if (before === undefined)
            return { check, status: 'new', baseActual: null };
        const worse = valueChange(before.actual, check.actual, threshold);
        return {
            check,
            status: worse.moved && (worse.delta ?? 0) > 0 ? 'worse' : 'as-before',
            baseActual: before.actual,
        };
    });
    const headKeys = new Set(headFailed.map((check) => violationKey(check, plan.memory)));
    const resolved = [...baseFailed.entries()]
        .filter(([key]) => !headKeys.has(key) && !((key === 'memory' || key === 'host-memory') && headKeys.has(`${key}:capacity`)))
        .map(([, check]) => check);
    return { violations, resolved };
}
function comparePlan(plan, base, threshold) {
    const { violations, resolved } = compareViolations(plan, base, threshold);
    if (base === null) {
        return { plan, base, status: 'new', metrics: [], movedTerms: [], violations, resolved };
    }
    const metrics = COMPARED_METRICS.map((metric) => ({
        metric,
        ...valueChange(metricValue(base, metric), metricValue(plan, metric), threshold),
    }));
    const movedTerms = TERM_NAMES.map((term) => ({
        term,
        ...valueChange(termBytes(base, term), termBytes(plan, term), threshold),
    }))
        .filter((change) => change.moved)
        .sort((a, b) => Math.abs(b.delta ?? 0) - Math.abs(a.delta ?? 0));
    const changed = metrics.some((change) => change.moved && CHANGE_METRICS.includes(change.metric)) ||
        violations.some((violation) => violation.status === 'new') ||
        resolved.length > 0 ||
        plan.hardware.gpu !== base.hardware.gpu;
    return { plan, base, status: changed ? 'changed' : 'unchanged', metrics, movedTerms, violations, resolved };
}
function compareReports(head, base, threshold = DEFAULT_CHANGE_THRESHOLD) {
    const baseByName = new Map(base.plans.map((plan) => [plan.name, plan]));
    const headNames = new Set(head.plans.map((plan) => plan.name));
    const plans = head.plans.map((plan) => comparePlan(plan, baseByName.get(plan.name) ?? null, threshold));
    const removed = base.plans.filter((plan) => !headNames.has(plan.name));
    const changed = removed.length > 0 || plans.some((comparison) => comparison.status !== 'unchanged');
    return { threshold, plans, removed, changed };
}
function metricChange(comparison, metric) {
    return comparison.metrics.find((change) => change.metric === metric);
}
function hasNewViolation(comparison) {
    return comparison.violations.some((violation) => violation.status === 'new');
}
function withBase(report, comparison) {
    const byName = new Map(comparison.plans.map((entry) => [entry.plan.name, entry.base]));
    return {
        ...report,
        plans: report.plans.map((plan) => ({ ...plan, base: stripBase(byName.get(plan.name) ?? null) })),
        removedPlans: comparison.removed.map((plan) => plan.name),
    };
}
function stripBase(plan) {
    if (plan === null)
        return null;
    const { base: _ignored, ...rest } = plan;
    return rest;
}

;// CONCATENATED MODULE: ./src/report/assumption-groups.ts
function assumptionGroups(plan) {
    const plain = new Set(plan.plainDefaults ?? []);
    return {
        changing: plan.assumptions.filter((line) => !plain.has(line)),
        plain: plan.assumptions.filter((line) => plain.has(line)),
    };
}

;// CONCATENATED MODULE: ./src/report/host-memory-lines.ts


const HOST_TERM_LABELS = [
    ['processes', 'training processes'],
    ['checkpointLoad', 'checkpoint being loaded'],
    ['offloadedParameters', 'offloaded parameters'],
    ['offloadedGradients', 'offloaded gradients'],
    ['offloadedOptimizerStates', 'offloaded optimizer states'],
    ['offloadBuffers', 'offload buffers'],
    ['pinnedRounding', 'pinned-block rounding'],
    ['cpuOptimizerStep', 'CPU optimizer step'],
    ['activationOffload', 'offloaded activations'],
    ['checkpointSave', 'checkpoint being saved'],
];
const capitalised = (label) => `${label[0].toUpperCase()}${label.slice(1)}`;
const gibCell = (bytes) => (bytes === 0 ? '—' : formatGibNumber(bytes));
function offloadedStateBytes(plan) {
    const training = plan.memory.host?.phases.training;
    if (training === undefined)
        return plan.memory.hostPerNode;
    return training.offloadedParameters + training.offloadedGradients + training.offloadedOptimizerStates;
}
const HOST_PHASE_WORDS = {
    loading: 'loading the checkpoint',
    training: 'training steps',
    saving: 'saving a checkpoint',
};
const HOST_PHASE_TITLES = {
    loading: 'Loading',
    training: 'Training',
    saving: 'Saving',
};
function shownHostTerms(host) {
    return HOST_TERM_LABELS.filter(([key]) => HOST_PHASES.some((phase) => host.phases[phase][key] > 0));
}
function hostShortText(plan) {
    const host = plan.memory.host;
    if (host === undefined)
        return '—';
    const bytes = plan.memory.hostPerNode;
    const capacity = host?.capacityBytes ?? null;
    return capacity === null ? formatGib(bytes) : `${formatGib(bytes)} (${formatPercent(bytes / capacity)})`;
}
function hostMemoryCell(plan, strong = (text) => `**${text}**`) {
    const host = plan.memory.host;
    const peak = strong(formatGib(plan.memory.hostPerNode));
    if (host === undefined)
        return peak;
    const phase = `peak while ${HOST_PHASE_WORDS[host.peakPhase]}`;
    if (host.capacityBytes === null)
        return `${peak}, ${phase} (node RAM not given)`;
    return `${peak} of ${formatGib(host.capacityBytes)} RAM (${formatPercent(host.perNode / host.capacityBytes)}), ${phase}`;
}
function hostMarkdownTable(plan) {
    const host = plan.memory.host;
    if (host === undefined)
        return [];
    const phaseCell = (phase, text) => (phase === host.peakPhase ? `**${text}**` : text);
    const rows = [
        `Host memory per node (${host.ranksPerNode} ${host.ranksPerNode === 1 ? 'rank' : 'ranks'}; checkpoint load \`${host.checkpoint.load}\`, save \`${host.checkpoint.save}\`):`,
        '',
        `| Term | ${HOST_PHASES.map((phase) => `${HOST_PHASE_TITLES[phase]} GiB`).join(' | ')} |`,
        `|---|${HOST_PHASES.map(() => '---:').join('|')}|`,
        ...shownHostTerms(host).map(([key, label]) => `| ${capitalised(label)} | ${HOST_PHASES.map((phase) => formatGibNumber(host.phases[phase][key])).join(' | ')} |`),
        `| **Per node** | ${HOST_PHASES.map((phase) => phaseCell(phase, formatGibNumber(host.phaseTotals[phase]))).join(' | ')} |`,
    ];
    const notes = [];
    if (host.capacityBytes !== null) {
        notes.push(`Node RAM ${formatGib(host.capacityBytes)} (${host.capacitySource ?? 'plan'}): the peak is ${formatPercent(host.perNode / host.capacityBytes)} of it.`);
    }
    if (host.pinnedBytes > 0)
        notes.push(`Page-locked at the peak: ${formatGib(host.pinnedBytes)}.`);
    const nvme = host.nvme;
    if (nvme !== null) {
        const needed = nvme.requiredBandwidth === null ? '' : `, ${(nvme.requiredBandwidth / 1e9).toFixed(1)} GB/s needed to keep up`;
        notes.push(`NVMe per node: ${formatGib(nvme.bytesPerNode)} stored; ${formatGib(nvme.readBytesPerStep)} read and ${formatGib(nvme.writeBytesPerStep)} written per step${needed}.`);
    }
    return notes.length > 0 ? [...rows, '', notes.join(' ')] : rows;
}
const TEXT_LABEL_WIDTH = 26;
const TEXT_COLUMN_WIDTH = 13;
function hostTextLines(plan) {
    const host = plan.memory.host;
    if (host === undefined)
        return [];
    const row = (label, cells) => `    ${label.padEnd(TEXT_LABEL_WIDTH)}${cells.map((cell) => cell.padStart(TEXT_COLUMN_WIDTH)).join('')}`;
    const gib = (bytes) => (bytes === 0 ? '—' : `${formatGibNumber(bytes)} GiB`);
    const lines = [
        `  Host memory per node of ${host.ranksPerNode} ${host.ranksPerNode === 1 ? 'rank' : 'ranks'}, peak while ${HOST_PHASE_WORDS[host.peakPhase]}`,
        `    checkpoints: load ${host.checkpoint.load}, save ${host.checkpoint.save}`,
        row('', HOST_PHASES.map((phase) => HOST_PHASE_TITLES[phase].toLowerCase())),
        ...shownHostTerms(host).map(([key, label]) => row(label, HOST_PHASES.map((phase) => gib(host.phases[phase][key])))),
        row('per node', HOST_PHASES.map((phase) => gib(host.phaseTotals[phase]))),
    ];
    if (host.capacityBytes === null) {
        lines.push('    node RAM not given (hardware.host_memory_per_node): not checked');
    }
    else {
        const share = host.perNode / host.capacityBytes;
        lines.push(`    ${host.fits === true ? 'fits' : 'DOES NOT FIT'} the node's ${formatGib(host.capacityBytes)} RAM (${host.capacitySource ?? 'plan'}): ` +
            `peak is ${formatPercent(share)}` +
            (host.fits === true ? '' : `, ${formatGib(host.perNode - host.capacityBytes)} over`));
    }
    if (host.pinnedBytes > 0)
        lines.push(`    page-locked at the peak: ${formatGib(host.pinnedBytes)}`);
    const nvme = host.nvme;
    if (nvme !== null) {
        const needed = nvme.requiredBandwidth === null ? '' : `; needs ${(nvme.requiredBandwidth / 1e9).toFixed(1)} GB/s to keep up`;
        lines.push(`    NVMe: ${formatGib(nvme.bytesPerNode)} stored, ${formatGib(nvme.readBytesPerStep)} read and ${formatGib(nvme.writeBytesPerStep)} written per step${needed}`);
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/report/markdown-plan.ts







const PHASE_WORDS = {
    forward: 'forward pass',
    backward: 'backward pass',
    optimizer: 'optimizer step',
};
const COMPUTE_NOT_ESTIMATED_FALLBACK = 'not estimated; the plan gives neither `training.tokens` nor `training.steps`.';
function planPasses(plan) {
    return plan.budget.pass && plan.memory.fits;
}
function verdictMark(plan) {
    return planPasses(plan) ? '✅' : '❌';
}
function hardwareText(plan) {
    return `${formatCount(plan.hardware.gpus)} × ${escapeMarkdownText(plan.hardware.gpuName)}`;
}
function memoryShortText(plan) {
    const { perGpu, capacityBytes } = plan.memory;
    return `${formatGib(perGpu.device)} (${formatPercent(perGpu.device / capacityBytes)})`;
}
function gpuHoursText(plan) {
    return plan.compute === null ? '—' : formatGpuHoursNumber(plan.compute.gpuHours);
}
function wallClockText(plan) {
    return plan.compute === null ? '—' : formatHours(plan.compute.wallClockHours);
}
function costText(plan) {
    return plan.compute === null || plan.compute.costUsd === null ? '—' : formatUsd(plan.compute.costUsd);
}
function checksOf(plan, metric) {
    return plan.budget.checks.filter((check) => check.metric === metric);
}
function failedMetrics(plan) {
    const metrics = [];
    for (const check of [...plan.budget.checks, ...plan.budget.violations]) {
        if (!check.pass && !metrics.includes(check.metric))
            metrics.push(check.metric);
    }
    if (!plan.memory.fits && !metrics.includes('memory'))
        metrics.unshift('memory');
    return metrics;
}
function locationText(plan) {
    return escapeMarkdownText(`${plan.file}:${plan.line}`);
}
function computeMissingReason(plan) {
    const stated = plan.assumptions.find((line) => /not estimated/i.test(line));
    return stated === undefined ? COMPUTE_NOT_ESTIMATED_FALLBACK : escapeMarkdownText(stated);
}
function planTableRows(plan) {
    const { perGpu, capacityBytes } = plan.memory;
    const share = perGpu.device / capacityBytes;
    const headroom = plan.memory.fits && share >= LITTLE_HEADROOM_SHARE ? ', ⚠️ little headroom' : '';
    const memoryCell = `**${formatGib(perGpu.device)}** of ${formatGib(capacityBytes)} usable (${formatPercent(share)}${headroom})`;
    const fitsCheck = plan.memory.fits
        ? []
        : [{ metric: 'memory', limit: capacityBytes, actual: perGpu.device, pass: false, message: '' }];
    const memoryChecks = checksOf(plan, 'memory');
    return [
        {
            metric: 'memory',
            label: 'Memory per GPU',
            estimate: memoryCell,
            budget: formatBudgetCell(memoryChecks.length > 0 ? memoryChecks : fitsCheck, capacityBytes),
        },
        ...(plan.memory.host === undefined
            ? []
            : [
                {
                    metric: 'host-memory',
                    label: 'Host memory per node',
                    estimate: hostMemoryCell(plan),
                    budget: formatBudgetCell(checksOf(plan, 'host-memory'), plan.memory.host.capacityBytes ?? 0),
                },
            ]),
        {
            metric: 'gpus',
            label: 'GPUs',
            estimate: formatCount(plan.hardware.gpus),
            budget: formatBudgetCell(checksOf(plan, 'gpus')),
        },
        {
            metric: 'gpu-hours',
            label: 'GPU-hours',
            estimate: gpuHoursText(plan),
            budget: formatBudgetCell(checksOf(plan, 'gpu-hours')),
        },
        {
            metric: 'wall-clock',
            label: 'Wall clock',
            estimate: wallClockText(plan),
            budget: formatBudgetCell(checksOf(plan, 'wall-clock')),
        },
        { metric: 'cost', label: 'Cost', estimate: costText(plan), budget: formatBudgetCell(checksOf(plan, 'cost')) },
    ];
}
const TERM_HEADERS = [
    'Parameters',
    'Gradients',
    'Optimizer states',
    'Activations',
    'Logits',
    'Overheads',
];
function termCells(plan) {
    return TERM_NAMES.map((term) => formatGib(termBytes(plan, term)));
}
function planNotes(plan) {
    if (plan.compute === null)
        return [`GPU-hours, wall clock and cost: ${computeMissingReason(plan)}`];
    if (plan.compute.costUsd === null)
        return ['Cost is not estimated: the plan gives no `hardware.price_per_gpu_hour`.'];
    return [];
}
function planHeader(plan, headingLevel, titleSuffix = '') {
    const title = headingLevel === null
        ? []
        : [`${'#'.repeat(headingLevel)} ${verdictMark(plan)} ${escapeMarkdownText(plan.name)}${titleSuffix}`, ''];
    return [...title, `${locationText(plan)} · ${escapeMarkdownText(plan.model)} · ${hardwareText(plan)}`];
}
function renderPlanSummary(plan, headingLevel, titleSuffix = '') {
    const terms = [
        `| ${TERM_HEADERS.join(' | ')} |`,
        `|${TERM_HEADERS.map(() => '---:').join('|')}|`,
        `| ${termCells(plan).join(' | ')} |`,
    ];
    const notes = planNotes(plan);
    const notices = plan.notices.map((notice) => `> ${escapeMarkdownText(notice)}`);
    return [
        ...planHeader(plan, headingLevel, titleSuffix),
        ...(notices.length > 0 ? ['', notices.join('\n>\n')] : []),
        '',
        '| | Estimate | Budget |',
        '|---|---:|---|',
        ...planTableRows(plan).map((row) => `| ${row.label} | ${row.estimate} | ${row.budget} |`),
        '',
        ...terms,
        ...(notes.length > 0 ? ['', ...notes] : []),
        ...renderWarnings(plan),
    ].join('\n');
}
function renderWarnings(plan) {
    if (plan.warnings.length === 0)
        return [];
    return [
        '',
        `⚠️ ${plan.warnings.length === 1 ? '1 warning' : `${plan.warnings.length} warnings`}:`,
        '',
        ...plan.warnings.map((warning) => `- ${escapeMarkdownText(`${warning.file}:${warning.line}:${warning.column}: ${warning.message}`)}`),
    ];
}
function breakdownSummaryText(plan) {
    return `${escapeHtmlText(plan.name)}: memory at the peak (${PHASE_WORDS[plan.memory.peakPhase]}), compute and assumptions`;
}
function renderPlanBreakdown(plan) {
    const { perGpu, overheads, capacityBytes } = plan.memory;
    const share = (bytes) => formatPercent(bytes / perGpu.device);
    const termRow = (label, bytes) => `| ${label} | ${formatGibNumber(bytes)} | ${share(bytes)} |`;
    const extraRow = (label, bytes) => `| ${label} | +${formatGibNumber(bytes)} | |`;
    const rows = [
        '| Term | GiB | Share |',
        '|---|---:|---:|',
        termRow('Parameters', perGpu.parameters),
        termRow('Gradients', perGpu.gradients),
        termRow('Optimizer states', perGpu.optimizerStates),
        termRow('Activations', perGpu.activations),
        termRow('Logits and loss', perGpu.logits),
        termRow('Temporaries', perGpu.temporaries),
        ...(overheads.libraryWorkspaces > 0
            ? [`| · of which cuBLAS workspaces | ${formatGibNumber(overheads.libraryWorkspaces)} | |`]
            : []),
        `| **Allocated at the peak** | **${formatGibNumber(perGpu.peak)}** | |`,
        extraRow('Allocator reserve', perGpu.reserved - perGpu.peak),
        extraRow('CUDA context', overheads.cudaContext),
        extraRow('Communication buffers', overheads.communicationBuffers),
        ...(overheads.pagedOptimizerStates > 0 ? [extraRow('Paged optimizer states', overheads.pagedOptimizerStates)] : []),
        `| **On the device** | **${formatGibNumber(perGpu.device)} of ${formatGibNumber(capacityBytes)} usable** | **${formatPercent(perGpu.device / capacityBytes)}** |`,
    ];
    const p = plan.parameters;
    const lines = [
        ...rows,
        '',
        `Parameters: ${formatCount(p.total)} in total, ${formatCount(p.trainable)} trained${p.trainedParts === undefined ? '' : ` (${escapeMarkdownText(p.trainedParts)})`}, ${formatCount(p.activePerToken)} active per token.` +
            (p.breakdown.mtp > 0
                ? ` Trained includes ${formatCount(p.breakdown.mtp)} of multi-token-prediction modules.`
                : ''),
    ];
    const host = hostMarkdownTable(plan);
    if (host.length > 0)
        lines.push('', ...host);
    const c = plan.compute;
    if (c !== null) {
        const precisions = c.peakPrecisions
            .map((entry) => (entry.share === 1 ? entry.precision : `${entry.precision} ${formatPercent(entry.share)}`))
            .join(' + ');
        const source = c.mfuSource === 'plan' || c.efficiency === null
            ? 'from the plan'
            : `efficiency model: ${c.efficiency.terms.map((term) => `${term.name} ×${term.factor.toFixed(2)}`).join(', ')}`;
        lines.push('', `Compute: ${formatScientific(c.flops)} FLOPs for ${formatScientific(c.tokens)} tokens (${formatCount(c.steps)} steps of ${formatCount(c.globalBatchSize)} sequences) · MFU ${formatPercent(c.mfu)} of ${formatCount(c.peakFlops / 1e12)} TFLOPS ${escapeMarkdownText(precisions)} peak (${escapeMarkdownText(source)}) · ${formatCount(c.tokensPerSecondPerGpu)} tokens/s per GPU · goodput ${formatPercent(c.goodput)} (${c.goodputSource === 'plan' ? 'from the plan' : 'default'}): ${formatGpuHours(c.productiveGpuHours)} of training in ${formatGpuHours(c.gpuHours)}.`);
    }
    lines.push(...renderAssumptions(plan));
    return lines.join('\n');
}
function renderAssumptions(plan) {
    const { changing, plain } = assumptionGroups(plan);
    const item = (line) => `- ${escapeMarkdownText(line)}`;
    const lines = [];
    if (changing.length > 0)
        lines.push('', 'Assumed:', '', ...changing.map(item));
    if (plain.length > 0) {
        lines.push('', `<details><summary>Plain defaults (${plain.length}): a degree of 1, nothing offloaded, features left off</summary>`, '', ...plain.map(item), '', '</details>');
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/report/change-words.ts



const COMPARED_METRIC_NOUNS = {
    memory: 'memory per GPU',
    'host-memory': 'host memory',
    gpus: 'GPUs',
    'gpu-hours': 'GPU-hours',
    'wall-clock': 'wall clock',
    cost: 'cost',
};
const TERM_NOUNS = {
    parameters: 'parameters',
    gradients: 'gradients',
    optimizerStates: 'optimizer states',
    activations: 'activations',
    logits: 'logits',
    overheads: 'overheads',
};
function formatComparedValue(metric, value) {
    if (value === null)
        return '—';
    switch (metric) {
        case 'memory':
        case 'host-memory':
            return formatGib(value);
        case 'gpus':
            return formatCount(value);
        case 'gpu-hours':
            return formatGpuHoursNumber(value);
        case 'wall-clock':
            return formatHours(value);
        case 'cost':
            return formatUsd(value);
    }
}
function arrow(change) {
    if (!change.moved || change.delta === null || change.delta === 0)
        return '';
    return change.delta > 0 ? '↑' : '↓';
}
function signedPercent(change) {
    return change.relative === null ? '' : formatSignedDelta(change.relative, formatPercent);
}
function formatChangeCell(metric, change) {
    if (change.delta === null)
        return '—';
    const shown = formatComparedValue(metric, Math.abs(change.delta));
    if (change.delta === 0 || !/[1-9]/.test(shown))
        return '±0';
    const magnitude = `${change.delta > 0 ? '+' : '−'}${shown}`;
    const percent = signedPercent(change);
    return [magnitude, percent === '' ? '' : `(${percent})`, arrow(change)].filter((part) => part !== '').join(' ');
}
function formatTermChangeCell(change) {
    if (change.delta === null || !/[1-9]/.test(formatGib(Math.abs(change.delta))))
        return '±0';
    const magnitude = formatSignedDelta(change.delta, formatGib);
    const mark = arrow(change);
    return mark === '' ? magnitude : `${magnitude} ${mark}`;
}
function fromTo(metric, change) {
    const base = (metric === 'memory' || metric === 'host-memory') && change.base !== null && change.head !== null
        ? formatGibNumber(change.base)
        : formatComparedValue(metric, change.base);
    const percent = signedPercent(change);
    const tail = [percent === '' ? '' : `(${percent})`, arrow(change)].filter((part) => part !== '').join(' ');
    return `${base} → ${formatComparedValue(metric, change.head)}${tail === '' ? '' : ` ${tail}`}`;
}
function newViolationPhrase(check, capacities) {
    if (isCapacityCheck(check, capacities)) {
        return check.metric === 'memory'
            ? `now over the ${formatGib(check.limit)} usable on the GPU`
            : `now over the ${formatGib(check.limit)} of RAM on the node`;
    }
    return `now over its ${METRIC_NOUNS[check.metric]} budget of ${formatMetricValue(check.metric, check.limit)}`;
}
function resolvedPhrase(check, baseCapacities) {
    if (baseCapacities !== undefined && isCapacityCheck(check, baseCapacities)) {
        return check.metric === 'memory' ? 'now fits the GPU' : "now fits the node's RAM";
    }
    return `no longer over its ${METRIC_NOUNS[check.metric]} budget`;
}
function planChangeSentence(comparison, escape, maxTerms = 3) {
    if (comparison.status === 'new')
        return 'new plan';
    if (comparison.status === 'unchanged')
        return 'unchanged';
    const { plan, base } = comparison;
    const verdicts = new Map();
    const addVerdict = (metric, phrase) => verdicts.set(metric, [...(verdicts.get(metric) ?? []), phrase]);
    for (const violation of comparison.violations) {
        if (violation.status === 'new') {
            addVerdict(violation.check.metric, newViolationPhrase(violation.check, plan.memory));
        }
    }
    const passesNow = comparison.violations.length === 0;
    for (const check of comparison.resolved) {
        addVerdict(check.metric, passesNow ? 'now within budget' : resolvedPhrase(check, base?.memory));
    }
    const clauses = [];
    const standalone = [];
    for (const change of comparison.metrics) {
        const phrases = [...new Set(verdicts.get(change.metric) ?? [])];
        if (change.moved) {
            let clause = `${COMPARED_METRIC_NOUNS[change.metric]} ${fromTo(change.metric, change)}`;
            if (phrases.length > 0)
                clause += `, ${phrases.join(', ')}`;
            clauses.push(clause);
            if (change.metric === 'memory' && comparison.movedTerms.length > 0) {
                clauses.push(comparison.movedTerms
                    .slice(0, maxTerms)
                    .map((term) => `${TERM_NOUNS[term.term]} ${formatSignedDelta(term.delta ?? 0, formatGib)}`)
                    .join(', '));
            }
        }
        else {
            standalone.push(...phrases);
        }
    }
    if (base !== null && plan.hardware.gpu !== base.hardware.gpu) {
        clauses.unshift(`GPU ${escape(base.hardware.gpuName)} → ${escape(plan.hardware.gpuName)}`);
    }
    const all = [...clauses, ...[...new Set(standalone)]];
    return all.join('; ');
}
function violationStatusText(status, check, baseActual) {
    switch (status) {
        case 'new':
            return 'new';
        case 'as-before':
            return 'as on the base';
        case 'worse':
            return baseActual === null
                ? 'worse than on the base'
                : `worse than the base's ${formatMetricValue(check.metric, baseActual)}`;
    }
}
function change_words_plural(count, one, many) {
    return count === 1 ? one : many;
}
function changeClauses(comparison) {
    const counts = new Map();
    const add = (key) => counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const entry of comparison.plans) {
        if (entry.status !== 'changed')
            continue;
        const lead = ['memory', 'gpu-hours', 'cost', 'gpus']
            .map((metric) => metricChange(entry, metric))
            .find((change) => change?.moved === true && change.delta !== null && change.delta !== 0);
        if (lead !== undefined)
            add(`${lead.metric}:${(lead.delta ?? 0) > 0 ? 'up' : 'down'}`);
    }
    const phrase = (key, count) => {
        const noun = `${count} ${change_words_plural(count, 'plan', 'plans')}`;
        const verb = (one, many) => change_words_plural(count, one, many);
        switch (key) {
            case 'memory:up':
                return `${noun} ${verb('needs', 'need')} more memory`;
            case 'memory:down':
                return `${noun} ${verb('needs', 'need')} less memory`;
            case 'gpu-hours:up':
                return `${noun} ${verb('needs', 'need')} more GPU-hours`;
            case 'gpu-hours:down':
                return `${noun} ${verb('needs', 'need')} fewer GPU-hours`;
            case 'cost:up':
                return `${noun} ${verb('costs', 'cost')} more`;
            case 'cost:down':
                return `${noun} ${verb('costs', 'cost')} less`;
            case 'gpus:up':
                return `${noun} ${verb('uses', 'use')} more GPUs`;
            default:
                return `${noun} ${verb('uses', 'use')} fewer GPUs`;
        }
    };
    const order = [
        'memory:up',
        'memory:down',
        'gpu-hours:up',
        'gpu-hours:down',
        'cost:up',
        'cost:down',
        'gpus:up',
        'gpus:down',
    ];
    const clauses = order.filter((key) => counts.has(key)).map((key) => phrase(key, counts.get(key)));
    const added = comparison.plans.filter((entry) => entry.status === 'new').length;
    if (added > 0)
        clauses.push(`${added} new ${change_words_plural(added, 'plan', 'plans')}`);
    if (comparison.removed.length > 0) {
        clauses.push(`${comparison.removed.length} ${change_words_plural(comparison.removed.length, 'plan', 'plans')} removed`);
    }
    return clauses;
}
function verdictClauses(comparison, anyChange) {
    const plans = comparison.plans;
    const total = plans.length;
    const failing = plans.filter((entry) => entry.violations.length > 0);
    const now = failing.filter((entry) => entry.violations.some((v) => v.status === 'new')).length;
    const worse = failing.filter((entry) => !entry.violations.some((v) => v.status === 'new') && entry.violations.some((v) => v.status === 'worse')).length;
    const still = failing.length - now - worse;
    const fixed = plans.filter((entry) => entry.base !== null && entry.violations.length === 0 && entry.resolved.length > 0).length;
    if (!anyChange) {
        if (failing.length === 0) {
            return [total === 1 ? 'the training plan fits its budget' : `all ${total} training plans fit their budgets`];
        }
        return [
            total === 1
                ? 'the training plan still exceeds its budget'
                : `${failing.length} of ${total} training plans still ${change_words_plural(failing.length, 'exceeds its budget', 'exceed their budgets')}`,
        ];
    }
    const clauses = [];
    if (now > 0)
        clauses.push(`${now} now ${change_words_plural(now, 'exceeds its budget', 'exceed their budgets')}`);
    if (worse > 0)
        clauses.push(`${worse} ${change_words_plural(worse, 'exceeds its budget', 'exceed their budgets')} by more than before`);
    if (still > 0)
        clauses.push(`${still} still ${change_words_plural(still, 'exceeds its budget', 'exceed their budgets')}`);
    if (fixed > 0)
        clauses.push(`${fixed} now ${change_words_plural(fixed, 'fits its budget', 'fit their budgets')}`);
    if (failing.length === 0 && fixed === 0 && total > 0) {
        clauses.push(total === 1 ? 'it fits its budget' : `all ${total} fit their budgets`);
    }
    return clauses;
}
function comparisonHeadingText(comparison) {
    const changes = changeClauses(comparison);
    const anyChange = changes.length > 0 || comparison.plans.some((entry) => entry.status !== 'unchanged');
    const clauses = [...(anyChange ? changes : ['no change from the base']), ...verdictClauses(comparison, anyChange)];
    const text = clauses.join('; ');
    return text.charAt(0).toUpperCase() + text.slice(1);
}
function comparisonMark(comparison) {
    return comparison.plans.every((entry) => entry.violations.length === 0) ? '✅' : '❌';
}
function removedPlanText(plan) {
    const gpuHours = plan.compute === null ? '' : `, ${formatGpuHoursNumber(plan.compute.gpuHours)} GPU-hours`;
    return `was ${formatGib(plan.memory.perGpu.device)} per GPU${gpuHours}`;
}

;// CONCATENATED MODULE: ./src/report/markdown-compare.ts







function comparisonHeading(comparison) {
    return `### ${comparisonMark(comparison)} ${comparisonHeadingText(comparison)}`;
}
function changeLines(comparison) {
    const lines = comparison.plans
        .filter((entry) => entry.status !== 'unchanged')
        .map((entry) => `- **${escapeMarkdownText(entry.plan.name)}**: ${planChangeSentence(entry, escapeMarkdownText)}`);
    for (const plan of comparison.removed) {
        lines.push(`- **${escapeMarkdownText(plan.name)}**: removed (${removedPlanText(plan)})`);
    }
    return lines.length === 0 ? [] : ['Changes from the base:', ...lines];
}
function comparedViolationLines(comparison) {
    const lines = comparison.plans.flatMap((entry) => entry.violations.map((violation) => `- **${escapeMarkdownText(entry.plan.name)}** (${locationText(entry.plan)}): ${describeViolation(violation.check, entry.plan.memory)} (${violationStatusText(violation.status, violation.check, violation.baseActual)})`));
    return lines.length === 0 ? [] : ['Over budget:', ...lines];
}
function summaryChangeCell(entry) {
    if (entry.status === 'new')
        return 'new';
    if (entry.status === 'unchanged')
        return '—';
    const memory = metricChange(entry, 'memory');
    if (memory.moved)
        return formatChangeCell('memory', memory);
    const other = entry.metrics.find((change) => change.moved);
    if (other === undefined)
        return formatChangeCell('memory', memory);
    const percent = other.relative === null ? '' : ` ${formatSignedDelta(other.relative, formatPercent)}`;
    return `${COMPARED_METRIC_NOUNS[other.metric]}${percent}`;
}
function comparedSummaryTable(comparison) {
    return [
        '| Plan | Hardware | Memory / GPU | vs base | GPU-hours | Wall clock | Cost | Budget |',
        '|---|---|---:|---:|---:|---:|---:|:---:|',
        ...comparison.plans.map((entry) => {
            const plan = entry.plan;
            const failed = failedMetrics(plan).map((metric) => METRIC_NOUNS[metric]);
            const budget = planPasses(plan) ? '✅' : `❌ ${failed.join(', ')}`;
            return `| ${escapeMarkdownText(plan.name)} | ${hardwareText(plan)} | ${memoryShortText(plan)} | ${summaryChangeCell(entry)} | ${gpuHoursText(plan)} | ${wallClockText(plan)} | ${costText(plan)} | ${budget} |`;
        }),
    ];
}
function baseCell(base, metric) {
    switch (metric) {
        case 'memory':
            return memoryShortText(base);
        case 'host-memory':
            return hostShortText(base);
        case 'gpus':
            return formatComparedValue('gpus', base.hardware.gpus);
        case 'gpu-hours':
            return gpuHoursText(base);
        case 'wall-clock':
            return wallClockText(base);
        case 'cost':
            return costText(base);
    }
}
function renderComparedPlanSummary(entry, headingLevel) {
    const { plan, base } = entry;
    if (base === null)
        return renderPlanSummary(plan, headingLevel, ' (new)');
    const rows = planTableRows(plan).map((row) => {
        const change = metricChange(entry, row.metric);
        return `| ${row.label} | ${baseCell(base, row.metric)} | ${row.estimate} | ${formatChangeCell(row.metric, change)} | ${row.budget} |`;
    });
    const termChanges = TERM_NAMES.map((term) => formatTermChangeCell(entry.movedTerms.find((change) => change.term === term) ??
        valueChange(termBytes(base, term), termBytes(plan, term), Number.POSITIVE_INFINITY)));
    const notes = planNotes(plan);
    return [
        ...planHeader(plan, headingLevel),
        '',
        '| | Base | Estimate | Change | Budget |',
        '|---|---:|---:|---:|---|',
        ...rows,
        '',
        `| | ${TERM_HEADERS.join(' | ')} |`,
        `|---|${TERM_HEADERS.map(() => '---:').join('|')}|`,
        `| Estimate | ${termCells(plan).join(' | ')} |`,
        `| Change | ${termChanges.join(' | ')} |`,
        ...(notes.length > 0 ? ['', ...notes] : []),
    ].join('\n');
}
function unchangedLine(plan) {
    const { device } = plan.memory.perGpu;
    const parts = [
        `${formatGib(device)} per GPU (${formatPercent(device / plan.memory.capacityBytes)} of ${formatGib(plan.memory.capacityBytes)} usable)`,
    ];
    if (plan.compute !== null)
        parts.push(`${gpuHoursText(plan)} GPU-hours`);
    if (plan.compute?.costUsd != null)
        parts.push(costText(plan));
    return `${verdictMark(plan)} **${escapeMarkdownText(plan.name)}** is unchanged from the base: ${parts.join(', ')}.`;
}
function details(summaryHtml, body) {
    return `<details><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}
function comparedPlanSection(entry, many) {
    const plan = entry.plan;
    if (many) {
        return {
            open: '',
            details: details(`${verdictMark(plan)} ${breakdownSummaryText(plan)}`, `${renderComparedPlanSummary(entry, null)}\n\n${renderPlanBreakdown(plan)}`),
        };
    }
    if (entry.status === 'unchanged') {
        return {
            open: unchangedLine(plan),
            details: details(`${breakdownSummaryText(plan)}`, `${renderPlanSummary(plan, null)}\n\n${renderPlanBreakdown(plan)}`),
        };
    }
    return {
        open: renderComparedPlanSummary(entry, 4),
        details: details(breakdownSummaryText(plan), renderPlanBreakdown(plan)),
    };
}
function comparedWithText(comparison) {
    return `compared with ${escapeMarkdownText(comparison.baseLabel)}`;
}

;// CONCATENATED MODULE: ./src/report/markdown-size.ts
const COMMENT_SIZE_LIMITS = { maxCharacters: 60_000, maxBytes: 262_143 };
function utf8ByteLength(text) {
    let bytes = 0;
    for (const char of text) {
        const codePoint = char.codePointAt(0) ?? 0;
        bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
    return bytes;
}
function fits(text, limits) {
    return text.length <= limits.maxCharacters && utf8ByteLength(text) <= limits.maxBytes;
}
function assemble(sections, kept, note) {
    const blocks = [sections.head];
    sections.plans.forEach((plan, index) => {
        if (plan.open !== '')
            blocks.push(plan.open);
        if (kept.charts[index] === true && (plan.charts ?? '') !== '')
            blocks.push(plan.charts);
        if (kept.details[index] === true && plan.details !== '')
            blocks.push(plan.details);
    });
    if (note !== null)
        blocks.push(note);
    blocks.push(sections.footer);
    return `${blocks.join('\n\n')}\n`;
}
function countedPlans(what, count) {
    return `the ${what} of ${count} ${count === 1 ? 'plan' : 'plans'}`;
}
function leftOutNote(charts, details, location) {
    const parts = [
        ...(charts > 0 ? [countedPlans('pictures', charts)] : []),
        ...(details > 0 ? [countedPlans('details', details)] : []),
    ];
    return `> [!NOTE]\n> To stay within GitHub's size limit, ${parts.join(' and ')} were left out. The full report is in ${location}.`;
}
function fitMarkdownSections(sections, options) {
    const limits = { ...COMMENT_SIZE_LIMITS, ...options.limits };
    const charts = sections.plans.map(() => true);
    const details = sections.plans.map(() => true);
    const kept = { charts, details };
    const full = assemble(sections, kept, null);
    if (fits(full, limits))
        return full;
    const size = (text) => text === '' ? { chars: 0, bytes: 0 } : { chars: text.length + 2, bytes: utf8ByteLength(text) + 2 };
    const reversed = sections.plans.map((_, index) => sections.plans.length - 1 - index);
    const droppable = [
        ...reversed.map((index) => ({ kind: 'charts', index, ...size(sections.plans[index].charts ?? '') })),
        ...reversed.map((index) => ({ kind: 'details', index, ...size(sections.plans[index].details) })),
    ];
    let chars = full.length;
    let bytes = utf8ByteLength(full);
    const dropped = { charts: 0, details: 0 };
    for (const block of droppable) {
        if (block.chars === 0)
            continue;
        (block.kind === 'charts' ? charts : details)[block.index] = false;
        dropped[block.kind] += 1;
        chars -= block.chars;
        bytes -= block.bytes;
        const note = leftOutNote(dropped.charts, dropped.details, options.fullReportLocation);
        if (chars + note.length + 2 <= limits.maxCharacters && bytes + utf8ByteLength(note) + 2 <= limits.maxBytes) {
            return assemble(sections, kept, note);
        }
    }
    const note = `> [!NOTE]\n> The report was cut here to stay within GitHub's size limit. The full report is in ${options.fullReportLocation}.`;
    const tail = `\n\n${note}\n\n${sections.footer}\n`;
    const body = assemble(sections, kept, null).slice(0, -`\n\n${sections.footer}\n`.length);
    const lines = body.split('\n');
    let low = 1;
    let high = lines.length;
    while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (fits(lines.slice(0, middle).join('\n').trimEnd() + tail, limits))
            low = middle;
        else
            high = middle - 1;
    }
    return lines.slice(0, low).join('\n').trimEnd() + tail;
}

;// CONCATENATED MODULE: ./src/report/recommendation-lines.ts

const SHOWN_RECOMMENDATIONS = 3;
const HEADROOM_SHARE = 0.9;
function yamlScalar(value) {
    return String(value);
}
function changeYamlLines(changes) {
    const lines = [];
    let open = [];
    for (const [path, value] of Object.entries(changes)) {
        const keys = path.split('.');
        const parents = keys.slice(0, -1);
        let shared = 0;
        while (shared < open.length && shared < parents.length && open[shared] === parents[shared])
            shared++;
        for (let depth = shared; depth < parents.length; depth++)
            lines.push(`${'  '.repeat(depth)}${parents[depth]}:`);
        open = parents;
        const indent = '  '.repeat(parents.length);
        const key = keys[keys.length - 1];
        lines.push(value === null ? `${indent}# remove ${key} (the default applies)` : `${indent}${key}: ${yamlScalar(value)}`);
    }
    return lines;
}
function recommendationSummary(plan, recommendation, separator) {
    const parts = [`${formatGib(recommendation.peakDeviceBytes)} per GPU`];
    if (recommendation.gpuHours !== null) {
        const own = plan.compute?.gpuHours ?? null;
        const delta = own === null || own === 0
            ? ''
            : ` (${formatSignedDelta(Math.round(((recommendation.gpuHours - own) / own) * 100), (v) => `${v}%`)})`;
        parts.push(`${formatGpuHours(recommendation.gpuHours)}${delta}`);
    }
    if (recommendation.costUsd !== null)
        parts.push(formatUsd(recommendation.costUsd));
    if (recommendation.gpus !== plan.hardware.gpus)
        parts.push(`${recommendation.gpus} GPUs`);
    const unchanged = (path, value) => (path === 'hardware.gpus' && value === plan.hardware.gpus) ||
        (path === 'hardware.gpus_per_node' && value === plan.hardware.gpusPerNode);
    const changed = Object.entries(recommendation.changes).filter(([path, value]) => !unchanged(path, value)).length;
    parts.push(`${changed} change${changed === 1 ? '' : 's'}`);
    return parts.join(separator);
}
function headroomText(plan) {
    const { perGpu, capacityBytes, fits } = plan.memory;
    const share = perGpu.device / capacityBytes;
    if (!fits || !plan.budget.pass || share <= HEADROOM_SHARE)
        return null;
    return (`${formatPercent(share)} of the GPU's usable memory (${formatGib(perGpu.device)} of ${formatGib(capacityBytes)}): ` +
        'a longer sequence, a larger micro batch or another library version may not fit');
}
function recommendationsIntro(plan) {
    const total = plan.recommendations.length;
    const rest = total > SHOWN_RECOMMENDATIONS ? `; all ${total} in the JSON report` : '';
    return `Ways out, fastest first, then fewest changes${rest}:`;
}

;// CONCATENATED MODULE: ./src/report/markdown-recommendations.ts

function renderRecommendationsMarkdown(plan) {
    const headroom = headroomText(plan);
    if (headroom !== null)
        return `**Headroom:** ${headroom}.`;
    if (plan.recommendations.length === 0)
        return '';
    const blocks = plan.recommendations.slice(0, SHOWN_RECOMMENDATIONS).map((recommendation, index) => {
        const numerics = recommendation.changesNumerics ? ' · ⚠️ changes the numerics' : '';
        return [
            `**${index + 1}.** ${recommendationSummary(plan, recommendation, ' · ')}${numerics}`,
            '',
            '```yaml',
            ...changeYamlLines(recommendation.changes),
            '```',
        ].join('\n');
    });
    return [`**${recommendationsIntro(plan)}**`, ...blocks].join('\n\n');
}

;// CONCATENATED MODULE: ./src/report/chart-data.ts

const CHART_TERMS = TERM_NAMES;
const CHART_TERM_LABELS = {
    parameters: 'parameters',
    gradients: 'gradients',
    optimizerStates: 'optimizer states',
    activations: 'activations',
    logits: 'logits',
    overheads: 'temporaries and overheads',
};
const PHASES = ['forward', 'backward', 'optimizer'];
const PHASE_LABELS = {
    forward: 'forward',
    backward: 'backward',
    optimizer: 'optimizer step',
};
const SHORT_PHASE_LABELS = {
    forward: 'fwd',
    backward: 'bwd',
    optimizer: 'opt',
};
function barTotal(bar) {
    return bar.segments.reduce((sum, bytes) => sum + bytes, 0);
}
function deviceBar(plan, label) {
    return {
        label,
        segments: CHART_TERMS.map((term) => termBytes(plan, term)),
        capacityBytes: plan.memory.capacityBytes,
    };
}
function peakChart(plan, base = null) {
    const title = 'Memory per GPU at the peak, GiB';
    if (base !== null)
        return { title, bars: [deviceBar(base, 'base'), deviceBar(plan, 'head')] };
    const { perGpu } = plan.memory;
    const allocated = {
        label: 'allocated',
        segments: CHART_TERMS.map((term) => (term === 'overheads' ? perGpu.temporaries : perGpu[term])),
        capacityBytes: plan.memory.capacityBytes,
    };
    return { title, bars: [allocated, deviceBar(plan, 'on the device')] };
}
function phaseSegments(plan, terms) {
    const { perGpu } = plan.memory;
    const beyondPeak = perGpu.device - perGpu.peak;
    return CHART_TERMS.map((term) => (term === 'overheads' ? terms.temporaries + beyondPeak : terms[term]));
}
function phaseChart(plan, comparedBase = null) {
    const base = comparedBase?.memory.phases === undefined ? null : comparedBase;
    const bars = [];
    for (const phase of PHASES) {
        const sides = base === null
            ? [[plan, PHASE_LABELS[phase]]]
            : [
                [base, `${SHORT_PHASE_LABELS[phase]} base`],
                [plan, `${SHORT_PHASE_LABELS[phase]} head`],
            ];
        for (const [side, label] of sides) {
            bars.push({
                label,
                segments: phaseSegments(side, side.memory.phases[phase]),
                capacityBytes: side.memory.capacityBytes,
            });
        }
    }
    return { title: 'Memory per GPU through one training step, GiB', bars };
}
const SWEEP_AXES = {
    'training.micro_batch_size': 'micro batch',
    'training.sequence_length': 'sequence length',
};
function sweepChart(plan, sweep, baseSweep) {
    const values = sweep.points.map((point) => point.value);
    const baseBytes = baseSweep !== undefined &&
        baseSweep.points.length === values.length &&
        baseSweep.points.every((point, index) => point.value === values[index])
        ? baseSweep.points.map((point) => point.deviceBytes)
        : null;
    const limit = plan.memorySweeps.limit;
    const axis = SWEEP_AXES[sweep.setting];
    return {
        title: `Memory per GPU against ${axis}, GiB`,
        axis,
        values,
        planValue: sweep.planValue,
        lines: [
            ...(baseBytes === null ? [] : [{ label: 'base', bytes: baseBytes }]),
            { label: baseBytes === null ? 'on the device' : 'head', bytes: sweep.points.map((point) => point.deviceBytes) },
        ],
        capacityBytes: plan.memory.capacityBytes,
        budgetBytes: limit.kind === 'budget' ? limit.bytes : null,
        largestWithinLimit: sweep.largestWithinLimit,
    };
}
function sweepCharts(plan, base = null) {
    const sweeps = plan.memorySweeps;
    if (sweeps === undefined || sweeps === null)
        return [];
    const baseSweeps = base?.memorySweeps ?? null;
    return [
        sweepChart(plan, sweeps.microBatch, baseSweeps?.microBatch),
        sweepChart(plan, sweeps.sequenceLength, baseSweeps?.sequenceLength),
    ];
}
function niceCeiling(value) {
    const padded = value * 1.05;
    const step = 10 ** Math.floor(Math.log10(padded)) / 2;
    return Number((Math.ceil(padded / step) * step).toPrecision(6));
}
function stackedChartMax(chart) {
    return Math.max(...chart.bars.flatMap((bar) => [barTotal(bar), bar.capacityBytes]));
}
function sweepChartMax(chart) {
    return Math.max(chart.capacityBytes, ...chart.lines.flatMap((line) => line.bytes));
}

;// CONCATENATED MODULE: ./src/report/chart-colors.ts
const TERM_COLORS = {
    parameters: { hex: '#55ACEE', emoji: '🟦', ansi256: 75 },
    gradients: { hex: '#78B159', emoji: '🟩', ansi256: 107 },
    optimizerStates: { hex: '#FDCB58', emoji: '🟨', ansi256: 221 },
    activations: { hex: '#F4900C', emoji: '🟧', ansi256: 208 },
    logits: { hex: '#DD2E44', emoji: '🟥', ansi256: 161 },
    overheads: { hex: '#AA8ED6', emoji: '🟪', ansi256: 140 },
};
const CAPACITY_COLOR = '#8C8C8C';
const BUDGET_COLOR = '#DD2E44';
const SWEEP_HEAD_COLOR = '#55ACEE';
const SWEEP_BASE_COLOR = '#AA8ED6';

;// CONCATENATED MODULE: ./src/report/mermaid-charts.ts




function mermaidGib(bytes) {
    return (bytes / BYTES_PER_GIB).toFixed(2);
}
const list = (items) => `[${items.join(', ')}]`;
const quoted = (text) => `"${text}"`;
function initLine(colors, width, height) {
    const config = {
        themeVariables: { xyChart: { plotColorPalette: colors.join(', ') } },
        xyChart: { width, height },
    };
    return `%%{init: ${JSON.stringify(config)}}%%`;
}
function fence(lines) {
    return ['```mermaid', ...lines, '```'].join('\n');
}
function runningTotals(chart) {
    return CHART_TERMS.map((_, k) => chart.bars.map((bar) => bar.segments.slice(0, k + 1).reduce((sum, bytes) => sum + bytes, 0)));
}
function stackedMermaid(chart, orientation) {
    const totals = runningTotals(chart);
    const order = CHART_TERMS.map((_, k) => k).reverse();
    const top = niceCeiling(stackedChartMax(chart) / BYTES_PER_GIB);
    const height = orientation === 'horizontal' ? 120 + 50 * chart.bars.length : 400;
    return fence([
        initLine([...order.map((k) => TERM_COLORS[CHART_TERMS[k]].hex), CAPACITY_COLOR], 700, height),
        `xychart-beta${orientation === 'horizontal' ? ' horizontal' : ''}`,
        `  title ${quoted(chart.title)}`,
        `  x-axis ${list(chart.bars.map((bar) => quoted(bar.label)))}`,
        `  y-axis "GiB" 0 --> ${top}`,
        ...order.map((k) => `  bar ${quoted(CHART_TERM_LABELS[CHART_TERMS[k]])} ${list(totals[k].map(mermaidGib))}`),
        `  line "usable memory" ${list(chart.bars.map((bar) => mermaidGib(bar.capacityBytes)))}`,
    ]);
}
function sweepValueLabel(chart, value) {
    return `${formatCount(value)}${value === chart.planValue ? ' (plan)' : ''}`;
}
function sweepMermaid(chart) {
    const flat = (bytes) => list(chart.values.map(() => mermaidGib(bytes)));
    const lineColors = chart.lines.map((line) => (line.label === 'base' ? SWEEP_BASE_COLOR : SWEEP_HEAD_COLOR));
    const limitColors = [CAPACITY_COLOR, ...(chart.budgetBytes === null ? [] : [BUDGET_COLOR])];
    return fence([
        initLine([...lineColors, ...limitColors], 700, 400),
        'xychart-beta',
        `  title ${quoted(chart.title)}`,
        `  x-axis ${quoted(chart.axis)} ${list(chart.values.map((value) => quoted(sweepValueLabel(chart, value))))}`,
        `  y-axis "GiB" 0 --> ${niceCeiling(sweepChartMax(chart) / BYTES_PER_GIB)}`,
        ...chart.lines.map((line) => `  line ${quoted(line.label)} ${list(line.bytes.map(mermaidGib))}`),
        `  line "usable memory" ${flat(chart.capacityBytes)}`,
        ...(chart.budgetBytes === null ? [] : [`  line "memory budget" ${flat(chart.budgetBytes)}`]),
    ]);
}

;// CONCATENATED MODULE: ./src/report/markdown-charts.ts






const markdown_charts_PHASE_WORDS = {
    forward: 'the forward pass',
    backward: 'the backward pass',
    optimizer: 'the optimizer step',
};
function termLegend(plan, base) {
    const terms = CHART_TERMS.map((term) => `${TERM_COLORS[term].emoji} ${CHART_TERM_LABELS[term]}`);
    const head = plan.memory.capacityBytes;
    const capacity = base === null || base.memory.capacityBytes === head
        ? formatGib(head)
        : `${formatGib(base.memory.capacityBytes)} base, ${formatGib(head)} head`;
    return `${terms.join(' · ')} · grey line: usable memory (${capacity})`;
}
function sweepLegend(chart) {
    const lines = chart.lines.map((line) => line.label === 'base'
        ? `${TERM_COLORS.overheads.emoji} base`
        : `${TERM_COLORS.parameters.emoji} ${line.label === 'head' ? 'head' : 'memory on the device'}`);
    lines.push(`grey line: usable memory (${formatGib(chart.capacityBytes)})`);
    if (chart.budgetBytes !== null)
        lines.push(`red line: memory budget (${formatGib(chart.budgetBytes)})`);
    return lines.join(' · ');
}
function sweepLimitSentence(chart) {
    const limit = chart.budgetBytes === null ? 'the usable memory' : 'the memory budget';
    const unit = chart.axis === 'sequence length' ? ` tokens (in steps of ${SEQUENCE_STEP})` : '';
    if (chart.largestWithinLimit === null)
        return `Even the smallest ${chart.axis} tried does not fit within ${limit}.`;
    return `Fits within ${limit} up to ${chart.axis} ${formatCount(chart.largestWithinLimit)}${unit}, the rest of the plan unchanged.`;
}
function numbersTable(corner, categories, rows) {
    return [
        `| ${corner} | ${categories.join(' | ')} |`,
        `|---|${categories.map(() => '---:').join('|')}|`,
        ...rows.map(([label, bytes]) => `| ${label} | ${bytes.map(formatGibNumber).join(' | ')} |`),
    ].join('\n');
}
function phaseTable(chart) {
    return numbersTable('phase', chart.bars.map((bar) => bar.label), [['GiB per GPU', chart.bars.map(barTotal)]]);
}
function sweepTable(chart) {
    return numbersTable(chart.axis, chart.values.map((value) => sweepValueLabel(chart, value)), chart.lines.map((line) => [
        line.label === 'on the device' ? 'GiB per GPU' : `GiB per GPU, ${line.label}`,
        line.bytes,
    ]));
}
function renderPlanCharts(plan, base = null) {
    const { perGpu, peakPhase } = plan.memory;
    const gpu = escapeMarkdownText(plan.hardware.gpuName);
    const side = base === null ? '' : ', base and head side by side';
    const blocks = [
        `Memory per GPU by term against the ${gpu}'s usable memory${side}${base === null ? ': what the allocator holds at the peak and what the device shows' : ''}.`,
        stackedMermaid(peakChart(plan, base), 'horizontal'),
        termLegend(plan, base),
        `One training step, phase by phase${base === null ? '' : ' (fwd: forward pass, bwd: backward pass, opt: optimizer step; base and head side by side)'}: the peak is in ${markdown_charts_PHASE_WORDS[peakPhase]}.`,
    ];
    const phases = phaseChart(plan, base);
    blocks.push(stackedMermaid(phases, 'vertical'), phaseTable(phases));
    const sweeps = sweepCharts(plan, base);
    if (sweeps.length > 0) {
        const limit = plan.memorySweeps.limit;
        const limitWords = limit.kind === 'budget' ? 'memory budget' : 'usable memory';
        blocks.push(`Near its limit (${formatPercent(perGpu.device / limit.bytes)} of its ${limitWords}): memory re-estimated against micro batch and sequence length.`);
        for (const chart of sweeps) {
            blocks.push(sweepMermaid(chart), `${sweepLegend(chart)}. ${sweepLimitSentence(chart)}`, sweepTable(chart));
        }
    }
    const what = sweeps.length > 0
        ? 'by term, through one step, against micro batch and sequence length'
        : 'by term and through one step';
    const summary = `📊 ${escapeHtmlText(plan.name)}: pictures of memory per GPU, ${what}`;
    return `<details><summary>${summary}</summary>\n\n${blocks.join('\n\n')}\n\n</details>`;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts







const MAX_PLANS_SHOWN_OPEN = 3;
function renderReportMarkdown(report, options) {
    return fitMarkdownSections(buildSections(report, options), options);
}
function buildSections(report, options) {
    const plans = report.plans;
    const compared = options.comparison?.comparison;
    const head = [];
    if (options.marker !== undefined)
        head.push(options.marker);
    head.push(compared === undefined ? verdictHeading(plans) : comparisonHeading(compared));
    if (options.baseNote !== undefined)
        head.push('', `> [!NOTE]\n> ${escapeMarkdownText(options.baseNote)}`);
    const changes = compared === undefined ? [] : changeLines(compared);
    if (changes.length > 0)
        head.push('', ...changes);
    const violations = compared === undefined ? plans.flatMap((plan) => violationLines(plan)) : comparedViolationLines(compared);
    if (violations.length > 0)
        head.push('', ...violations);
    const many = plans.length > MAX_PLANS_SHOWN_OPEN;
    if (many)
        head.push('', ...(compared === undefined ? summaryTable(plans) : comparedSummaryTable(compared)));
    const bodies = compared === undefined
        ? plans.map((plan) => ({
            ...(many
                ? { open: '', details: foldedPlan(plan) }
                : {
                    open: withRecommendations(renderPlanSummary(plan, 4), plan),
                    details: markdown_details(breakdownSummaryText(plan), renderPlanBreakdown(plan)),
                }),
            charts: renderPlanCharts(plan),
        }))
        : compared.plans.map((entry) => ({
            ...sectionWithRecommendations(comparedPlanSection(entry, many), entry.plan, many),
            charts: renderPlanCharts(entry.plan, entry.status === 'unchanged' ? null : entry.base),
        }));
    return { head: head.join('\n'), plans: bodies, footer: footer(options) };
}
function verdictHeading(plans) {
    const total = plans.length;
    const failing = plans.filter((plan) => !planPasses(plan)).length;
    if (total === 0)
        return '### No training plans';
    if (failing === 0) {
        return total === 1
            ? '### ✅ The training plan fits its budget'
            : `### ✅ All ${total} training plans fit their budgets`;
    }
    if (total === 1)
        return '### ❌ The training plan exceeds its budget';
    return failing === 1
        ? `### ❌ 1 of ${total} training plans exceeds its budget`
        : `### ❌ ${failing} of ${total} training plans exceed their budgets`;
}
function violationLines(plan) {
    return failedChecks(plan.budget, plan.memory).map((check) => `- **${escapeMarkdownText(plan.name)}** (${locationText(plan)}): ${describeViolation(check, plan.memory)}`);
}
function summaryTable(plans) {
    return [
        '| Plan | Hardware | Memory / GPU | GPU-hours | Wall clock | Cost | Budget |',
        '|---|---|---:|---:|---:|---:|:---:|',
        ...plans.map((plan) => {
            const failed = failedMetrics(plan).map((metric) => METRIC_NOUNS[metric]);
            const budget = planPasses(plan) ? '✅' : `❌ ${failed.join(', ')}`;
            return `| ${escapeMarkdownText(plan.name)} | ${hardwareText(plan)} | ${memoryShortText(plan)} | ${gpuHoursText(plan)} | ${wallClockText(plan)} | ${costText(plan)} | ${budget} |`;
        }),
    ];
}
function foldedPlan(plan) {
    const summary = `${verdictMark(plan)} ${breakdownSummaryText(plan)}`;
    return markdown_details(summary, `${withRecommendations(renderPlanSummary(plan, null), plan)}\n\n${renderPlanBreakdown(plan)}`);
}
function withRecommendations(summary, plan) {
    const recommendations = renderRecommendationsMarkdown(plan);
    return recommendations === '' ? summary : `${summary}\n\n${recommendations}`;
}
function sectionWithRecommendations(section, plan, folded) {
    const recommendations = renderRecommendationsMarkdown(plan);
    if (recommendations === '')
        return section;
    if (!folded)
        return { ...section, open: `${section.open}\n\n${recommendations}` };
    const closing = '\n\n</details>';
    return { ...section, details: `${section.details.slice(0, -closing.length)}\n\n${recommendations}${closing}` };
}
function markdown_details(summaryHtml, body) {
    return `<details><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}
function footer(options) {
    const docs = options.validationDocsUrl === undefined
        ? 'docs/validation.md'
        : `[docs/validation.md](${options.validationDocsUrl})`;
    const parts = [`train-memory ${escapeMarkdownText(options.version)}`];
    if (options.comparison !== undefined)
        parts.push(comparedWithText(options.comparison));
    if (options.updatedOnEveryPush)
        parts.push('updated on every push');
    parts.push(`estimates are validated against measured runs: see ${docs}`);
    return `<sub>${parts.join(' · ')}</sub>`;
}

;// CONCATENATED MODULE: ./src/report/text-compare.ts



const NOUN_WIDTH = 16;
const VALUE_WIDTH = 10;
function planChangeBlock(entry) {
    if (entry.status === 'new')
        return ['  Change from the base: new plan', ''];
    if (entry.status === 'unchanged')
        return ['  Change from the base: unchanged', ''];
    const lines = ['  Change from the base'];
    for (const change of entry.metrics) {
        if (change.metric === 'host-memory' && change.base === null && change.head === null)
            continue;
        const noun = COMPARED_METRIC_NOUNS[change.metric].padEnd(NOUN_WIDTH);
        const base = formatComparedValue(change.metric, change.base).padStart(VALUE_WIDTH);
        const head = formatComparedValue(change.metric, change.head).padStart(VALUE_WIDTH);
        lines.push(`    ${noun}${base} → ${head}   ${formatChangeCell(change.metric, change)}`);
    }
    if (entry.base !== null && entry.base.hardware.gpu !== entry.plan.hardware.gpu) {
        lines.push(`    GPU: ${entry.base.hardware.gpuName} → ${entry.plan.hardware.gpuName}`);
    }
    if (entry.movedTerms.length > 0) {
        const terms = entry.movedTerms.map((term) => `${TERM_NOUNS[term.term]} ${formatSignedDelta(term.delta ?? 0, formatGib)} ${arrow(term)}`.trimEnd());
        lines.push(`    terms moved: ${terms.join(', ')}`);
    }
    for (const check of entry.resolved) {
        lines.push(`    no longer over budget (on the base: ${describeViolation(check, entry.base?.memory)})`);
    }
    lines.push('');
    return lines;
}
function violationStatusLines(entry) {
    return entry.violations.map((violation) => `    ${describeViolation(violation.check, entry.plan.memory)} (${violationStatusText(violation.status, violation.check, violation.baseActual)})`);
}
function comparisonClosing(comparison, baseLabel) {
    const lines = comparison.removed.map((plan) => `Removed since the base: ${plan.name} (${removedPlanText(plan)}).`);
    lines.push(`Compared with ${baseLabel}: ${comparisonHeadingText(comparison)}.`);
    return lines;
}

;// CONCATENATED MODULE: ./src/report/text-recommendations.ts

function recommendationTextLines(plan) {
    const headroom = headroomText(plan);
    if (headroom !== null)
        return ['', `  Headroom: ${headroom}.`];
    if (plan.recommendations.length === 0)
        return [];
    const lines = ['', `  ${recommendationsIntro(plan)}`];
    plan.recommendations.slice(0, SHOWN_RECOMMENDATIONS).forEach((recommendation, index) => {
        const numerics = recommendation.changesNumerics ? ', CHANGES THE NUMERICS' : '';
        lines.push(`    ${index + 1}. ${recommendationSummary(plan, recommendation, ', ')}${numerics}`);
        for (const line of changeYamlLines(recommendation.changes))
            lines.push(`         ${line}`);
    });
    return lines;
}

;// CONCATENATED MODULE: ./src/report/text-bar.ts




const BAR_COLUMNS = 60;
const BAR_OVERFLOW_COLUMNS = 30;
const TERM_LETTERS = {
    parameters: 'P',
    gradients: 'G',
    optimizerStates: 'O',
    activations: 'A',
    logits: 'L',
    overheads: '+',
};
const TERM_WORDS = {
    parameters: 'parameters',
    gradients: 'gradients',
    optimizerStates: 'optimizer',
    activations: 'activations',
    logits: 'logits',
    overheads: 'overheads',
};
const FREE = '·';
const CAPACITY_MARK = '│';
const MORE = '»';
const RESET = '\u001b[0m';
const DIM = '\u001b[2m';
const colored = (term, text) => `\u001b[38;5;${TERM_COLORS[term].ansi256}m${text}${RESET}`;
function columnTerms(plan) {
    const capacity = plan.memory.capacityBytes;
    const scale = BAR_COLUMNS / capacity;
    const columns = [];
    let total = 0;
    for (const term of CHART_TERMS) {
        total += termBytes(plan, term);
        const end = Math.round(total * scale);
        while (columns.length < end)
            columns.push(term);
    }
    while (columns.length < BAR_COLUMNS)
        columns.push(null);
    return columns;
}
function memoryBarLines(plan, color, indent = '    ') {
    const columns = columnTerms(plan);
    const shown = columns.slice(0, BAR_COLUMNS + BAR_OVERFLOW_COLUMNS);
    const cell = (term) => (term === null ? FREE : color ? '█' : TERM_LETTERS[term]);
    const paint = (term, text) => !color ? text : term === null ? `${DIM}${text}${RESET}` : colored(term, text);
    const cells = [];
    let run = '';
    shown.forEach((term, index) => {
        run += cell(term);
        const next = index + 1 === BAR_COLUMNS ? undefined : shown[index + 1];
        if (next !== term) {
            cells.push(paint(term, run));
            run = '';
        }
        if (index + 1 === BAR_COLUMNS)
            cells.push(CAPACITY_MARK);
    });
    if (columns.length > shown.length)
        cells.push(MORE);
    const legend = CHART_TERMS.map((term) => {
        const key = color ? colored(term, '█') : TERM_LETTERS[term];
        return `${key} ${TERM_WORDS[term]}`;
    });
    legend.push(`${CAPACITY_MARK} usable ${formatGib(plan.memory.capacityBytes)}`);
    return [`${indent}${cells.join('')}`, `${indent}${legend.join('  ')}`];
}

;// CONCATENATED MODULE: ./src/report/text.ts








const RULE_OF_THUMB_WEIGHT_BYTES = 2;
const RULE_OF_THUMB_ADAM_BYTES = 8;
const TERM_LABELS = [
    ['parameters', 'parameters'],
    ['gradients', 'gradients'],
    ['optimizerStates', 'optimizer states'],
    ['activations', 'activations'],
    ['logits', 'logits'],
    ['temporaries', 'temporaries'],
];
const LABEL_WIDTH = 26;
const GIB_WIDTH = 12;
const GB_WIDTH = 12;
function memoryRow(label, bytes, note = '') {
    const row = `    ${label.padEnd(LABEL_WIDTH)}${formatGib(bytes).padStart(GIB_WIDTH)}${formatGb(bytes).padStart(GB_WIDTH)}`;
    return note === '' ? row : `${row}  ${note}`;
}
function text_metricValue(metric, value) {
    switch (metric) {
        case 'memory':
        case 'host-memory':
            return formatBytes(value);
        case 'gpus':
            return formatCount(value);
        case 'gpu-hours':
            return formatGpuHours(value);
        case 'cost':
            return formatUsd(value);
        case 'wall-clock':
            return formatDuration(value);
    }
}
function budgetLine(check, capacities) {
    const verdict = check.pass ? 'pass' : 'FAIL';
    const relation = check.pass ? '≤' : '>';
    const label = isCapacityCheck(check, capacities)
        ? check.metric === 'memory'
            ? 'fits GPU'
            : 'fits RAM'
        : check.metric;
    const actual = text_metricValue(check.metric, check.actual);
    return `    ${verdict}  ${label.padEnd(11)}${actual} ${relation} ${text_metricValue(check.metric, check.limit)}`;
}
function wrap(text, first, rest = first, width = 100) {
    const lines = [];
    let current = first;
    let empty = true;
    for (const word of text.split(' ')) {
        if (!empty && current.length + 1 + word.length > width) {
            lines.push(current);
            current = rest;
            empty = true;
        }
        current += empty ? word : ` ${word}`;
        empty = false;
    }
    if (!empty)
        lines.push(current);
    return lines;
}
function ruleOfThumb(plan) {
    const total = plan.parameters.total;
    const modelState = plan.memory.modelStateBytesAllGpus;
    const bytesPerParameter = total === 0 ? 0 : modelState / total;
    const gpus = plan.hardware.gpus;
    return [
        '  Rule of thumb',
        `    ${formatCountShort(total)} params × ${RULE_OF_THUMB_WEIGHT_BYTES} bytes ("fp16 weights")${' '.repeat(4)}${formatGb(total * RULE_OF_THUMB_WEIGHT_BYTES)}`,
        `    ${formatCountShort(total)} params × ${RULE_OF_THUMB_ADAM_BYTES} bytes ("with Adam")${' '.repeat(7)}${formatGb(total * RULE_OF_THUMB_ADAM_BYTES)}`,
        gpus === 1
            ? `    this plan's model states, on its GPU${offloadedStateBytes(plan) > 0 ? ' and host' : ''}: ` +
                `${formatGb(modelState)} (${bytesPerParameter.toFixed(1)} bytes per parameter)`
            : `    this plan's model states on all ${formatCount(gpus)} GPUs` +
                `${offloadedStateBytes(plan) > 0 ? ' and their hosts' : ''}: ${formatGb(modelState)}\n` +
                `      (${bytesPerParameter.toFixed(1)} bytes per parameter summed over the GPUs; ` +
                `${(bytesPerParameter / gpus).toFixed(2)} on each)`,
        ...wrap('The rules count one copy of the model at a fixed width. The real total depends on the precision regime ' +
            '(fp32 master weights and Adam moments bring mixed precision to 16-18 bytes per parameter), on frozen ' +
            'weights that need no gradients or optimizer states and may be held in 4-bit form (QLoRA), and on how ' +
            'many data-parallel replicas keep ' +
            'copies that ZeRO does not shard.', '    '),
    ];
}
function parameterLines(parameters) {
    const active = parameters.activePerToken === parameters.total
        ? ''
        : `, ${formatCountShort(parameters.activePerToken)} active per token`;
    const parts = parameters.trainedParts;
    const trainable = `${formatCount(parameters.trainable)}` +
        (parts === undefined ? '' : ` (${formatCountShort(parameters.trainable)})`) +
        ' trainable';
    const head = `  parameters  ${formatCount(parameters.total)} (${formatCountShort(parameters.total)}) total, ${trainable}`;
    if (parts === undefined)
        return [head + active];
    const oneLine = `${head}: ${parts}${active}`;
    return [...oneLine].length <= 100 ? [oneLine] : [head + active, `              trained: ${parts}`];
}
function renderPlan(plan, options = {}) {
    const { memory, parameters } = plan;
    const per = memory.perGpu;
    const hardware = plan.hardware;
    const lines = [
        `${plan.name}  (${plan.file}:${plan.line})`,
        `  model       ${plan.model}`,
        `  hardware    ${formatCount(hardware.gpus)} × ${hardware.gpuName} (${hardware.gpu}), ${hardware.gpusPerNode} per node`,
        ...parameterLines(parameters),
        ...(parameters.breakdown.mtp > 0
            ? [
                `              trainable includes ${formatCountShort(parameters.breakdown.mtp)} of multi-token-prediction modules`,
            ]
            : []),
        ...plan.notices.flatMap((notice) => wrap(notice, '  ! ', '    ')),
        '',
        `  Memory on the most loaded GPU, at the peak (${memory.peakPhase})`,
    ];
    for (const [key, label] of TERM_LABELS)
        lines.push(memoryRow(label, per[key]));
    lines.push(memoryRow('peak allocated', per.peak, '(max_memory_allocated)'));
    lines.push(memoryRow('reserved', per.reserved, '(+ allocator slack; max_memory_reserved)'));
    lines.push(memoryRow('device', per.device, '(+ CUDA context, NCCL buffers; nvidia-smi)'));
    const share = memory.capacityBytes === 0 ? 0 : per.device / memory.capacityBytes;
    lines.push(memoryRow('capacity', memory.capacityBytes, `usable on ${hardware.gpuName}`));
    lines.push(`    ${memory.fits ? (share >= LITTLE_HEADROOM_SHARE ? 'fits, with little headroom' : 'fits') : 'DOES NOT FIT'}: ` +
        `device is ${formatPercent(share)} of capacity` +
        (memory.fits ? '' : `, ${formatBytes(per.device - memory.capacityBytes)} over`));
    lines.push(...memoryBarLines(plan, options.color === true));
    const host = hostTextLines(plan);
    if (host.length > 0)
        lines.push('', ...host);
    lines.push('', ...ruleOfThumb(plan), '');
    const compute = plan.compute;
    if (compute === null) {
        const reason = plan.assumptions.find((line) => line.startsWith('training.tokens: not given')) !== undefined
            ? 'the plan gives neither training.tokens nor training.steps'
            : 'see the assumptions below';
        lines.push(`  Compute: not estimated: ${reason}`);
    }
    else {
        lines.push('  Compute', `    ${formatCountShort(compute.tokens)} tokens, ${formatCount(compute.steps)} steps of ${formatCount(compute.globalBatchSize)} sequences`, `    ${formatScientific(compute.flops)} FLOPs at MFU ${formatPercent(compute.mfu)} (${compute.mfuSource === 'plan' ? 'from the plan' : 'efficiency model'})`, `    ${formatGpuHours(compute.gpuHours)}, ${formatHours(compute.wallClockHours)} wall clock at ${formatPercent(compute.goodput)} goodput` +
            (compute.costUsd === null ? '' : `, ${formatUsd(compute.costUsd)}`));
    }
    lines.push('');
    const checks = plan.budget.checks;
    if (checks.length === 0) {
        lines.push(`  Budget: none declared${plan.budget.pass ? '' : ' (the plan does not fit its GPU)'}`);
    }
    else {
        lines.push(`  Budget: ${plan.budget.pass ? 'within budget' : 'VIOLATED'}`, ...checks.map((check) => budgetLine(check, memory)));
    }
    if (plan.warnings.length > 0) {
        lines.push('', '  Warnings:');
        for (const warning of plan.warnings) {
            lines.push(...wrap(`${warning.file}:${warning.line}:${warning.column}: ${warning.message}`, '    - ', '      '));
        }
    }
    lines.push(...recommendationTextLines(plan));
    const { changing, plain } = assumptionGroups(plan);
    if (changing.length > 0) {
        lines.push('', '  Assumed:');
        for (const assumption of changing)
            lines.push(...wrap(assumption, '    - ', '      '));
    }
    if (plain.length > 0)
        lines.push('', ...wrap(`Plain defaults: ${plain.join('; ')}`, '  ', '    '));
    return lines;
}
function renderComparedPlan(entry, options) {
    const [title = '', ...rest] = renderPlan(entry.plan, options);
    const statuses = violationStatusLines(entry);
    const assumed = rest.findIndex((line) => line === '  Assumed:' || line.startsWith('  Plain defaults:'));
    const budgetEnd = assumed === -1 ? rest.length : assumed - 1;
    const against = statuses.length === 0 ? [] : ['', '  Against the base:', ...statuses];
    return [title, ...planChangeBlock(entry), ...rest.slice(0, budgetEnd), ...against, ...rest.slice(budgetEnd)];
}
function renderReportText(report, compared, options = {}) {
    const blocks = compared === undefined
        ? report.plans.map((plan) => renderPlan(plan, options).join('\n'))
        : compared.comparison.plans.map((entry) => renderComparedPlan(entry, options).join('\n'));
    const failing = report.plans.filter((plan) => !plan.budget.pass || !plan.memory.fits);
    const verdict = failing.length === 0
        ? report.plans.length === 1
            ? 'The plan fits and stays within budget.'
            : `All ${report.plans.length} plans fit and stay within budget.`
        : `${failing.length} of ${report.plans.length} plan${report.plans.length === 1 ? '' : 's'} ` +
            `${failing.length === 1 ? 'does not fit or breaks its' : 'do not fit or break their'} budget: ` +
            `${failing.map((plan) => plan.name).join(', ')}.`;
    const closing = compared === undefined ? [] : comparisonClosing(compared.comparison, compared.baseLabel);
    return `${blocks.join('\n\n')}\n\n${[verdict, ...closing].join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/report/html/html-escape.ts
const ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

;// CONCATENATED MODULE: ./src/report/html/html-page.ts

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --border: #d1d9e0;
  --grid: #e6e9ec; --pass: #1a7f37; --fail: #cf222e; --code: #f6f8fa; --note: #ddf4ff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --border: #3d444d; --grid: #262c36; --pass: #3fb950;
    --fail: #f85149; --code: #151b23; --note: #0c2d48; }
}
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); max-width: 1000px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.muted, figcaption, footer { color: var(--muted); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--border); padding: .2rem .6rem; vertical-align: top; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
section.plan { border-top: 1px solid var(--border); margin-top: 2rem; padding-top: 1rem; }
.pass { color: var(--pass); } .fail { color: var(--fail); }
.notice { background: var(--note); border-radius: 6px; padding: .4rem .8rem; margin: .5rem 0; }
figure { margin: .75rem 0 1.25rem; } figcaption { font-size: .9rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg .chart-title { font-size: 14px; font-weight: 600; fill: var(--fg); }
svg .tick, svg .caption { font-size: 11px; fill: var(--muted); }
svg .label, svg .value { font-size: 12px; fill: var(--fg); } svg .strong { font-weight: 700; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem;
  font-size: .9rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em;
  vertical-align: -.05em; }
pre { background: var(--code); padding: .5rem .75rem; border-radius: 6px; overflow-x: auto; }
ul.sources li { margin-bottom: .25rem; }
@media print {
  :root { color-scheme: light; --fg: #000; --muted: #444; --bg: #fff; --border: #999; --grid: #ddd; --pass: #1a7f37;
    --fail: #cf222e; --code: #f4f4f4; --note: #eef6fc; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  details::details-content { content-visibility: visible; display: block; }
  figure, table, pre { break-inside: avoid; }
  section.plan { break-before: page; border-top: none; }
  section.plan:first-of-type { break-before: auto; }
}
`;
function htmlPage(title, body) {
    return [
        '<!doctype html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
        `<title>${escapeHtml(title)}</title>`,
        `<style>${STYLE}</style>`,
        '</head>',
        '<body>',
        body,
        '</body>',
        '</html>',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/html/svg-charts.ts






const WIDTH = 720;
const n = (value) => Number(value.toFixed(2)).toString();
function axisTicks(top) {
    const rough = top / 6;
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough);
    const ticks = [];
    for (let value = 0; value <= top + step / 1000; value += step)
        ticks.push(Number(value.toPrecision(6)));
    return ticks;
}
function svgOpen(height, label, kind) {
    return `<svg class="chart" data-chart="${kind}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">`;
}
function svg_charts_text(x, y, content, className, anchor = 'start') {
    return `<text x="${n(x)}" y="${n(y)}" class="${className}" text-anchor="${anchor}">${escapeHtml(content)}</text>`;
}
function segment(x, y, width, height, fill, term, bytes) {
    return (`<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(width, 0))}" height="${n(Math.max(height, 0))}" fill="${fill}" ` +
        `data-term="${term}" data-bytes="${bytes}"><title>${escapeHtml(`${CHART_TERM_LABELS[term] ?? term}: ${formatGib(bytes)}`)}</title></rect>`);
}
function limitLine(x1, y1, x2, y2, color, kind, bytes) {
    return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${color}" stroke-width="2" stroke-dasharray="6 4" data-limit="${kind}" data-bytes="${bytes}"/>`;
}
function stackedRowsSvg(chart) {
    const left = 120;
    const right = 60;
    const top = 40;
    const rowHeight = 34;
    const plotWidth = WIDTH - left - right;
    const axisTop = niceCeiling(stackedChartMax(chart) / BYTES_PER_GIB);
    const x = (bytes) => left + (bytes / BYTES_PER_GIB / axisTop) * plotWidth;
    const height = top + chart.bars.length * rowHeight + 30;
    const parts = [svgOpen(height, chart.title, 'stacked-rows'), svg_charts_text(left, 16, chart.title, 'chart-title')];
    for (const tick of axisTicks(axisTop)) {
        const at = x(tick * BYTES_PER_GIB);
        parts.push(`<line x1="${n(at)}" y1="${top - 6}" x2="${n(at)}" y2="${height - 30}" class="grid"/>`, svg_charts_text(at, top - 10, String(tick), 'tick', 'middle'));
    }
    chart.bars.forEach((bar, row) => {
        const y = top + row * rowHeight + 6;
        parts.push(`<g data-bar="${escapeHtml(bar.label)}">`, svg_charts_text(left - 8, y + 16, bar.label, 'label', 'end'));
        let start = 0;
        bar.segments.forEach((bytes, k) => {
            const term = CHART_TERMS[k];
            parts.push(segment(x(start), y, x(start + bytes) - x(start), 22, TERM_COLORS[term].hex, term, bytes));
            start += bytes;
        });
        parts.push(svg_charts_text(x(barTotal(bar)) + 4, y + 16, formatGibNumber(barTotal(bar)), 'value'));
        parts.push(limitLine(x(bar.capacityBytes), y - 4, x(bar.capacityBytes), y + 26, CAPACITY_COLOR, 'capacity', bar.capacityBytes));
        parts.push('</g>');
    });
    parts.push(svg_charts_text(left, height - 8, 'GiB per GPU · dashed: usable memory', 'caption'));
    parts.push('</svg>');
    return parts.join('');
}
function stackedColumnsSvg(chart) {
    const left = 50;
    const right = 20;
    const top = 30;
    const plotHeight = 240;
    const height = top + plotHeight + 60;
    const axisTop = niceCeiling(stackedChartMax(chart) / BYTES_PER_GIB);
    const y = (bytes) => top + plotHeight - (bytes / BYTES_PER_GIB / axisTop) * plotHeight;
    const slot = (WIDTH - left - right) / chart.bars.length;
    const barWidth = Math.min(90, slot * 0.6);
    const parts = [svgOpen(height, chart.title, 'stacked-columns'), svg_charts_text(left, 16, chart.title, 'chart-title')];
    for (const tick of axisTicks(axisTop)) {
        const at = y(tick * BYTES_PER_GIB);
        parts.push(`<line x1="${left}" y1="${n(at)}" x2="${WIDTH - right}" y2="${n(at)}" class="grid"/>`, svg_charts_text(left - 6, at + 4, String(tick), 'tick', 'end'));
    }
    chart.bars.forEach((bar, column) => {
        const center = left + slot * (column + 0.5);
        const x0 = center - barWidth / 2;
        parts.push(`<g data-bar="${escapeHtml(bar.label)}">`);
        let start = 0;
        bar.segments.forEach((bytes, k) => {
            const term = CHART_TERMS[k];
            parts.push(segment(x0, y(start + bytes), barWidth, y(start) - y(start + bytes), TERM_COLORS[term].hex, term, bytes));
            start += bytes;
        });
        parts.push(svg_charts_text(center, y(barTotal(bar)) - 4, formatGibNumber(barTotal(bar)), 'value', 'middle'));
        parts.push(limitLine(center - slot / 2 + 4, y(bar.capacityBytes), center + slot / 2 - 4, y(bar.capacityBytes), CAPACITY_COLOR, 'capacity', bar.capacityBytes));
        parts.push(svg_charts_text(center, top + plotHeight + 18, bar.label, 'label', 'middle'), '</g>');
    });
    parts.push(svg_charts_text(left, height - 8, 'GiB per GPU · dashed: usable memory', 'caption'));
    parts.push('</svg>');
    return parts.join('');
}
function sweepSvg(chart) {
    const left = 50;
    const right = 20;
    const top = 30;
    const plotHeight = 220;
    const height = top + plotHeight + 70;
    const axisTop = niceCeiling(sweepChartMax(chart) / BYTES_PER_GIB);
    const y = (bytes) => top + plotHeight - (bytes / BYTES_PER_GIB / axisTop) * plotHeight;
    const step = (WIDTH - left - right) / chart.values.length;
    const x = (index) => left + step * (index + 0.5);
    const parts = [svgOpen(height, chart.title, 'sweep'), svg_charts_text(left, 16, chart.title, 'chart-title')];
    for (const tick of axisTicks(axisTop)) {
        const at = y(tick * BYTES_PER_GIB);
        parts.push(`<line x1="${left}" y1="${n(at)}" x2="${WIDTH - right}" y2="${n(at)}" class="grid"/>`, svg_charts_text(left - 6, at + 4, String(tick), 'tick', 'end'));
    }
    const limits = [[chart.capacityBytes, CAPACITY_COLOR, 'capacity']];
    if (chart.budgetBytes !== null)
        limits.push([chart.budgetBytes, BUDGET_COLOR, 'budget']);
    for (const [bytes, color, kind] of limits) {
        parts.push(limitLine(left, y(bytes), WIDTH - right, y(bytes), color, kind, bytes));
    }
    for (const line of chart.lines) {
        const color = line.label === 'base' ? SWEEP_BASE_COLOR : SWEEP_HEAD_COLOR;
        const points = line.bytes.map((bytes, index) => `${n(x(index))},${n(y(bytes))}`).join(' ');
        parts.push(`<g data-line="${escapeHtml(line.label)}"><polyline points="${points}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
        line.bytes.forEach((bytes, index) => {
            const value = chart.values[index];
            parts.push(`<circle cx="${n(x(index))}" cy="${n(y(bytes))}" r="4" fill="${color}" data-value="${value}" data-bytes="${bytes}"><title>${escapeHtml(`${chart.axis} ${formatCount(value)}: ${formatGib(bytes)}`)}</title></circle>`);
        });
        parts.push('</g>');
    }
    chart.values.forEach((value, index) => {
        parts.push(svg_charts_text(x(index), top + plotHeight + 18, sweepValueLabel(chart, value), value === chart.planValue ? 'label strong' : 'label', 'middle'));
    });
    parts.push(svg_charts_text(left + (WIDTH - left - right) / 2, top + plotHeight + 38, chart.axis, 'caption', 'middle'));
    parts.push(svg_charts_text(left, height - 8, 'GiB per GPU · dashed grey: usable memory' + (chart.budgetBytes === null ? '' : ' · dashed red: memory budget'), 'caption'));
    parts.push('</svg>');
    return parts.join('');
}
function logTicks(low, high, base) {
    const ticks = [base ** Math.floor(Math.log(low) / Math.log(base) + 1e-9)];
    while (ticks[ticks.length - 1] < high * 0.9999)
        ticks.push(ticks[ticks.length - 1] * base);
    if (ticks.length === 1)
        ticks.push(ticks[0] * base);
    return ticks;
}
const LOG_AXIS_SPAN = 20;
function frontSvg(title, yLabel, series, formatY) {
    const left = 70;
    const right = 20;
    const top = 30;
    const plotHeight = 240;
    const height = top + plotHeight + 60;
    const points = series.flatMap((entry) => entry.points);
    const values = points.map((p) => p.y);
    const xs = logTicks(Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)), 2);
    const [xLow, xHigh] = [xs[0], xs[xs.length - 1]];
    const logY = Math.max(...values) / Math.min(...values) > LOG_AXIS_SPAN;
    const linearTop = niceCeiling(Math.max(...values));
    const ys = logY ? logTicks(Math.min(...values), Math.max(...values), 10) : axisTicks(linearTop);
    const [yLow, yHigh] = logY ? [ys[0], ys[ys.length - 1]] : [0, linearTop];
    const x = (value) => left + (Math.log(value / xLow) / Math.log(xHigh / xLow)) * (WIDTH - left - right);
    const y = (value) => top +
        plotHeight -
        (logY ? Math.log(value / yLow) / Math.log(yHigh / yLow) : (value - yLow) / (yHigh - yLow)) * plotHeight;
    const parts = [svgOpen(height, title, 'front'), svg_charts_text(left, 16, title, 'chart-title')];
    for (const tick of ys) {
        parts.push(`<line x1="${left}" y1="${n(y(tick))}" x2="${WIDTH - right}" y2="${n(y(tick))}" class="grid"/>`, svg_charts_text(left - 6, y(tick) + 4, formatY(tick), 'tick', 'end'));
    }
    for (const tick of xs) {
        parts.push(svg_charts_text(x(tick), top + plotHeight + 18, formatCount(tick), 'tick', 'middle'));
    }
    for (const entry of series) {
        const sorted = [...entry.points].sort((a, b) => a.x - b.x);
        parts.push(`<g data-series="${escapeHtml(entry.label)}"><polyline points="${sorted.map((p) => `${n(x(p.x))},${n(y(p.y))}`).join(' ')}" fill="none" stroke="${entry.color}" stroke-width="2"/>`, ...sorted.map((p) => `<circle cx="${n(x(p.x))}" cy="${n(y(p.y))}" r="4" fill="${entry.color}" data-x="${p.x}" data-y="${p.y}"><title>${escapeHtml(p.title)}</title></circle>`), '</g>');
    }
    parts.push(svg_charts_text(left + (WIDTH - left - right) / 2, top + plotHeight + 38, 'GPUs (log scale)', 'caption', 'middle'));
    parts.push(svg_charts_text(left, height - 8, logY ? `${yLabel} (log scale)` : yLabel, 'caption'));
    parts.push('</svg>');
    return parts.join('');
}

;// CONCATENATED MODULE: ./src/report/html/html-report.ts
















const html_report_PHASE_WORDS = { forward: 'the forward pass', backward: 'the backward pass', optimizer: 'the optimizer step' };
const passMark = (pass) => (pass ? '<span class="pass">✓</span>' : '<span class="fail">✗</span>');
const mark = (plan) => passMark(planPasses(plan));
function swatch(color) {
    return `<span class="swatch" style="background:${color}"></span>`;
}
function table(head, rows, numeric = []) {
    const cell = (tag, content, index) => `<${tag}${numeric.includes(index) ? ' class="num"' : ''}>${content}</${tag}>`;
    return [
        '<table>',
        `<thead><tr>${head.map((content, index) => cell('th', content, index)).join('')}</tr></thead>`,
        '<tbody>',
        ...rows.map((row) => `<tr>${row.map((content, index) => cell('td', content, index)).join('')}</tr>`),
        '</tbody>',
        '</table>',
    ].join('\n');
}
function html_report_termLegend() {
    const items = CHART_TERMS.map((term) => `<li>${swatch(TERM_COLORS[term].hex)}${CHART_TERM_LABELS[term]}</li>`);
    items.push(`<li>${swatch(CAPACITY_COLOR)}usable memory (dashed)</li>`);
    return `<ul class="legend">${items.join('')}</ul>`;
}
function figure(svg, caption) {
    return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}
function pictures(plan, base) {
    const side = base === null ? '' : ' Base and head side by side.';
    const parts = [
        '<div class="pictures">',
        '<h3>Pictures</h3>',
        html_report_termLegend(),
        figure(stackedRowsSvg(peakChart(plan, base)), base === null
            ? 'The memory terms against the usable memory: what the allocator holds at the peak, and what the device shows (plus allocator reserve, CUDA context and communication buffers).'
            : `The memory terms on the device against the usable memory.${side}`),
        figure(stackedColumnsSvg(phaseChart(plan, base)), `One training step, phase by phase: the peak is in ${html_report_PHASE_WORDS[plan.memory.peakPhase]}.${base === null ? '' : ' fwd: forward pass, bwd: backward pass, opt: optimizer step; base and head side by side.'}`),
    ];
    for (const chart of sweepCharts(plan, base)) {
        const lines = chart.lines.map((line) => `${swatch(line.label === 'base' ? SWEEP_BASE_COLOR : SWEEP_HEAD_COLOR)}${line.label === 'on the device' ? 'memory on the device' : line.label}`);
        const limits = [`${swatch(CAPACITY_COLOR)}usable memory`];
        if (chart.budgetBytes !== null)
            limits.push(`${swatch(BUDGET_COLOR)}memory budget`);
        parts.push(figure(sweepSvg(chart), `${[...lines, ...limits].join(' · ')}. Re-estimated with only the ${chart.axis} changed. ${escapeHtml(sweepLimitSentence(chart))}`));
    }
    parts.push('</div>');
    return parts.join('\n');
}
function compactTable(plan, base) {
    const { perGpu, capacityBytes } = plan.memory;
    const estimates = {
        memory: `<strong>${formatGib(perGpu.device)}</strong> of ${formatGib(capacityBytes)} usable (${formatPercent(perGpu.device / capacityBytes)})`,
        'host-memory': hostMemoryCell(plan, (text) => `<strong>${text}</strong>`),
        gpus: formatCount(plan.hardware.gpus),
        'gpu-hours': gpuHoursText(plan),
        'wall-clock': wallClockText(plan),
        cost: costText(plan),
    };
    const baseValues = base === null
        ? {}
        : {
            memory: `${formatGib(base.memory.perGpu.device)} (${formatPercent(base.memory.perGpu.device / base.memory.capacityBytes)})`,
            'host-memory': hostShortText(base),
            gpus: formatCount(base.hardware.gpus),
            'gpu-hours': gpuHoursText(base),
            'wall-clock': wallClockText(base),
            cost: costText(base),
        };
    const rows = planTableRows(plan).map((row) => [
        row.label,
        ...(base === null ? [] : [escapeHtml(baseValues[row.metric])]),
        estimates[row.metric],
        escapeHtml(row.budget),
    ]);
    return table(['', ...(base === null ? [] : ['Base']), 'Estimate', 'Budget'], rows, base === null ? [1] : [1, 2]);
}
function breakdown(plan) {
    const { perGpu, overheads, capacityBytes } = plan.memory;
    const share = (bytes) => formatPercent(bytes / perGpu.device);
    const row = (label, bytes, withShare = true) => [
        label,
        formatGibNumber(bytes),
        withShare ? share(bytes) : '',
    ];
    const rows = [
        row('Parameters', perGpu.parameters),
        row('Gradients', perGpu.gradients),
        row('Optimizer states', perGpu.optimizerStates),
        row('Activations', perGpu.activations),
        row('Logits and loss', perGpu.logits),
        row('Temporaries', perGpu.temporaries),
        ['<strong>Allocated at the peak</strong>', `<strong>${formatGibNumber(perGpu.peak)}</strong>`, ''],
        row('+ Allocator reserve', perGpu.reserved - perGpu.peak, false),
        row('+ CUDA context', overheads.cudaContext, false),
        row('+ Communication buffers', overheads.communicationBuffers, false),
        ...(overheads.pagedOptimizerStates > 0
            ? [row('+ Paged optimizer states', overheads.pagedOptimizerStates, false)]
            : []),
        [
            '<strong>On the device</strong>',
            `<strong>${formatGibNumber(perGpu.device)} of ${formatGibNumber(capacityBytes)} usable</strong>`,
            `<strong>${formatPercent(perGpu.device / capacityBytes)}</strong>`,
        ],
    ];
    return `<h3>Memory at the peak (${html_report_PHASE_WORDS[plan.memory.peakPhase]}), GiB</h3>\n${table(['Term', 'GiB', 'Share'], rows, [1, 2])}`;
}
function hostBreakdown(plan) {
    const host = plan.memory.host;
    if (host === undefined)
        return '';
    const rows = [
        ...shownHostTerms(host).map(([key, label]) => [
            escapeHtml(label),
            ...HOST_PHASES.map((phase) => gibCell(host.phases[phase][key])),
        ]),
        [
            '<strong>Per node</strong>',
            ...HOST_PHASES.map((phase) => `<strong>${formatGibNumber(host.phaseTotals[phase])}</strong>`),
        ],
    ];
    const capacity = host.capacityBytes === null
        ? 'The node’s RAM is not given (hardware.host_memory_per_node): not checked.'
        : `Node RAM ${formatGib(host.capacityBytes)} (${host.capacitySource ?? 'plan'}): the peak is ${formatPercent(host.perNode / host.capacityBytes)} of it.`;
    return [
        `<h3>Host memory per node (${host.ranksPerNode} ${host.ranksPerNode === 1 ? 'rank' : 'ranks'}), GiB</h3>`,
        table(['Term', ...HOST_PHASES.map((phase) => HOST_PHASE_TITLES[phase])], rows, [1, 2, 3]),
        `<p>Peak while ${HOST_PHASE_WORDS[host.peakPhase]}; checkpoints: load ${escapeHtml(host.checkpoint.load)}, save ${escapeHtml(host.checkpoint.save)}. ${escapeHtml(capacity)}</p>`,
    ].join('\n');
}
function computeParagraph(plan) {
    const p = plan.parameters;
    const lines = [
        `<p>Parameters: ${formatCount(p.total)} in total, ${formatCount(p.trainable)} trained${p.trainedParts === undefined ? '' : ` (${escapeHtml(p.trainedParts)})`}, ${formatCount(p.activePerToken)} active per token.</p>`,
    ];
    const c = plan.compute;
    if (c === null) {
        const stated = plan.assumptions.find((line) => /not estimated/i.test(line));
        lines.push(`<p>${escapeHtml(stated ?? 'GPU-hours, wall clock and cost are not estimated: the plan gives neither training.tokens nor training.steps.')}</p>`);
    }
    else {
        lines.push(...(c.costUsd === null ? ['<p>Cost is not estimated: the plan gives no hardware.price_per_gpu_hour.</p>'] : []), `<p>Compute: ${escapeHtml(formatScientific(c.flops))} FLOPs for ${escapeHtml(formatScientific(c.tokens))} tokens (${formatCount(c.steps)} steps of ${formatCount(c.globalBatchSize)} sequences) · MFU ${formatPercent(c.mfu)} (${c.mfuSource === 'plan' ? 'from the plan' : 'efficiency model'}) · ${formatCount(c.tokensPerSecondPerGpu)} tokens/s per GPU.</p>`);
    }
    return lines.join('\n');
}
function recommendations(plan) {
    const headroom = headroomText(plan);
    if (headroom !== null)
        return `<p class="notice">Headroom: ${escapeHtml(headroom)}.</p>`;
    if (plan.recommendations.length === 0)
        return '';
    const items = plan.recommendations.slice(0, SHOWN_RECOMMENDATIONS).map((recommendation) => {
        const numerics = recommendation.changesNumerics ? ' <strong>(changes the numerics)</strong>' : '';
        return `<li>${escapeHtml(recommendationSummary(plan, recommendation, ' · '))}${numerics}<pre>${escapeHtml(changeYamlLines(recommendation.changes).join('\n'))}</pre></li>`;
    });
    return `<h3>Ways out</h3>\n<p>${escapeHtml(recommendationsIntro(plan))}</p>\n<ol>${items.join('')}</ol>`;
}
function assumptions(plan) {
    const { changing, plain } = assumptionGroups(plan);
    const list = (lines) => `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
    const parts = ['<h3>Assumptions that change the numbers</h3>', changing.length > 0 ? list(changing) : '<p>None.</p>'];
    if (plain.length > 0) {
        parts.push(`<details><summary>Plain defaults (${plain.length}): a degree of 1, nothing offloaded, features left off</summary>${list(plain)}</details>`);
    }
    return parts.join('\n');
}
function sources(lines) {
    const items = lines.map((line) => `<li><strong>${escapeHtml(line.what)}</strong>: ${escapeHtml(line.source)}</li>`);
    return `<h3>Sources of the numbers</h3>\n<ul class="sources">${items.join('')}</ul>`;
}
function planSection(plan, index, entry, options) {
    const base = entry !== null && entry.status !== 'unchanged' ? entry.base : null;
    const notices = plan.notices.map((notice) => `<p class="notice">${escapeHtml(notice)}</p>`);
    const violations = failedChecks(plan.budget, plan.memory).map((check) => `<li>${escapeHtml(describeViolation(check, plan.memory))}</li>`);
    const warnings = plan.warnings.map((warning) => `<li>${escapeHtml(`${warning.file}:${warning.line}:${warning.column}: ${warning.message}`)}</li>`);
    const terms = CHART_TERMS.map((term) => CHART_TERM_LABELS[term]);
    const change = entry === null ? [] : [`<p>Change from the base: ${planChangeSentence(entry, escapeHtml)}.</p>`];
    return [
        `<section class="plan" id="plan-${index + 1}" data-plan="${escapeHtml(plan.name)}">`,
        `<h2>${mark(plan)} ${escapeHtml(plan.name)}</h2>`,
        `<p class="muted">${escapeHtml(`${plan.file}:${plan.line} · ${plan.model} · ${formatCount(plan.hardware.gpus)} × ${plan.hardware.gpuName}`)}</p>`,
        ...change,
        ...notices,
        ...(violations.length > 0 ? [`<ul class="fail">${violations.join('')}</ul>`] : []),
        compactTable(plan, base),
        table(terms, [CHART_TERMS.map((term) => formatGib(termBytes(plan, term)))], terms.map((_, column) => column)),
        ...(warnings.length > 0 ? [`<h3>Warnings</h3><ul>${warnings.join('')}</ul>`] : []),
        recommendations(plan),
        pictures(plan, base),
        breakdown(plan),
        hostBreakdown(plan),
        computeParagraph(plan),
        assumptions(plan),
        sources(options.sources(plan)),
        '</section>',
    ]
        .filter((part) => part !== '')
        .join('\n');
}
function html_report_summaryTable(report) {
    const rows = report.plans.map((plan, index) => [
        `${mark(plan)} <a href="#plan-${index + 1}">${escapeHtml(plan.name)}</a>`,
        escapeHtml(`${formatCount(plan.hardware.gpus)} × ${plan.hardware.gpuName}`),
        `${formatGib(plan.memory.perGpu.device)} (${formatPercent(plan.memory.perGpu.device / plan.memory.capacityBytes)})`,
        gpuHoursText(plan),
        wallClockText(plan),
        costText(plan),
    ]);
    return table(['Plan', 'Hardware', 'Memory / GPU', 'GPU-hours', 'Wall clock', 'Cost'], rows, [2, 3, 4, 5]);
}
function renderReportHtml(report, options) {
    const entries = options.comparison?.comparison.plans ?? null;
    const heading = verdictHeading(report.plans).replace(/^#+\s*(✅|❌)?\s*/u, '');
    const removed = options.comparison?.comparison.removed ?? [];
    const body = [
        '<header>',
        '<h1>Training memory report</h1>',
        `<p>${passMark(report.plans.every(planPasses))} ${escapeHtml(heading)}</p>`,
        ...(options.comparison === undefined
            ? []
            : [`<p class="muted">Compared with ${escapeHtml(options.comparison.baseLabel)}.</p>`]),
        ...(removed.length > 0
            ? [`<p>Removed since the base: ${removed.map((plan) => escapeHtml(plan.name)).join(', ')}.</p>`]
            : []),
        '</header>',
        ...(report.plans.length > 1 ? [html_report_summaryTable(report)] : []),
        ...report.plans.map((plan, index) => planSection(plan, index, entries?.[index] ?? null, options)),
        `<footer><p>train-memory ${escapeHtml(options.version)} · estimates are validated against measured runs: docs/validation.md</p></footer>`,
    ].join('\n');
    return htmlPage(`train-memory: ${report.plans.map((plan) => plan.name).join(', ')}`, body);
}

;// CONCATENATED MODULE: ./src/report/report-sources.ts
const ESTIMATOR_SOURCES = [
    {
        what: 'Memory model',
        source: 'every term names its formula and source in src/core/memory; accuracy against measured runs is in docs/validation.md',
    },
    {
        what: 'Device overheads (CUDA context, allocator reserve)',
        source: 'measured on GPUs, calibration/ and docs/validation.md',
    },
    {
        what: 'Compute (FLOPs, MFU)',
        source: 'matrix-product FLOPs and the efficiency model, src/core/compute; the assumptions above say which terms apply',
    },
];
function report_sources_text(value) {
    return typeof value === 'string' && value !== '' ? value : null;
}
function planSources(plan, catalog) {
    const lines = [];
    const model = catalog.findModel(plan.model);
    if (model === null) {
        lines.push({
            what: `${plan.model} config`,
            source: 'not in the catalogue: see the assumptions for where it was read',
        });
    }
    else {
        lines.push({ what: `${model.id} config.json`, source: model.configSource });
        lines.push({ what: `${model.id} parameter count`, source: model.parameters.source });
    }
    const gpu = catalog.findGpu(plan.hardware.gpu);
    if (gpu === null) {
        lines.push({ what: `${plan.hardware.gpuName}`, source: 'a GPU given in the plan, not the catalogue' });
    }
    else {
        lines.push({ what: `${gpu.name} usable memory`, source: gpu.memoryBasis ?? 'the catalogue' });
        const sources = (gpu.sources ?? []).map(report_sources_text).filter((line) => line !== null);
        if (sources.length > 0)
            lines.push({ what: `${gpu.name} peak FLOP/s and bandwidth`, source: sources.join('; ') });
    }
    return [...lines, ...ESTIMATOR_SOURCES];
}

;// CONCATENATED MODULE: ./src/cli/text-table.ts
function renderTable(rows, columns) {
    const cells = rows.map((row) => columns.map((column) => column.cell(row)));
    const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((row) => row[i].length)));
    const line = (values) => values
        .map((value, i) => {
        const pad = ' '.repeat(widths[i] - value.length);
        return columns[i].align === 'right' ? pad + value : value + pad;
    })
        .join('  ')
        .trimEnd();
    return [line(columns.map((column) => column.header)), ...cells.map(line)].join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/cli/catalogue-commands.ts






function modelRow(entry) {
    const architecture = architectureFromHfConfig(entry.config);
    const count = countParameters(architecture);
    return {
        id: entry.id,
        aliases: entry.aliases,
        modelType: architecture.modelType,
        layers: layerCount(architecture),
        hiddenSize: architecture.hiddenSize,
        total: count.total,
        activePerToken: count.activePerToken,
        configSource: entry.configSource,
        parametersSource: entry.parameters.source,
    };
}
function renderModels(catalog, format) {
    const rows = catalog.listModels().map(modelRow);
    if (format === 'json')
        return `${JSON.stringify(rows, null, 2)}\n`;
    return renderTable(rows, [
        { header: 'ID', cell: (row) => row.id },
        { header: 'TYPE', cell: (row) => row.modelType },
        { header: 'LAYERS', cell: (row) => String(row.layers), align: 'right' },
        { header: 'HIDDEN', cell: (row) => String(row.hiddenSize), align: 'right' },
        { header: 'PARAMS', cell: (row) => formatCountShort(row.total), align: 'right' },
        {
            header: 'ACTIVE',
            cell: (row) => (row.activePerToken === row.total ? '' : formatCountShort(row.activePerToken)),
            align: 'right',
        },
    ]);
}
const catalogue_commands_tflops = (value) => (value === null ? '-' : String(value));
const MAX_NAME_WIDTH = 20;
const shortName = (name) => name.length <= MAX_NAME_WIDTH ? name : `${name.slice(0, MAX_NAME_WIDTH - 1)}…`;
function renderGpus(catalog, format) {
    const gpus = catalog.listGpus();
    if (format === 'json')
        return `${JSON.stringify(gpus, null, 2)}\n`;
    return renderTable(gpus, [
        { header: 'ID', cell: (gpu) => gpu.id },
        { header: 'NAME', cell: (gpu) => shortName(gpu.name) },
        { header: 'USABLE', cell: (gpu) => formatGib(gpu.memoryBytes), align: 'right' },
        { header: 'BF16 TF', cell: (gpu) => catalogue_commands_tflops(gpu.peakTflops.bf16), align: 'right' },
        { header: 'FP8 TF', cell: (gpu) => catalogue_commands_tflops(gpu.peakTflops.fp8), align: 'right' },
        {
            header: 'HBM GB/s',
            cell: (gpu) => (gpu.memoryBandwidthGBs === null ? '-' : String(gpu.memoryBandwidthGBs)),
            align: 'right',
        },
    ]);
}
function renderNetworks(format) {
    const networks = listNetworks();
    if (format === 'json')
        return `${JSON.stringify(networks, null, 2)}\n`;
    return renderTable(networks, [
        { header: 'ID', cell: (n) => n.id },
        { header: 'GB/S PER GPU', cell: (n) => (networkSpec(n).bandwidthPerGpu / 1e9).toFixed(2), align: 'right' },
        { header: 'Gb/s NODE', cell: (n) => String(n.nicGbpsPerNode), align: 'right' },
        { header: 'GPUS', cell: (n) => String(n.gpusPerNode), align: 'right' },
    ]);
}
function renderNodes(format) {
    const nodes = listNodes();
    if (format === 'json')
        return `${JSON.stringify(nodes, null, 2)}\n`;
    return renderTable(nodes, [
        { header: 'ID', cell: (n) => n.id },
        { header: 'RAM GiB', cell: (n) => String(Math.round(n.hostMemoryBytes / 2 ** 30)), align: 'right' },
        { header: 'GPUS', cell: (n) => String(n.gpusPerNode), align: 'right' },
        { header: 'NAME', cell: (n) => n.name },
    ]);
}

;// CONCATENATED MODULE: ./src/cli/plan-arguments.ts


const PLAN_OPTIONS = [
    '--format',
    '--model',
    '--gpu',
    '--method',
    '--framework',
    '--tokens',
    '--sequence-length',
    '--global-batch-tokens',
    '--max-gpus',
    '--max-days',
    '--max-cost',
    '--price-per-gpu-hour',
    '--prices',
    '--gpus-per-node',
    '--write',
];
const DEFAULT_MAX_GPUS = 1024;
class PlanArgumentError extends Error {
}
function positiveNumber(option, text) {
    if (text === undefined)
        return null;
    const value = Number(text.replace(/_/g, ''));
    if (!Number.isFinite(value) || value <= 0)
        throw new PlanArgumentError(`${option} ${text}: expected a positive number`);
    return value;
}
function positiveInteger(option, text) {
    const value = positiveNumber(option, text);
    if (value !== null && !Number.isInteger(value))
        throw new PlanArgumentError(`${option} ${text}: expected a whole number`);
    return value;
}
function count(option, text) {
    if (text === undefined)
        return null;
    const parsed = parseCount(text);
    if (!parsed.ok || parsed.value <= 0) {
        throw new PlanArgumentError(`${option} ${text}: expected a count such as 2T, 15.6T, 4M or 4_194_304`);
    }
    return Math.round(parsed.value);
}
function oneOf(option, text, values) {
    if (text === undefined)
        return null;
    if (!values.includes(text)) {
        throw new PlanArgumentError(`${option} ${text}: expected one of ${values.join(', ')}`);
    }
    return text;
}
function readPlanRequest(options) {
    const model = options.get('--model');
    if (model === undefined)
        throw new PlanArgumentError('plan needs --model (a catalogue id or a config.json path)');
    const gpu = options.get('--gpu');
    if (gpu === undefined)
        throw new PlanArgumentError('plan needs --gpu (a catalogue id, or any)');
    const pricePerGpuHour = positiveNumber('--price-per-gpu-hour', options.get('--price-per-gpu-hour'));
    const prices = options.get('--prices') ?? null;
    if (pricePerGpuHour !== null && prices !== null) {
        throw new PlanArgumentError('give --price-per-gpu-hour or --prices, not both');
    }
    const maxGpus = positiveInteger('--max-gpus', options.get('--max-gpus'));
    return {
        model,
        gpu,
        method: oneOf('--method', options.get('--method'), TRAINING_METHODS) ?? 'full',
        framework: oneOf('--framework', options.get('--framework'), FRAMEWORKS),
        tokens: count('--tokens', options.get('--tokens')),
        sequenceLength: positiveInteger('--sequence-length', options.get('--sequence-length')),
        globalBatchTokens: count('--global-batch-tokens', options.get('--global-batch-tokens')),
        maxGpus: maxGpus ?? DEFAULT_MAX_GPUS,
        maxGpusGiven: maxGpus !== null,
        maxDays: positiveNumber('--max-days', options.get('--max-days')),
        maxCost: positiveNumber('--max-cost', options.get('--max-cost')),
        pricePerGpuHour,
        prices,
        gpusPerNode: positiveInteger('--gpus-per-node', options.get('--gpus-per-node')),
        write: options.get('--write') ?? null,
    };
}

;// CONCATENATED MODULE: ./src/cli/cli-settings.ts



const COMMANDS = ['estimate', 'params', 'models', 'gpus', 'networks', 'nodes', 'plan'];
const DEFAULT_PLAN_FILE = 'train-plan.yml';
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
const OPTIONS_BY_COMMAND = {
    estimate: ['--format', '--plan', '--gpu', '--gpus', '--compare-to', '--time-limit'],
    params: ['--format', '--family'],
    models: ['--format'],
    gpus: ['--format'],
    networks: ['--format'],
    nodes: ['--format'],
    plan: PLAN_OPTIONS,
};
const FORMATS_BY_COMMAND = {
    estimate: ['text', 'markdown', 'json', 'html'],
    params: ['text', 'json'],
    models: ['text', 'json'],
    gpus: ['text', 'json'],
    networks: ['text', 'json'],
    nodes: ['text', 'json'],
    plan: ['text', 'json', 'html'],
};
function parseArguments(argv) {
    if (argv.length === 0)
        return { command: 'help' };
    if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help')
        return { command: 'help' };
    if (argv.includes('--version') || argv.includes('-V'))
        return { command: 'version' };
    const [command, ...rest] = argv;
    if (!COMMANDS.includes(command)) {
        const hint = didYouMean(command, COMMANDS);
        throw new UsageError(`unknown command "${command}"${hint === undefined ? '' : `; ${hint}`}\ncommands: ${COMMANDS.join(', ')}`);
    }
    const name = command;
    const allowed = OPTIONS_BY_COMMAND[name];
    const values = new Map();
    const positional = [];
    let onlyPositional = false;
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (onlyPositional || !arg.startsWith('-') || arg === '-') {
            positional.push(arg);
            continue;
        }
        if (arg === '--') {
            onlyPositional = true;
            continue;
        }
        const equals = arg.indexOf('=');
        const option = equals === -1 ? arg : arg.slice(0, equals);
        if (!allowed.includes(option)) {
            const hint = didYouMean(option, allowed);
            throw new UsageError(`unknown option ${option} for ${name}${hint === undefined ? '' : `; ${hint}`}\noptions of ${name}: ${allowed.join(', ')}`);
        }
        const value = equals === -1 ? rest[++i] : arg.slice(equals + 1);
        if (value === undefined || value === '')
            throw new UsageError(`${option} needs a value`);
        if (values.has(option))
            throw new UsageError(`${option} is given twice`);
        values.set(option, value);
    }
    const format = values.get('--format') ?? 'text';
    const formats = FORMATS_BY_COMMAND[name];
    if (!formats.includes(format)) {
        throw new UsageError(`--format ${format} is not available for ${name}; use one of: ${formats.join(', ')}`);
    }
    switch (name) {
        case 'estimate': {
            const gpusText = values.get('--gpus');
            const gpus = gpusText === undefined ? null : Number(gpusText);
            if (gpus !== null && (!Number.isInteger(gpus) || gpus < 1 || gpus > 1_000_000)) {
                throw new UsageError(`--gpus ${gpusText} is not a whole number of GPUs from 1 to 1000000`);
            }
            const limitText = values.get('--time-limit');
            const timeLimitSeconds = limitText === undefined ? DEFAULT_TIME_LIMIT_SECONDS : Number(limitText);
            if (!Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0 || timeLimitSeconds > MAX_TIME_LIMIT_SECONDS) {
                throw new UsageError(`--time-limit ${limitText} is not a number of seconds greater than 0 and at most ${MAX_TIME_LIMIT_SECONDS}`);
            }
            const gpu = values.get('--gpu') ?? null;
            if (gpus !== null && gpu === null)
                throw new UsageError('--gpus needs --gpu (the GPU the config runs on)');
            return {
                command: 'estimate',
                files: positional.length === 0 ? [DEFAULT_PLAN_FILE] : positional,
                plan: values.get('--plan') ?? null,
                format: format,
                gpu,
                gpus,
                compareTo: values.get('--compare-to') ?? null,
                timeLimitSeconds,
            };
        }
        case 'params': {
            if (positional.length !== 1) {
                throw new UsageError('params takes one argument: a catalogue id (see `train-memory models`) or a config.json path');
            }
            return {
                command: 'params',
                target: positional[0],
                family: values.get('--family') ?? null,
                format: format,
            };
        }
        case 'plan':
            if (positional.length > 0)
                throw new UsageError(`plan takes options only (got ${positional.join(' ')})`);
            return { command: 'plan', options: values, format: format };
        case 'models':
        case 'gpus':
        case 'networks':
        case 'nodes':
            if (positional.length > 0)
                throw new UsageError(`${name} takes no arguments (got ${positional.join(' ')})`);
            return { command: name, format: format };
    }
}

;// CONCATENATED MODULE: ./src/cli/help-text.ts
const HELP_TEXT = `train-memory: per-GPU memory and GPU-hours of LLM training plans

Usage:
  train-memory estimate [FILE...] [--plan NAME] [--format text|markdown|json|html]
                       [--gpu ID [--gpus N]] [--compare-to BASE.json] [--time-limit SECONDS]
      Estimate every plan in the plan files (default: train-plan.yml), wherever they are. Paths written
      inside a file are relative to it and may not leave the current directory (for a file outside it:
      the file's own directory). A training config in place of a plan file (DeepSpeed,
      Axolotl, LLaMA-Factory, torchtune, torchtitan or accelerate, recognised by its keys) is estimated
      on --gpu (a catalogue id) and --gpus (default: what the config implies, else 1).
      --compare-to: a base run's JSON report (--format json); plans are paired by name and each
      shows its change from the base (1% or less counts as unchanged).
      --format html: one standalone page (no network; charts as inline SVG; light and dark; printable):
      train-memory estimate --format html > report.html. Text colours the memory bar on a terminal
      unless NO_COLOR is set.
      --time-limit: seconds the whole run may take (default 300); at the limit it stops with exit code 2.
  train-memory params <catalogue-id | hub-repo-id | config.json> [--family MODEL_TYPE] [--format text|json]
      Exact parameter counts: total, trainable, active per token, and a breakdown by part.
      --family: the model_type to follow when config.json's own is not supported.
  train-memory plan --model ID --gpu ID|any [--method full|lora|qlora|freeze] [--framework F]
                    [--tokens N] [--sequence-length N] [--global-batch-tokens N] [--max-gpus N] [--max-days D]
                    [--max-cost USD] [--price-per-gpu-hour USD | --prices FILE] [--gpus-per-node N]
                    [--format text|json|html] [--write plan.yml]
      Sizing: the fewest GPUs that fit, the fastest configuration within the limits, the GPU count →
      wall clock / cost front; on one GPU, the longest sequence and largest micro batch that fit.
      --gpu any compares every GPU with a price (--prices maps GPU ids to USD per GPU-hour).
      --write saves the chosen configuration as a plan file for \`train-memory estimate\`.
      --method freeze trains the last 2 layers (write a plan with training.freeze for others).
  Model ids outside the catalogue are Hugging Face Hub repositories, read from the local cache or the Hub
  (HF_HUB_CACHE / HF_HOME, HF_ENDPOINT, HF_TOKEN; HF_HUB_OFFLINE=1 keeps off the network).
  train-memory models [--format text|json]     The model catalogue.
  train-memory gpus [--format text|json]       The GPU catalogue.
  train-memory networks [--format text|json]   Cluster networks for hardware.network.
  train-memory nodes [--format text|json]      GPU nodes and their RAM for hardware.host_memory_per_node.
  train-memory --help | --version

Exit codes:
  0  every plan fits its GPU and stays within its budget
  1  a plan does not fit its GPU or breaks its budget
  2  invalid input or usage (the message names file:line:column where there is a file)
  3  internal error (a bug: please report it with the input that caused it)
`;

;// CONCATENATED MODULE: ./src/cli/params-command.ts









const BREAKDOWN_LABELS = [
    ['embedding', 'embedding'],
    ['attention', 'attention'],
    ['mlp', 'mlp (dense, shared experts)'],
    ['experts', 'routed experts'],
    ['router', 'router'],
    ['norms', 'norms'],
    ['lmHead', 'lm head'],
    ['mtp', 'mtp (not in total)'],
];
function renderText(name, architecture, count) {
    const row = (label, value, short = false) => `  ${label.padEnd(30)}${formatCount(value).padStart(19)}${short ? `  (${formatCountShort(value)})` : ''}`;
    const lines = [
        `${name} (${architecture.modelType})`,
        row('total', count.total, true),
        row('trainable', count.trainable),
        row('active per token', count.activePerToken, count.activePerToken !== count.total),
        '  breakdown',
        ...BREAKDOWN_LABELS.filter(([key]) => key !== 'mtp' || count.breakdown.mtp > 0).map(([key, label]) => row(`  ${label}`, count.breakdown[key])),
    ];
    return `${lines.join('\n')}\n`;
}
function render(name, architecture, format) {
    const count = countParameters(architecture);
    if (format === 'json') {
        const { total, trainable, activePerToken, breakdown } = count;
        return `${JSON.stringify({ total, trainable, activePerToken, breakdown }, null, 2)}\n`;
    }
    return renderText(name, architecture, count);
}
async function runParams(target, family, format, catalog, reader, hub) {
    const entry = catalog.findModel(target);
    if (entry !== null) {
        try {
            const architecture = architectureFromHfConfig(entry.config, family === null ? {} : { family });
            return { ok: true, output: render(entry.id, architecture, format) };
        }
        catch (error) {
            if (error instanceof ArchitectureConfigError) {
                throw new UsageError(`${entry.id}: ${error.issues.map((issue) => `${issue.key}: ${issue.message}`).join('; ')}`);
            }
            throw error;
        }
    }
    const looksLikeFile = /\.(json|ya?ml)$/i.test(target) || target.startsWith('.') || target.startsWith('/') || target.includes('\\');
    if (!looksLikeFile && hub !== undefined && isHubRepoId(target)) {
        const config = await hub.readConfig(target);
        if (!config.ok)
            throw new UsageError(config.message);
        const parsed = parseYamlDocument(`${target}/config.json`, config.text);
        if (parsed.document === null)
            return { ok: false, issues: parsed.issues };
        const result = architectureFromConfigDocument(parsed.document, family);
        if (result.architecture === null)
            return { ok: false, issues: result.issues };
        return { ok: true, output: render(target, result.architecture, format) };
    }
    if (!looksLikeFile) {
        const hint = didYouMean(target, catalog.modelNames());
        throw new UsageError(`unknown model "${target}"${hint === undefined ? '' : `; ${hint}`}\n` +
            'give a catalogue id (see `train-memory models`) or the path of a config.json');
    }
    const { document, issues } = await createDocumentSource(reader)(target);
    if (document === null)
        return { ok: false, issues };
    const result = architectureFromConfigDocument(document, family);
    if (result.architecture === null)
        return { ok: false, issues: result.issues };
    return { ok: true, output: render(target, result.architecture, format) };
}

;// CONCATENATED MODULE: ./src/report/json.ts
function renderReportJson(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/report/read-report.ts

const BUDGET_METRICS = ['memory', 'host-memory', 'gpus', 'gpu-hours', 'cost', 'wall-clock'];
const PER_GPU_FIELDS = [
    'parameters',
    'gradients',
    'optimizerStates',
    'activations',
    'logits',
    'temporaries',
    'peak',
    'reserved',
    'device',
];
function read_report_isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
class ReportChecker {
    problems = [];
    fail(path, message, expected) {
        this.problems.push({ path, message, expected });
    }
    object(value, path, expected) {
        if (read_report_isObject(value))
            return value;
        this.fail(path, value === undefined ? 'missing' : 'not an object', expected);
        return null;
    }
    array(value, path, expected) {
        if (Array.isArray(value))
            return value;
        this.fail(path, value === undefined ? 'missing' : 'not a list', expected);
        return null;
    }
    number(parent, key, path, nullable = false) {
        const value = parent[key];
        if (nullable && value === null)
            return;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
            this.fail([...path, key], value === undefined ? 'missing' : 'not a number', nullable ? 'a number or null' : 'a number');
        }
    }
    string(parent, key, path) {
        if (typeof parent[key] !== 'string') {
            this.fail([...path, key], parent[key] === undefined ? 'missing' : 'not a string', 'a string');
        }
    }
    boolean(parent, key, path) {
        if (typeof parent[key] !== 'boolean') {
            this.fail([...path, key], parent[key] === undefined ? 'missing' : 'not true or false', 'true or false');
        }
    }
    checks(value, path) {
        const list = this.array(value, path, 'a list of budget checks { metric, limit, actual, pass }');
        list?.forEach((item, index) => {
            const check = this.object(item, [...path, index], 'a budget check { metric, limit, actual, pass }');
            if (check === null)
                return;
            if (!BUDGET_METRICS.includes(check['metric'])) {
                this.fail([...path, index, 'metric'], 'not a budget metric', `one of: ${BUDGET_METRICS.join(', ')}`);
            }
            this.number(check, 'limit', [...path, index]);
            this.number(check, 'actual', [...path, index]);
            this.boolean(check, 'pass', [...path, index]);
        });
    }
    plan(value, path) {
        const plan = this.object(value, path, 'a plan of the report');
        if (plan === null)
            return;
        this.string(plan, 'name', path);
        const hardware = this.object(plan['hardware'], [...path, 'hardware'], 'an object { gpu, gpuName, gpus, … }');
        if (hardware !== null) {
            this.string(hardware, 'gpu', [...path, 'hardware']);
            this.string(hardware, 'gpuName', [...path, 'hardware']);
            this.number(hardware, 'gpus', [...path, 'hardware']);
        }
        const memoryPath = [...path, 'memory'];
        const memory = this.object(plan['memory'], memoryPath, 'an object { perGpu, capacityBytes, fits, … }');
        if (memory !== null) {
            const perGpu = this.object(memory['perGpu'], [...memoryPath, 'perGpu'], `an object { ${PER_GPU_FIELDS.join(', ')} }`);
            if (perGpu !== null)
                for (const field of PER_GPU_FIELDS)
                    this.number(perGpu, field, [...memoryPath, 'perGpu']);
            this.number(memory, 'capacityBytes', memoryPath);
            this.boolean(memory, 'fits', memoryPath);
            this.number(memory, 'hostPerNode', memoryPath);
            if (memory['host'] !== undefined) {
                const hostPath = [...memoryPath, 'host'];
                const host = this.object(memory['host'], hostPath, 'an object { perNode, capacityBytes, phases, … }');
                if (host !== null) {
                    this.number(host, 'perNode', hostPath);
                    this.number(host, 'capacityBytes', hostPath, true);
                }
            }
        }
        const compute = plan['compute'];
        if (compute !== null) {
            const computeObject = this.object(compute, [...path, 'compute'], 'null or an object { gpuHours, wallClockHours, costUsd, … }');
            if (computeObject !== null) {
                this.number(computeObject, 'gpuHours', [...path, 'compute']);
                this.number(computeObject, 'wallClockHours', [...path, 'compute']);
                this.number(computeObject, 'costUsd', [...path, 'compute'], true);
            }
        }
        const budget = this.object(plan['budget'], [...path, 'budget'], 'an object { pass, violations, checks }');
        if (budget !== null) {
            this.boolean(budget, 'pass', [...path, 'budget']);
            this.checks(budget['violations'], [...path, 'budget', 'violations']);
            this.checks(budget['checks'], [...path, 'budget', 'checks']);
        }
    }
}
function readReport(value) {
    const check = new ReportChecker();
    const root = check.object(value, [], 'a JSON report of `train-memory estimate --format json`');
    if (root === null)
        return { report: null, problems: check.problems };
    if (root['schemaVersion'] !== REPORT_SCHEMA_VERSION) {
        check.fail(['schemaVersion'], 'unsupported report schema version', `schemaVersion: ${REPORT_SCHEMA_VERSION}`);
    }
    const plans = check.array(root['plans'], ['plans'], 'a list of plans');
    const names = new Map();
    plans?.forEach((plan, index) => {
        check.plan(plan, ['plans', index]);
        const name = read_report_isObject(plan) ? plan['name'] : undefined;
        if (typeof name !== 'string')
            return;
        const first = names.get(name);
        if (first !== undefined) {
            check.fail(['plans', index, 'name'], `plan name "${name}" is already used by plans[${first}]`, 'unique plan names');
        }
        else
            names.set(name, index);
    });
    if (check.problems.length > 0 || plans === null)
        return { report: null, problems: check.problems };
    const report = {
        schemaVersion: REPORT_SCHEMA_VERSION,
        plans: plans.map((plan) => {
            const { base: _base, ...rest } = plan;
            return rest;
        }),
    };
    return { report, problems: [] };
}

;// CONCATENATED MODULE: ./src/cli/base-report.ts






const MAX_REPORT_BYTES = 8 * 1024 * 1024;
function base_report_fileIssue(file, code, message) {
    return { code, path: [], message, file, line: 1, column: 1 };
}
async function readText(file, cwd) {
    let handle;
    try {
        handle = await (0,promises_namespaceObject.open)(external_node_path_namespaceObject.resolve(cwd, file), 'r');
    }
    catch {
        return base_report_fileIssue(file, 'file_not_found', 'no such file: give the JSON report of the base run');
    }
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            return base_report_fileIssue(file, 'file_not_found', 'not a file: give the JSON report of the base run');
        if (stats.size > MAX_REPORT_BYTES) {
            return base_report_fileIssue(file, 'file_too_large', `${stats.size} bytes; a base report is limited to ${MAX_REPORT_BYTES} bytes (8 MiB)`);
        }
        const buffer = Buffer.alloc(stats.size);
        const { bytesRead } = await handle.read(buffer, 0, stats.size, 0);
        return decodeUtf8(buffer.subarray(0, bytesRead), file);
    }
    catch (error) {
        if (error instanceof FileReadError)
            return base_report_fileIssue(file, error.code, error.message);
        throw error;
    }
    finally {
        await handle.close();
    }
}
async function readBaseReport(file, cwd) {
    const text = await readText(file, cwd);
    if (typeof text !== 'string')
        return { issues: [text] };
    const parsed = parseYamlDocument(file, text);
    if (parsed.document === null) {
        return {
            issues: parsed.issues.map((issue) => ({
                ...issue,
                message: issue.message.replace(/^invalid YAML/, 'invalid JSON'),
            })),
        };
    }
    const document = parsed.document;
    const { report, problems } = readReport(document.value);
    if (report !== null)
        return { report };
    return {
        issues: sortIssues(problems.map((problem) => {
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
        })),
    };
}

;// CONCATENATED MODULE: ./src/report/plan-file.ts

function applyToDocument(document, changes, planIndex = 0) {
    const copy = JSON.parse(JSON.stringify(document));
    const plan = copy['plans'][planIndex];
    for (const [path, value] of Object.entries(changes)) {
        const keys = path.split('.');
        let node = plan;
        for (const key of keys.slice(0, -1)) {
            if (typeof node[key] !== 'object' || node[key] === null)
                node[key] = {};
            node = node[key];
        }
        const last = keys[keys.length - 1];
        if (value === null)
            delete node[last];
        else
            node[last] = value;
    }
    return copy;
}
function renderPlanFile(document, comment) {
    const header = comment.map((line) => `# ${line}`).join('\n');
    return `${header}\n${dump(document, { lineWidth: 120, noRefs: true })}`;
}

;// CONCATENATED MODULE: ./src/report/sizing-report.ts
const SIZING_SCHEMA_VERSION = 1;

;// CONCATENATED MODULE: ./src/report/sizing-text.ts



function layoutText(c) {
    const l = c.layout;
    const split = l.firstStageLayers === null && l.lastStageLayers === null
        ? ''
        : ` (first ${l.firstStageLayers ?? 'even'}, last ${l.lastStageLayers ?? 'even'} layers)`;
    const parts = [
        `tensor ${l.tensor}`,
        `pipeline ${l.pipeline}${split}`,
        ...(l.virtualPipeline > 1 ? [`virtual ${l.virtualPipeline}`] : []),
        ...(l.context > 1 ? [`context ${l.context}`] : []),
        ...(l.expert > 1 ? [`expert ${l.expert}`] : []),
        `data ${formatCount(l.dataParallel)}`,
        `micro batch ${l.microBatch} × ${formatCount(l.gradientAccumulation)}`,
        `zero ${l.zero}`,
        `checkpointing ${l.activationCheckpointing}`,
    ];
    return parts.join(' · ');
}
function sizing_text_wallClockText(c) {
    if (c.wallClockHours === null)
        return '—';
    return c.perStep ? `${(c.wallClockHours * SECONDS_PER_HOUR).toFixed(2)} s/step` : formatHours(c.wallClockHours);
}
function sizing_text_gpuHoursText(c) {
    if (c.gpuHours === null)
        return '—';
    return c.perStep ? `${(c.gpuHours * SECONDS_PER_HOUR).toFixed(1)} GPU-s/step` : formatGpuHours(c.gpuHours);
}
function sizing_text_costText(c) {
    if (c.costUsd === null)
        return '—';
    return c.perStep ? `$${c.costUsd.toPrecision(3)}/step` : formatUsd(c.costUsd);
}
function outcome(c) {
    const parts = [`${formatCount(c.gpus)} × ${c.gpuName}`, `${formatGib(c.deviceBytes)} per GPU`];
    if (c.wallClockHours !== null)
        parts.push(sizing_text_wallClockText(c));
    if (c.gpuHours !== null)
        parts.push(sizing_text_gpuHoursText(c));
    if (c.costUsd !== null)
        parts.push(sizing_text_costText(c));
    return parts.join(', ');
}
function configurationLines(title, c, none) {
    if (c === null)
        return [`${title}: ${none}`];
    return [`${title}: ${outcome(c)}`, `  ${layoutText(c)}`];
}
function limitLines(title, limit, unit) {
    if (limit === null)
        return [`  ${title}: nothing fits`];
    const lines = [`  ${title}: ${formatCount(limit.value)} ${unit} (${formatGib(limit.configuration.deviceBytes)})`];
    const changes = changeYamlLines(limit.changes);
    if (changes.length > 0)
        lines.push('    with:', ...changes.map((line) => `      ${line}`));
    return lines;
}
function renderSizingText(report) {
    const lines = [
        `${report.model}, ${report.method} training with ${report.framework}: ` +
            `${report.tokens === null ? 'no token count' : `${formatCount(report.tokens)} tokens`}, ` +
            `${formatCount(report.sequenceLength)}-token sequences, ${formatCount(report.globalBatchSequences)} per step`,
        '',
    ];
    for (const gpu of report.gpus) {
        lines.push(...configurationLines(`Fewest ${gpu.gpuName} that fit`, gpu.smallest, `none up to ${formatCount(report.limits.maxGpus)} GPUs`));
    }
    if (report.gpusWithoutPrice.length > 0) {
        lines.push(`Not compared (no price; give --prices): ${report.gpusWithoutPrice.join(', ')}`);
    }
    const limits = [`≤ ${formatCount(report.limits.maxGpus)} GPUs`];
    if (report.limits.maxDays !== null)
        limits.push(`≤ ${report.limits.maxDays} days`);
    if (report.limits.maxCostUsd !== null)
        limits.push(`≤ ${formatUsd(report.limits.maxCostUsd)}`);
    lines.push('', ...configurationLines(`Fastest within ${limits.join(', ')}`, report.fastest, 'none keeps to the limits'));
    if (report.front.length > 0) {
        lines.push('', 'GPU count → wall clock and cost (only configurations no other beats on both):');
        lines.push(`  ${'GPUs'.padStart(8)}  ${'GPU'.padEnd(16)}${'wall clock'.padStart(12)}${'GPU-hours'.padStart(22)}${'cost'.padStart(16)}  layout`);
        for (const c of report.front) {
            lines.push(`  ${formatCount(c.gpus).padStart(8)}  ${c.gpu.padEnd(16)}${sizing_text_wallClockText(c).padStart(12)}` +
                `${sizing_text_gpuHoursText(c).padStart(22)}${sizing_text_costText(c).padStart(16)}  ${layoutText(c)}`);
        }
    }
    if (report.singleGpu !== null) {
        const single = report.singleGpu;
        lines.push('', `On one ${single.gpu}:`);
        lines.push(...limitLines('Longest sequence at micro batch 1', single.longestSequence, 'tokens'));
        lines.push(...limitLines(`Largest micro batch at ${formatCount(report.sequenceLength)} tokens`, single.largestMicroBatch, 'sequences'));
        if (single.longestSequenceWithEightBitOptimizer !== null) {
            lines.push(...limitLines('Further, with an 8-bit optimizer (changes the numerics)', single.longestSequenceWithEightBitOptimizer, 'tokens'));
        }
    }
    if (report.assumptions.length > 0) {
        lines.push('', 'Assumed:', ...report.assumptions.map((line) => `  - ${line}`));
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/report/html/html-sizing.ts








const SERIES_COLORS = Object.values(TERM_COLORS).map((color) => color.hex);
function configurationBlock(title, c, none) {
    if (c === null)
        return `<p><strong>${escapeHtml(title)}</strong>: ${escapeHtml(none)}</p>`;
    return `<p><strong>${escapeHtml(title)}</strong>: ${escapeHtml(outcome(c))}<br><span class="muted">${escapeHtml(layoutText(c))}</span></p>`;
}
function frontTable(front) {
    const rows = front.map((c) => `<tr><td class="num">${formatCount(c.gpus)}</td><td>${escapeHtml(c.gpuName)}</td><td class="num">${formatGib(c.deviceBytes)}</td><td class="num">${escapeHtml(sizing_text_wallClockText(c))}</td><td class="num">${escapeHtml(sizing_text_gpuHoursText(c))}</td><td class="num">${escapeHtml(sizing_text_costText(c))}</td><td>${escapeHtml(layoutText(c))}</td></tr>`);
    return [
        '<table>',
        '<thead><tr><th class="num">GPUs</th><th>GPU</th><th class="num">Memory / GPU</th><th class="num">Wall clock</th><th class="num">GPU-hours</th><th class="num">Cost</th><th>Layout</th></tr></thead>',
        `<tbody>${rows.join('')}</tbody>`,
        '</table>',
    ].join('\n');
}
function frontSeries(report, value) {
    return report.gpus
        .map((gpu, index) => ({
        label: gpu.gpuName,
        color: SERIES_COLORS[index % SERIES_COLORS.length],
        points: gpu.front.flatMap((c) => {
            const y = value(c);
            return y === null || y <= 0
                ? []
                : [{ x: c.gpus, y, title: `${formatCount(c.gpus)} × ${c.gpuName}: ${sizing_text_wallClockText(c)}, ${sizing_text_costText(c)}` }];
        }),
    }))
        .filter((series) => series.points.length > 0);
}
function frontCharts(report) {
    const perStep = report.front.some((c) => c.perStep);
    const wallClock = frontSeries(report, (c) => c.wallClockHours === null ? null : c.wallClockHours * (perStep ? SECONDS_PER_HOUR : 1));
    const cost = frontSeries(report, (c) => c.costUsd);
    const legend = wallClock
        .map((series) => `<li><span class="swatch" style="background:${series.color}"></span>${escapeHtml(series.label)}</li>`)
        .join('');
    const parts = [`<ul class="legend">${legend}</ul>`];
    if (wallClock.length > 0) {
        parts.push(`<figure>${frontSvg('Wall clock against GPUs', perStep ? 'seconds per step' : 'wall clock, hours', wallClock, (v) => (v === 0 ? '0' : perStep ? `${formatCount(v)} s` : formatHours(v)))}</figure>`);
    }
    if (cost.length > 0) {
        parts.push(`<figure>${frontSvg('Cost against GPUs', perStep ? 'USD per step' : 'USD', cost, (v) => (v < 1 ? `$${v.toPrecision(1)}` : formatUsd(v)))}</figure>`);
    }
    return parts.join('\n');
}
function limitBlock(title, limit, unit) {
    if (limit === null)
        return `<li>${escapeHtml(title)}: nothing fits</li>`;
    const changes = changeYamlLines(limit.changes);
    return `<li>${escapeHtml(`${title}: ${formatCount(limit.value)} ${unit} (${formatGib(limit.configuration.deviceBytes)})`)}${changes.length > 0 ? `<pre>${escapeHtml(changes.join('\n'))}</pre>` : ''}</li>`;
}
function gpuSources(report, catalog) {
    const items = report.gpus.flatMap((entry) => {
        const gpu = catalog.findGpu(entry.gpu);
        if (gpu === null)
            return [];
        const spec = (gpu.sources ?? []).filter((line) => typeof line === 'string').join('; ');
        return [
            `<li><strong>${escapeHtml(gpu.name)} usable memory</strong>: ${escapeHtml(gpu.memoryBasis ?? 'the catalogue')}</li>`,
            ...(spec === '' ? [] : [`<li><strong>${escapeHtml(gpu.name)} peak FLOP/s</strong>: ${escapeHtml(spec)}</li>`]),
        ];
    });
    items.push('<li><strong>Memory and compute model</strong>: src/core/memory and src/core/compute name the source of every formula; accuracy against measured runs is in docs/validation.md</li>');
    return `<h2>Sources of the numbers</h2><ul class="sources">${items.join('')}</ul>`;
}
function renderSizingHtml(report, options) {
    const tokens = report.tokens === null ? 'no token count' : `${formatCount(report.tokens)} tokens`;
    const limits = [`≤ ${formatCount(report.limits.maxGpus)} GPUs`];
    if (report.limits.maxDays !== null)
        limits.push(`≤ ${report.limits.maxDays} days`);
    if (report.limits.maxCostUsd !== null)
        limits.push(`≤ ${formatUsd(report.limits.maxCostUsd)}`);
    const body = [
        '<header>',
        `<h1>Sizing: ${escapeHtml(report.model)}</h1>`,
        `<p>${escapeHtml(`${report.method} training with ${report.framework}: ${tokens}, ${formatCount(report.sequenceLength)}-token sequences, ${formatCount(report.globalBatchSequences)} per step`)}</p>`,
        '</header>',
        '<section>',
        '<h2>The answer</h2>',
        configurationBlock(`Fastest within ${limits.join(', ')}`, report.fastest, 'none keeps to the limits'),
        ...report.gpus.map((gpu) => configurationBlock(`Fewest ${gpu.gpuName} that fit`, gpu.smallest, `none up to ${formatCount(report.limits.maxGpus)} GPUs`)),
        ...(report.gpusWithoutPrice.length > 0
            ? [`<p class="muted">Not compared (no price): ${escapeHtml(report.gpusWithoutPrice.join(', '))}</p>`]
            : []),
        '</section>',
        ...(report.front.length > 0
            ? [
                '<section>',
                '<h2>GPU count → wall clock and cost</h2>',
                '<p>Only configurations no other beats on both wall clock and cost.</p>',
                frontCharts(report),
                frontTable(report.front),
                '</section>',
            ]
            : []),
        ...(report.singleGpu === null
            ? []
            : [
                '<section>',
                `<h2>On one ${escapeHtml(report.singleGpu.gpu)}</h2>`,
                '<ul>',
                limitBlock('Longest sequence at micro batch 1', report.singleGpu.longestSequence, 'tokens'),
                limitBlock(`Largest micro batch at ${formatCount(report.sequenceLength)} tokens`, report.singleGpu.largestMicroBatch, 'sequences'),
                ...(report.singleGpu.longestSequenceWithEightBitOptimizer === null
                    ? []
                    : [
                        limitBlock('Further, with an 8-bit optimizer (changes the numerics)', report.singleGpu.longestSequenceWithEightBitOptimizer, 'tokens'),
                    ]),
                '</ul>',
                '</section>',
            ]),
        '<section>',
        '<h2>Assumptions</h2>',
        `<ul>${report.assumptions.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
        '</section>',
        `<section>${gpuSources(report, options.catalog)}</section>`,
        `<footer><p>train-memory ${escapeHtml(options.version)}</p></footer>`,
    ].join('\n');
    return htmlPage(`train-memory plan: ${report.model}`, body);
}

;// CONCATENATED MODULE: ./src/cli/plan-command.ts
















const DEFAULT_SEQUENCE_LENGTH = 4096;
const DEFAULT_GLOBAL_BATCH_TOKENS = { full: 4_194_304, adapters: 131_072 };
const DEFAULT_GPUS_PER_NODE = 8;
const PLAN_DOCUMENT_FILE = '<train-memory plan options>';
function withPlanDocument(reader, text) {
    return {
        root: reader.root,
        listFiles: (directory) => reader.listFiles(directory),
        readText: (file) => (file === PLAN_DOCUMENT_FILE ? Promise.resolve(text) : reader.readText(file)),
    };
}
async function readPrices(file, reader, catalog) {
    const text = await reader.readText(file);
    if (text === null)
        throw new PlanArgumentError(`--prices ${file}: no such file`);
    const parsed = parseYamlDocument(file, text);
    if (parsed.document === null)
        throw new PlanArgumentError(formatIssues(parsed.issues, file).trimEnd());
    const value = parsed.document.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new PlanArgumentError(`--prices ${file}: expected a mapping of GPU ids to USD per GPU-hour`);
    }
    const prices = new Map();
    for (const [name, price] of Object.entries(value)) {
        const gpu = catalog.findGpu(name);
        const position = parsed.document.locate([name], 'key');
        const at = `${file}:${position.line}:${position.column}`;
        if (gpu === null)
            throw new PlanArgumentError(`${at}: "${name}" is not a GPU of the catalogue (see train-memory gpus)`);
        if (typeof price !== 'number' || !(price > 0))
            throw new PlanArgumentError(`${at}: ${name}: expected a price in USD per GPU-hour`);
        prices.set(gpu.id, price);
    }
    return prices;
}
async function gpuChoices(request, reader, catalog) {
    const prices = request.prices === null ? new Map() : await readPrices(request.prices, reader, catalog);
    const price = (id) => prices.get(id) ?? request.pricePerGpuHour;
    if (request.gpu !== 'any') {
        const gpu = catalog.findGpu(request.gpu);
        return {
            gpus: [
                { id: gpu?.id ?? request.gpu, name: gpu?.name ?? request.gpu, price: gpu === null ? null : price(gpu.id) },
            ],
            withoutPrice: [],
        };
    }
    const all = catalog.listGpus();
    const gpus = all
        .filter((gpu) => price(gpu.id) !== null)
        .map((gpu) => ({ id: gpu.id, name: gpu.name, price: price(gpu.id) }));
    if (gpus.length === 0) {
        throw new PlanArgumentError('--gpu any compares GPUs by price: give --price-per-gpu-hour, or --prices FILE (GPU id: USD per GPU-hour)');
    }
    return { gpus, withoutPrice: all.filter((gpu) => price(gpu.id) === null).map((gpu) => gpu.id) };
}
function planName(request) {
    const base = request.model
        .split('/')
        .pop()
        .replace(/\.json$/, '')
        .toLowerCase()
        .replace(/[^a-z0-9.]+/g, '-');
    return `${base}-${request.method}`.slice(0, 100);
}
function planDocument(request, framework, gpu, sequenceLength, sequences) {
    const training = {
        method: request.method,
        sequence_length: sequenceLength,
        micro_batch_size: 1,
        gradient_accumulation_steps: sequences,
    };
    if (request.tokens !== null)
        training['tokens'] = request.tokens;
    const hardware = { gpu: gpu.id, gpus: 1, gpus_per_node: request.gpusPerNode ?? DEFAULT_GPUS_PER_NODE };
    if (gpu.price !== null)
        hardware['price_per_gpu_hour'] = gpu.price;
    return {
        version: 1,
        plans: [
            {
                name: planName(request),
                model: request.model.endsWith('.json') ? { config: request.model } : request.model,
                framework,
                training,
                hardware,
            },
        ],
    };
}
function layoutOf(plan) {
    const p = plan.parallelism;
    return {
        tensor: p.tensor,
        pipeline: p.pipeline,
        firstStageLayers: p.firstStageLayers,
        lastStageLayers: p.lastStageLayers,
        virtualPipeline: p.virtualPipeline,
        context: p.context,
        expert: p.expert,
        dataParallel: plan.hardware.gpus / (p.tensor * p.pipeline * p.context),
        microBatch: plan.training.microBatchSize,
        gradientAccumulation: plan.training.gradientAccumulationSteps,
        zero: p.zero,
        activationCheckpointing: plan.training.activationCheckpointing,
    };
}
async function runPlanCommand(options, format, catalog, cwd, version, givenReader) {
    const request = readPlanRequest(options);
    const { reader, paths } = givenReader === undefined
        ? readCommandLineFiles(cwd, request.prices === null ? [] : [request.prices])
        : { reader: givenReader, paths: request.prices === null ? [] : [request.prices] };
    const prices = paths[0] ?? null;
    const assumptions = [];
    const framework = request.framework ?? (request.method === 'full' ? 'megatron' : 'hf-trainer');
    if (request.framework === null) {
        assumptions.push(`framework: ${framework} (default for ${request.method === 'full' ? 'full training' : 'adapter training'}; --framework to change)`);
    }
    const sequenceLength = request.sequenceLength ?? DEFAULT_SEQUENCE_LENGTH;
    if (request.sequenceLength === null)
        assumptions.push(`sequence length: ${sequenceLength} tokens (default; --sequence-length to change)`);
    const batchTokens = request.globalBatchTokens ?? DEFAULT_GLOBAL_BATCH_TOKENS[request.method === 'full' ? 'full' : 'adapters'];
    if (request.globalBatchTokens === null)
        assumptions.push(`global batch: ${batchTokens} tokens per step (default; --global-batch-tokens to change)`);
    const sequences = Math.max(1, Math.floor(batchTokens / sequenceLength));
    if (!request.maxGpusGiven)
        assumptions.push(`at most ${request.maxGpus} GPUs (default; --max-gpus to change)`);
    if (request.tokens === null)
        assumptions.push('no --tokens: configurations are compared by the GPU-hours of one step');
    const { gpus, withoutPrice } = await gpuChoices({ ...request, prices }, reader, catalog);
    const sized = [];
    const counters = newCounters();
    for (const gpu of gpus) {
        const document = planDocument(request, framework, gpu, sequenceLength, sequences);
        const text = renderPlanFile(document, []);
        const loaded = await loadPlans(withPlanDocument(reader, text), [PLAN_DOCUMENT_FILE], catalog);
        if (loaded.issues.length > 0) {
            return { output: '', notes: formatIssues(loaded.issues, 'the plan the options describe'), exitCode: 2 };
        }
        const base = loaded.plans[0].plan;
        for (const line of base.assumptions)
            if (!assumptions.includes(line))
                assumptions.push(line);
        const sizing = sizeOnGpu(base, request.maxGpus, counters);
        sized.push({ on: { gpu, base, document }, configurations: [...sizing.byGpuCount], smallest: sizing.smallest });
    }
    const report = (on, c) => ({
        gpu: on.gpu.id,
        gpuName: on.base.hardware.gpu.name,
        gpus: c.gpus,
        deviceBytes: c.deviceBytes,
        gpuHours: c.gpuHours,
        wallClockHours: c.wallClockHours,
        costUsd: c.costUsd,
        perStep: c.perStep,
        layout: layoutOf(c.plan),
        changes: changesBetween(on.base, c.plan),
    });
    const limits = {
        maxGpus: request.maxGpus,
        maxWallClockHours: request.maxDays === null ? null : request.maxDays * HOURS_PER_DAY,
        maxCostUsd: request.maxCost,
    };
    const owner = new Map();
    for (const entry of sized)
        for (const c of entry.configurations)
            owner.set(c, entry.on);
    const all = sized.flatMap((entry) => entry.configurations);
    const fastest = fastestWithin(all, limits);
    const front = sizingFront(all);
    const single = sized.length === 1 && sized[0].smallest?.gpus === 1 ? sized[0] : null;
    const singleAnswer = single === null ? null : answerSingleGpu(single.on.base, counters);
    const limitReport = (limit) => limit === null || single === null
        ? null
        : { value: limit.value, configuration: report(single.on, limit.configuration), changes: limit.changes };
    const sizingReport = {
        schemaVersion: SIZING_SCHEMA_VERSION,
        model: request.model,
        method: request.method,
        framework,
        tokens: request.tokens,
        sequenceLength,
        globalBatchSequences: sequences,
        limits: { maxGpus: request.maxGpus, maxDays: request.maxDays, maxCostUsd: request.maxCost },
        gpus: sized.map((entry) => ({
            gpu: entry.on.gpu.id,
            gpuName: entry.on.base.hardware.gpu.name,
            pricePerGpuHour: entry.on.gpu.price,
            smallest: entry.smallest === null ? null : report(entry.on, entry.smallest),
            front: sizingFront(entry.configurations).map((c) => report(entry.on, c)),
        })),
        gpusWithoutPrice: withoutPrice,
        fastest: fastest === null ? null : report(owner.get(fastest), fastest),
        front: front.map((c) => report(owner.get(c), c)),
        singleGpu: singleAnswer === null || single === null
            ? null
            : {
                gpu: single.on.base.hardware.gpu.name,
                longestSequence: limitReport(singleAnswer.longestSequence),
                largestMicroBatch: limitReport(singleAnswer.largestMicroBatch),
                longestSequenceWithEightBitOptimizer: limitReport(singleAnswer.longestSequenceWithEightBitOptimizer),
            },
        assumptions,
    };
    const output = format === 'json'
        ? `${JSON.stringify(sizingReport, null, 2)}\n`
        : format === 'html'
            ? renderSizingHtml(sizingReport, { version, catalog })
            : renderSizingText(sizingReport);
    let notes = '';
    const chosen = fastest ?? sized.find((entry) => entry.smallest !== null)?.smallest ?? null;
    if (request.write !== null) {
        if (chosen === null)
            return { output, notes: 'train-memory: nothing fits: no plan file written\n', exitCode: 1 };
        const on = owner.get(chosen);
        const changes = changesBetween(on.base, chosen.plan);
        const document = applyToDocument(on.document, changes);
        const target = external_node_path_namespaceObject.resolve(cwd, request.write);
        (0,external_node_fs_namespaceObject.writeFileSync)(target, renderPlanFile(document, [
            `Written by train-memory plan: ${chosen.gpus} × ${on.base.hardware.gpu.name}, the ${fastest === null ? 'smallest configuration that fits' : 'fastest configuration within the limits'}.`,
            `Check it with: train-memory estimate ${request.write}`,
        ]));
        notes = `train-memory: wrote ${request.write}\n`;
    }
    return { output, notes, exitCode: fastest === null ? 1 : 0 };
}

;// CONCATENATED MODULE: ./src/cli/main.ts





















const EXIT_OK = 0;
const EXIT_VIOLATION = 1;
const EXIT_INVALID = 2;
const EXIT_INTERNAL = 3;
const VERSION = package_namespaceObject.rE;
function renderReport(report, format, compared, catalog, color) {
    switch (format) {
        case 'json':
            return renderReportJson(compared === null ? report : withBase(report, compared.comparison));
        case 'markdown':
            return renderReportMarkdown(report, {
                version: VERSION,
                fullReportLocation: 'the output of `train-memory estimate --format json`',
                updatedOnEveryPush: false,
                ...(compared === null ? {} : { comparison: compared }),
            });
        case 'text':
            return renderReportText(report, compared ?? undefined, { color });
        case 'html':
            return renderReportHtml(report, {
                version: VERSION,
                sources: (plan) => planSources(plan, catalog),
                ...(compared === null ? {} : { comparison: compared }),
            });
    }
}
function commandLineFiles(env, given) {
    return env.reader === undefined ? readCommandLineFiles(env.cwd, given) : { reader: env.reader, paths: given };
}
async function run(settings, env) {
    const catalog = env.catalog ?? builtInCatalog;
    switch (settings.command) {
        case 'help':
            env.stdout.write(HELP_TEXT);
            return EXIT_OK;
        case 'version':
            env.stdout.write(`${VERSION}\n`);
            return EXIT_OK;
        case 'models':
            env.stdout.write(renderModels(catalog, settings.format));
            return EXIT_OK;
        case 'gpus':
            env.stdout.write(renderGpus(catalog, settings.format));
            return EXIT_OK;
        case 'networks':
            env.stdout.write(renderNetworks(settings.format));
            return EXIT_OK;
        case 'nodes':
            env.stdout.write(renderNodes(settings.format));
            return EXIT_OK;
        case 'params': {
            const { reader, paths } = commandLineFiles(env, [settings.target]);
            const result = await runParams(paths[0], settings.family, settings.format, catalog, reader, env.hub);
            if (!result.ok) {
                env.stderr.write(formatIssues(result.issues, settings.target));
                return EXIT_INVALID;
            }
            env.stdout.write(result.output);
            return EXIT_OK;
        }
        case 'plan': {
            const result = await runPlanCommand(settings.options, settings.format, catalog, env.cwd, VERSION, env.reader);
            env.stdout.write(result.output);
            env.stderr.write(result.notes);
            return result.exitCode;
        }
        case 'estimate': {
            if (settings.gpu !== null && catalog.findGpu(settings.gpu) === null) {
                const hint = didYouMean(settings.gpu, catalog.gpuNames());
                throw new UsageError(`--gpu ${settings.gpu}: unknown GPU${hint === undefined ? '' : `; ${hint}`} (list them with \`train-memory gpus\`)`);
            }
            const hardware = settings.gpu === null ? null : { gpu: settings.gpu, gpus: settings.gpus };
            const timeBudget = startTimeBudget(settings.timeLimitSeconds, env.now ?? (() => performance.now()));
            const { reader, paths } = commandLineFiles(env, settings.files);
            const { plans, issues } = await loadPlans(reader, paths, catalog, {
                hardware,
                timeBudget,
                ...(env.hub ? { hub: env.hub } : {}),
            });
            const base = settings.compareTo === null ? null : await readBaseReport(settings.compareTo, env.cwd);
            const baseIssues = base !== null && 'issues' in base ? base.issues : [];
            if (issues.length > 0 || baseIssues.length > 0) {
                env.stderr.write(formatIssues([...issues, ...baseIssues], baseIssues.length === 0
                    ? undefined
                    : 'the base report (the output of `train-memory estimate --format json` is expected)'));
                return EXIT_INVALID;
            }
            let selected = plans;
            if (settings.plan !== null) {
                selected = plans.filter((loaded) => loaded.plan.name === settings.plan);
                if (selected.length === 0) {
                    const names = plans.map((loaded) => loaded.plan.name).join(', ');
                    throw new UsageError(`no plan named "${settings.plan}" in ${settings.files.join(', ')}; plans: ${names}`);
                }
            }
            const report = buildReport(selected, env.estimate, undefined, timeBudget);
            let compared = null;
            if (base !== null && 'report' in base) {
                const basePlans = base.report.plans.filter((plan) => settings.plan === null || plan.name === settings.plan);
                compared = {
                    comparison: compareReports(report, { ...base.report, plans: basePlans }, DEFAULT_CHANGE_THRESHOLD),
                    baseLabel: settings.compareTo ?? '',
                };
            }
            env.stdout.write(renderReport(report, settings.format, compared, catalog, env.color === true));
            const failing = report.plans.some((plan) => !plan.memory.fits || !plan.budget.pass);
            return failing ? EXIT_VIOLATION : EXIT_OK;
        }
    }
}
async function main(argv, env) {
    try {
        return await run(parseArguments(argv), env);
    }
    catch (error) {
        if (error instanceof UsageError || error instanceof PlanArgumentError) {
            env.stderr.write(`train-memory: ${error.message}\nRun \`train-memory --help\` for usage.\n`);
            return EXIT_INVALID;
        }
        if (error instanceof TimeLimitError) {
            env.stderr.write(`train-memory: ${error.message}\n`);
            return EXIT_INVALID;
        }
        const message = error instanceof Error ? error.message : String(error);
        env.stderr.write(`train-memory: internal error: ${message}\n`);
        return EXIT_INTERNAL;
    }
}

;// CONCATENATED MODULE: ./src/cli/terminal-color.ts
function colorWanted(isTerminal, env) {
    return isTerminal && (env['NO_COLOR'] ?? '') === '' && env['TERM'] !== 'dumb';
}

;// CONCATENATED MODULE: ./src/cli/index.ts





process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE')
        process.exit(process.exitCode ?? 0);
    process.stderr.write(`train-memory: cannot write output: ${error.message}\n`);
    process.exit(EXIT_INTERNAL);
});
const hub = createHubConfigReader(hubSettingsFromEnvironment(process.env, external_node_os_namespaceObject.homedir()), {
    userAgent: `train-memory/${VERSION}`,
});
const color = colorWanted(process.stdout.isTTY === true, process.env);
void main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    hub,
    color,
}).then((code) => {
    process.exitCode = code;
});

