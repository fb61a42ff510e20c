import { convBn } from '../layers/conv';
import { gemm } from '../layers/dense';
import { globalAveragePool } from '../layers/ops';
import type { Architecture } from './architecture';

/** MobileNet v1's 13 depthwise-separable blocks (output channels, stride) at width multiplier 0.5. */
const BLOCKS: [number, number][] = [
  [32, 1],
  [64, 2],
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [256, 1],
  [256, 1],
  [256, 1],
  [256, 1],
  [512, 2],
  [512, 1],
];

export const mobilenet: Architecture = {
  id: 'mobilenet',
  title: `MobileNet-v1-style (${BLOCKS.length} depthwise-separable blocks, width 0.5)`,
  input: { name: 'image', shape: [3, 224, 224], range: [-1, 1] },
  outputName: 'logits',
  build(net, input) {
    let x = convBn(net, input, { outChannels: 16, kernel: 3, stride: 2, relu: true });
    for (const [channels, stride] of BLOCKS) {
      const inChannels = x.shape[0] as number;
      // Depthwise 3×3 (one filter per channel: group = channels), then pointwise 1×1 mixing channels.
      x = convBn(net, x, { outChannels: inChannels, kernel: 3, stride, group: inChannels, relu: true });
      x = convBn(net, x, { outChannels: channels, kernel: 1, relu: true });
    }
    return gemm(net, globalAveragePool(net, x), { outFeatures: 1000, gain: 1, quantizeOutput: false });
  },
};
