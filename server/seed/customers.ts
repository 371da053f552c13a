import { isValidOrgNumber } from '../../electron/shared/domain/orgNumber';
import { DAY, between, iso, phoneNumber, slug, type BranchRef, type SeedContext, type StaffRef, type Tier } from './context';
import { companyPrefixes, companyTrades, firstNames, lastNames, type CompanyKind } from './data/names';
import { commonStreets, type Town } from './data/places';
import { addressLine2, deliveryAddressNames } from './data/texts';
import { makeTierHistory, migrationHistory, type MigrationState } from './history';
import type { CustomerPlans } from './plan';
import { weights, type Random } from './random';

/** A company user, as orders, quotes and messages refer to them. */
export interface UserRef {
  id: string;
  name: string;
  email: string;
  /** Viewers look; admins and purchasers order and ask for quotes. */
  buys: boolean;
}

/** A generated customer and what its orders, quotes and messages need to know. */
export interface CustomerRef {
  id: string;
  number: string;
  orgNumber: string;
  name: string;
  tier: Tier;
  kind: CompanyKind;
  branch: BranchRef;
  consultant: StaffRef;
  createdMs: number;
  town: string;
  users: UserRef[];
  buyers: UserRef[];
  billingAddressId: string;
  deliveryAddressIds: string[];
}

/** Names, org numbers and domains already given out in this seed run. */
export interface CustomerRegistry {
  names: Set<string>;
  orgNumbers: Set<string>;
  domains: Set<string>;
}

const migrationStates = weights<MigrationState>({ not_started: 35, switched_on: 14, form_submitted: 10, activated: 26, deferred: 6, interest_registered: 5, old_shop_reactivated: 4 });
const billingKinds = weights({ same: 50, box: 35, other: 15 });

/** Writes customer `index` with its users, addresses, tier history and migration history. */
export function makeCustomer(ctx: SeedContext, index: number, plans: CustomerPlans, registry: CustomerRegistry): CustomerRef {
  const { r } = ctx;
  const branch = ctx.branches[plans.branch(index)];
  if (branch === undefined) throw new Error('customer without branch');
  const kind = plans.kind(index);
  const tier = plans.tier(index);
  const createdMs = plans.createdMs(index);
  const town = r.chance(0.65) ? (branch.place.towns[0] ?? r.pick(branch.place.towns)) : r.pick(branch.place.towns);
  const name = companyName(r, kind, town.city.replace(/ S$/, ''), registry.names);
  const domain = uniqueDomain(registry.domains, slug(name.replace(/ AS$/, '')), index);
  const consultant = branch.consultants[Math.floor(r.next() * r.next() * branch.consultants.length)] ?? r.pick(branch.consultants);
  const state = r.from(migrationStates);
  const id = ctx.ids.next();
  const customer: CustomerRef = {
    id,
    number: String(100_001 + index),
    orgNumber: orgNumber(r, registry.orgNumbers),
    name,
    tier,
    kind,
    branch,
    consultant,
    createdMs,
    town: town.city,
    users: [],
    buyers: [],
    billingAddressId: '',
    deliveryAddressIds: [],
  };
  const migration = migrationHistory(ctx, customer, state);
  ctx.out.add('customers', {
    id,
    customer_number: customer.number,
    org_number: customer.orgNumber,
    name,
    loyalty_tier: tier,
    consultant_id: consultant.id,
    branch_id: branch.id,
    migration_state: state,
    migration_deferred_until: migration.deferredUntil,
    old_shop_access: state !== 'activated',
    phone: r.chance(0.92) ? phoneNumber(r, branch.place.phonePrefixes) : null,
    email: r.chance(0.9) ? `${r.pick(['post', 'firmapost', 'innkjop', 'ordre'])}@${domain}` : null,
    created_at: iso(createdMs),
  });
  makeUsers(ctx, customer, domain, migration.activatedMs);
  makeAddresses(ctx, customer, town);
  makeTierHistory(ctx, customer);
  return customer;
}

