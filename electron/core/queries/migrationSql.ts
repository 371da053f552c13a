import { instantOf } from './quoteSql';

// SQL pieces of the migration screens. A customer is "in its state since" the last migration
// event that moved it into that state (from_state ≠ to_state): a resent invitation or
// activation e-mail keeps the state and does not restart the clock. Both conditions are written
// as migration 0005's partial indexes are, so each lookup is one seek of
// migration_events_entered_idx.

/** When customer `c` entered its current state, in seconds (instantOf); NULL without such an event. */
export const ENTERED_STATE = `(SELECT max(${instantOf('e.at')}) FROM migration_events e
  WHERE e.customer_id = c.id AND e.to_state = c.migration_state AND e.from_state <> e.to_state)`;

/** An instant in seconds (instantOf) as the wire's ISO UTC. */
export function isoFromSeconds(value: number): string {
  return new Date(Math.round(value * 1000)).toISOString();
}
