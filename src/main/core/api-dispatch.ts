import type { z } from 'zod';
import { apiMethods, isMethodName, type ApiError, type ApiHandlers } from '../../shared/contract';
import { errorMessage } from './util/timebox';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The one place where an untrusted payload meets the engine: the method must exist in the API
 * map, and its input must parse with the method's schema. IPC and HTTP both come through here.
 */
export async function dispatch(handlers: ApiHandlers, method: string, payload: unknown): Promise<DispatchResult> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'not_found', message: `unknown method "${method}"` } };
  }
  const parsed = apiMethods[method].input.safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad_input', message: `${method}: ${describeZodError(parsed.error)}` } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    // Refusals the user must act on (an untrusted folder) are not internal errors.
    const code = (error as Error | undefined)?.name === 'NotTrustedError' ? 'forbidden' : 'internal';
    return { ok: false, error: { code, message: `${method}: ${errorMessage(error)}` } };
  }
}
