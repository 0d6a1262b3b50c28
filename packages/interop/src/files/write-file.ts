import { filePort } from './file-port.js';

/**
 * Writes `data` to `path` so that readers see either the old file or the complete new one (a temporary file in
 * the same folder, flushed, renamed over the target), creating the folder. File-system failures are RectifyErrors
 * naming the path and what to do. Node only.
 * @example
 * await writeFileAtomic('./model.onnx', new Uint8Array([8, 1]));
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const port = filePort('writeFileAtomic', 'offer the bytes as a Blob download instead');
  await port.writeFile('writeFileAtomic', port.resolve('writeFileAtomic', path), data);
}
