// What the kernel module imports: its memory, and the two blocking primitives of its multi-step tasks. Sleeping
// goes through JavaScript's Atomics rather than wasm's memory.atomic.wait32/notify: in Node 20, code from V8's
// baseline compiler (Liftoff, which runs a kernel's first calls) waiting in memory.atomic.wait32 let threads run
// ahead of a step barrier or wait forever — never in optimised code, and never since the wait became a call to an
// import, which every tier compiles as an ordinary call (test/lstm-sequence-liftoff.test.ts runs the kernels on
// Liftoff alone). No imports: workers load this file.

/** The import object for one instance of the kernel module over `memory`. */
export function kernelImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  let words: Int32Array | null = null;
  // A grown memory has a new buffer: the view is remade when it changes.
  const view = (): Int32Array => {
    const buffer = memory.buffer;
    if (words?.buffer !== buffer) words = new Int32Array(buffer);
    return words;
  };
  return {
    env: {
      memory,
      /** Sleeps while the word at byte `ptr` holds `expected`, at most `ms` milliseconds (shared memory only). */
      wait32: (ptr: number, expected: number, ms: number): void => {
        Atomics.wait(view(), ptr >>> 2, expected, ms);
      },
      /** Wakes every thread sleeping on the word at byte `ptr`. */
      notify32: (ptr: number): void => {
        Atomics.notify(view(), ptr >>> 2);
      },
    },
  };
}
