import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Checks what `npm run build` produced (npm test builds before this stage).
function read(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" first`);
  return readFileSync(path, 'utf8');
}

function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? '');
}

describe('the electron-vite build', () => {
  it('emits main as CommonJS', () => {
    const main = read('out/main/index.cjs');
    expect(main).not.toMatch(/^\s*(import|export)\s/m);
    expect(requiredModules(main)).toContain('electron');
  });

  it('emits a sandbox-safe preload: CommonJS that requires nothing but electron', () => {
    const preload = read('out/preload/index.cjs');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(new Set(requiredModules(preload))).toEqual(new Set(['electron']));
    expect(preload).toContain("exposeInMainWorld(\"lysdesk\"");
  });

  it('emits the renderer with its CSP, relative asset paths and no inline script', () => {
    const html = read('out/renderer/index.html');
    expect(html).toContain('Content-Security-Policy');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\.\/assets\//);
      expect(body?.trim()).toBe('');
    }
  });
});
