import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../src/main/core/bench/stats/random';
import {
  describePlan,
  generateFeeds,
  InputShapeError,
  parseDims,
  planInputs,
} from '../../../../../src/main/core/inference/inputs';
import { PRETRAINED_MODELS } from '../../../../../src/main/core/inference/pretrained';
import type { TensorSpec } from '../../../../../src/main/core/inference/types';

/** Silero VAD's inputs as onnxruntime reports them: every dynamic dimension unnamed. */
const SILERO: TensorSpec[] = [
  { name: 'input', type: 'float32', shape: ['', ''] },
  { name: 'state', type: 'float32', shape: [2, '', 128] },
  { name: 'sr', type: 'int64', shape: [] },
];
const PPOCR_DET: TensorSpec[] = [
  {
    name: 'x',
    type: 'float32',
    shape: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'],
  },
];

describe('generated inputs', () => {
  it('keeps the seeded noise of a plain model unchanged (same values as before overrides existed)', () => {
    const feeds = generateFeeds([{ name: 'features', type: 'float32', shape: ['batch', 4] }], 2);
    const random = seededRandom(42);
    expect(feeds.features!.dims).toEqual([2, 4]);
    expect(Array.from(feeds.features!.data as Float32Array)).toEqual(
      Array.from(Float32Array.from({ length: 8 }, () => random() * 2 - 1)),
    );
  });

  it('feeds Silero VAD its sample rate 16000 (int64 scalar), a zero state placed on the batch axis and 512-sample frames', () => {
    const overrides = PRETRAINED_MODELS['silero-vad'].inputs;
    const feeds = generateFeeds(SILERO, 4, { overrides });
    expect(feeds.sr).toEqual({ type: 'int64', data: BigInt64Array.from([16000n]), dims: [] });
    expect(feeds.state!.dims).toEqual([2, 4, 128]);
    expect((feeds.state!.data as Float32Array).every((v) => v === 0)).toBe(true);
    expect(feeds.input!.dims).toEqual([4, 512]);
    const audio = feeds.input!.data as Float32Array;
    expect(Math.min(...audio)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...audio)).toBeLessThanOrEqual(1);
    expect(new Set(audio).size).toBeGreaterThan(1000);
    // Without the table, sr would be seeded noise (0–99) and state would need a made-up size: what breaks the model.
    const plain = planInputs(SILERO, 4);
    expect(Number((generateFeeds(SILERO, 4).sr!.data as BigInt64Array)[0])).toBeLessThan(100);
    expect(plain.find((i) => i.name === 'state')!.defaulted).toEqual(['state[1]=128']);
    expect(describePlan(planInputs(SILERO, 1, { overrides }))).toBe(
      'input float32 1x512; state float32 2x1x128 = 0; sr int64 scalar = 16000',
    );
  });

  it('runs PP-OCR detection at 640×640 by default, at the user’s size when given, and refuses sizes that are not multiples of 32', () => {
    const overrides = PRETRAINED_MODELS['ppocr-det'].inputs;
    expect(planInputs(PPOCR_DET, 1, { overrides })[0]!.dims).toEqual([1, 3, 640, 640]);
    expect(planInputs(PPOCR_DET, 2, { overrides })[0]!.dims).toEqual([2, 3, 640, 640]);
    expect(planInputs(PPOCR_DET, 1, { overrides, dims: { x: [1, 3, 320, 96] } })[0]!.dims).toEqual([1, 3, 320, 96]);
    expect(() => planInputs(PPOCR_DET, 1, { overrides, dims: { x: [1, 3, 100, 100] } })).toThrow(
      /input x: size 100 on axis 2 must be a multiple of 32 for this model \(e\.g\. 128\)/,
    );
  });

  it('sizes the dynamic dimensions of a user model from --dims, else from the batch or a recorded default', () => {
    const image: TensorSpec[] = [{ name: 'pixels', type: 'float32', shape: ['N', 3, 'H', 'W'] }];
    const plan = planInputs(image, 2);
    expect(plan[0]!.dims).toEqual([2, 3, 224, 224]);
    expect(describePlan(plan)).toBe('pixels float32 2x3x224x224 (defaults: H=224, W=224; set with --dims)');
    expect(planInputs(image, 1, { dims: { H: [320], W: [480] } })[0]!.dims).toEqual([1, 3, 320, 480]);

    // A symbolic dimension shared by two inputs gets one size; "batch" anywhere is the batch.
    const text: TensorSpec[] = [
      { name: 'input_ids', type: 'int64', shape: ['batch', 'sequence'] },
      { name: 'attention_mask', type: 'int64', shape: ['batch', 'sequence'] },
      { name: 'cache', type: 'float32', shape: [2, 'batch', 'sequence'] },
    ];
    expect(planInputs(text, 3).map((i) => i.dims)).toEqual([
      [3, 128],
      [3, 128],
      [2, 3, 128],
    ]);
    expect(planInputs(text, 3, { dims: { sequence: [256] } }).map((i) => i.dims)).toEqual([
      [3, 256],
      [3, 256],
      [2, 3, 256],
    ]);
    // Names the model does not have are ignored, so one --dims serves several models.
    expect(planInputs(text, 1, { dims: { x: [1, 3, 320, 320] } })[0]!.dims).toEqual([1, 128]);
  });

  it('refuses a whole shape of the wrong rank, against a fixed size, or with another batch than asked', () => {
    const image: TensorSpec[] = [{ name: 'x', type: 'float32', shape: ['N', 3, 'H', 'W'] }];
    expect(() => planInputs(image, 1, { dims: { x: [1, 3, 64] } })).toThrow(
      /--dims x=1x3x64: input x has 4 dimensions \(\?x3x\?x\?\), not 3/,
    );
    expect(() => planInputs(image, 1, { dims: { x: [1, 4, 64, 64] } })).toThrow(/axis 1 of input x is fixed at 3/);
    expect(() => planInputs(image, 1, { dims: { x: [2, 3, 64, 64] } })).toThrow(
      /gives a batch of 2, but batch 1 is asked: use --batch 2 or --dims x=1x3x64x64/,
    );
    expect(() => planInputs(image, 1, { dims: { H: [64, 64] } })).toThrow(InputShapeError);
  });

  it('parses --dims entries and refuses malformed ones', () => {
    expect(parseDims('x=1x3x640x640, sequence=256')).toEqual({ x: [1, 3, 640, 640], sequence: [256] });
    expect(parseDims('p2o.DynamicDimension.1=320')).toEqual({ 'p2o.DynamicDimension.1': [320] });
    for (const bad of ['x', 'x=', 'x=0', 'x=1x', 'x=1,3', '=5', 'x=1.5']) {
      expect(() => parseDims(bad), bad).toThrow(InputShapeError);
    }
  });
});
