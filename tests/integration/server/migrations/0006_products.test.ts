import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends';
import { columnsOf, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

describe.each(BACKENDS)('migration 0006_products (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 6);

  it('stores article number, nb name, category, prices in øre and the bulky flag', async () => {
    const db = database.db();
    expect(await columnsOf(db, 'products')).toEqual(['id', 'article_number', 'name_nb', 'category', 'list_price_ore', 'cost_price_ore', 'bulky', 'active', 'version']);
    await exec(db, `insert into products (id, article_number, name_nb, category, list_price_ore, cost_price_ore, bulky) values ('p1', 'SKN-2001', 'Skinnesystem 3-fase 2 m', 'track', 129900, 61000, true)`);
    await expectSynced(db, 'products', 'p1');
  });

  it('refuses negative prices and duplicate article numbers', async () => {
    const db = database.db();
    await expectRefused(db, `insert into products (id, article_number, name_nb, category, list_price_ore, cost_price_ore) values ('p2', 'X-1', 'X', 'cables', -1, 0)`, /check constraint/);
    await expectRefused(db, `insert into products (id, article_number, name_nb, category, list_price_ore, cost_price_ore) values ('p3', 'SKN-2001', 'X', 'cables', 1, 0)`, /duplicate key/);
  });
});
