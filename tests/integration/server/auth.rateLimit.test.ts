import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, useTestDatabases } from './backends';
import { auditRows, PASSWORD, seedStaff, STAFF, startAuthInstance, type AuthInstance } from './authFixture';
import { codeOf, login, type Answer } from './httpFixture';

function retryAfter(answer: Answer): number {
  const header = answer.headers['retry-after'];
  expect(typeof header).toBe('string');
  expect(header).toMatch(/^\d+$/);
  return Number(header);
}

describe.each(BACKENDS)('login rate limiting (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: AuthInstance | undefined;

  // Every test starts from an empty failure table: all requests come from loopback.
  async function fresh(): Promise<AuthInstance> {
    instance = await startAuthInstance(await databases.fresh());
    await seedStaff(instance.db);
    return instance;
  }
  afterEach(async () => {
    await instance?.close();
    instance = undefined;
  });

  it('refuses a username after 5 failures in 15 minutes with 429 and Retry-After, even with the right password', async () => {
    const service = await fresh();
    const username = STAFF.consultant.username;
    await login(service, username, 'feil-1');
    service.advance(300);
    for (let attempt = 2; attempt <= 5; attempt += 1) {
      const answer = await login(service, attempt % 2 === 0 ? username.toUpperCase() : username, `feil-${attempt}`);
      expect(codeOf(answer)).toBe('INVALID_CREDENTIALS');
    }
    const limited = await login(service, username, PASSWORD);
    expect(limited.status).toBe(429);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    // The limit lifts when the oldest of the five leaves the window: 900 - 300 s from now.
    const wait = retryAfter(limited);
    expect(wait).toBeGreaterThanOrEqual(598);
    expect(wait).toBeLessThanOrEqual(600);

    // Refused tries while limited do not extend the limit, and other usernames are not affected.
    expect((await login(service, username, 'feil-6')).status).toBe(429);
    expect((await login(service, STAFF.admin.username, PASSWORD)).status).toBe(200);

    // The clock also runs on in real time (argon2 logins take a while on a busy machine), so the
    // check before the limit lifts keeps a margin of 20 s.
    service.advance(wait - 20);
    expect((await login(service, username, PASSWORD)).status).toBe(429);
    service.advance(21);
    expect((await login(service, username, PASSWORD)).status).toBe(200);

    const refused = (await auditRows(service.db, 'auth.login')).filter((row) => row.outcome === 'refused');
    expect(refused.filter((row) => row.detail.reason === 'rate_limited')).toHaveLength(3);
  });

  it('forgets a username’s failures after a successful login', async () => {
    const service = await fresh();
    for (let attempt = 1; attempt <= 4; attempt += 1) await login(service, STAFF.branch.username, 'feil');
    expect((await login(service, STAFF.branch.username, PASSWORD)).status).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt += 1) await login(service, STAFF.branch.username, 'feil');
    expect((await login(service, STAFF.branch.username, PASSWORD)).status).toBe(200);
  });

  it('refuses a client IP after 20 failures in 15 minutes, over any usernames; another IP may still log in', async () => {
    const service = await fresh();
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      expect((await login(service, `gjetning-${attempt}@demo`, 'feil')).status).toBe(401);
    }
    const limited = await login(service, STAFF.admin.username, PASSWORD);
    expect(limited.status).toBe(429);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect(retryAfter(limited)).toBeGreaterThan(890);
    expect(retryAfter(limited)).toBeLessThanOrEqual(900);
    expect((await login(service, STAFF.admin.username, PASSWORD, '127.0.0.2')).status).toBe(200);
  });
});