function companyName(r: Random, kind: CompanyKind, townName: string, used: Set<string>): string {
  const trade = (): string => r.pick(companyTrades[kind]);
  const base = (): string => {
    const pattern = r.int(0, 3);
    if (pattern === 0) return `${r.pick(companyPrefixes)} ${trade()}`;
    if (pattern === 1) return `${r.pick(lastNames)} ${trade()}`;
    if (pattern === 2 && kind !== 'architect') return `${townName} ${trade()}`;
    if (kind === 'installer') return `${r.pick(lastNames)} & ${r.pick(lastNames)} Elektro`;
    return `${r.pick(companyPrefixes)} ${trade()}`;
  };
  for (let attempt = 0; attempt < 12; attempt++) {
    // After a few clashes, add the town, as real companies with common names do.
    const name = `${base()}${attempt >= 4 ? ` ${townName}` : ''} AS`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  let n = 2;
  while (used.has(`${base()} ${n} AS`)) n++;
  const name = `${base()} ${n} AS`;
  used.add(name);
  return name;
}

function uniqueDomain(used: Set<string>, base: string, index: number): string {
  const domain = used.has(`${base}.no`) ? `${base}-${index}.no` : `${base}.no`;
  used.add(domain);
  return domain;
}

/** A fresh, valid organisation number: nine digits, MOD11 check digit, starting 8 or 9 like Brreg's. */
function orgNumber(r: Random, used: Set<string>): string {
  for (;;) {
    const body = `${r.pick(['8', '9', '9', '9'])}${r.digits(7)}`;
    const weights = [3, 2, 7, 6, 5, 4, 3, 2];
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(body[i]) * (weights[i] ?? 0);
    const remainder = sum % 11;
    // Remainder 1 has no check digit; such bodies are never issued.
    if (remainder === 1) continue;
    const candidate = `${body}${remainder === 0 ? 0 : 11 - remainder}`;
    if (!isValidOrgNumber(candidate) || used.has(candidate)) continue;
    used.add(candidate);
    return candidate;
  }
}

function makeUsers(ctx: SeedContext, customer: CustomerRef, domain: string, activatedMs: number | null): void {
  const { r } = ctx;
  const max = customer.kind === 'installer' ? 6 : customer.kind === 'facility' ? 4 : 3;
  const oldUsers = 1 + Math.floor(r.next() ** 1.7 * max);
  const newUsers = activatedMs === null ? 0 : r.int(0, 2);
  const locals = new Set<string>();
  for (let u = 0; u < oldUsers + newUsers; u++) {
    const first = r.pick(firstNames);
    const last = r.pick(lastNames);
    let local = `${slug(first)}.${slug(last)}`;
    for (let n = 2; locals.has(local); n++) local = `${slug(first)}.${slug(last)}${n}`;
    locals.add(local);
    const role = u === 0 ? 'admin' : r.chance(0.6) ? 'purchaser' : 'viewer';
    const isNew = u >= oldUsers;
    let activated: string | null = null;
    if (activatedMs !== null && (u === 0 || isNew || r.chance(0.7))) activated = iso(u === 0 ? activatedMs : between(ctx, activatedMs, activatedMs + 20 * DAY));
    const user: UserRef = { id: ctx.ids.next(), name: `${first} ${last}`, email: `${local}@${domain}`, buys: role !== 'viewer' };
    ctx.out.add('company_users', {
      id: user.id,
      customer_id: customer.id,
      branch_id: customer.branch.id,
      email: user.email,
      name: user.name,
      role,
      // Users the customer creates in the new shop never had an old-shop username.
      old_shop_username: isNew ? null : `${slug(first).slice(0, 6)}${slug(last).slice(0, 3)}${customer.number.slice(-3)}`.replaceAll('-', ''),
      new_shop_activated_at: activated,
    });
    customer.users.push(user);
    if (user.buys) customer.buyers.push(user);
  }
}

function streetAddress(r: Random, streets: readonly string[]): string {
  const street = r.chance(0.7) ? r.pick(streets) : r.pick(commonStreets);
  return `${street} ${r.int(1, 160)}${r.chance(0.1) ? r.pick(['A', 'B', 'C']) : ''}`;
}

function makeAddresses(ctx: SeedContext, customer: CustomerRef, town: Town): void {
  const { r } = ctx;
  const place = customer.branch.place;
  const base = { customer_id: customer.id, branch_id: customer.branch.id, country: 'NO' };
  const businessLine = streetAddress(r, place.streets);
  const businessCode = r.pick(town.postalCodes);
  ctx.out.add('addresses', { ...base, id: ctx.ids.next(), kind: 'business', name: customer.name, line1: businessLine, line2: r.chance(0.2) ? r.pick(addressLine2) : null, postal_code: businessCode, city: town.city });
  const billing = r.from(billingKinds);
  customer.billingAddressId = ctx.ids.next();
  ctx.out.add('addresses', {
    ...base,
    id: customer.billingAddressId,
    kind: 'billing',
    name: billing === 'other' ? `${customer.name} v/regnskap` : customer.name,
    line1: billing === 'same' ? businessLine : billing === 'box' ? `Postboks ${r.int(1, 9_800)}` : streetAddress(r, place.streets),
    line2: null,
    postal_code: billing === 'same' ? businessCode : r.pick(town.postalCodes),
    city: town.city,
  });
  const deliveries = 1 + Math.floor(r.next() ** 2 * 3);
  for (let d = 0; d < deliveries; d++) {
    const deliveryTown = d === 0 ? town : r.pick(place.towns);
    const id = ctx.ids.next();
    customer.deliveryAddressIds.push(id);
    ctx.out.add('addresses', {
      ...base,
      id,
      kind: 'delivery',
      name: d === 0 ? r.pick(['Lager', 'Hovedkontor', 'Varemottak']) : r.pick(deliveryAddressNames).replace('{place}', deliveryTown.city),
      line1: d === 0 ? businessLine : streetAddress(r, place.streets),
      line2: r.chance(0.25) ? r.pick(addressLine2) : null,
      postal_code: d === 0 ? businessCode : r.pick(deliveryTown.postalCodes),
      city: deliveryTown.city,
    });
  }
}
