import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
await tf.setBackend('cpu');
const m = tfl.sequential({ layers: [
  tfl.layers.conv2d({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1], padding: 'same', activation: 'relu' }),
  tfl.layers.batchNormalization(),
  tfl.layers.leakyReLU({alpha: 0.2}),
  tfl.layers.maxPooling2d({ poolSize: 2 }),
  tfl.layers.flatten(),
  tfl.layers.dense({ units: 3, activation: 'softmax', kernelRegularizer: tfl.regularizers.l2() }),
]});
let art;
await m.save(tf.io.withSaveHandler(async (a) => { art = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
console.log(JSON.stringify(art.modelTopology, null, 1).slice(0, 6000));
console.log(JSON.stringify(art.weightSpecs), art.weightData.byteLength, Object.keys(art));
const x = tfl.input({shape: [4]});
const d = tfl.layers.dense({units: 2}).apply(x);
const y = tfl.layers.add().apply([d, tfl.layers.dense({units: 2}).apply(x)]);
const fm = tfl.model({inputs: x, outputs: y});
await fm.save(tf.io.withSaveHandler(async (a) => { art = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
console.log(JSON.stringify(art.modelTopology));
