import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CliError } from '../errors.js';
import { finishDataset } from './finish.js';
import type { DatasetDefinition, Split } from './types.js';

/** Where Debian's `dataset-fashion-mnist` puts the files; `RECTIFY_FASHION_MNIST_DIR` points elsewhere. */
export function fashionMnistDir(): string {
  return process.env['RECTIFY_FASHION_MNIST_DIR'] ?? '/usr/share/datasets/fashion-mnist';
}

const FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

const CLASS_NAMES = [
  't-shirt/top',
  'trouser',
  'pullover',
  'dress',
  'coat',
  'sandal',
  'shirt',
  'sneaker',
  'bag',
  'ankle boot',
];

/**
 * Reads one gzipped IDX file (LeCun's format: big-endian magic `0x0000080N` with N dimensions, then the sizes,
 * then unsigned bytes).
 */
export function readIdx(path: string): { dims: number[]; data: Uint8Array } {
  const bytes = gunzipSync(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = bytes.byteLength >= 4 ? view.getUint32(0) : 0;
  const rank = magic & 0xff;
  if (magic >>> 8 !== 0x08 || rank < 1 || rank > 3 || bytes.byteLength < 4 + 4 * rank) {
    throw new CliError(`fashion-mnist: ${path} is not an IDX file of unsigned bytes (magic 0x${magic.toString(16)})`);
  }
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  const data = bytes.subarray(4 + 4 * rank);
  if (data.length !== size) {
    throw new CliError(`fashion-mnist: ${path} holds ${data.length} bytes of data, its header promises ${size}`);
  }
  return { dims, data };
}

function readSplit(dir: string, images: string, labels: string): Split {
  const img = readIdx(join(dir, images));
  const lab = readIdx(join(dir, labels));
  const n = img.dims[0]!;
  if (lab.dims[0] !== n)
    throw new CliError(`fashion-mnist: ${images} has ${n} images but ${labels} has ${lab.dims[0]} labels`);
  const x = new Float32Array(img.data.length);
  for (let i = 0; i < x.length; i++) x[i] = img.data[i]! / 255;
  return { x, y: Float32Array.from(lab.data), n };
}

/** Zalando's Fashion-MNIST, when Debian's `dataset-fashion-mnist` package is installed (it is optional). */
export const fashionMnist: DatasetDefinition = {
  name: 'fashion-mnist',
  task: 'classification',
  summary: 'Zalando clothing images, 28×28 grey pixels in [0, 1], 10 classes',
  size: '70,000 × 784, 10 classes (60,000 / 10,000)',
  source: 'Debian package dataset-fashion-mnist (optional)',
  available() {
    const dir = fashionMnistDir();
    const missing = Object.values(FILES).filter((f) => !existsSync(join(dir, f)));
    if (missing.length === 0) return true;
    return `not installed: ${join(dir, missing[0]!)} is missing (install it with: apt-get install dataset-fashion-mnist)`;
  },
  load(options) {
    const reason = this.available();
    if (reason !== true) throw new CliError(`fashion-mnist: ${reason}`);
    const dir = fashionMnistDir();
    const image = options.layout === 'image';
    return finishDataset(
      {
        name: 'fashion-mnist',
        task: 'classification',
        inputShape: image ? [28, 28, 1] : [784],
        targetShape: [],
        numClasses: 10,
        classNames: CLASS_NAMES,
      },
      {
        train: readSplit(dir, FILES.trainImages, FILES.trainLabels),
        test: readSplit(dir, FILES.testImages, FILES.testLabels),
      },
      options,
    );
  },
};
