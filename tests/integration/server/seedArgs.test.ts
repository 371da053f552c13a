import { describe, expect, it } from 'vitest';
import { parseSeedArgs, SeedArgumentError } from '../../../server/seed';

describe('npm run seed arguments', () => {
  it('defaults to the demo: size S, seed 1, no reset', () => {
    expect(parseSeedArgs([])).toEqual({ size: 'S', seed: 1, reset: false, help: false });
  });

  it('reads --size, --seed, --reset and --reference-time, also in --flag=value form', () => {
    expect(parseSeedArgs(['--size', 'M', '--seed', '42', '--reset'])).toEqual({ size: 'M', seed: 42, reset: true, help: false });
    expect(parseSeedArgs(['--size=l', '--seed=0', '--reference-time=2026-01-15T09:00:00Z'])).toEqual({
      size: 'L',
      seed: 0,
      reset: false,
      help: false,
      referenceTime: '2026-01-15T09:00:00Z',
    });
    expect(parseSeedArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--size', 'XL'], 'Unknown size "XL": use one of S, M, L.'],
    [['--size'], '--size needs a value.'],
    [['--size', '--reset'], '--size needs a value.'],
    [['--seed', '-3'], 'The seed must be a whole number from 0 to 4294967295, not "-3".'],
    [['--seed', '1.5'], 'not "1.5"'],
    [['--seed', '4294967296'], 'not "4294967296"'],
    [['--reference-time', 'yesterday'], 'The reference time must be an ISO date-time'],
    [['--reset=yes'], 'Unknown argument "--reset=yes".'],
    [['S'], 'Unknown argument "S".'],
  ])('refuses %j with a message saying what is wrong and the usage', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(SeedArgumentError);
    expect(() => parseSeedArgs(argv)).toThrow(message);
    expect(() => parseSeedArgs(argv)).toThrow('Usage: npm run seed');
  });
});
