import { createReadStream } from 'node:fs';
import { ValueError } from '@rectify/tensor';

/**
 * A file's bytes in 64 KiB chunks (Node only: the package's Node entry installs it as `csv`'s path reader). The
 * stream is closed when the consumer stops early.
 */
export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ValueError(`csv: no such file: ${path}`);
    if (code === 'EISDIR') throw new ValueError(`csv: ${path} is a directory, not a CSV file`);
    throw error;
  } finally {
    stream.destroy();
  }
}
