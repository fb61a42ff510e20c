/** Affine uint8 quantisation of an activation: real = (q − zeroPoint) × scale. */
export interface QParams {
  scale: number;
  zeroPoint: number;
}

/**
 * uint8 parameters covering [lo, hi]. Zero must be exactly representable (ONNX requires it, and a ReLU
 * output then gets zero point 0, which lets onnxruntime fold the ReLU into the quantised kernel).
 */
export function activationQParams(lo: number, hi: number): QParams {
  const low = Math.min(lo, 0);
  const high = Math.max(hi, 0);
  const scale = Math.fround((high - low) / 255 || 1);
  const zeroPoint = Math.min(255, Math.max(0, Math.round(-low / scale)));
  return { scale, zeroPoint };
}

/**
 * Symmetric int8 weights (zero point 0, range ±127), the usual choice for onnxruntime's U8S8 kernels: one
 * scale per tensor, or per output channel (`channels` > 1, values laid out channel-major, as Conv's [M, C/g, kH, kW]).
 */
export function quantizeWeights(values: Float32Array, channels = 1): { q: Int8Array; scales: Float32Array } {
  const perChannel = values.length / channels;
  const q = new Int8Array(values.length);
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c += 1) {
    let maxAbs = 0;
    for (let i = c * perChannel; i < (c + 1) * perChannel; i += 1)
      maxAbs = Math.max(maxAbs, Math.abs(values[i] as number));
    const scale = Math.fround(maxAbs / 127 || 1);
    scales[c] = scale;
    for (let i = c * perChannel; i < (c + 1) * perChannel; i += 1) {
      q[i] = Math.max(-127, Math.min(127, Math.round((values[i] as number) / scale)));
    }
  }
  return { q, scales };
}

/** int32 bias at scale inputScale × weightScale (per channel, or one for all), as QLinearConv / QGemm expect it. */
export function quantizeBias(bias: Float32Array, scales: Float32Array): Int32Array {
  const q = new Int32Array(bias.length);
  for (let i = 0; i < bias.length; i += 1) {
    q[i] = Math.round((bias[i] as number) / (scales[scales.length === 1 ? 0 : i] as number));
  }
  return q;
}
