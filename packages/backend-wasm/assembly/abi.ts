// The parameter slots and op codes shared with the TypeScript side: one file, src/abi.ts, compiled by both.
export * from '../src/abi';
