import { ValueError } from '@rectify/tensor';

/** Where `csv` reads from: a URL or (in Node) a file path, a `URL`, a `Request`, or a `File`/`Blob`. */
export type CsvSource = string | URL | Request | Blob;

/** A URL a `fetch` understands, as opposed to a file path. */
const URL_LIKE = /^(https?|file|data|blob):/i;

/** Reads a file path chunk by chunk: set by the package's Node entry (index.node.ts), absent in browsers. */
let fileReader: ((path: string) => AsyncGenerator<Uint8Array>) | undefined;

/** Installs the reader of plain file paths; the Node entry calls it, so the browser entry never reaches `node:fs`. */
export function setFileReader(reader: (path: string) => AsyncGenerator<Uint8Array>): void {
  fileReader = reader;
}

/** The chunks of a web ReadableStream; the stream is cancelled if the consumer stops early. */
async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

async function* fetchChunks(input: string | URL | Request): AsyncGenerator<Uint8Array> {
  const response = await fetch(input);
  if (!response.ok) throw new ValueError(`csv: fetching ${String(response.url || input)} failed: HTTP ${response.status} ${response.statusText}`);
  if (response.body === null) throw new ValueError(`csv: the response from ${String(input)} has no body`);
  yield* streamChunks(response.body);
}

/** The bytes of `source`, chunk by chunk. A plain path is a file under Node, a relative URL in a browser. */
async function* byteChunks(source: CsvSource): AsyncGenerator<Uint8Array> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    yield* streamChunks(source.stream());
  } else if (typeof source === 'string' && !URL_LIKE.test(source) && fileReader !== undefined) {
    yield* fileReader(source);
  } else if (typeof source === 'string' || source instanceof URL || (typeof Request !== 'undefined' && source instanceof Request)) {
    yield* fetchChunks(source);
  } else {
    throw new ValueError(`csv: source must be a URL, a file path (Node), a File or a Blob, received ${source === null ? 'null' : typeof source}`);
  }
}

/** The text of `source`, decoded as UTF-8 chunk by chunk (a character split between chunks is kept whole). */
export async function* textChunks(source: CsvSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const bytes of byteChunks(source)) yield decoder.decode(bytes, { stream: true });
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
