import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as rf from '../src/index.js';
import { predictions, trainedClassifier } from './browser-helpers.js';

// The browser handlers that move files: http(s) loading, <input type=file> files, downloads.
let server: Server;
let base = '';
const served = new Map<string, Uint8Array | string>();
const seenHeaders: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders.push(String(req.headers['x-token'] ?? ''));
    if (req.url === '/endless/weights.bin') {
      // A weights "file" that never ends: the loader must stop at the manifest's size, not read forever.
      const chunk = Buffer.alloc(64 * 1024);
      const pump = (): void => void (res.write(chunk) ? setImmediate(pump) : res.once('drain', pump));
      res.on('close', () => res.destroy());
      return pump();
    }
    const body = served.get(req.url ?? '');
    if (body === undefined) return void res.writeHead(404, 'Not Found').end();
    res.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => vi.unstubAllGlobals());

async function publish(
  folder: string,
  m: rf.LayersModel,
  format: 'rectify' | 'tfjs' = 'rectify',
): Promise<rf.ModelArtifacts> {
  const a = rf.io.modelArtifacts(m as never, format);
  served.set(`/${folder}/model.json`, a.modelJson);
  for (const f of a.files) served.set(`/${folder}/${f.name}`, f.data);
  return a;
}

describe('http(s)://…/model.json', () => {
  it('loads both formats with identical predictions; fetchFunc and requestInit are used as in tfjs', async () => {
    const m = await trainedClassifier();
    await publish('m', m);
    expect(predictions(await rf.loadModel(`${base}/m/model.json`))).toEqual(predictions(m));
    await publish('t', m, 'tfjs');
    const fetchFunc = vi.fn((url: string | URL | Request, init?: RequestInit) => fetch(url, init));
    seenHeaders.length = 0;
    const back = await rf.loadModel(`${base}/t/model.json`, {
      fetchFunc: fetchFunc as typeof fetch,
      requestInit: { headers: { 'x-token': 'abc' } },
    });
    expect(predictions(back)).toEqual(predictions(m));
    expect(fetchFunc).toHaveBeenCalledTimes(2);
    expect(seenHeaders).toEqual(['abc', 'abc']);
  });

  it('a missing file, a body longer than the manifest and an unreachable host are typed errors', async () => {
    const m = await trainedClassifier();
    const a = await publish('gone', m);
    served.delete(`/gone/${a.files[0]!.name}`);
    await expect(rf.loadModel(`${base}/gone/model.json`)).rejects.toThrow(
      `loadModel: fetching '${base}/gone/${a.files[0]!.name}' answered 404 Not Found`,
    );
    await expect(rf.loadModel(`${base}/nothing/model.json`)).rejects.toThrow(rf.RectifyError);
    const json = JSON.parse(a.modelJson);
    json.weightsManifest.path = 'weights.bin';
    served.set('/endless/model.json', JSON.stringify(json));
    await expect(rf.loadModel(`${base}/endless/model.json`)).rejects.toThrow(
      `loadModel: weights file 'weights.bin' is more than the ${a.weightsBytes} bytes allowed`,
    );
    await expect(rf.loadModel('http://127.0.0.1:1/model.json')).rejects.toThrow(
      /^loadModel: cannot fetch 'http:\/\/127\.0\.0\.1:1\/model\.json': /,
    );
  });
});

describe('browserFiles and downloads://', () => {
  it('downloads model.json and the weights, which browserFiles loads back with identical predictions', async () => {
    const m = await trainedClassifier();
    const clicked: { download: string; href: string }[] = [];
    const blobs = new Map<string, Blob>();
    vi.stubGlobal('document', {
      body: { appendChild: () => undefined },
      createElement: () => {
        const a = {
          href: '',
          download: '',
          style: {},
          click: () => clicked.push({ download: a.download, href: a.href }),
          remove: () => undefined,
        };
        return a;
      },
    });
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const href = `blob:${blobs.size}`;
      blobs.set(href, blob as Blob);
      return href;
    });
    const result = await m.save('downloads://two-moons');
    expect(clicked.map((c) => c.download)).toEqual(['two-moons.json', ...result.weightsFiles]);
    const files = await Promise.all(
      clicked.map(async (c) => new File([await blobs.get(c.href)!.arrayBuffer()], c.download)),
    );
    expect(predictions(await rf.loadModel(rf.io.browserFiles(files)))).toEqual(predictions(m));
    // Order of the weights files does not matter; a missing one is named.
    await expect(rf.loadModel(rf.io.browserFiles([files[0]!]))).rejects.toThrow(
      `loadModel: model.json names the weights file '${result.weightsFiles[0]}', which is not among the selected files; select it too`,
    );
    vi.restoreAllMocks();
  });

  it('checks sizes from File.size before reading, and the first file must be JSON', async () => {
    const m = await trainedClassifier();
    const a = rf.io.modelArtifacts(m as never, 'rectify');
    const short = new File([a.files[0]!.data.slice(8) as Uint8Array<ArrayBuffer>], a.files[0]!.name);
    await expect(rf.loadModel(rf.io.browserFiles([new File([a.modelJson], 'model.json'), short]))).rejects.toThrow(
      `loadModel: weights file '${a.files[0]!.name}' is truncated: it has ${a.weightsBytes - 8} bytes, model.json lists ${a.weightsBytes}`,
    );
    expect(() => rf.io.browserFiles([short])).toThrow(
      `browserFiles: the first file must be model.json (a .json file), received '${a.files[0]!.name}'`,
    );
    expect(() => rf.io.browserFiles([])).toThrow(
      'browserFiles: expected an array of File objects, model.json first, then its weight files',
    );
    await expect(m.save('downloads://x')).rejects.toThrow(
      "save: 'downloads://x' needs a browser page (there is no document here)",
    );
  });
});
