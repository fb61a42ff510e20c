import { convBn } from '../layers/conv';
import { gemm } from '../layers/dense';
import { add, globalAveragePool, maxPool, relu } from '../layers/ops';
import type { Act, Net } from '../net';
import type { Architecture } from './architecture';

/** ResNet-18's layout (4 stages × 2 basic blocks) at half its width, so it builds and runs fast on 2 cores. */
const STAGES = [32, 64, 128, 256];
const BLOCKS_PER_STAGE = 2;

/** conv3×3-BN-ReLU → conv3×3-BN, plus the shortcut (1×1 conv-BN when the shape changes), add, ReLU. */
function basicBlock(net: Net, x: Act, channels: number, stride: number): Act {
  const branch = convBn(net, convBn(net, x, { outChannels: channels, kernel: 3, stride, relu: true }), {
    outChannels: channels,
    kernel: 3,
  });
  const shortcut =
    stride !== 1 || x.shape[0] !== channels ? convBn(net, x, { outChannels: channels, kernel: 1, stride }) : x;
  return relu(net, add(net, branch, shortcut));
}

export const cnn: Architecture = {
  id: 'cnn',
  title: `ResNet-style CNN (${STAGES.length * BLOCKS_PER_STAGE} basic blocks, ${STAGES[0]}–${STAGES.at(-1)} channels)`,
  input: { name: 'image', shape: [3, 224, 224], range: [-1, 1] },
  outputName: 'logits',
  build(net, input) {
    let x = convBn(net, input, { outChannels: STAGES[0] as number, kernel: 3, stride: 2, relu: true });
    x = maxPool(net, x, 3, 2);
    STAGES.forEach((channels, stage) => {
      for (let block = 0; block < BLOCKS_PER_STAGE; block += 1) {
        x = basicBlock(net, x, channels, stage > 0 && block === 0 ? 2 : 1);
      }
    });
    return gemm(net, globalAveragePool(net, x), { outFeatures: 1000, gain: 1, quantizeOutput: false });
  },
};
