import type { TFunction } from 'i18next';
import { isMigrationState, type MigrationEvent } from './migrationModel';

// Words for what travels as plain strings (history rows, grid cells): known names translated,
// an unknown one (from a newer server) shown as it came rather than hidden.

const knownEvents = [
  'switch_on',
  'switch_off',
  'invitation_resent',
  'activation_resent',
  'deferred',
  'interest_registered',
  'old_shop_reactivated',
  'form_submitted',
  'activated',
] as const;

type KnownEvent = (typeof knownEvents)[number];

function isKnownEvent(value: string): value is KnownEvent {
  return (knownEvents as readonly string[]).includes(value);
}

/** Who did it: the staff member's name, or "Kunden" / "Systemet". */
export function actorText(event: Pick<MigrationEvent, 'actorKind' | 'actorName'>, t: TFunction): string {
  if (event.actorKind === 'customer') return t('migration.history.customer');
  if (event.actorKind === 'system') return t('migration.history.system');
  return event.actorName ?? t('migration.history.unknownStaff');
}

/** A state name in the UI language; an unknown one (a newer server) as it came. */
export function stateText(state: string, t: TFunction): string {
  return isMigrationState(state) ? t(`migration.states.${state}`) : state;
}

/** An event's action in words; an unknown one as it came. */
export function eventText(action: string, t: TFunction): string {
  return isKnownEvent(action) ? t(`migration.events.${action}`) : action;
}
