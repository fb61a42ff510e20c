import { attr } from '../graph';
import type { Act, Net } from '../net';
import { geluStats, maxPoolStats, reluStats, sumStats } from './stats';

/* Element-wise, pooling and shape ops. They run in the model's float type; in INT8 models they sit between
 * a DequantizeLinear and the next QuantizeLinear, like the float islands quantize_static leaves. */

export function relu(net: Net, x: Act): Act {
  return { ...reluStats(x), name: net.graph.node('Relu', [x.name]) };
}

export function add(net: Net, a: Act, b: Act): Act {
  return { ...sumStats(a, b), name: net.graph.node('Add', [a.name, b.name]) };
}

export function mulScalar(net: Net, x: Act, factor: number): Act {
  const name = net.graph.node('Mul', [x.name, net.scalar(factor)]);
  return { ...x, name, mean: x.mean * factor, std: x.std * Math.abs(factor) };
}

export function maxPool(net: Net, x: Act, kernel: number, stride: number): Act {
  const [channels, height, width] = x.shape as [number, number, number];
  const pad = Math.floor(kernel / 2);
  const out = (size: number): number => Math.floor((size + 2 * pad - kernel) / stride) + 1;
  const name = net.graph.node(
    'MaxPool',
    [x.name],
    [
      attr.ints('kernel_shape', [kernel, kernel]),
      attr.ints('strides', [stride, stride]),
      attr.ints('pads', [pad, pad, pad, pad]),
    ],
  );
  return { ...maxPoolStats(x), name, shape: [channels, out(height), out(width)] };
}

/** GlobalAveragePool then Flatten: [C, H, W] → [C]. The spread is kept (a conservative quantisation range). */
export function globalAveragePool(net: Net, x: Act): Act {
  const pooled = net.graph.node('GlobalAveragePool', [x.name]);
  const name = net.graph.node('Flatten', [pooled], [attr.int('axis', 1)]);
  return { ...x, name, shape: [x.shape[0] as number] };
}

/** LayerNormalization (opset 17) over the last axis, scale ≈ 1 and bias ≈ 0 as after training starts. */
export function layerNorm(net: Net, x: Act): Act {
  const features = x.shape[x.shape.length - 1] as number;
  const rng = net.rng(net.graph.unique('layernorm'));
  const scale = net.floatWeights('ln_scale', [features], () =>
    Float32Array.from({ length: features }, () => 1 + rng.symmetric(0.1)),
  );
  const bias = net.floatWeights('ln_bias', [features], () => rng.fill(features, 0.1));
  net.parameters += 2 * features;
  const name = net.graph.node(
    'LayerNormalization',
    [x.name, scale, bias],
    [attr.int('axis', -1), attr.float('epsilon', 1e-12)],
  );
  return { name, shape: x.shape, mean: 0, std: 1 };
}

/** Exact GELU, x · 0.5 · (1 + erf(x / √2)), the pattern BERT exports and onnxruntime fuses into one Gelu kernel. */
export function gelu(net: Net, x: Act): Act {
  const scaled = net.graph.node('Div', [x.name, net.scalar(Math.SQRT2)]);
  const erf = net.graph.node('Erf', [scaled]);
  const onePlus = net.graph.node('Add', [erf, net.scalar(1)]);
  const product = net.graph.node('Mul', [x.name, onePlus]);
  return { ...geluStats(x), name: net.graph.node('Mul', [product, net.scalar(0.5)]) };
}

export function softmax(net: Net, x: Act): Act {
  const name = net.graph.node('Softmax', [x.name], [attr.int('axis', -1)]);
  const n = x.shape[x.shape.length - 1] as number;
  return { name, shape: x.shape, mean: 1 / n, std: 1 / n, lower: 0, upper: 1 };
}

/** Reshape of the per-sample dimensions; the leading 0 copies the symbolic batch dimension. */
export function reshape(net: Net, x: Act, shape: number[]): Act {
  const name = net.graph.node('Reshape', [x.name, net.int64s('shape', [0, ...shape])]);
  return { ...x, name, shape };
}

/** Transpose of the per-sample dimensions (`perm` indexes them; the batch dimension stays first). */
export function transpose(net: Net, x: Act, perm: number[]): Act {
  const name = net.graph.node('Transpose', [x.name], [attr.ints('perm', [0, ...perm.map((p) => p + 1)])]);
  return { ...x, name, shape: perm.map((p) => x.shape[p] as number) };
}

/** MatMul of two activations […, M, K] × […, K, N] (attention scores and context), kept in float. */
export function matmul(net: Net, a: Act, b: Act): Act {
  const m = a.shape[a.shape.length - 2] as number;
  const k = a.shape[a.shape.length - 1] as number;
  const n = b.shape[b.shape.length - 1] as number;
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  net.flops += 2 * batch * m * k * n;
  const name = net.graph.node('MatMul', [a.name, b.name]);
  const std = Math.sqrt(k * (a.std ** 2 + a.mean ** 2) * (b.std ** 2 + b.mean ** 2));
  return { name, shape: [...a.shape.slice(0, -1), n], mean: k * a.mean * b.mean, std };
}
