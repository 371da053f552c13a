// Keyboard actions on a queue row; the same keys are named in quotes.keyboardHint and quotes.claimHint.

/** What a key pressed on a row asks for: open it (Enter), take it (T or Ctrl+Enter), or nothing. */
export function rowKeyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): 'open' | 'claim' | null {
  if (event.key === 'Enter') return event.ctrlKey || event.metaKey ? 'claim' : event.altKey || event.shiftKey ? null : 'open';
  if ((event.key === 't' || event.key === 'T') && !event.ctrlKey && !event.metaKey && !event.altKey) return 'claim';
  return null;
}
