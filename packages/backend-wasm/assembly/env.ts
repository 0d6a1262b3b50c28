// Functions the kernel module imports from JavaScript (module "env", after this file's name; src/runtime/imports.ts
// provides them): sleeping and waking go through JavaScript's Atomics — imports.ts says why.

/** Sleeps while the word at `ptr` holds `expected`, at most `ms` milliseconds. */
export declare function wait32(ptr: usize, expected: i32, ms: f64): void;

/** Wakes every thread sleeping on the word at `ptr`. */
export declare function notify32(ptr: usize): void;
