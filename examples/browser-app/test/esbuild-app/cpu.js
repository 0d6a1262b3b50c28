// The umbrella alone, bundled with esbuild and no plugin at all: trains on the cpu backend.
import { trainXor } from './train-xor.js';

await trainXor('cpu');
