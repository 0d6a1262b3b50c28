import type { SymbolicTensor } from '@rectify/layers';
import type { TfjsImport } from '@rectify/interop';
import type { LayersModel } from '../models/layers-model.js';
import { Model } from '../models/model.js';
import { Sequential } from '../models/sequential.js';

const oneOrList = (list: readonly SymbolicTensor[]): SymbolicTensor | readonly SymbolicTensor[] =>
  list.length === 1 ? list[0]! : list;

/**
 * A TensorFlow.js layers-format model (read by `readTfjsModel`) as a Rectify model: a `Sequential` or a functional
 * `Model`, its weights assigned, not compiled (tfjs' training config names tfjs' own optimizer; compile it yourself
 * to train). Only the layers both sides have are read; any other is an error naming it.
 */
export function modelFromTfjs(imported: TfjsImport): LayersModel {
  if (imported.className === 'Model') {
    const f = imported.model;
    return new Model({ inputs: oneOrList(f.inputs), outputs: oneOrList(f.outputs), name: imported.name });
  }
  try {
    const model = new Sequential({ name: imported.name, layers: imported.layers });
    if (!model.built) model.build(imported.batchInputShape);
    return model;
  } catch (err) {
    for (const l of imported.layers) l.dispose();
    throw err;
  }
}
