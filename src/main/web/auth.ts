import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'tunebench_token';

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(candidate: string | undefined | null, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export type TokenSource = 'header' | 'cookie' | 'query' | null;

/**
 * Where a valid token came from: an Authorization bearer header (API clients), the cookie set
 * on first visit (the browser's own asset and SSE requests), or the `?token=` of the printed URL.
 */
export function tokenSource(request: IncomingMessage, url: URL, token: string): TokenSource {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ') && sameToken(auth.slice(7), token)) return 'header';
  if (sameToken(cookieValue(request.headers.cookie, TOKEN_COOKIE), token)) return 'cookie';
  if (sameToken(url.searchParams.get('token'), token)) return 'query';
  return null;
}

/**
 * DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example.
 * Only loopback names on our port are accepted.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** Cross-site requests carry a foreign Origin; same-origin fetches carry ours or none. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
