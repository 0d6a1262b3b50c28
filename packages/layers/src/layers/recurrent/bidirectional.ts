import { type Tensor, ValueError, add, arange, cast, concat, gather, mul, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../layer.js';
import { oneOf } from '../../options.js';
import {
  type LayerClass,
  type SerializedLayer,
  classesOf,
  deserializeWith,
  serializeLayer,
} from '../../layer-class.js';
import { type Shape, isShapeList } from '../../shape.js';
import { RNN } from './rnn.js';

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

export interface BidirectionalArgs extends LayerArgs {
  /** The recurrent layer to run both ways; it serves as a template: two copies are made from its config. */
  layer: RNN;
  /** How the two directions combine: 'concat' (default), 'sum', 'mul', 'ave', or null for the list of both. */
  mergeMode?: MergeMode | null;
}

export interface BidirectionalConfig extends LayerConfig {
  layer: SerializedLayer;
  mergeMode: MergeMode | null;
}

/**
 * Runs a recurrent layer forwards and a copy backwards over the same sequence and merges their outputs (the
 * backward outputs re-reversed into time order with `returnSequences`).
 *
 * Shape: as the wrapped layer, with `2·units` features for 'concat'; with `returnState`, the forward then the
 * backward states follow the output. Weights: the forward copy's, then the backward's. Reference: Keras `Bidirectional`.
 *
 * @example bidirectional({ layer: lstm({ units: 8, returnSequences: true }) }).apply(ones([2, 5, 3])).shape; // → [2, 5, 16]
 */
export class Bidirectional extends Layer<Tensor | Tensor[]> {
  static override readonly className: string = 'Bidirectional';
  static override readonly argNames: readonly string[] = optionNames<Omit<BidirectionalArgs, keyof LayerArgs>>()({
    layer: true,
    mergeMode: true,
  });
  protected override readonly receivesMask = true;
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: MergeMode | null;

  constructor(args: BidirectionalArgs) {
    super(args);
    if (!(args.layer instanceof RNN))
      throw new ValueError(
        `${this.kind}: layer must be a recurrent layer (RNN, LSTM, GRU, SimpleRNN), received ${String(args.layer)}`,
      );
    this.mergeMode =
      args.mergeMode === null
        ? null
        : oneOf(this.kind, 'mergeMode', args.mergeMode ?? 'concat', ['concat', 'sum', 'mul', 'ave'] as const);
    const { className, config } = serializeLayer(args.layer);
    const copy = (dir: string, goBackwards: boolean): RNN => {
      const prefix = `${this.name}/${dir}_`;
      const own = {
        ...config,
        name: `${prefix}${config.name}`,
        goBackwards,
        batchInputShape: undefined,
      } as LayerConfig & { cell?: SerializedLayer };
      // A generic RNN's cell is named on its own: prefixed too, so the two copies' weight names differ.
      if (own.cell) own.cell = prefixNames(own.cell, prefix);
      return deserializeWith({ className, config: own }, classesOf(args.layer)) as RNN;
    };
    this.forwardLayer = this.trackLayer(copy('forward', args.layer.goBackwards));
    this.backwardLayer = this.trackLayer(copy('backward', !args.layer.goBackwards));
    this.inputSpec = { ndim: 3 };
  }

  override build(inputShape: Shape | Shape[]): void {
    this.forwardLayer.maybeBuild(inputShape);
    this.backwardLayer.maybeBuild(inputShape);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[] {
    const f = this.forwardLayer.apply(inputs, args);
    const b = this.backwardLayer.apply(inputs, args);
    const [yf, ...sf] = Array.isArray(f) ? f : [f];
    const [yb0, ...sb] = Array.isArray(b) ? b : [b];
    const yb = this.forwardLayer.returnSequences ? reverseTime(yb0!) : yb0!;
    const merged = this.merge(yf!, yb);
    const outs = Array.isArray(merged) ? merged : [merged];
    return this.forwardLayer.returnState || Array.isArray(merged) ? [...outs, ...sf, ...sb] : merged;
  }

  private merge(f: Tensor, b: Tensor): Tensor | Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return concat([f, b], -1);
      case 'sum':
        return add(f, b);
      case 'mul':
        return mul(f, b);
      case 'ave':
        return mul(add(f, b), 0.5);
      default:
        return [f, b];
    }
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | undefined): Tensor | undefined {
    return this.forwardLayer.returnSequences ? mask : undefined;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const one = this.forwardLayer.computeOutputShape(inputShape);
    const [out, ...states] = isShapeList(one) ? one : [one];
    const units = out!.at(-1) ?? null;
    const merged: Shape[] =
      this.mergeMode === null
        ? [out!, out!]
        : [this.mergeMode === 'concat' ? [...out!.slice(0, -1), units === null ? null : 2 * units] : out!];
    return merged.length === 1 && states.length === 0 ? merged[0]! : [...merged, ...states, ...states];
  }

  override getConfig(): BidirectionalConfig {
    const inner = serializeLayer(this.forwardLayer);
    const name = inner.config.name.slice(`${this.name}/forward_`.length);
    return {
      ...super.getConfig(),
      layer: { className: inner.className, config: { ...inner.config, name } },
      mergeMode: this.mergeMode,
    };
  }

  static override fromConfig<T>(
    this: new (args: never) => T,
    config: LayerConfig,
    customClasses: Record<string, LayerClass> = {},
  ): T {
    const c = config as BidirectionalConfig;
    return new this({ ...c, layer: deserializeWith(c.layer, customClasses) } as never);
  }
}

/** A serialized layer with `prefix` before its name and its nested cells' names (they name the weights). */
function prefixNames(s: SerializedLayer, prefix: string): SerializedLayer {
  const config = { ...s.config, name: `${prefix}${s.config.name}` } as LayerConfig & { cells?: SerializedLayer[] };
  if (config.cells) config.cells = config.cells.map((c) => prefixNames(c, prefix));
  return { className: s.className, config };
}

/** The sequence `[batch, time, …]` in reverse time order. */
function reverseTime(y: Tensor): Tensor {
  const t = y.shape[1]!;
  return gather(y, cast(arange(t - 1, -1, -1), 'int32'), 1);
}

/** Creates a {@link Bidirectional} wrapper. @example bidirectional({ layer: gru({ units: 16 }), mergeMode: 'sum' }) */
export function bidirectional(args: BidirectionalArgs): Bidirectional {
  return new Bidirectional(args);
}
