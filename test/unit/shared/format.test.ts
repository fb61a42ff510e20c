import { describe, expect, it } from 'vitest';
import { figureDigits, signedPercent } from '../../../src/shared/format';

describe('shared number formats', () => {
  it('signs a relative change with a true minus, keeps zero unsigned, and puts the chosen space before %', () => {
    expect(signedPercent(0.0421)).toBe('+4.2\u00a0%');
    expect(signedPercent(-0.352, ' ')).toBe('−35.2 %');
    expect(signedPercent(0)).toBe('0.0\u00a0%');
    // A tiny loss keeps its sign after rounding: "−0.0 %" still says which way it went.
    expect(signedPercent(-0.00001, ' ')).toBe('−0.0 %');
  });

  it('gives about three significant digits whatever the magnitude, negatives included', () => {
    expect(figureDigits(1234.56)).toBe('1235');
    expect(figureDigits(12.345)).toBe('12.35');
    expect(figureDigits(0.012345)).toBe('0.0123');
    expect(figureDigits(-250.4)).toBe('-250');
  });
});
