import type { LoadOptions, Task } from '../types.js';
import { openCsvStream, streamsCsv } from './csv.js';
import { IMAGES_PREFIX, openImageFolder } from './images.js';
import type { StreamedData, TrainedOn } from './types.js';

/**
 * Whether `name` is read as a stream rather than loaded whole: `images:<dir>` always, `csv:<path>` when the file
 * is too large for the heap (or RECTIFY_STREAM=1).
 *
 * @example
 * isStreamed('images:photos'); // true
 */
export function isStreamed(name: string): boolean {
  return name.startsWith(IMAGES_PREFIX) || (name.startsWith('csv:') && streamsCsv(name.slice(4)));
}

/** Opens a streamed dataset (see `isStreamed`). */
export function openStreamed(
  name: string,
  options: LoadOptions & { task?: Task; trainedOn?: TrainedOn },
  validationSplit: number,
): Promise<StreamedData> {
  if (name.startsWith(IMAGES_PREFIX))
    return openImageFolder(name.slice(IMAGES_PREFIX.length), options, validationSplit);
  return openCsvStream(name.slice(4), options, validationSplit);
}
