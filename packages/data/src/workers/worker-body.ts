/**
 * The program every map worker runs, as text: Node starts it with `new Worker(text, { eval: true })`, the browser
 * from a module blob. It is a string, not a file beside this one, so that no bundler has to find and copy a
 * worker asset. The host prepends two functions — `post(message, transfer)` and `receive(handler)` — that speak to
 * the thread that started it; the rest is plain JavaScript that runs unchanged in both.
 *
 * Messages in: `{ type: 'init', source }` (a function's text) or `{ type: 'init', module, exportName }`, then
 * `{ id, value }` per element. Messages out: `{ id, ok: true, value }` or `{ id, ok: false, stage, error }`.
 */
export const WORKER_BODY = String.raw`
// esbuild's keepNames wraps named functions in __name(...); a function rebuilt from its text may still call it.
const __name = (f) => f;

function rebuild(source) {
  try {
    return new Function('return (' + source + ')')();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  // A method's text ('prepare(x) { ... }') is not an expression on its own; inside an object literal it is.
  const holder = new Function('return ({' + source + '})')();
  return Object.values(holder)[0];
}

async function load(message) {
  if (message.source !== undefined) return rebuild(message.source);
  const mod = await import(message.module);
  const fn = mod[message.exportName];
  if (typeof fn !== 'function')
    throw new TypeError(message.module + ' has no exported function ' + JSON.stringify(message.exportName) +
      ' (exports: ' + Object.keys(mod).join(', ') + ')');
  return fn;
}

// The buffers of the typed arrays in a result: moved to the caller, not copied (this worker keeps no reference).
function buffers(value, out, seen) {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (value instanceof ArrayBuffer) out.add(value);
  else if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) for (const v of value) buffers(v, out, seen);
  else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
    for (const k in value) buffers(value[k], out, seen);
  return out;
}

function describe(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

let loading;
receive(async (message) => {
  if (message.type === 'init') {
    loading = Promise.resolve().then(() => load(message));
    loading.catch(() => {});
    return;
  }
  let fn;
  try {
    fn = await loading;
  } catch (error) {
    post({ id: message.id, ok: false, stage: 'load', error: describe(error) }, []);
    return;
  }
  let value;
  try {
    value = await fn(message.value);
  } catch (error) {
    post({ id: message.id, ok: false, stage: 'call', error: describe(error) }, []);
    return;
  }
  const result = { id: message.id, ok: true, value };
  try {
    post(result, [...buffers(value, new Set(), new Set())]);
  } catch {
    // A buffer that may not move (Node's shared Buffer pool, say) is copied instead; a value that cannot be
    // cloned at all (a function, a class instance with private state) is reported.
    try {
      post(result, []);
    } catch (error) {
      post({ id: message.id, ok: false, stage: 'clone', error: describe(error) }, []);
    }
  }
});
`;
