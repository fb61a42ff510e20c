import { attr } from '../graph';
import { lazy } from '../lazy';
import type { Act, Net } from '../net';
import { uniformBound } from '../rng';
import { reluStats } from './stats';

export interface DenseSpec {
  outFeatures: number;
  /** Weight variance = gain / fanIn: 2 (He) before a ReLU, 1 (LeCun) otherwise. */
  gain: number;
  relu?: boolean;
  /** INT8: requantise the output (false keeps the last layer's logits in float, which QGemm supports). */
  quantizeOutput?: boolean;
}

function denseWeights(net: Net, layer: string, inFeatures: number, spec: DenseSpec) {
  const rng = net.rng(layer);
  const weights = lazy(() => rng.fill(inFeatures * spec.outFeatures, uniformBound(spec.gain / inFeatures)));
  // PyTorch's default bias initialisation: uniform ±1/√fanIn.
  const bias = lazy(() => rng.fill(spec.outFeatures, 1 / Math.sqrt(inFeatures)));
  net.parameters += inFeatures * spec.outFeatures + spec.outFeatures;
  return { weights, bias };
}

/** Output statistics of x·W + b for zero-mean weights of variance gain/fanIn and bias variance 1/(3·fanIn). */
function denseStats(x: Act, inFeatures: number, spec: DenseSpec, shape: number[]) {
  const secondMoment = x.std ** 2 + x.mean ** 2;
  const std = Math.sqrt(spec.gain * secondMoment + 1 / (3 * inFeatures));
  const linear = { shape, mean: 0, std };
  return spec.relu ? reluStats(linear) : linear;
}

/** Fully connected layer on [batch, features] as PyTorch exports nn.Linear: Gemm with transB = 1 (W is [out, in]). */
export function gemm(net: Net, x: Act, spec: DenseSpec): Act {
  const inFeatures = x.shape[0] as number;
  const layer = net.graph.unique('fc');
  const { weights, bias } = denseWeights(net, layer, inFeatures, spec);
  net.flops += 2 * inFeatures * spec.outFeatures;
  const stats = denseStats(x, inFeatures, spec, [spec.outFeatures]);
  const dims = [spec.outFeatures, inFeatures];
  const attributes = [attr.int('transB', 1)];

  if (net.precision === 'int8') {
    const input = net.dequantized(x);
    const w = net.int8Weights(`${layer}_w`, dims, weights);
    const b = net.int32Bias(`${layer}_b`, spec.outFeatures, input.scale, w, bias);
    let y = net.graph.node('Gemm', [input.name, w.name, b], attributes);
    if (spec.relu) y = net.graph.node('Relu', [y]);
    return spec.quantizeOutput === false ? { name: y, ...stats } : net.requantize({ name: y, ...stats });
  }
  const w = net.floatWeights(`${layer}_w`, dims, weights);
  const b = net.floatWeights(`${layer}_b`, [spec.outFeatures], bias);
  let y = net.graph.node('Gemm', [x.name, w, b], attributes);
  if (spec.relu) y = net.graph.node('Relu', [y]);
  return { name: y, ...stats };
}

/**
 * Linear layer on [batch, sequence, features] as transformer exports have it: MatMul with W [in, out], then
 * Add of the bias. INT8 quantises the MatMul (QLinearMatMul); the bias Add stays in float.
 */
export function linear(net: Net, x: Act, spec: DenseSpec): Act {
  const inFeatures = x.shape[x.shape.length - 1] as number;
  const rows = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const layer = net.graph.unique('linear');
  const { weights, bias } = denseWeights(net, layer, inFeatures, spec);
  net.flops += 2 * rows * inFeatures * spec.outFeatures;
  const stats = denseStats(x, inFeatures, spec, [...x.shape.slice(0, -1), spec.outFeatures]);
  const dims = [inFeatures, spec.outFeatures];

  let product: string;
  if (net.precision === 'int8') {
    const input = net.dequantized(x);
    const w = net.int8Weights(`${layer}_w`, dims, weights);
    const { std } = denseStats(x, inFeatures, { ...spec, relu: false }, []);
    product = net.requantize({ name: net.graph.node('MatMul', [input.name, w.name]), shape: [], mean: 0, std }).name;
  } else {
    product = net.graph.node('MatMul', [x.name, net.floatWeights(`${layer}_w`, dims, weights)]);
  }
  let y = net.graph.node('Add', [product, net.floatWeights(`${layer}_b`, [spec.outFeatures], bias)]);
  if (spec.relu) y = net.graph.node('Relu', [y]);
  return { name: y, ...stats };
}
