import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/main/core/engine';
import { startWebServer, type WebServer } from '../../../src/main/web/server';
import { HardwareProfileSchema } from '../../../src/shared/schemas/hardware';
import { TelemetrySampleSchema } from '../../../src/shared/schemas/telemetry';
import { rawRequest, readSseEvents } from '../../helpers/http';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let engine: Engine;
let web: WebServer;

beforeEach(async () => {
  const dir = tempDir();
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Tunebench</title>');
  engine = createEngine({ dataDir: join(dir, 'data'), shell: 'web' });
  web = await startWebServer({ engine, rendererDir: renderer, port: 0 });
});

afterEach(async () => {
  await web.close();
  await engine.close();
});

describe('tunebench serve', () => {
  it('binds loopback only and prints a URL carrying the token', () => {
    const address = web.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    expect(web.token.length).toBeGreaterThanOrEqual(32);
  });

  it('rejects requests without the token or with a wrong one (401)', async () => {
    expect((await rawRequest(web.port, '/')).status).toBe(401);
    expect((await rawRequest(web.port, '/?token=wrong')).status).toBe(401);
    const api = await rawRequest(web.port, '/api/hardware.profile', { method: 'POST', body: '{}' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body).error.code).toBe('unauthorized');
  });

  it('rejects a foreign Host header (DNS rebinding) and a foreign Origin, even with the token (403)', async () => {
    const host = await rawRequest(web.port, `/?token=${web.token}`, { headers: { Host: `evil.example:${web.port}` } });
    expect(host.status).toBe(403);
    const origin = await rawRequest(web.port, '/api/app.info', {
      method: 'POST',
      body: '{}',
      headers: { Authorization: `Bearer ${web.token}`, Origin: 'https://evil.example' },
    });
    expect(origin.status).toBe(403);
  });

  it('serves the page for the token URL with the CSP and moves the token into an HttpOnly cookie', async () => {
    const page = await rawRequest(web.port, `/?token=${web.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Tunebench</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain(`tunebench_token=${web.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const withCookie = await rawRequest(web.port, '/', { headers: { Cookie: `tunebench_token=${web.token}` } });
    expect(withCookie.status).toBe(200);
  });

  it('answers API calls with schema-valid data from the real engine', async () => {
    const response = await rawRequest(web.port, '/api/hardware.profile', {
      method: 'POST',
      body: JSON.stringify({ refresh: false }),
      headers: { Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(200);
    const profile = HardwareProfileSchema.parse(JSON.parse(response.body).value);
    expect(profile.cpu.threads).toBeGreaterThan(0);
    const snapshots = await rawRequest(web.port, '/api/hardware.snapshots', {
      method: 'POST',
      body: '{}',
      headers: { Authorization: `Bearer ${web.token}` },
    });
    expect(JSON.parse(snapshots.body).value[0].fingerprint).toBe(profile.fingerprint);
  });

  it('validates payloads: bad JSON, bad fields and unknown methods get 400/404 with a message', async () => {
    const auth = { Authorization: `Bearer ${web.token}` };
    const badJson = await rawRequest(web.port, '/api/telemetry.start', { method: 'POST', body: '{hz:', headers: auth });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.message).toMatch(/invalid JSON/);
    const badField = await rawRequest(web.port, '/api/telemetry.start', {
      method: 'POST',
      body: '{"hz":"fast"}',
      headers: auth,
    });
    expect(badField.status).toBe(400);
    expect(JSON.parse(badField.body).error.message).toContain('hz');
    const unknown = await rawRequest(web.port, '/api/system.reboot', { method: 'POST', body: '{}', headers: auth });
    expect(unknown.status).toBe(404);
    const getApi = await rawRequest(web.port, '/api/app.info', { headers: auth });
    expect(getApi.status).toBe(405);
    const escaping = await rawRequest(web.port, '/api/project.saveCommands', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        root: '/tmp',
        commands: [{ id: 'x', kind: 'build', command: 'true', cwd: '../etc', source: 'user', evidence: null }],
      }),
    });
    expect(escaping.status).toBe(400);
    expect(JSON.parse(escaping.body).error.message).toMatch(/cwd: must be a folder inside the project/);
    const huge = await rawRequest(web.port, '/api/app.info', {
      method: 'POST',
      headers: auth,
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });

  it('streams telemetry samples over server-sent events once telemetry is started', async () => {
    const events = readSseEvents(web.port, web.token, 'telemetry.sample', 3);
    const start = await rawRequest(web.port, '/api/telemetry.start', {
      method: 'POST',
      body: JSON.stringify({ hz: 10 }),
      headers: { Authorization: `Bearer ${web.token}` },
    });
    expect(JSON.parse(start.body).value.running).toBe(true);
    const samples = (await events).map((sample) => TelemetrySampleSchema.parse(sample));
    expect(samples).toHaveLength(3);
    expect(samples[2]!.t).toBeGreaterThan(samples[0]!.t);
  });
});
