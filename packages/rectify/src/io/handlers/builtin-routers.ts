import type { IOHandler, TransportOptions } from '../artifacts.js';
import { downloadsRouter } from './downloads.js';
import { httpRouter } from './http.js';
import { indexedDBRouter } from './indexeddb.js';
import { localStorageRouter } from './local-storage.js';

/**
 * The schemes every environment has, consulted after registered routers. A constant table rather than
 * registration on import, so that the browser entry has no side effects (`sideEffects` lists only the Node entry).
 */
export const BUILTIN_ROUTERS: readonly ((url: string, options?: TransportOptions) => IOHandler | null)[] = [
  indexedDBRouter,
  localStorageRouter,
  downloadsRouter,
  httpRouter,
];
