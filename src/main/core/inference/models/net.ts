import { attr, Graph, type GraphIo } from './graph';
import { lazy } from './lazy';
import { onnx } from './onnx';
import { activationQParams, quantizeBias, quantizeWeights, type QParams } from './quant';
import { Rng } from './rng';
import type { Precision } from './types';

/**
 * An activation tensor with the statistics the builder tracks analytically from the weight initialisation
 * (expected element mean and standard deviation for inputs uniform in the declared range). They set the
 * BatchNorm running statistics and the fixed INT8 quantisation ranges, so no calibration run is needed and
 * building stays synchronous and independent of onnxruntime.
 */
export interface Act {
  name: string;
  /** Shape of one sample (the symbolic batch dimension is implied in front). */
  shape: number[];
  mean: number;
  std: number;
  /** Hard bounds where the op guarantees them (ReLU ≥ 0, softmax in [0, 1], the declared input range). */
  lower?: number;
  upper?: number;
}

/**
 * INT8 activation ranges span mean ± this many standard deviations. Convolution outputs are heavy-tailed
 * (maxima of 7σ after depthwise convolutions): 5σ clipped them and MobileNet's cosine with FP32 fell to 0.94;
 * measured over the set, 8σ gave the best agreement (resolution lost to the wider range matters less).
 */
const RANGE_SIGMAS = 8;

interface Quantized {
  q: string;
  scale: string;
  zeroPoint: string;
  params: QParams;
}

export interface QuantWeight {
  /** Dequantised weight tensor (a DequantizeLinear output). */
  name: string;
  /** Weight scales (one, or one per output channel), available once the weights are generated. */
  scales: () => Float32Array;
  perChannel: boolean;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Precision-aware graph builder: float types, casts and quantise/dequantise nodes are decided here, once. */
export class Net {
  readonly graph: Graph;
  parameters = 0;
  flops = 0;
  private readonly scalars = new Map<number, string>();
  private readonly quantized = new Map<string, Quantized>();
  private readonly inputs: GraphIo[] = [];
  private readonly outputs: GraphIo[] = [];

  constructor(
    readonly precision: Precision,
    readonly seed: number,
    materialize: boolean,
  ) {
    this.graph = new Graph(materialize);
  }

  get floatType(): 'float16' | 'float32' {
    return this.precision === 'fp16' ? 'float16' : 'float32';
  }

  /** An independent stream per layer, so a layer's weights depend only on the seed and its name. */
  rng(layer: string): Rng {
    return new Rng(fnv1a(`${this.seed}:${layer}`));
  }

  /** Float weights in the model's float type (float16 for fp16 models). */
  floatWeights(prefix: string, dims: number[], values: () => ArrayLike<number>): string {
    return this.graph.initializer(prefix, this.floatType, dims, values);
  }

  scalar(value: number): string {
    const known = this.scalars.get(value);
    if (known) return known;
    const name = this.floatWeights('const', [], () => [value]);
    this.scalars.set(value, name);
    return name;
  }

  int64s(prefix: string, values: number[]): string {
    return this.graph.initializer(prefix, 'int64', [values.length], () => values);
  }

  /** The graph input (always float32); fp16 models cast it once at the entry. */
  input(name: string, shape: number[], range: [number, number]): Act {
    this.inputs.push({ name, type: 'float32', shape: ['batch', ...shape] });
    const [lower, upper] = range;
    const stats = { shape, mean: (lower + upper) / 2, std: (upper - lower) / Math.sqrt(12), lower, upper };
    if (this.precision !== 'fp16') return { name, ...stats };
    const cast = this.graph.node('Cast', [name], [attr.int('to', onnx.TensorProto.DataType.FLOAT16)]);
    return { name: cast, ...stats };
  }

  /** The graph output (always float32); fp16 models cast back at the exit. */
  output(x: Act, name: string): void {
    if (this.precision === 'fp16') {
      this.graph.node('Cast', [x.name], [attr.int('to', onnx.TensorProto.DataType.FLOAT)], name);
    } else {
      this.graph.rename(x.name, name);
    }
    this.outputs.push({ name, type: 'float32', shape: ['batch', ...x.shape] });
  }

