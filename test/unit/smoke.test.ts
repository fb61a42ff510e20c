import { describe, expect, it } from 'vitest';
import { splitFlags } from '../../src/main/core/hardware/isa';

describe('smoke', () => {
  it('splits flags', () => {
    expect(splitFlags('a  B')).toEqual(['a', 'b']);
  });
});
