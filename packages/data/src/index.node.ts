/**
 * @rectify/data for Node (chosen by the `node` export condition): everything of the browser entry, and `csv` reads
 * plain file paths, streamed from disk.
 */
import { fileChunks } from './node/file-chunks.js';
import { setFileReader } from './csv/text-source.js';

setFileReader(fileChunks);

export * from './index.js';
