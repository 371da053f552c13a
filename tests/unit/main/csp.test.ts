import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostContentSecurityPolicy } from '../../../electron/host/staticFiles';

const html = readFileSync(new URL('../../../src/index.html', import.meta.url), 'utf8');

/** Directive name → its source list. */
function parseCsp(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

function metaCsp(): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!match?.[1]) throw new Error('src/index.html has no CSP meta tag');
  return match[1];
}

describe("the renderer's Content Security Policy", () => {
  it.each([
    ['meta tag in src/index.html', metaCsp()],
    ['browser host header', hostContentSecurityPolicy],
  ])('%s: denies by default and allows scripts only from the app itself', (_where, policy) => {
    const csp = parseCsp(policy);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:/);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('the header says no less than the meta tag', () => {
    const meta = parseCsp(metaCsp());
    const header = parseCsp(hostContentSecurityPolicy);
    for (const [directive, sources] of meta) expect(header.get(directive)).toEqual(sources);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('has no inline script in the HTML: every script tag loads a file', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
