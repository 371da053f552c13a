import { describe, expect, it } from 'vitest';
import {
  ariaShortcut,
  parseStoredView,
  shortcutDigit,
  viewForShortcut,
  viewIds,
  workflowIds,
  type ShortcutKeyEvent,
} from '../../src/app/views';

function key(code: string, mods: Partial<ShortcutKeyEvent> = {}): ShortcutKeyEvent {
  return { code, altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, ...mods };
}

describe('views', () => {
  it('lists the overview and the six workflows in menu order', () => {
    expect(viewIds).toEqual(['home', 'quotes', 'customers', 'orders', 'returns', 'inbox', 'migration']);
    expect(workflowIds).toEqual(['quotes', 'customers', 'orders', 'returns', 'inbox', 'migration']);
  });

  it('restores a stored view and falls back to the overview', () => {
    expect(parseStoredView('orders')).toBe('orders');
    expect(parseStoredView(null)).toBe('home');
    expect(parseStoredView('reports')).toBe('home');
  });

  it('numbers the shortcuts from 1', () => {
    expect(shortcutDigit('home')).toBe(1);
    expect(shortcutDigit('migration')).toBe(7);
    expect(ariaShortcut('quotes')).toBe('Alt+2');
  });
});

describe('viewForShortcut', () => {
  it('maps Alt+1 … Alt+7 to the views', () => {
    expect(viewIds.map((_, i) => viewForShortcut(key(`Digit${i + 1}`)))).toEqual([...viewIds]);
    expect(viewForShortcut(key('Numpad3'))).toBe('customers');
  });

  it('ignores digits without a view and other keys', () => {
    expect(viewForShortcut(key('Digit8'))).toBeNull();
    expect(viewForShortcut(key('Digit0'))).toBeNull();
    expect(viewForShortcut(key('KeyA'))).toBeNull();
  });

  it('needs Alt and nothing else, so AltGr characters still type', () => {
    expect(viewForShortcut(key('Digit2', { altKey: false }))).toBeNull();
    expect(viewForShortcut(key('Digit2', { ctrlKey: true }))).toBeNull();
    expect(viewForShortcut(key('Digit2', { metaKey: true }))).toBeNull();
    expect(viewForShortcut(key('Digit2', { shiftKey: true }))).toBeNull();
  });
});
