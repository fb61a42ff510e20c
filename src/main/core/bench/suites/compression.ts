import { deflateSync, inflateSync } from 'node:zlib';
import type { BenchmarkFactory } from '../worker/benchmark';
import { makeJsonDocument } from './js-engine';

/** zlib (C) deflate at level 6 of JSON text: integer work with branchy, cache-resident state. */
export const deflate: BenchmarkFactory = async (params) => {
  const input = Buffer.from(makeJsonDocument(Number(params.bytes ?? 8_000_000), 3));
  let output = Buffer.alloc(0);
  return {
    unit: 'MB/s',
    direction: 'higher-is-better',
    measure: () => {
      const start = performance.now();
      output = deflateSync(input, { level: 6 });
      return input.length / 1e6 / ((performance.now() - start) / 1000);
    },
    extras: () => ({ ratio: Number((input.length / output.length).toFixed(2)) }),
    verify: () => (inflateSync(output).equals(input) ? null : 'deflate output does not round-trip'),
  };
};
