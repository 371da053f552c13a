import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../electron/shared/protocol/errors';
import { healthResponseSchema } from '../../../electron/shared/protocol/health';
import { findRepoRoot, readPackageVersion } from '../../../server/config';
import { startServer, type RunningServer } from '../../../server/start';
import { BACKENDS, useTestDatabases } from './backends';

describe.each(BACKENDS)('health and not-found (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ port: 0, db: databases.config(), logLevel: 'silent' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers GET /v1/health with exactly the protocol shape', async () => {
    const response = await fetch(`${server.url}/v1/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body: unknown = await response.json();
    expect(healthResponseSchema.parse(body)).toEqual({
      status: 'ok',
      version: readPackageVersion(findRepoRoot()),
      db: kind,
    });
    expect(server.dbKind).toBe(kind);
  });

  it('answers an unknown path with 404 NOT_FOUND in the error shape', async () => {
    const response = await fetch(`${server.url}/v1/no-such-thing?x=1`);
    expect(response.status).toBe(404);
    const body = errorBodySchema.parse(await response.json());
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('GET /v1/no-such-thing');
  });

  it('answers a known path with the wrong method with 404 NOT_FOUND', async () => {
    const response = await fetch(`${server.url}/v1/health`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(errorBodySchema.parse(await response.json()).error.code).toBe('NOT_FOUND');
  });
});
