// A kernel worker in Node (worker_threads): its start-up data comes as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInit } from './protocol.js';
import { serve } from './serve.js';

serve(workerData as WorkerInit, () => parentPort?.postMessage('ready'));
