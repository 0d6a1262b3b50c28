const PAGE = 65536;
const INITIAL_PAGES = 64;

/**
 * The kernels' memory: shared (so worker threads see it) when possible. The maximum only reserves address space;
 * if 4 GiB cannot be reserved (32-bit devices) smaller limits are tried.
 */
export function createMemory(shared: boolean): { memory: WebAssembly.Memory; maxBytes: number } {
  let last: unknown;
  for (const maximum of [65536, 16384, 4096]) {
    try {
      return { memory: new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum, shared }), maxBytes: maximum * PAGE };
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
