import type { BenchmarkFactory } from '../worker/benchmark';
import { seededRandom } from '../stats/random';

/** A deterministic JSON document of roughly `bytes` bytes, shaped like an API response. */
export function makeJsonDocument(bytes: number, seed = 1): string {
  const random = seededRandom(seed);
  const items: unknown[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i += 1) {
    const item = {
      id: i,
      name: `item-${Math.floor(random() * 1e9).toString(36)}`,
      price: Math.round(random() * 1e6) / 100,
      tags: ['alpha', 'beta', 'gamma'].slice(0, 1 + Math.floor(random() * 3)),
      active: random() > 0.5,
      nested: { x: random(), y: [1, 2, 3].map(() => Math.floor(random() * 100)) },
    };
    items.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return JSON.stringify(items);
}

/** Megabytes per second over `bytes`, from one iteration's duration. */
function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export const jsonParse: BenchmarkFactory = async (params) => {
  const text = makeJsonDocument(Number(params.bytes ?? 1_000_000));
  return {
    unit: 'MB/s',
    direction: 'higher-is-better',
    measure: () =>
      mbPerSecond(
        text.length,
        timed(() => JSON.parse(text)),
      ),
  };
};

export const jsonStringify: BenchmarkFactory = async (params) => {
  const value: unknown = JSON.parse(makeJsonDocument(Number(params.bytes ?? 1_000_000)));
  const length = JSON.stringify(value).length;
  return {
    unit: 'MB/s',
    direction: 'higher-is-better',
    measure: () =>
      mbPerSecond(
        length,
        timed(() => JSON.stringify(value)),
      ),
  };
};

export const regexScan: BenchmarkFactory = async (params) => {
  const text = makeJsonDocument(Number(params.bytes ?? 1_000_000));
  // A typical log/JSON scanning pattern: quoted keys followed by numbers.
  const pattern = /"(\w+)":(-?\d+(?:\.\d+)?)/g;
  let matches = 0;
  return {
    unit: 'MB/s',
    direction: 'higher-is-better',
    measure: () =>
      mbPerSecond(
        text.length,
        timed(() => {
          matches = 0;
          for (const _ of text.matchAll(pattern)) matches += 1;
        }),
      ),
    verify: () => (matches > 0 ? null : 'the regex matched nothing'),
  };
};

export const numericSort: BenchmarkFactory = async (params) => {
  const count = Number(params.elements ?? 1_000_000);
  const random = seededRandom(7);
  const source = Float64Array.from({ length: count }, () => random());
  let work = new Float64Array(count);
  return {
    unit: 'M elements/s',
    direction: 'higher-is-better',
    measure: () => {
      work = source.slice();
      const ms = timed(() => work.sort());
      return count / 1e6 / (ms / 1000);
    },
    verify: () => {
      for (let i = 1; i < work.length; i += 1) if (work[i - 1]! > work[i]!) return 'the array is not sorted';
      return null;
    },
  };
};
