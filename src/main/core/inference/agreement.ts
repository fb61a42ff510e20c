/** How far an output is from the CPU FP32 reference on the same inputs. */
export interface Agreement {
  maxAbsError: number;
  cosineSimilarity: number;
}

export function agreement(reference: Float32Array, candidate: Float32Array): Agreement {
  if (reference.length !== candidate.length) {
    throw new RangeError(`output sizes differ: ${reference.length} vs ${candidate.length}`);
  }
  let maxAbsError = 0;
  let dot = 0;
  let normR = 0;
  let normC = 0;
  for (let i = 0; i < reference.length; i += 1) {
    const r = reference[i]!;
    const c = candidate[i]!;
    maxAbsError = Math.max(maxAbsError, Math.abs(r - c));
    dot += r * c;
    normR += r * r;
    normC += c * c;
  }
  const cosineSimilarity = normR === 0 && normC === 0 ? 1 : dot / Math.sqrt(normR * normC);
  return { maxAbsError, cosineSimilarity };
}

/** Tolerances by precision: reduced precision is expected to drift, but not this far. */
export const COSINE_TOLERANCE: Record<string, number> = { fp32: 0.9999, fp16: 0.99, int8: 0.95 };
