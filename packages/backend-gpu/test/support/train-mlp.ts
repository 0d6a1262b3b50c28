import * as rf from '@rectify/tensor';
import { type Variable, variable, variableGrads } from '@rectify/autograd';

export interface TrainOptions {
  readonly steps?: number;
  readonly batch?: number;
  readonly features?: number;
  readonly hidden?: number;
  readonly classes?: number;
  readonly lr?: number;
}

/**
 * A 2-layer MLP (tanh hidden layer, softmax cross-entropy) trained by hand with full-batch SGD on a fixed,
 * seeded classification task, on `backend`. Returns the loss of every step. Inputs and initial weights come
 * from the seeded host PRNG, so every backend starts from identical values; the curves differ only by the
 * backends' rounding. Leaves no tensor behind.
 */
export function trainMlp(backend: string, o: TrainOptions = {}): number[] {
  const { steps = 15, batch = 32, features = 8, hidden = 16, classes = 3, lr = 0.5 } = o;
  const previous = rf.engine.backendName;
  rf.setBackend(backend);
  const data = rf.tidy(() => {
    const x = rf.randomNormal([batch, features], 0, 1, 'float32', 11);
    // Labels from a fixed random linear rule: learnable, not trivially separable after one step.
    const rule = rf.randomNormal([features, classes], 0, 1, 'float32', 12);
    const y = rf.oneHot(rf.argMax(rf.matmul(x, rule), 1), classes);
    return { x, y };
  });
  // Inside tidy, the initial values are freed and the variables (never tidied) stay.
  const params: Variable[] = rf.tidy(() => [
    variable(rf.randomNormal([features, hidden], 0, 0.5, 'float32', 13), true, `${backend}/w1`),
    variable(rf.zeros([hidden]), true, `${backend}/b1`),
    variable(rf.randomNormal([hidden, classes], 0, 0.5, 'float32', 14), true, `${backend}/w2`),
    variable(rf.zeros([classes]), true, `${backend}/b2`),
  ]);
  const [w1, b1, w2, b2] = params as [Variable, Variable, Variable, Variable];
  const loss = () => {
    const h = rf.tanh(rf.add(rf.matmul(data.x, w1), b1));
    const logits = rf.add(rf.matmul(h, w2), b2);
    return rf.neg(rf.mean(rf.sum(rf.mul(data.y, rf.logSoftmax(logits)), 1)));
  };
  const losses: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      losses.push(
        rf.tidy(() => {
          const { value, grads } = variableGrads(loss, params);
          for (const p of params) p.assign(rf.sub(p, rf.mul(grads[p.name]!, lr)));
          return value.item();
        }),
      );
    }
  } finally {
    rf.dispose([data.x, data.y, ...params]);
    rf.setBackend(previous);
  }
  return losses;
}
