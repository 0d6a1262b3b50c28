import { ValueError } from '@rectify/tensor';
import { type IOHandler, type TransportOptions, isIOHandler } from './artifacts.js';
import { BUILTIN_ROUTERS } from './handlers/builtin-routers.js';

/** Turns a URL into a handler, or returns null for URLs it does not serve (TensorFlow.js' `IORouter`). */
export type IORouter = (url: string, options?: TransportOptions) => IOHandler | null;

const saveRouters: IORouter[] = [];
const loadRouters: IORouter[] = [];

/**
 * Adds a router that `model.save(url)` consults before the built-in schemes (the Node entry adds `file://` and
 * plain paths this way).
 * @example rf.io.registerSaveRouter((url) => (url.startsWith('mem://') ? memoryHandler(url) : null));
 */
export function registerSaveRouter(router: IORouter): void {
  if (!saveRouters.includes(router)) saveRouters.push(router);
}

/**
 * Adds a router that `rf.loadModel(url)` consults before the built-in schemes.
 * @example rf.io.registerLoadRouter((url) => (url.startsWith('mem://') ? memoryHandler(url) : null));
 */
export function registerLoadRouter(router: IORouter): void {
  if (!loadRouters.includes(router)) loadRouters.push(router);
}

const SCHEMES = "'indexeddb://name', 'localstorage://name', 'downloads://name' (save), 'http(s)://…/model.json' (load)";

function route(fn: string, kind: 'save' | 'load', target: unknown, options: TransportOptions | undefined): IOHandler {
  if (isIOHandler(target)) {
    if (typeof target[kind] !== 'function') throw new ValueError(`${fn}: the handler given has no ${kind}() method`);
    return target;
  }
  if (typeof target !== 'string' || target.length === 0) {
    throw new ValueError(
      `${fn}: expected a URL or an IO handler, received ${JSON.stringify(target) ?? String(target)}`,
    );
  }
  for (const router of [...(kind === 'save' ? saveRouters : loadRouters), ...BUILTIN_ROUTERS]) {
    const handler = router(target, options);
    if (handler && typeof handler[kind] === 'function') return handler;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target)?.[1];
  const known = `use ${SCHEMES}, or under Node 'file://<directory>' or a plain directory path`;
  if (scheme && scheme.toLowerCase() !== 'file')
    throw new ValueError(`${fn}: unsupported scheme in '${target}'; ${known}`);
  throw new ValueError(
    `${fn}: '${target}' is a file path, which needs Node (its entry point registers the file system); in a browser ${known.slice(4)}`,
  );
}

/**
 * The handler `model.save(target)` writes through: `target` itself when it is a handler, else the first router
 * (registered ones, then the built-in schemes) that serves the URL.
 * @example const handler = getSaveHandler('save', 'indexeddb://m');
 */
export function getSaveHandler(fn: string, target: unknown): IOHandler & Required<Pick<IOHandler, 'save'>> {
  return route(fn, 'save', target, undefined) as IOHandler & Required<Pick<IOHandler, 'save'>>;
}

/**
 * The handler `rf.loadModel(target)` reads through (see {@link getSaveHandler}).
 * @example const handler = getLoadHandler('loadModel', 'https://example.com/m/model.json');
 */
export function getLoadHandler(
  fn: string,
  target: unknown,
  options?: TransportOptions,
): IOHandler & Required<Pick<IOHandler, 'load'>> {
  return route(fn, 'load', target, options) as IOHandler & Required<Pick<IOHandler, 'load'>>;
}
