import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSettings } from '../../server/seed.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let document: any;

beforeAll(async () => {
  server = await startServer();
  const response = await fetch(`${server.url}/api/docs`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  document = JSON.parse(await response.text());
});
afterAll(async () => {
  await server.destroy();
});

/** Fastify's `:param` in OpenAPI's `{param}` form. */
const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('GET /api/docs', () => {
  it('is an OpenAPI 3.1 document with the session cookie and bearer token security schemes', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['apiToken', 'session']);
    expect(await (await fetch(`${server.url}/api/docs.json`)).json()).toEqual(document);
  });

  it('documents every /api/v1 route the server registers, and no route it does not have', () => {
    const registered = server.app.routeTable
      .filter((route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD')
      .map((route) => `${route.method} ${toOpenApiPath(route.url)}`)
      .sort();
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, item]) => Object.keys(item).filter((key) => key !== 'parameters').map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(registered.length).toBeGreaterThan(15);
    expect(documented).toEqual(registered);
  });

  it('every operation has responses with the error body, and the settings take a session or an API token', () => {
    for (const item of Object.values(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          if (Number(status) >= 400) expect(response.content['application/json'].schema.properties.error.required).toEqual(['code', 'message']);
        }
      }
    }
    expect(document.paths['/api/v1/sites/{siteKey}/settings'].put.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(document.paths['/api/v1/sites/{siteId}/api-tokens'].post.security).toEqual([{ session: [] }]);
  });

  it('its settings schema accepts the demo site\'s settings and refuses a bad allowed origin type', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const schema = document.paths['/api/v1/sites/{siteKey}/settings'].put.requestBody.content['application/json'].schema;
    const validate = ajv.compile(schema);
    const demo = demoSettings('Jana');
    expect(validate(demo), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...demo, allowedOrigins: [42] })).toBe(false);
    expect(validate({ ...demo, surprise: true })).toBe(false);
  });
});
