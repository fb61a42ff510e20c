import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../../src/shared/contract';
import { dispatch } from '../../../../src/main/core/api-dispatch';

function handlers(overrides: Partial<ApiHandlers>): ApiHandlers {
  const unused = async () => {
    throw new Error('not used in this test');
  };
  return {
    'app.info': unused,
    'hardware.profile': unused,
    'hardware.snapshots': unused,
    'telemetry.start': unused,
    'telemetry.stop': unused,
    'telemetry.recent': unused,
    ...overrides,
  } as ApiHandlers;
}

describe('dispatch', () => {
  it('rejects methods that are not in the API map', async () => {
    const result = await dispatch(handlers({}), 'hardware.deleteEverything', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'unknown method "hardware.deleteEverything"' },
    });
  });

  it('validates the payload with the method schema and names the bad field', async () => {
    const result = await dispatch(handlers({}), 'telemetry.start', { hz: 50 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_input');
      expect(result.error.message).toContain('hz');
      expect(result.error.message).toContain('at most 10 Hz');
    }
  });

  it('passes the parsed input, defaults applied, to the handler', async () => {
    let received: unknown;
    const result = await dispatch(
      handlers({
        'telemetry.recent': async (input) => {
          received = input;
          return [];
        },
      }),
      'telemetry.recent',
      undefined,
    );
    expect(result).toEqual({ ok: true, value: [] });
    expect(received).toEqual({ limit: 600 });
  });

  it('turns a handler failure into an internal error with the method name', async () => {
    const result = await dispatch(
      handlers({
        'hardware.snapshots': async () => {
          throw new Error('database unavailable');
        },
      }),
      'hardware.snapshots',
      {},
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'hardware.snapshots: database unavailable' },
    });
  });
});
