// The umbrella and the wasm backend; esbuild needs @chialab/esbuild-plugin-meta-url to emit the .wasm files and the
// worker that the backend references with new URL(…, import.meta.url) (see @rectify/backend-wasm's README).
import '@rectify/backend-wasm';
import { trainXor } from './train-xor.js';

await trainXor('wasm');
