import { conv2dInfo, pool2dInfo, type Conv2DInfo, type PadMode, type Pool2DInfo } from '../../conv-geometry.js';
import { engine } from '../../engine.js';
import { type ConformanceCase, type InputKind, input, kase, sh } from '../case.js';

type Pair = number | readonly [number, number];

interface ConvSpec {
  readonly x: readonly number[];
  readonly f: readonly number[];
  readonly strides: Pair;
  readonly pad: PadMode;
  readonly dilations: Pair;
}

const CONVS: readonly ConvSpec[] = [
  { x: [2, 7, 7, 3], f: [3, 3, 3, 4], strides: 1, pad: 'valid', dilations: 1 },
  { x: [2, 7, 7, 3], f: [3, 3, 3, 4], strides: 1, pad: 'same', dilations: 1 },
  { x: [2, 7, 7, 3], f: [3, 3, 3, 4], strides: 2, pad: 'same', dilations: 1 },
  { x: [1, 13, 10, 2], f: [3, 3, 2, 5], strides: 2, pad: 'valid', dilations: 1 },
  { x: [2, 7, 7, 3], f: [3, 3, 3, 4], strides: 1, pad: 'same', dilations: 2 },
  { x: [1, 13, 10, 2], f: [3, 2, 2, 3], strides: 1, pad: 'valid', dilations: [2, 1] },
  { x: [2, 7, 7, 3], f: [1, 1, 3, 4], strides: 1, pad: 'valid', dilations: 1 },
  { x: [1, 13, 10, 2], f: [2, 4, 2, 3], strides: [2, 1], pad: 'same', dilations: 1 },
  { x: [2, 7, 7, 3], f: [3, 3, 3, 2], strides: 1, pad: 1, dilations: 1 },
  { x: [2, 28, 28, 1], f: [5, 5, 1, 8], strides: 1, pad: 'same', dilations: 1 },
  { x: [1, 4, 4, 31], f: [2, 2, 31, 10], strides: 2, pad: 'valid', dilations: 1 },
  // Few input channels (first layers), where a backend may convolve directly: interior runs of four pixels and the
  // borders, output channels in blocks of 16, 8 and 4, strides, dilations and windows wider than the image.
  { x: [2, 12, 12, 1], f: [5, 5, 1, 16], strides: 1, pad: 'valid', dilations: 1 },
  { x: [1, 11, 9, 1], f: [3, 3, 1, 12], strides: 2, pad: 'same', dilations: 1 },
  { x: [2, 9, 8, 3], f: [3, 3, 3, 20], strides: [1, 2], pad: 1, dilations: 1 },
  { x: [1, 10, 11, 2], f: [5, 5, 2, 36], strides: 1, pad: 'same', dilations: [1, 2] },
  { x: [1, 6, 5, 4], f: [3, 5, 4, 8], strides: 1, pad: 'same', dilations: 1 },
];

function convLabel(s: ConvSpec): string {
  return `x${sh(s.x)} f${sh(s.f)} strides ${JSON.stringify(s.strides)} pad ${JSON.stringify(s.pad)} dilations ${JSON.stringify(s.dilations)}`;
}

function convCases(): {
  conv2d: ConformanceCase[];
  conv2dBackpropInput: ConformanceCase[];
  conv2dBackpropFilter: ConformanceCase[];
} {
  const infos = CONVS.map((s) => conv2dInfo(s.x, s.f, s.strides, s.pad, s.dilations));
  const dyShape = (i: Conv2DInfo) => [i.batch, i.outH, i.outW, i.outC];
  return {
    conv2d: CONVS.map((s, i) =>
      kase(
        `conv2d/${convLabel(s)}`,
        () => engine.runKernel('conv2d', [input(s.x, 2000 + i), input(s.f, 2100 + i)], { info: infos[i]! }),
        4,
      ),
    ),
    conv2dBackpropInput: CONVS.map((s, i) =>
      kase(
        `conv2dBackpropInput/${convLabel(s)}`,
        () =>
          engine.runKernel('conv2dBackpropInput', [input(dyShape(infos[i]!), 2200 + i), input(s.f, 2300 + i)], {
            info: infos[i]!,
          }),
        4,
      ),
    ),
    conv2dBackpropFilter: CONVS.map((s, i) =>
      kase(
        `conv2dBackpropFilter/${convLabel(s)}`,
        () =>
          engine.runKernel('conv2dBackpropFilter', [input(s.x, 2400 + i), input(dyShape(infos[i]!), 2500 + i)], {
            info: infos[i]!,
          }),
        4,
      ),
    ),
  };
}

