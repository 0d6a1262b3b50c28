// Compiles the AssemblyScript kernels (assembly/) into the four WebAssembly builds the loader chooses from at
// runtime: plain SIMD128 or relaxed SIMD (fused multiply-add), each with private memory (one thread, for pages
// without SharedArrayBuffer) or shared memory (worker threads). Output: dist/wasm/*.wasm, shipped in the package.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/wasm`;
mkdirSync(outDir, { recursive: true });

// 4 GiB, the wasm32 limit. Shared memories must declare a maximum; it only reserves address space.
const MAX_PAGES = 65536;
const variants = [
  { name: 'simd', features: ['simd'], shared: false },
  { name: 'relaxed', features: ['simd', 'relaxed-simd'], shared: false },
  { name: 'simd-mt', features: ['simd', 'threads'], shared: true },
  { name: 'relaxed-mt', features: ['simd', 'relaxed-simd', 'threads'], shared: true },
];

for (const v of variants) {
  const args = [
    `${root}assembly/index.ts`,
    '-O3',
    '--noAssert',
    '--runtime',
    'stub',
    '--importMemory',
    '--initialMemory',
    '1',
    '--enable',
    v.features.join(','),
    '--outFile',
    `${outDir}/kernels-${v.name}.wasm`,
    ...(v.shared ? ['--sharedMemory', '--maximumMemory', String(MAX_PAGES)] : []),
  ];
  const { error, stderr } = await asc.main(args);
  if (error) {
    console.error(stderr.toString());
    throw new Error(`build-wasm: asc failed for kernels-${v.name}.wasm: ${error.message}`);
  }
}
console.log(`build-wasm: ${variants.length} kernel builds written to dist/wasm`);
