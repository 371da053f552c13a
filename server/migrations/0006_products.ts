import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/** The catalogue: list and cost price in øre, and the bulky flag behind the surcharge. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table products (
      id text primary key,
      article_number text not null unique,
      name_nb text not null,
      category text not null,
      list_price_ore integer not null check (list_price_ore >= 0),
      cost_price_ore integer not null check (cost_price_ore >= 0),
      bulky boolean not null default false,
      active boolean not null default true,
      version bigint not null default 0
    )`,
    `create index products_category_idx on products (category)`,
  ]);
  await makeSynced(db, 'products');
}
