import { linear } from '../layers/dense';
import { add, gelu, layerNorm, matmul, mulScalar, reshape, softmax, transpose } from '../layers/ops';
import type { Act, Net } from '../net';
import type { Architecture } from './architecture';

const SEQUENCE = 128;
const HIDDEN = 768;
const HEADS = 12;
const HEAD_SIZE = HIDDEN / HEADS;
const FFN = 3072;

/** Multi-head self-attention without a mask (every token attends to all 128). */
function selfAttention(net: Net, x: Act): Act {
  const project = (): Act => linear(net, x, { outFeatures: HIDDEN, gain: 1 });
  const heads = (t: Act): Act => reshape(net, t, [SEQUENCE, HEADS, HEAD_SIZE]);
  const q = transpose(net, heads(project()), [1, 0, 2]); // [heads, seq, head]
  const kT = transpose(net, heads(project()), [1, 2, 0]); // [heads, head, seq]
  const v = transpose(net, heads(project()), [1, 0, 2]);
  const probs = softmax(net, mulScalar(net, matmul(net, q, kT), 1 / Math.sqrt(HEAD_SIZE)));
  const context = reshape(net, transpose(net, matmul(net, probs, v), [1, 0, 2]), [SEQUENCE, HIDDEN]);
  return linear(net, context, { outFeatures: HIDDEN, gain: 1 });
}

/** One BERT-base encoder layer (post-LayerNorm): attention, add & norm, GELU feed-forward, add & norm. */
export const transformer: Architecture = {
  id: 'transformer',
  title: `Transformer encoder block (BERT-base layer: hidden ${HIDDEN}, ${HEADS} heads, FFN ${FFN}, sequence ${SEQUENCE})`,
  input: { name: 'hidden_states', shape: [SEQUENCE, HIDDEN], range: [-1, 1] },
  outputName: 'output',
  build(net, input) {
    const attended = layerNorm(net, add(net, input, selfAttention(net, input)));
    const hidden = gelu(net, linear(net, attended, { outFeatures: FFN, gain: 1 }));
    const ffn = linear(net, hidden, { outFeatures: HIDDEN, gain: 1 });
    return layerNorm(net, add(net, attended, ffn));
  },
};
