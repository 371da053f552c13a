// Norwegian (bokmål) texts for comments, messages and reasons, as customers and staff write
// them. `{order}`, `{org}`, `{name}`, `{staff}`, `{list}` are filled in by the generator.

/** Names customers give their project lists. */
export const projectListNames: readonly string[] = [
  'Kontorbygg {place} – 3. etasje', 'Rehabilitering skole {place}', 'Butikklokale {place}', 'Barnehage {place}',
  'Leilighetsprosjekt {place} trinn 2', 'Lager og verksted', 'Hotellresepsjon {place}', 'Kantine og møterom',
  'Utebelysning parkering', 'Showroom {place}', 'Tannlegekontor {place}', 'Treningssenter {place}',
  'Restaurant {place}', 'Omsorgsboliger {place}', 'Sykehjem {place} fløy B', 'Idrettshall {place}',
  'Fellesarealer borettslag', 'Kjøpesenter {place} – fasade', 'Rådhus {place}', 'Standardsortiment bil',
];

/** Labels of delivery addresses. */
export const deliveryAddressNames: readonly string[] = [
  'Lager', 'Hovedlager', 'Verksted', 'Byggeplass {place}', 'Prosjekt {place} sentrum', 'Avdelingskontor', 'Varemottak',
];

/** Second address lines. */
export const addressLine2: readonly string[] = ['Bygg C', '2. etasje', 'Inngang bakside', 'Port 4', 'Varemottak', 'Hall B', '4. etasje'];

/** A customer's comment asking for a better quote. */
export const revisionComments: readonly string[] = [
  'Kan dere se på prisen på downlightene? Vi har fått et bedre tilbud.',
  'Vi trenger DALI-drivere i stedet for de ikke-dimbare. Kan dere oppdatere tilbudet?',
  'Antallet skinnespot er endret til det dobbelte, kan vi få ny pris?',
  'Kunden vår ønsker sorte armaturer i stedet for hvite. Går det an?',
  'Leveringstiden er for lang. Finnes det et alternativ som er på lager?',
  'Kan dere legge til wire-oppheng for panelene og gi samlet pris?',
  'Prisen på kabelen ligger over det vi betaler i dag. Kan dere gjøre noe med den?',
];

/** A consultant's comment on a quote. */
export const staffComments: readonly string[] = [
  'Vi har lagt inn DALI-drivere på alle armaturene.',
  'Skinnespotene er byttet til en modell vi har på lager; leveringstid 2–3 dager.',
  'Prisen er justert i tråd med rammeavtalen deres.',
  'Jeg ringer deg i morgen for å gå gjennom lysberegningen.',
  'Vi foreslår 3000 K i fellesarealene og 4000 K i kontorene.',
  'Tilbudet gjelder ved bestilling av hele listen.',
];

/** A customer's thanks after an answer. */
export const customerThanks: readonly string[] = ['Takk, dette ser bra ut!', 'Takk for raskt svar.', 'Vi kommer tilbake til dere etter byggemøtet.', 'Supert, vi bestiller i løpet av uken.'];

/** What the consultant writes when sending a quote. */
export const quoteMessages: readonly string[] = [
  'Hei! Her er tilbudet på prosjektlisten «{list}». Ta gjerne kontakt om noe skal endres. Mvh {staff}',
  'Hei, vedlagt tilbud med prosjektpris. Prisene gjelder i 30 dager. Hilsen {staff}',
  'Tilbudet er klart. Vi har foreslått alternative drivere der originalen har lang leveringstid. Mvh {staff}',
];

/** Why a customer declined a quote. */
export const declineReasons: readonly string[] = [
  'Kunden valgte en annen leverandør.', 'Prosjektet er utsatt på ubestemt tid.', 'Prosjektet ble avlyst av byggherre.',
  'For høy totalpris for prosjektet.',
];

/** Why staff declined a request they could not meet. */
export const staffDeclineReasons: readonly string[] = [
  'Produktene er utgått; kunden er kontaktet med alternativer på telefon.', 'Forespørselen var en dublett av et annet tilbud.',
];

/** Why a consultant moved a customer to another tier. */
export const tierUpReasons: readonly string[] = [
  'Økt ordrevolum siste 12 måneder.', 'Avtalt i ny rammeavtale.', 'Kunden ba om høyere rabattrinn; ordrevolumet tilsier det.',
  'Stort prosjekt og jevn bestillingsfrekvens.',
];

/** Why a consultant moved a customer to a lower tier. */
export const tierDownReasons: readonly string[] = ['Redusert aktivitet siste år.', 'Rammeavtalen er utløpt.'];

