import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../../../../src/main/core/hardware/telemetry/ring-buffer';

describe('RingBuffer', () => {
  it('returns items oldest first before it is full', () => {
    const buffer = new RingBuffer<number>(4);
    buffer.push(1);
    buffer.push(2);
    expect(buffer.size).toBe(2);
    expect(buffer.latest()).toEqual([1, 2]);
  });

  it('keeps the newest N in order after wrapping, several times round', () => {
    const buffer = new RingBuffer<number>(3);
    for (let i = 1; i <= 10; i += 1) buffer.push(i);
    expect(buffer.size).toBe(3);
    expect(buffer.capacity).toBe(3);
    expect(buffer.latest()).toEqual([8, 9, 10]);
  });

  it('latest(limit) gives the newest `limit` items, oldest first, capped at the size', () => {
    const buffer = new RingBuffer<string>(5);
    for (const item of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) buffer.push(item);
    expect(buffer.latest(2)).toEqual(['f', 'g']);
    expect(buffer.latest(0)).toEqual([]);
    expect(buffer.latest(99)).toEqual(['c', 'd', 'e', 'f', 'g']);
  });

  it('capacity 1 holds only the last item', () => {
    const buffer = new RingBuffer<number>(1);
    buffer.push(1);
    buffer.push(2);
    expect(buffer.latest()).toEqual([2]);
  });

  it('clear() empties it and it fills from scratch again', () => {
    const buffer = new RingBuffer<number>(2);
    for (const item of [1, 2, 3]) buffer.push(item);
    buffer.clear();
    expect(buffer.size).toBe(0);
    expect(buffer.latest()).toEqual([]);
    buffer.push(4);
    expect(buffer.latest()).toEqual([4]);
  });

  it('rejects a capacity that is not a positive integer', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RingBuffer(capacity)).toThrow(RangeError);
    }
    expect(() => new RingBuffer(0)).toThrow('capacity must be a positive integer');
  });
});
