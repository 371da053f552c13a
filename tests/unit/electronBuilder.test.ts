import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const config = parse(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as unknown;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { main: string; productName: string };

const builderSchema = z.looseObject({
  appId: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/),
  productName: z.string().min(1),
  directories: z.looseObject({ output: z.string().min(1), buildResources: z.string().min(1) }),
  files: z.array(z.string()).min(1),
  linux: z.looseObject({ target: z.array(z.string()).min(1) }),
  win: z.looseObject({ target: z.array(z.string()).min(1) }),
  mac: z.looseObject({ target: z.array(z.string()).min(1) }),
  publish: z.looseObject({ provider: z.literal('generic'), url: z.url({ protocol: /^https$/ }) }),
});

describe('electron-builder.yml', () => {
  it('has appId, productName, output folders, files, three platform targets and a generic https update feed', () => {
    const parsed = builderSchema.safeParse(config);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('ships the built app and names the same product as package.json', () => {
    const parsed = builderSchema.parse(config);
    expect(parsed.productName).toBe(pkg.productName);
    expect(parsed.files).toContain('out/**/*');
    expect(pkg.main.startsWith('out/main/')).toBe(true);
    expect(parsed.directories.output).not.toBe('out');
  });
});