/** Why a customer postponed the move to the new shop. */
export const deferReasons: readonly string[] = ['Midt i årsoppgjøret, ønsker å vente.', 'Innkjøpsansvarlig er på ferie.', 'Ønsker å flytte etter at prosjektet er levert.'];

/** Why the branch re-opened the old shop for a moved customer. */
export const reactivateReasons: readonly string[] = ['Trenger tilgang til gamle ordrer for revisjon.', 'Avtalt med selger: integrasjon mot innkjøpssystem er ikke klar.', 'Midlertidig til nye brukere er opprettet.'];

/** Reasons given on warranty claims. */
export const warrantyReasons: readonly string[] = [
  'Driveren sluttet å virke etter fire måneder.', 'Flimring i LED-panelet.', 'Downlighten lyser ikke.', 'Sensoren reagerer ikke på bevegelse.',
  'Misfarget lys på halve LED-listen.', 'Dimmeren summer ved lav last.',
];

/** Optional remarks on ordinary returns (none is needed). */
export const returnRemarks: readonly string[] = ['Feilbestilt farge.', 'Bestilte for mange.', 'Prosjektet ble endret.', 'Feil vare levert.'];

/** Why customer service rejected a return or claim. */
export const rejectionReasons: readonly string[] = [
  'Returfristen på 50 dager var utløpt.', 'Varen er montert og kan ikke tas i retur.', 'Skaden skyldes feil montering.',
  'Garantitiden på 12 måneder var utløpt.',
];

/** A contact-form category. */
export type ContactCategory = 'cancellation' | 'return' | 'complaint' | 'order_change' | 'data_deletion' | 'migration' | 'general';

/** Contact-form subjects and bodies by category. */
export const contactTemplates: Readonly<Record<ContactCategory, ReadonlyArray<readonly [string, string]>>> = {
  cancellation: [
    ['Kansellering av ordre {order}', 'Hei, vi ønsker å kansellere linje {line} i ordre {order}. Varene trengs ikke likevel. Mvh {name}'],
    ['Avbestilling {order}', 'Kan dere stoppe hele ordre {order}? Prosjektet er utsatt. Hilsen {name}'],
  ],
  return: [
    ['Retur av varer fra ordre {order}', 'Hei, vi har fått for mange armaturer på ordre {order} og vil returnere noen. Hvordan får vi returetikett? Mvh {name}'],
    ['Returetikett', 'Returportalen gir feilmelding når jeg prøver å lage etikett for ordre {order}. {name}'],
  ],
  complaint: [
    ['Reklamasjon på ordre {order}', 'Flere av driverne i ordre {order} virker ikke. Hva gjør vi? Mvh {name}'],
    ['Skadet levering', 'Pakken fra ordre {order} kom frem med knust emballasje og to panel er skadet. {name}'],
  ],
  order_change: [
    ['Endre leveringsadresse for {order}', 'Kan vi endre leveringsadressen på ordre {order} til byggeplassen? Mvh {name}'],
    ['Leveringsdato {order}', 'Er det mulig å flytte ønsket leveringsdato for ordre {order} en uke frem? {name}'],
  ],
  data_deletion: [
    ['Sletting av kundedata', 'Vi avvikler selskapet (org.nr. {org}) og ber om at alle opplysninger om oss slettes. Mvh {name}'],
  ],
  migration: [
    ['Får ikke opp skjema', 'Når jeg logger inn i dagens nettbutikk får jeg ikke opp skjemaet for å flytte. Kan dere hjelpe? {name}'],
    ['Ingen e-post fra ny nettbutikk', 'Jeg har sendt skjemaet, men har ikke fått e-post fra den nye nettbutikken. Mvh {name}'],
    ['Ønsker å flytte til ny nettbutikk', 'Vi har ikke fått invitasjon, men ønsker å flytte over til den nye løsningen. {name}'],
  ],
  general: [
    ['Spørsmål om lojalitetsrabatt', 'Hvordan kan vi få høyere rabattrinn? Vi handler mye hos dere. Mvh {name}'],
    ['Prisforespørsel', 'Har dere skinnesystem 3-fase i hvit på lager i Tromsø? {name}'],
    ['Faktura på e-post', 'Vi ønsker fakturaene sendt til en annen e-postadresse. Hvordan endrer vi det? {name}'],
    ['Ny kunde', 'Vi er et elektrofirma og ønsker å bli bedriftskunde hos dere. {name}'],
  ],
};
