/**
 * Norwegian bokmål texts: the source of truth for the key set. `en.ts` must match it key for
 * key, which `Messages` enforces at compile time.
 */
export const nb = {
  app: {
    name: 'Lysdesk',
    tagline: 'Backoffice for belysning og elektro',
  },
  shell: {
    navLabel: 'Hovedmeny',
    workflows: 'Arbeidsflyter',
    shortcut: 'Hurtigtast: {{keys}}',
    shortcutKeys: 'Alt+{{digit}}',
    languageLabel: 'Språk',
    colorModeToDark: 'Bytt til mørkt tema',
    colorModeToLight: 'Bytt til lyst tema',
  },
  language: {
    nb: 'Norsk bokmål',
    nbShort: 'NB',
    en: 'English',
    enShort: 'EN',
  },
  nav: {
    home: 'Oversikt',
    quotes: 'Tilbud',
    customers: 'Kunder',
    orders: 'Ordrer',
    returns: 'Retur',
    inbox: 'Innboks',
    migration: 'Flytting',
  },
  status: {
    barLabel: 'Statuslinje',
    version: '{{name}} {{version}}',
    coreLoading: 'Kjerne: kobler til …',
    coreStarting: 'Kjerne: starter',
    coreReady: 'Kjerne: klar',
    coreError: 'Kjerne: ingen forbindelse',
    serverUnknown: 'Server: ukjent',
    serverNotChecked: 'Server: ikke sjekket ennå',
    serverConnected: 'Server: tilkoblet',
    serverConnectedDb: 'Server: tilkoblet ({{db}})',
    serverUnreachable: 'Server: utilgjengelig',
    serverAddress: 'Adresse: {{url}}',
    serverCheckedAt: 'Sist sjekket: {{time}}',
    serverVersion: 'Serverversjon: {{version}}',
    runtimeElectron: 'Skrivebordsapp',
    runtimeBrowser: 'Nettleser (testvert)',
    errors: {
      noBridge: 'Finner ikke appkjernen. Åpne adressen Lysdesk skrev ut ved oppstart.',
      disconnected: 'Forbindelsen til appkjernen ble brutt. Prøver igjen automatisk …',
      failed: 'Får ikke kontakt med appkjernen og prøver ikke lenger. Startet Lysdesk på nytt? Åpne adressen den skrev ut.',
      generic: 'Kunne ikke hente status fra appkjernen ({{code}}). Prøver igjen automatisk …',
    },
  },
  pages: {
    comingLabel: 'Kommer her',
    inProgress: 'Under utvikling',
    open: 'Åpne',
    home: {
      title: 'Oversikt',
      summary: 'Det som trenger oppmerksomhet nå.',
      lead: 'Velkommen til Lysdesk. Velg en arbeidsflyt i menyen til venstre, eller hopp direkte med Alt+1 til Alt+7.',
      planned1: 'Det som trenger oppmerksomhet nå: tilbud nær 24-timersfristen, avviste endringer og feil',
      planned2: 'Synkroniseringsstatus og endringer som venter på å bli sendt til serveren',
      planned3: 'Hurtigsøk (Ctrl+K) etter kunde, ordre eller tilbud på nummer',
    },
    quotes: {
      title: 'Tilbud',
      summary: 'Tilbudsforespørsler fra prosjektlister, besvart innen 24 timer.',
      lead: 'Her kommer tilbudskøen: forespørslene kundene sender fra prosjektlistene sine med «Be om tilbud». Løftet til kunden er svar innen 24 timer.',
      planned1: 'Tilbudskø med nedtelling mot 24-timersfristen, gul når fristen nærmer seg og rød når den er passert',
      planned2: 'Tilbudsredigering med priser etter kundens lojalitetsnivå: sølv, gull eller platina',
      planned3: 'Kommentartråd per tilbud, med revidert tilbud som svar',
    },
    customers: {
      title: 'Kunder',
      summary: 'Bedriftskunder, adresser, bedriftsbrukere og lojalitetsnivå.',
      lead: 'Her kommer kunderegisteret: bedriftskunder med kundenummer, organisasjonsnummer, adresser og bedriftsbrukere.',
      planned1: 'Kundeliste med søk på kundenummer, organisasjonsnummer og navn',
      planned2: 'Endring av lojalitetsnivå (sølv, gull, platina), gjort manuelt av kundens belysningskonsulent',
      planned3: 'Sletting av kundedata på kundens forespørsel',
    },
    orders: {
      title: 'Ordrer',
      summary: 'Ordrelinjer, leveranser, sporing og kanselleringer.',
      lead: 'Her kommer ordreoversikten: ordrer med linjestatus fra åpen til levert, leveranser med sporing og én faktura per leveranse.',
      planned1: 'Ordreliste med linjestatus: åpen, under klargjøring, sendt, levert eller kansellert',
      planned2: 'Kansellering av linjer som verken er sendt eller under klargjøring',
      planned3: 'Leveranser med sporing, og fakturaene som hører til hver leveranse',
    },
    returns: {
      title: 'Retur',
      summary: 'Returer innen 50 dager og reklamasjoner innen 12 måneder.',
      lead: 'Her kommer returer og reklamasjoner: 50 dagers returrett fra mottak av komplett leveranse, og 12 måneders garanti på alle produkter.',
      planned1: 'Returkø med frist regnet fra mottak av komplett leveranse',
      planned2: 'Reklamasjoner på defekte varer innenfor garantien på 12 måneder',
      planned3: 'Refusjon til opprinnelig betalingsmåte',
    },
    inbox: {
      title: 'Innboks',
      summary: 'Henvendelser fra kontaktskjemaet, også når nettet er nede.',
      lead: 'Her kommer kundeserviceinnboksen: henvendelser fra kontaktskjemaet, som kanselleringer, returer og forespørsler om sletting av data.',
      planned1: 'Innboks med henvendelser sortert etter type og alder',
      planned2: 'Saksbehandling som fortsetter å virke når nettet er nede',
      planned3: 'Videre til riktig arbeidsflyt: ordre, retur eller kunde',
    },
    migration: {
      title: 'Flytting',
      summary: 'Flytting av kunder til den nye nettbutikken.',
      lead: 'Her kommer flyttingen til ny nettbutikk: flytteknappen per kundenummer, aktiveringse-poster og reaktivering i gammel nettbutikk.',
      planned1: 'Flytteknapp per kundenummer, med oversikt over hvem som er invitert og hvem som har flyttet',
      planned2: 'Utsettelse på 2–4 uker, og ny utsending av aktiveringse-post',
      planned3: 'Reaktivering av brukere i gammel nettbutikk etter avtale',
    },
  },
} as const;

type DeepStrings<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** The shape every locale must have: nb's keys, each leaf any string. */
export type Messages = DeepStrings<typeof nb>;
