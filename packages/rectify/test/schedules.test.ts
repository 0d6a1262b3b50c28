import { describe, expect, it } from 'vitest';
import { schedules } from '../src/optimizers/index.js';

const { stepDecay, exponentialDecay, cosineDecay, warmup, deserializeSchedule, serializeSchedule } = schedules;

describe('learning-rate schedules', () => {
  it('stepDecay drops by gamma every stepSize updates', () => {
    const s = stepDecay({ initialLearningRate: 0.1, stepSize: 100, gamma: 0.5 });
    expect([0, 99, 100, 250].map((t) => s.at(t))).toEqual([0.1, 0.1, 0.05, 0.025]);
  });
  it('exponentialDecay is smooth, or stepped with staircase', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expect(s.at(5)).toBeCloseTo(0.1 * Math.SQRT1_2, 12);
    expect(s.at(20)).toBeCloseTo(0.025, 12);
    const st = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect(st.at(19)).toBeCloseTo(0.05, 12);
  });
  it('cosineDecay falls along half a cosine to alpha·lr and stays there', () => {
    const s = cosineDecay({ initialLearningRate: 1, decaySteps: 100, alpha: 0.1 });
    expect(s.at(0)).toBeCloseTo(1, 12);
    expect(s.at(50)).toBeCloseTo(0.55, 12);
    expect(s.at(25)).toBeCloseTo(0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)) + 0.1, 12);
    expect(s.at(100)).toBeCloseTo(0.1, 12);
    expect(s.at(1000)).toBeCloseTo(0.1, 12);
  });
  it('warmup ramps linearly to the next schedule and then shifts it', () => {
    const after = cosineDecay({ initialLearningRate: 1e-3, decaySteps: 1000 });
    const s = warmup({ warmupSteps: 100, after });
    expect(s.at(0)).toBe(0);
    expect(s.at(50)).toBeCloseTo(5e-4, 15);
    expect(s.at(100)).toBeCloseTo(1e-3, 15);
    expect(s.at(600)).toBeCloseTo(after.at(500), 15);
    expect(warmup({ warmupSteps: 4, after: 0.2, initialLearningRate: 0.1 }).at(2)).toBeCloseTo(0.15, 15);
  });
  it('round-trips through JSON, nested schedules included', () => {
    const s = warmup({
      warmupSteps: 5,
      after: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.9 }),
    });
    const back = deserializeSchedule(JSON.parse(JSON.stringify(serializeSchedule(s))));
    for (const t of [0, 3, 5, 17]) expect(back.at(t)).toBe(s.at(t));
  });
  it('names the schedule and option in its errors', () => {
    expect(() => stepDecay({ initialLearningRate: 0.1, stepSize: 0 })).toThrow(
      'stepDecay: stepSize must be a positive integer, received 0',
    );
    expect(() => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: 2 })).toThrow(
      'cosineDecay: alpha must be in [0, 1], received 2',
    );
    expect(() => exponentialDecay({ initialLearningRate: -1, decaySteps: 1, decayRate: 0.5 })).toThrow(
      'exponentialDecay: initialLearningRate must be a positive number, received -1',
    );
    expect(() => warmup({ warmupSteps: 10, after: 0 })).toThrow(
      'warmup: after must be a positive number or a learning-rate schedule, received 0',
    );
    expect(() => deserializeSchedule({ className: 'constructor', config: {} })).toThrow(
      'deserializeSchedule: unknown schedule "constructor"; known schedules: stepDecay, exponentialDecay, cosineDecay, warmup',
    );
  });
});
