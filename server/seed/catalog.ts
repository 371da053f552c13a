import { hash, type Algorithm } from '@node-rs/argon2';
import { DAY, iso, second, slug, type BranchRef, type SeedContext, type StaffRef } from './context';
import { firstNames, lastNames } from './data/names';
import { branchPlaces, extraBranchPlaces } from './data/places';
import { productFamilies } from './data/products';
import { weights, type Random } from './random';

/** The password of the four demo logins. */
export const DEMO_PASSWORD = 'demo';

/** The four demo logins, one per role, created by every seed. */
export const DEMO_LOGINS = [
  { username: 'consultant@demo', role: 'consultant', name: 'Ingrid Bakke' },
  { username: 'branch@demo', role: 'branch', name: 'Lars Haugen' },
  { username: 'service@demo', role: 'customer_service', name: 'Sofie Lien' },
  { username: 'admin@demo', role: 'admin', name: 'Anders Berg' },
] as const;

/** A demo login as printed after seeding. */
export interface DemoLogin {
  username: string;
  password: string;
  role: (typeof DEMO_LOGINS)[number]['role'];
  name: string;
  branch: string | null;
}

// `Algorithm.Argon2id`; the package declares a const enum, which verbatimModuleSyntax cannot read.
const ARGON2ID: Algorithm = 2;
// Same cost as server/auth's staff hashes (OWASP's argon2id baseline).
const ARGON2 = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Writes branches and staff; fills `ctx.branches` and `ctx.customerService`. The demo logins get
 * a real argon2id hash of "demo" with a salt from the seeded generator, so the same seed gives the
 * same bytes. Every other staff member gets a well-formed argon2id string whose digest is 32 zero
 * bytes: `verify` parses it and does the full work (no timing difference, no parse error), but no
 * password can ever produce that digest, so these accounts cannot log in until an admin sets a
 * password. That costs nothing per row, unlike hashing hundreds of throwaway passwords.
 */
export async function makeStaff(ctx: SeedContext): Promise<DemoLogin[]> {
  const { r, profile } = ctx;
  const places = profile.branches === 6 ? branchPlaces : [...branchPlaces, ...extraBranchPlaces];
  const totalWeight = places.reduce((sum, place) => sum + place.weight, 0);
  const usernames = new Set<string>(DEMO_LOGINS.map((login) => login.username));
  const demoHash = await hash(DEMO_PASSWORD, { ...ARGON2, salt: r.bytes(16) });
  const logins: DemoLogin[] = [];

  function addStaff(role: DemoLogin['role'], branch: BranchRef | null, demo: boolean, active = true): StaffRef {
    const login = demo ? DEMO_LOGINS.find((candidate) => candidate.role === role) : undefined;
    let name: string;
    let username: string;
    if (login !== undefined) {
      name = login.name;
      username = login.username;
      logins.push({ username, password: DEMO_PASSWORD, role, name, branch: branch?.place.name ?? null });
    } else {
      const first = r.pick(firstNames);
      const last = r.pick(lastNames);
      name = `${first} ${last}`;
      username = uniqueUsername(usernames, `${slug(first)}.${slug(last)}`);
    }
    const id = ctx.ids.next();
    ctx.out.add('staff', {
      id,
      name,
      role,
      branch_id: branch?.id ?? null,
      active,
      username,
      password_hash: demo ? demoHash : unusableHash(r),
      created_at: iso(second(ctx.now - r.float(30, 8 * 365) * DAY)),
    });
    return { id, name };
  }

  for (const [index, place] of places.entries()) {
    const branch: BranchRef = { id: ctx.ids.next(), place, consultants: [], branchStaff: [] };
    ctx.out.add('branches', { id: branch.id, name: place.name, city: place.city });
    ctx.branches.push(branch);
    const customers = (profile.customers * place.weight) / totalWeight;
    const consultants = Math.max(3, Math.round(customers / 120));
    const branchStaff = 2 + Math.floor(customers / 1_500);
    for (let i = 0; i < consultants; i++) branch.consultants.push(addStaff('consultant', branch, index === 0 && i === 0));
    for (let i = 0; i < branchStaff; i++) branch.branchStaff.push(addStaff('branch', branch, index === 0 && i === 0));
    // Someone who left: keeps their history, has no customers, cannot log in.
    if (r.chance(0.5)) addStaff('consultant', branch, false, false);
  }
  for (let i = 0; i < profile.customerService; i++) ctx.customerService.push(addStaff('customer_service', null, i === 0));
  for (let i = 0; i < profile.admins; i++) addStaff('admin', null, i === 0);
  return logins;
}

/** Writes the catalogue; fills `ctx.products` with the active products. */
export function makeProducts(ctx: SeedContext): void {
  const { r } = ctx;
  const names = new Set<string>();
  const articleNumbers = new Set<string>();
  const familyWeights = weights(Object.fromEntries(productFamilies.map((family, index) => [String(index), family.weight])));
  for (let made = 0, attempts = 0; made < ctx.profile.products; attempts++) {
    if (attempts > ctx.profile.products * 100) throw new Error('The product families cannot make that many different products');
    const family = productFamilies[Number(r.from(familyWeights))];
    if (family === undefined) throw new Error('no product family');
    const draft = family.make(r);
    // A catalogue lists each item once; a family that has run out of variants yields to others.
    if (names.has(draft.name)) continue;
    names.add(draft.name);
    made++;
    let articleNumber: string;
    do articleNumber = `${family.prefix}-${r.int(10_000, 99_999)}`;
    while (articleNumbers.has(articleNumber));
    articleNumbers.add(articleNumber);
    const listOre = draft.listKr * 100;
    const active = r.chance(0.97);
    const id = ctx.ids.next();
    ctx.out.add('products', {
      id,
      article_number: articleNumber,
      name_nb: draft.name,
      category: family.category,
      list_price_ore: listOre,
      cost_price_ore: Math.round(listOre * r.float(0.45, 0.72)),
      bulky: draft.bulky,
      active,
    });
    if (active) ctx.products.push({ id, articleNumber, name: draft.name, listOre, bulky: draft.bulky, qty: family.qty });
  }
}

function uniqueUsername(used: Set<string>, base: string): string {
  let candidate = `${base}@lysgrossisten.no`;
  for (let n = 2; used.has(candidate); n++) candidate = `${base}${n}@lysgrossisten.no`;
  used.add(candidate);
  return candidate;
}

function unusableHash(r: Random): string {
  const salt = Buffer.from(r.bytes(16)).toString('base64').replace(/=+$/, '');
  return `$argon2id$v=19$m=19456,t=2,p=1$${salt}$${'A'.repeat(43)}`;
}
