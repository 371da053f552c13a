import { TIER_NB, type LoyaltyTier } from '../domain/loyalty';
import { MIGRATION_ACTION_NB, MIGRATION_STATE_NB, type MigrationAction, type MigrationState } from '../domain/migration';
import { formatDateNb } from '../domain/calendar';

// What staff read when a tier change or a migration action is refused: the client's local
// effects and the server's handlers (server/sync/mutations/customer*.ts) take their words from
// here, so a refusal reads the same wherever it is decided.

/** Refusal messages of the customer mutations, in Norwegian (bokmål). */
export const customerRefusalText = {
  notFound: (customerId: string): string => `Fant ikke kunden (${customerId}). Den kan være slettet; oppdater listen og prøv igjen.`,
  tierForbidden: (customerNumber: string): string =>
    `Du har ikke tilgang til å endre kundenivået til kunde ${customerNumber}: kunden hører til en annen avdeling ` +
    'eller rollen din kan ikke endre kundenivå. Be kundens konsulent eller en administrator om hjelp.',
  migrationForbidden: (customerNumber: string, action: MigrationAction): string =>
    `Du har ikke tilgang til å ${MIGRATION_ACTION_NB[action]} for kunde ${customerNumber}: kunden hører til en annen avdeling ` +
    'eller rollen din kan ikke gjøre dette. Be den lokale avdelingen om hjelp.',
  tierChangedMeanwhile: (customerNumber: string, from: LoyaltyTier, current: LoyaltyTier): string =>
    `Kundenivået til kunde ${customerNumber} er endret til ${TIER_NB[current]} siden du så det (du endret fra ${TIER_NB[from]}). ` +
    'Se historikken, og gjør endringen på nytt om den fortsatt skal gjøres.',
  migrationWrongState: (customerNumber: string, action: MigrationAction, state: MigrationState): string => {
    const why: Partial<Record<MigrationAction, string>> = {
      resendActivation: ' Aktiverings-e-post sendes først når kunden har sendt flytteskjemaet.',
      resendInvitation: ' Invitasjonen kan bare sendes på nytt mens flytteknappen er på og skjemaet ikke er sendt.',
      switchOff: ' Flytteknappen kan bare slås av før kunden har sendt skjemaet.',
      reactivateOldShop: ' Gammel nettbutikk kan bare gjenåpnes for kunder som er aktivert i den nye.',
    };
    return `Kan ikke ${MIGRATION_ACTION_NB[action]} for kunde ${customerNumber}: kunden er ${MIGRATION_STATE_NB[state]}.${why[action] ?? ''}`;
  },
  deferralInvalid: (customerNumber: string, until: string, min: string, max: string): string =>
    `Flyttingen til kunde ${customerNumber} kan ikke utsettes til ${formatDateNb(until)}: en utsettelse er på 2–4 uker, ` +
    `det vil si til en dato fra ${formatDateNb(min)} til ${formatDateNb(max)}.`,
  deferralPassed: (customerNumber: string, until: string): string =>
    `Flyttingen til kunde ${customerNumber} ble ikke utsatt: datoen ${formatDateNb(until)} var alt nådd da handlingen kom fram til serveren. ` +
    'Utsett på nytt om kunden fortsatt ønsker det.',
  historyIdTaken: (customerNumber: string, entryId: string): string =>
    `Endringen for kunde ${customerNumber} kunne ikke lagres fordi id-en (${entryId}) alt er brukt av en annen endring. Gjør endringen på nytt.`,
};
