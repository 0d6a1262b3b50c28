import * as rf from '@rectify/rectify';

/** The playground's tasks: two 2-D classification problems and a token task for a one-block transformer. */
export type TaskName = 'moons' | 'spirals' | 'tokens';

export interface Dataset {
  readonly x: rf.Tensor;
  readonly y: rf.Tensor;
  readonly classes: number;
}

/** A seeded linear congruential generator: the same points in the page and in the tests. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function moons(n: number, rand: () => number): { xs: number[][]; ys: number[] } {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * rand();
    const px = label ? 1 - Math.cos(t) : Math.cos(t);
    const py = label ? 0.5 - Math.sin(t) : Math.sin(t);
    xs.push([px + 0.1 * (rand() - 0.5), py + 0.1 * (rand() - 0.5)]);
    ys.push(label);
  }
  return { xs, ys };
}

function spirals(n: number, rand: () => number): { xs: number[][]; ys: number[] } {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const r = 0.2 + 0.8 * rand();
    const t = 2.5 * Math.PI * r + label * Math.PI;
    xs.push([r * Math.cos(t), r * Math.sin(t)]);
    ys.push(label);
  }
  return { xs, ys };
}

/** Sequences of 6 tokens out of 6; label 1 when the first token appears again later — a job for attention. */
function tokens(n: number, rand: () => number): { xs: number[][]; ys: number[] } {
  const xs: number[][] = [];
  const ys: number[] = [];
  const pick = () => Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const first = pick();
    const rest = Array.from({ length: 5 }, () => {
      let t = pick();
      while (t === first) t = pick();
      return t;
    });
    if (label) rest[Math.floor(rand() * 5)] = first;
    xs.push([first, ...rest]);
    ys.push(label);
  }
  return { xs, ys };
}

/**
 * A task's examples as tensors, always the same for a seed.
 * @example makeDataset('moons', 64, 1).x.shape // [64, 2]
 */
export function makeDataset(task: TaskName, n: number, seed: number): Dataset {
  const rand = lcg(seed);
  const { xs, ys } = task === 'moons' ? moons(n, rand) : task === 'spirals' ? spirals(n, rand) : tokens(n, rand);
  return {
    x: task === 'tokens' ? rf.tensor(xs, [n, 6], 'int32') : rf.tensor(xs, [n, 2]),
    y: rf.tensor(ys, [n], 'int32'),
    classes: 2,
  };
}