interface PoolSpec {
  readonly x: readonly number[];
  readonly size: Pair;
  readonly strides: Pair;
  readonly pad: PadMode;
  readonly kind: InputKind;
}

const POOLS: readonly PoolSpec[] = [
  { x: [2, 7, 7, 3], size: 2, strides: 2, pad: 'valid', kind: 'normal' },
  { x: [2, 7, 7, 3], size: 3, strides: 2, pad: 'same', kind: 'normal' },
  { x: [2, 7, 7, 3], size: 3, strides: 1, pad: 'same', kind: 'normal' },
  { x: [2, 7, 7, 3], size: 3, strides: 1, pad: 'valid', kind: 'normal' },
  { x: [1, 13, 10, 2], size: [2, 3], strides: [1, 2], pad: 'valid', kind: 'normal' },
  { x: [1, 28, 28, 4], size: 2, strides: 2, pad: 'valid', kind: 'normal' },
  { x: [1, 6, 6, 2], size: 2, strides: 1, pad: 1, kind: 'normal' },
  // Many equal values: maxPoolGrad must send each window's gradient to the first maximum only.
  { x: [2, 7, 7, 3], size: 3, strides: 2, pad: 'same', kind: 'rounded' },
  // Windows that tile the input exactly, with ties.
  { x: [2, 8, 6, 8], size: 2, strides: 2, pad: 'valid', kind: 'rounded' },
  { x: [1, 6, 8, 4], size: [2, 4], strides: [2, 4], pad: 'valid', kind: 'rounded' },
];

function poolLabel(s: PoolSpec): string {
  return `x${sh(s.x)} size ${JSON.stringify(s.size)} strides ${JSON.stringify(s.strides)} pad ${JSON.stringify(s.pad)}${s.kind === 'rounded' ? ' with ties' : ''}`;
}

function poolCases(): {
  maxPool: ConformanceCase[];
  maxPoolGrad: ConformanceCase[];
  avgPool: ConformanceCase[];
  avgPoolGrad: ConformanceCase[];
} {
  const infos = POOLS.map((s) => pool2dInfo('pool', s.x, s.size, s.strides, s.pad));
  const dyShape = (i: Pool2DInfo) => [i.batch, i.outH, i.outW, i.channels];
  return {
    maxPool: POOLS.map((s, i) =>
      kase(`maxPool/${poolLabel(s)}`, () =>
        engine.runKernel('maxPool', [input(s.x, 2600 + i, s.kind)], { info: infos[i]! }),
      ),
    ),
    maxPoolGrad: POOLS.map((s, i) =>
      kase(`maxPoolGrad/${poolLabel(s)}`, () =>
        engine.runKernel('maxPoolGrad', [input(dyShape(infos[i]!), 2700 + i), input(s.x, 2600 + i, s.kind)], {
          info: infos[i]!,
        }),
      ),
    ),
    avgPool: POOLS.map((s, i) =>
      kase(`avgPool/${poolLabel(s)}`, () =>
        engine.runKernel('avgPool', [input(s.x, 2800 + i, s.kind)], { info: infos[i]! }),
      ),
    ),
    avgPoolGrad: POOLS.map((s, i) =>
      kase(`avgPoolGrad/${poolLabel(s)}`, () =>
        engine.runKernel('avgPoolGrad', [input(dyShape(infos[i]!), 2900 + i)], { info: infos[i]! }),
      ),
    ),
  };
}

export function convKernelCases() {
  return { ...convCases(), ...poolCases() };
}
