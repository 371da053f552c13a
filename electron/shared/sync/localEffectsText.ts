import type { QuoteStatus } from '../domain/quotes';

// What staff read when an action is refused on this machine at once. Word for word the server's
// rejection messages (server/sync/mutations/), so an action refused here and one refused when
// pushed read the same in the Needs attention list and the snackbar.

/** Quote states as staff read them in messages (nb). */
export const QUOTE_STATUS_NB: Readonly<Record<QuoteStatus, string>> = {
  requested: 'forespurt',
  in_progress: 'under arbeid',
  answered: 'besvart',
  revision_requested: 'sendt tilbake for revisjon',
  accepted: 'akseptert',
  declined: 'avslått',
  expired: 'utløpt',
};

/** The quote actions with a local effect, and their verb in "du har ikke tilgang til å …". */
const QUOTE_VERBS_NB = {
  'quote.claim': 'ta',
  'quote.release': 'frigi',
  'quote.comment': 'kommentere',
} as const;

/** Refusal messages of the quote mutations, in Norwegian (bokmål). */
export const quoteRefusalText = {
  notFound: (quoteId: string): string => `Fant ikke tilbudet (${quoteId}). Det kan være slettet; oppdater listen og prøv igjen.`,
  forbidden: (action: keyof typeof QUOTE_VERBS_NB, quoteNumber: string): string =>
    `Du har ikke tilgang til å ${QUOTE_VERBS_NB[action]} tilbud ${quoteNumber}: det hører til en annen avdeling ` +
    'eller rollen din kan ikke gjøre dette. Be en konsulent i avdelingen eller en administrator om hjelp.',
  claimedByOther: (quoteNumber: string, holder: string): string =>
    `Tilbud ${quoteNumber} er allerede tatt av ${holder}. Ta kontakt med ${holder}, ` + 'eller be en administrator om å flytte det til deg.',
  notClaimable: (quoteNumber: string, status: QuoteStatus): string =>
    `Tilbud ${quoteNumber} er ${QUOTE_STATUS_NB[status]} og kan ikke tas. ` + 'Bare forespurte tilbud og tilbud sendt tilbake for revisjon kan tas.',
  notClaimedByYou: (quoteNumber: string): string =>
    `Tilbud ${quoteNumber} er ikke tatt av deg, så du kan ikke frigi det. Oppdater listen for å se hvem som har det.`,
  heldByOther: (quoteNumber: string, holder: string): string =>
    `Tilbud ${quoteNumber} er tatt av ${holder}, ikke av deg. Bare ${holder} eller en administrator kan frigi det.`,
  commentIdTaken: (quoteNumber: string, commentId: string): string =>
    `Kommentaren kunne ikke lagres på tilbud ${quoteNumber} fordi id-en (${commentId}) alt er brukt ` + 'av en annen kommentar. Skriv kommentaren på nytt.',
  unknownStaff: (staffId: string): string => `ukjent ansatt (${staffId})`,
};
