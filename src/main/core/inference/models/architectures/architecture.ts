import type { Act, Net } from '../net';
import type { ModelId } from '../types';

/** One model family: its public interface and the layers that build it with any precision. */
export interface Architecture {
  id: ModelId;
  title: string;
  input: { name: string; shape: number[]; range: [number, number] };
  outputName: string;
  build(net: Net, input: Act): Act;
}
