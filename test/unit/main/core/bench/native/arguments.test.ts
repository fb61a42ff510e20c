import { describe, expect, it } from 'vitest';
import { addon, requireAddon, skipReason } from './load-addon';

// Constructors are called through this loose type so the tests can pass what TypeScript would reject.
type Loose = new (...args: unknown[]) => { dispose(): void };

describe.skipIf(addon === null)(`constructor argument validation${skipReason}`, () => {
  const make = (name: 'Gemm' | 'Stream' | 'Latency' | 'Hash', ...args: unknown[]) => {
    const Ctor = requireAddon()[name] as unknown as Loose;
    return () => new Ctor(...args).dispose();
  };

  it.each([
    ['Gemm', [0, 1], RangeError, /Gemm: n must be between 1 and 8192, got 0/],
    ['Gemm', [8193, 1], RangeError, /Gemm: n must be between 1 and 8192/],
    ['Gemm', [1.5, 1], TypeError, /Gemm: n must be an integer/],
    ['Gemm', ['64', 1], TypeError, /Gemm: n must be an integer/],
    ['Gemm', [64], TypeError, /Gemm: threads must be an integer/],
    ['Gemm', [64, 0], RangeError, /Gemm: threads must be between 1 and 256/],
    ['Gemm', [64, NaN], TypeError, /Gemm: threads must be an integer/],
    ['Stream', [0, 1], RangeError, /Stream: elements must be between 1 and/],
    ['Stream', [2 ** 28 + 1, 1], RangeError, /Stream: elements/],
    ['Stream', [1024, 257], RangeError, /Stream: threads/],
    ['Latency', [64], RangeError, /Latency: bytes must be between 128 and 2147483648/],
    ['Latency', [2 ** 31 + 1], RangeError, /Latency: bytes/],
    ['Latency', [Infinity], TypeError, /Latency: bytes must be an integer/],
    ['Hash', [-1], RangeError, /Hash: bytes must be between 1 and 2147483648, got -1/],
    ['Hash', [null], TypeError, /Hash: bytes must be an integer/],
  ] as const)('%s(%j) throws %o', (name, args, type, message) => {
    expect(make(name, ...args)).toThrow(type);
    expect(make(name, ...args)).toThrow(message);
  });

  it('accepts the smallest valid sizes', () => {
    expect(make('Gemm', 1, 1)).not.toThrow();
    expect(make('Stream', 1, 1)).not.toThrow();
    expect(make('Latency', 128)).not.toThrow();
    expect(make('Hash', 1)).not.toThrow();
  });
});
