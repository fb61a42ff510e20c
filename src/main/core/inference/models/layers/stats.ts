/** Element statistics of an activation (see `Act`). */
export interface Stats {
  shape: number[];
  mean: number;
  std: number;
  lower?: number;
  upper?: number;
}

/** Standard normal density and distribution function (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** ReLU of a roughly normal N(mean, std²) input: the moments of a rectified normal. */
export function reluStats<S extends Stats>(x: S): S {
  const z = x.mean / x.std;
  const cdf = normalCdf(z);
  const pdf = normalPdf(z);
  const mean = x.mean * cdf + x.std * pdf;
  const secondMoment = (x.mean ** 2 + x.std ** 2) * cdf + x.mean * x.std * pdf;
  return { ...x, mean, std: Math.sqrt(Math.max(secondMoment - mean ** 2, 0)), lower: 0 };
}

/** Maximum of a 3×3 window: the expected maximum of 9 normal samples is 1.49 standard deviations above the mean. */
export function maxPoolStats<S extends Stats>(x: S): S {
  return { ...x, mean: x.mean + 1.49 * x.std };
}

/** GELU of a roughly normal N(0, std²) input (moments of x·Φ(x) for a standard normal, scaled; its minimum is −0.17). */
export function geluStats<S extends Stats>(x: S): S {
  return { ...x, mean: 0.2821 * x.std, std: 0.5879 * x.std, lower: -0.17, upper: undefined };
}

/** Sum of two independent activations. */
export function sumStats<S extends Stats>(a: S, b: Stats): S {
  const lower = a.lower !== undefined && b.lower !== undefined ? a.lower + b.lower : undefined;
  return { ...a, mean: a.mean + b.mean, std: Math.sqrt(a.std ** 2 + b.std ** 2), lower, upper: undefined };
}
