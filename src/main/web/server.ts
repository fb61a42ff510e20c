import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventNames } from '../../shared/contract';
import { dispatch } from '../core/api-dispatch';
import type { Engine } from '../core/engine';
import { createToken, isAllowedHost, isAllowedOrigin, TOKEN_COOKIE, tokenSource } from './auth';
import { SECURITY_HEADERS } from './security-headers';
import { readStaticFile } from './static-files';

export interface WebServerOptions {
  engine: Engine;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface WebServer {
  server: Server;
  port: number;
  token: string;
  /** The URL to open, with the token; the page moves it into a cookie and drops it from the URL. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const LOOPBACK = '127.0.0.1';

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Drain the rest instead of resetting the connection, so the client gets a 413 it can read.
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

class BodyTooLargeError extends Error {}

const ERROR_STATUS = { bad_input: 400, not_found: 404, internal: 500, unauthorized: 401, forbidden: 403 } as const;

/**
 * `tunebench serve`: the built renderer and the engine's API over HTTP + server-sent events,
 * bound to 127.0.0.1 only. Every request needs the token; the Host header must be loopback.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { engine } = options;
  const token = options.token ?? createToken();
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const unsubscribers = eventNames.map((event) =>
    engine.events.on(event, (payload) => {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const client of sseClients) client.write(frame);
    }),
  );

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!isAllowedHost(request.headers.host, port)) {
      send(response, 403, { error: { code: 'forbidden', message: 'Host header must be 127.0.0.1 or localhost' } });
      return;
    }
    if (!isAllowedOrigin(request.headers.origin, port)) {
      send(response, 403, { error: { code: 'forbidden', message: 'cross-origin requests are not allowed' } });
      return;
    }
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    const source = tokenSource(request, url, token);
    if (!source) {
      send(response, 401, {
        error: { code: 'unauthorized', message: 'missing or wrong token: open the URL that `tunebench serve` printed' },
      });
      return;
    }
    const cookie =
      source === 'query'
        ? { 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
        : ({} as Record<string, string>);

    if (url.pathname.startsWith('/api/')) {
      await handleApi(request, response, url, cookie);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, { error: { code: 'bad_input', message: `${request.method} is not allowed here` } });
      return;
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      send(response, 404, { error: { code: 'not_found', message: `no such file: ${url.pathname}` } }, cookie);
      return;
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Cache-Control': 'no-cache',
      ...cookie,
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  };

  const handleApi = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    cookie: Record<string, string>,
  ): Promise<void> => {
    if (url.pathname === '/api/events' && request.method === 'GET') {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        ...cookie,
      });
      response.write(': connected\n\n');
      sseClients.add(response);
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
      request.on('close', () => {
        clearInterval(heartbeat);
        sseClients.delete(response);
        // The telemetry lease ends with the last browser tab: nothing samples for nobody.
        if (sseClients.size === 0) void engine.handlers['telemetry.stop']({});
      });
      return;
    }
    if (request.method !== 'POST') {
      send(response, 405, { error: { code: 'bad_input', message: 'API methods are called with POST' } }, cookie);
      return;
    }
    let payload: unknown;
    try {
      const body = await readBody(request);
      payload = body.length === 0 ? {} : JSON.parse(body);
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      send(response, tooLarge ? 413 : 400, {
        error: {
          code: 'bad_input',
          message: tooLarge ? (error as Error).message : `invalid JSON body: ${(error as Error).message}`,
        },
      });
      return;
    }
    const result = await dispatch(engine.handlers, url.pathname.slice('/api/'.length), payload);
    if (result.ok) send(response, 200, { value: result.value }, cookie);
    else send(response, ERROR_STATUS[result.error.code], { error: result.error }, cookie);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: { code: 'internal', message: String(error) } });
      else response.end();
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      // The usual port taken (often by another Tunebench): say how to pick another rather than dump EADDRINUSE.
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `port ${options.port} on ${LOOPBACK} is already in use (another Tunebench?): choose another with --port <n>, or --port 0 for any free one`,
          ),
        );
      } else reject(error);
    });
    server.listen(options.port ?? 0, LOOPBACK, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const client of sseClients) client.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