  encode(name: string, doc: string, opset: number): Uint8Array {
    return this.graph.encode({ name, doc, opset, inputs: this.inputs, outputs: this.outputs });
  }

  qparams(x: Act): QParams {
    const lo = Math.max(x.lower ?? -Infinity, x.mean - RANGE_SIGMAS * x.std);
    const hi = Math.min(x.upper ?? Infinity, x.mean + RANGE_SIGMAS * x.std);
    return activationQParams(lo, hi);
  }

  /**
   * INT8: a dequantised copy of `x` for one quantised consumer. The QuantizeLinear is shared, each consumer
   * gets its own DequantizeLinear: the "node unit" shape onnxruntime fuses into integer kernels.
   */
  dequantized(x: Act): { name: string; scale: number } {
    let entry = this.quantized.get(x.name);
    if (!entry) {
      const params = this.qparams(x);
      const scale = this.graph.initializer(`${x.name}_scale`, 'float32', [], () => [params.scale]);
      const zeroPoint = this.graph.initializer(`${x.name}_zp`, 'uint8', [], () => [params.zeroPoint]);
      const q = this.graph.node('QuantizeLinear', [x.name, scale, zeroPoint], [], this.graph.unique(`${x.name}_q`));
      entry = { q, scale, zeroPoint, params };
      this.quantized.set(x.name, entry);
    }
    const dq = this.graph.node('DequantizeLinear', [entry.q, entry.scale, entry.zeroPoint]);
    return { name: dq, scale: entry.params.scale };
  }

  /** INT8: put a quantised op's float output through QuantizeLinear → DequantizeLinear (its output range). */
  requantize(x: Act): Act {
    const first = this.dequantized(x);
    // Later quantised consumers of the returned tensor reuse the same QuantizeLinear.
    const entry = this.quantized.get(x.name) as Quantized;
    this.quantized.set(first.name, entry);
    return { ...x, name: first.name };
  }

  /**
   * INT8 weights: int8 initialiser behind a DequantizeLinear; per output channel (axis 0) when `channels` is
   * given, as for Conv, where BatchNorm folding gives every channel its own range.
   */
  int8Weights(prefix: string, dims: number[], values: () => Float32Array, channels?: number): QuantWeight {
    const quantized = lazy(() => quantizeWeights(values(), channels ?? 1));
    const scaleDims = channels === undefined ? [] : [channels];
    const q = this.graph.initializer(prefix, 'int8', dims, () => quantized().q);
    const scale = this.graph.initializer(`${q}_scale`, 'float32', scaleDims, () => quantized().scales);
    const zeroPoint = this.graph.initializer(`${q}_zp`, 'int8', scaleDims, () => new Int8Array(channels ?? 1));
    const attributes = channels === undefined ? [] : [attr.int('axis', 0)];
    const name = this.graph.node('DequantizeLinear', [q, scale, zeroPoint], attributes);
    return { name, scales: () => quantized().scales, perChannel: channels !== undefined };
  }

  /** INT8 bias: int32 at scale inputScale × weightScale behind a DequantizeLinear (QLinearConv/QGemm's bias). */
  int32Bias(prefix: string, size: number, inputScale: number, weight: QuantWeight, values: () => Float32Array): string {
    const scales = lazy(() => weight.scales().map((s) => Math.fround(inputScale * s)));
    const scaleDims = weight.perChannel ? [size] : [];
    const q = this.graph.initializer(prefix, 'int32', [size], () => quantizeBias(values(), scales()));
    const scale = this.graph.initializer(`${q}_scale`, 'float32', scaleDims, scales);
    const zeroPoint = this.graph.initializer(`${q}_zp`, 'int32', scaleDims, () => new Int32Array(scaleDims[0] ?? 1));
    const attributes = weight.perChannel ? [attr.int('axis', 0)] : [];
    return this.graph.node('DequantizeLinear', [q, scale, zeroPoint], attributes);
  }
}
