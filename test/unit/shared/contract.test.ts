import { describe, expect, it } from 'vitest';
import { apiMethods, buildApiClient, eventNames, methodNames, type MethodName } from '../../../src/shared/contract';

describe('buildApiClient', () => {
  it('exposes one named function per method of the API map, nested by domain, and forwards the method name', async () => {
    const calls: Array<[MethodName, unknown]> = [];
    const client = buildApiClient(
      async (method, input) => {
        calls.push([method, input]);
        return method;
      },
      () => () => undefined,
    );
    for (const method of methodNames) {
      const [domain, verb] = method.split('.') as [string, string];
      const fn = (client as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)[domain]![
        verb
      ]!;
      expect(typeof fn).toBe('function');
      await expect(fn({ probe: method })).resolves.toBe(method);
    }
    expect(calls.map(([method]) => method)).toEqual(methodNames);
    await client.hardware.profile();
    expect(calls.at(-1)).toEqual(['hardware.profile', {}]);
  });

  it('exposes one subscribe function per event that returns its unsubscribe', () => {
    const active = new Set<string>();
    const client = buildApiClient(
      async () => undefined,
      (event) => {
        active.add(event);
        return () => active.delete(event);
      },
    );
    const unsubscribers = eventNames.map((event) => client.events[event](() => undefined));
    expect([...active].sort()).toEqual([...eventNames].sort());
    for (const unsubscribe of unsubscribers) unsubscribe();
    expect(active.size).toBe(0);
  });

  it('has strict input schemas: unknown keys are refused', () => {
    for (const method of methodNames) {
      expect(apiMethods[method].input.safeParse({ unexpected: 1 }).success).toBe(false);
    }
  });
});
