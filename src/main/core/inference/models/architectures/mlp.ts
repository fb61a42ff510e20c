import { gemm } from '../layers/dense';
import type { Architecture } from './architecture';

const WIDTH = 1024;
const HIDDEN_LAYERS = 3;
const CLASSES = 1000;

/** Dense network: 3 hidden Gemm + ReLU layers of 1024, then a 1000-way output layer. */
export const mlp: Architecture = {
  id: 'mlp',
  title: `MLP (${HIDDEN_LAYERS} × ${WIDTH} ReLU layers, ${CLASSES} outputs)`,
  input: { name: 'features', shape: [WIDTH], range: [-1, 1] },
  outputName: 'logits',
  build(net, input) {
    let x = input;
    for (let i = 0; i < HIDDEN_LAYERS; i += 1) x = gemm(net, x, { outFeatures: WIDTH, gain: 2, relu: true });
    return gemm(net, x, { outFeatures: CLASSES, gain: 1, quantizeOutput: false });
  },
};
