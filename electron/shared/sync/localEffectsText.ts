import type { QuoteAction } from '../domain/permissions';
import type { AnswerLineProblem } from '../domain/quoteAnswer';
import type { AssigneeProblem, QuoteStatus } from '../domain/quotes';

// What staff read when an action is refused. The client's local effects and the server's
// mutation handlers (server/sync/mutations/) both take their words from here, so an action
// refused on this machine at once and one refused when pushed read the same in the Needs
// attention list and the snackbar.

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

/** Each quote action's verb phrase in "du har ikke tilgang til å … tilbud T-1". */
export const QUOTE_VERBS_NB: Readonly<Record<QuoteAction, string>> = {
  'quote.claim': 'ta',
  'quote.release': 'frigi',
  'quote.comment': 'kommentere',
  'quote.answer': 'besvare',
  'quote.decline': 'avslå',
  'quote.reassign': 'flytte',
  'quote.markRead': 'merke kundens kommentarer som lest på',
};

/** The actions that need the quote to be held by the one acting (or an admin). */
type HolderAction = 'quote.release' | 'quote.answer' | 'quote.decline';

const LINE_PROBLEM_NB: Readonly<Record<AnswerLineProblem, string>> = {
  BOTH_DISCOUNT_AND_PRICE: 'har både ekstra rabatt og fast pris. Velg det ene av dem',
  DISCOUNT_OVER_100: 'har mer enn 100 % rabatt til sammen (kundenivå og ekstra rabatt). Sett ned den ekstra rabatten',
};

/** Refusal messages of the quote mutations, in Norwegian (bokmål). */
export const quoteRefusalText = {
  notFound: (quoteId: string): string => `Fant ikke tilbudet (${quoteId}). Det kan være slettet; oppdater listen og prøv igjen.`,
  forbidden: (action: QuoteAction, quoteNumber: string): string =>
    `Du har ikke tilgang til å ${QUOTE_VERBS_NB[action]} tilbud ${quoteNumber}: det hører til en annen avdeling ` +
    'eller rollen din kan ikke gjøre dette. Be en konsulent i avdelingen eller en administrator om hjelp.',
  claimedByOther: (quoteNumber: string, holder: string): string =>
    `Tilbud ${quoteNumber} er allerede tatt av ${holder}. Ta kontakt med ${holder}, ` + 'eller be en administrator om å flytte det til deg.',
  notClaimable: (quoteNumber: string, status: QuoteStatus): string =>
    `Tilbud ${quoteNumber} er ${QUOTE_STATUS_NB[status]} og kan ikke tas. ` + 'Bare forespurte tilbud og tilbud sendt tilbake for revisjon kan tas.',
  notClaimedByYou: (quoteNumber: string, action: HolderAction = 'quote.release'): string =>
    `Tilbud ${quoteNumber} er ikke tatt av deg, så du kan ikke ${QUOTE_VERBS_NB[action]} det. Oppdater listen for å se hvem som har det.`,
  heldByOther: (quoteNumber: string, holder: string, action: HolderAction = 'quote.release'): string =>
    `Tilbud ${quoteNumber} er tatt av ${holder}, ikke av deg. Bare ${holder} eller en administrator kan ${QUOTE_VERBS_NB[action]} det.`,
  commentIdTaken: (quoteNumber: string, commentId: string): string =>
    `Kommentaren kunne ikke lagres på tilbud ${quoteNumber} fordi id-en (${commentId}) alt er brukt ` + 'av en annen kommentar. Skriv kommentaren på nytt.',
  /** `quote.answer` on a quote that is not in progress (an answered one: with another answer). */
  answerNotOpen: (quoteNumber: string, status: QuoteStatus): string => {
    if (status === 'requested' || status === 'revision_requested') {
      return `Tilbud ${quoteNumber} er ${QUOTE_STATUS_NB[status]} og må tas før det kan besvares. Ta tilbudet, og send svaret på nytt.`;
    }
    if (status === 'answered') {
      return `Tilbud ${quoteNumber} er allerede besvart med et annet svar. Et nytt svar kan gis når kunden ber om revisjon.`;
    }
    return `Tilbud ${quoteNumber} er ${QUOTE_STATUS_NB[status]} og kan ikke besvares. Oppdater listen for å se tilbudet slik det er nå.`;
  },
  linesChanged: (quoteNumber: string): string =>
    `Svaret passer ikke til linjene i tilbud ${quoteNumber} (en linje mangler, er ukjent eller står to ganger). ` +
    'Åpne tilbudet på nytt og send svaret igjen.',
  answerInvalid: (quoteNumber: string, position: number, problem: AnswerLineProblem): string =>
    `Linje ${position} i svaret på tilbud ${quoteNumber} ${LINE_PROBLEM_NB[problem]}, og send svaret på nytt.`,
  /** `quote.decline` on a quote that is accepted, expired, or declined with another reason. */
  declineNotOpen: (quoteNumber: string, status: QuoteStatus): string =>
    status === 'declined'
      ? `Tilbud ${quoteNumber} er allerede avslått med en annen begrunnelse.`
      : `Tilbud ${quoteNumber} er ${QUOTE_STATUS_NB[status]} og kan ikke avslås. Bare tilbud som ikke er akseptert, avslått eller utløpt kan avslås.`,
  reassignNotOpen: (quoteNumber: string, status: QuoteStatus): string =>
    `Tilbud ${quoteNumber} er ${QUOTE_STATUS_NB[status]} og kan ikke flyttes. ` +
    'Bare forespurte tilbud, tilbud under arbeid og tilbud sendt tilbake for revisjon kan flyttes.',
  assigneeNotEligible: (quoteNumber: string, assignee: string, problem: AssigneeProblem): string => {
    const why: Record<AssigneeProblem, string> = {
      unknown: `fant ingen ansatt med id ${assignee}`,
      inactive: `${assignee} er ikke lenger aktiv`,
      role: `${assignee} er verken konsulent eller administrator`,
      branch: `${assignee} hører til en annen avdeling enn tilbudet`,
    };
    return `Tilbud ${quoteNumber} kan ikke flyttes: ${why[problem]}. Velg en konsulent i tilbudets avdeling.`;
  },
  unknownStaff: (staffId: string): string => `ukjent ansatt (${staffId})`,
};
