import { RectifyError, ValueError } from '@rectify/tensor';
import { type ModelSource, checkFileName, checkLength } from '@rectify/interop';
import type { IOHandler, TransportOptions } from '../artifacts.js';

/** Reads a response body, stopping (and cancelling the download) as soon as it passes `max` bytes. */
async function boundedBody(fn: string, res: Response, max: number, what: string): Promise<Uint8Array> {
  const declared = Number(res.headers?.get?.('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max)
    throw new ValueError(`${fn}: ${what} is ${declared} bytes, more than the ${max} allowed`);
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    if (all.byteLength > max)
      throw new ValueError(`${fn}: ${what} is ${all.byteLength} bytes, more than the ${max} allowed`);
    return all;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new ValueError(`${fn}: ${what} is more than the ${max} bytes allowed`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The http(s) load handler: `rf.loadModel('https://host/m/model.json')` fetches model.json, then each weights
 * file it names from the same folder (names must be plain file names, so a model cannot make the page fetch
 * another path). `fetchFunc` and `requestInit` work as in TensorFlow.js. Every body is read with a bound.
 * @example
 * const handler = rf.io.http('https://example.com/m/model.json', { requestInit: { credentials: 'include' } });
 * // rf.loadModel(handler) fetches model.json, then the weight files it names, with these request options.
 * typeof handler.load; // → 'function'
 */
export function http(url: string, options: TransportOptions = {}): IOHandler {
  const fn = 'loadModel';
  const get = async (target: string, max: number, what: string): Promise<Uint8Array> => {
    const fetchFunc = options.fetchFunc ?? (globalThis as { fetch?: typeof fetch }).fetch;
    if (!fetchFunc) throw new RectifyError(`${fn}: there is no fetch here; pass { fetchFunc }`);
    let res: Response;
    try {
      res = await fetchFunc(target, options.requestInit);
    } catch (err) {
      throw new RectifyError(`${fn}: cannot fetch '${target}': ${(err as Error).message}`);
    }
    if (!res.ok)
      throw new RectifyError(`${fn}: fetching '${target}' answered ${res.status} ${res.statusText ?? ''}`.trimEnd());
    return boundedBody(fn, res, max, what);
  };
  const source: ModelSource = {
    description: `'${url}'`,
    async modelJson(max) {
      return new TextDecoder().decode(await get(url, max, `model.json at '${url}'`));
    },
    async file(name, limit) {
      checkFileName(fn, 'weights path', name, `'${url}'`);
      const target = new URL(name, new URL(url, (globalThis as { location?: Location }).location?.href)).href;
      return checkLength(fn, name, await get(target, limit.max, `weights file '${name}'`), limit);
    },
  };
  return { load: () => source };
}

export function httpRouter(url: string, options?: TransportOptions): IOHandler | null {
  return /^https?:\/\//i.test(url) ? http(url, options) : null;
}
