/**
 * @rectify/data for Node (chosen by the `node` export condition): everything of the browser entry, and `csv` reads
 * plain file paths, streamed
 * from disk, and `map(fn, { worker: true })` runs on worker_threads.
 */
import { fileChunks } from './node/file-chunks.js';
import { nodeWorker } from './node/worker-threads.js';
import { setFileReader } from './csv/text-source.js';
import { setWorkerSpawner } from './workers/spawn.js';

setFileReader(fileChunks);
setWorkerSpawner(nodeWorker);

export * from './index.js';
