import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../../electron/core/router';
import type { SyncRow } from '../../../../electron/shared/sync/rows';
import { at, KARI, quoteRow, useOutboxWorld } from './outboxFixture';

// The cache's view of the rows lists a quote's lines, so an answer that leaves a line out is
// refused at once (as the server would), not only after the push.

function line(id: string, position: number): SyncRow<'quote_lines'> {
  return {
    id,
    quote_id: 'qa',
    branch_id: 'oslo',
    position,
    product_id: `p${position}`,
    article_number: `LED-${position}`,
    name: `Downlight ${position}`,
    qty: 4,
    list_price_ore: 49_900,
    tier_discount_bp: 500,
    extra_discount_bp: 0,
    offered_price_ore: null,
  };
}

describe('Outbox.submit of quote.answer on the real cache', () => {
  const worlds = useOutboxWorld();

  function world() {
    const opened = worlds.open();
    opened.pull([
      ['put', 'quotes', quoteRow('qa', { status: 'in_progress', assignee_id: 'kari' })],
      ['put', 'quote_lines', line('l1', 1)],
      ['put', 'quote_lines', line('l2', 2)],
      ['put', 'quote_lines', { ...line('lx', 1), quote_id: 'q-other' }],
    ]);
    return opened;
  }

  it('refuses an answer that leaves one of the quote’s lines out, writing nothing', () => {
    const opened = world();
    let error: unknown;
    try {
      opened.outbox.submit('quote.answer', { quoteId: 'qa', lines: [{ lineId: 'l1', extraDiscountBp: 1000, offeredPriceOre: null }], validityDays: 30, message: '' }, KARI, at(1));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('QUOTE_LINES_CHANGED');
    expect(opened.all('outbox')).toEqual([]);
    expect(opened.quote('qa')).toMatchObject({ status: 'in_progress' });
  });

  it('applies an answer naming exactly the quote’s lines', () => {
    const opened = world();
    const lines = [
      { lineId: 'l1', extraDiscountBp: 1000, offeredPriceOre: null },
      { lineId: 'l2', extraDiscountBp: 0, offeredPriceOre: 39_900 },
    ];
    expect(opened.outbox.submit('quote.answer', { quoteId: 'qa', lines, validityDays: 30, message: 'Takk!' }, KARI, at(2)).seq).toBe(1);
    expect(opened.quote('qa')).toMatchObject({ status: 'answered', message_to_customer: 'Takk!' });
    const stored = opened.cache.sqlite.prepare("SELECT id, extra_discount_bp, offered_price_ore FROM quote_lines WHERE quote_id = 'qa' ORDER BY id").all();
    expect(stored).toEqual([
      { id: 'l1', extra_discount_bp: 1000, offered_price_ore: null },
      { id: 'l2', extra_discount_bp: 0, offered_price_ore: 39_900 },
    ]);
  });
});
