import { attr } from '../graph';
import { lazy } from '../lazy';
import type { Act, Net } from '../net';
import { uniformBound } from '../rng';
import { reluStats } from './stats';

export interface ConvSpec {
  outChannels: number;
  kernel: number;
  stride?: number;
  /** `group = input channels = output channels` makes a depthwise convolution. */
  group?: number;
  relu?: boolean;
}

const BN_EPSILON = 1e-5;

/**
 * Conv (no bias) → BatchNormalization → optional ReLU, as PyTorch exports a ResNet/MobileNet stage.
 * INT8 folds the BatchNorm into the convolution first (as onnxruntime's quantisation pre-processing does)
 * and wraps it in QDQ so onnxruntime runs it as QLinearConv.
 */
export function convBn(net: Net, x: Act, spec: ConvSpec): Act {
  const [inChannels, height, width] = x.shape as [number, number, number];
  const { outChannels, kernel } = spec;
  const stride = spec.stride ?? 1;
  const group = spec.group ?? 1;
  const pad = Math.floor(kernel / 2);
  const outH = Math.floor((height + 2 * pad - kernel) / stride) + 1;
  const outW = Math.floor((width + 2 * pad - kernel) / stride) + 1;
  const fanIn = (inChannels / group) * kernel * kernel;
  const layer = net.graph.unique('conv');
  const rng = net.rng(layer);

  // He-uniform weights; the BatchNorm below renormalises whatever scale they give.
  const weights = lazy(() => rng.fill(outChannels * fanIn, uniformBound(2 / fanIn)));
  const gamma = lazy(() => Float32Array.from({ length: outChannels }, () => 1 + rng.symmetric(0.1)));
  const beta = lazy(() => Float32Array.from({ length: outChannels }, () => rng.symmetric(0.1)));
  // Running statistics a trained network would have seen for this input distribution, per output channel:
  // mean = Σw · E[x], variance = Σw² · Var[x] (inputs treated as independent).
  const running = lazy(() => {
    const w = weights();
    const mean = new Float32Array(outChannels);
    const variance = new Float32Array(outChannels);
    for (let c = 0; c < outChannels; c += 1) {
      let sum = 0;
      let squares = 0;
      for (let i = c * fanIn; i < (c + 1) * fanIn; i += 1) {
        sum += w[i] as number;
        squares += (w[i] as number) ** 2;
      }
      mean[c] = sum * x.mean;
      variance[c] = squares * x.std ** 2;
    }
    return { mean, variance };
  });

  net.parameters += outChannels * fanIn + 2 * outChannels;
  net.flops += 2 * outChannels * outH * outW * fanIn;

  const attributes = [
    attr.ints('kernel_shape', [kernel, kernel]),
    attr.ints('strides', [stride, stride]),
    attr.ints('pads', [pad, pad, pad, pad]),
    attr.int('group', group),
  ];
  const dims = [outChannels, inChannels / group, kernel, kernel];
  const normalized = { shape: [outChannels, outH, outW], mean: 0, std: 1 };

  if (net.precision === 'int8') {
    const folded = lazy(() => {
      const { mean, variance } = running();
      const w = Float32Array.from(weights());
      const bias = new Float32Array(outChannels);
      for (let c = 0; c < outChannels; c += 1) {
        const factor = (gamma()[c] as number) / Math.sqrt((variance[c] as number) + BN_EPSILON);
        for (let i = c * fanIn; i < (c + 1) * fanIn; i += 1) w[i] = (w[i] as number) * factor;
        bias[c] = (beta()[c] as number) - (mean[c] as number) * factor;
      }
      return { w, bias };
    });
    const input = net.dequantized(x);
    const w = net.int8Weights(`${layer}_w`, dims, () => folded().w, outChannels);
    const b = net.int32Bias(`${layer}_b`, outChannels, input.scale, w, () => folded().bias);
    let y = net.graph.node('Conv', [input.name, w.name, b], attributes);
    // ReLU sits between Conv and QuantizeLinear with zero point 0: onnxruntime folds it into QLinearConv.
    if (spec.relu) y = net.graph.node('Relu', [y]);
    return net.requantize({ name: y, ...(spec.relu ? reluStats(normalized) : normalized) });
  }

  const w = net.floatWeights(`${layer}_w`, dims, weights);
  let y = net.graph.node('Conv', [x.name, w], attributes);
  y = net.graph.node('BatchNormalization', [
    y,
    net.floatWeights(`${layer}_bn_scale`, [outChannels], gamma),
    net.floatWeights(`${layer}_bn_bias`, [outChannels], beta),
    net.floatWeights(`${layer}_bn_mean`, [outChannels], () => running().mean),
    net.floatWeights(`${layer}_bn_var`, [outChannels], () => running().variance),
  ]);
  if (spec.relu) y = net.graph.node('Relu', [y]);
  return { name: y, ...(spec.relu ? reluStats(normalized) : normalized) };
}
