// Norwegian first and last names (common ones, Statistics Norway's top lists) and the words
// company names are built from. Word lists only.

/** Common Norwegian first names, women's and men's mixed. */
export const firstNames: readonly string[] = [
  'Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Bjørg', 'Hilde', 'Anna',
  'Solveig', 'Marianne', 'Randi', 'Ida', 'Nina', 'Maria', 'Elisabeth', 'Kristin', 'Tone', 'Silje', 'Camilla',
  'Ingeborg', 'Hanne', 'Heidi', 'Wenche', 'Nora', 'Emma', 'Sofie', 'Thea', 'Maja', 'Ragnhild', 'Sigrid',
  'Jan', 'Per', 'Bjørn', 'Ole', 'Lars', 'Kjell', 'Knut', 'Arne', 'Svein', 'Thomas', 'Hans', 'Geir', 'Tor',
  'Morten', 'Terje', 'Odd', 'Erik', 'Martin', 'Andreas', 'John', 'Anders', 'Rune', 'Trond', 'Tore', 'Jon',
  'Espen', 'Magnus', 'Henrik', 'Kristian', 'Even', 'Sindre', 'Eirik', 'Håkon', 'Øyvind', 'Stian', 'Sander',
  'Jonas', 'Mathias', 'Fredrik', 'Sigurd', 'Vegard', 'Åsmund', 'Ørjan', 'Kåre', 'Leif', 'Gunnar', 'Halvor',
];

/** Common Norwegian surnames. */
export const lastNames: readonly string[] = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen',
  'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen',
  'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Jakobsen', 'Moen',
  'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen',
  'Bakken', 'Kristoffersen', 'Mathisen', 'Lie', 'Amundsen', 'Nguyen', 'Rasmussen', 'Ali', 'Lunde',
  'Solheim', 'Berntsen', 'Moe', 'Kleven', 'Bakke', 'Nygård', 'Holm', 'Lien', 'Fredriksen', 'Sandvik',
  'Aas', 'Myhre', 'Ødegård', 'Sæther', 'Tveit', 'Brekke', 'Rønning', 'Vik', 'Aasen', 'Hovland', 'Nordmann',
  'Fjeld', 'Grønlund', 'Hauge', 'Birkeland', 'Løvås', 'Åsheim', 'Engen', 'Midtbø', 'Stølen', 'Kvalheim',
];

/** First halves of invented company names. */
export const companyPrefixes: readonly string[] = [
  'Nordlys', 'Fjord', 'Vest', 'Nord', 'Midt', 'Polar', 'Kyst', 'Fjell', 'Vik', 'Berg', 'Elv', 'Tind',
  'Lys', 'Solstrand', 'Havn', 'Stjerne', 'Aurora', 'Nordic', 'Viking', 'Bølge', 'Skog', 'Fossen', 'Lyngen',
  'Norrøn', 'Skarven', 'Måke', 'Fyrlykt', 'Kraft', 'Strøm', 'Volt', 'Gnist', 'Lysverket', 'Sør', 'Øst',
  'Breen', 'Holmen', 'Sentrum', 'Torget', 'Brygge', 'Fyr', 'Lynet', 'Ekko', 'Linje', 'Kvarts', 'Frost',
];

/** Trades of the shop's customers, by kind; the kind decides how much they buy. */
export const companyTrades = {
  installer: ['Elektro', 'Elektroservice', 'Installasjon', 'El-installasjon', 'Elektroteknikk', 'Elektrotjenester', 'Automasjon', 'El & Energi', 'Elektrikeren'],
  lighting: ['Belysning', 'Lysdesign', 'Lys & Design', 'Lysteknikk', 'Lysplanlegging'],
  architect: ['Arkitekter', 'Arkitektkontor', 'Interiørarkitekter', 'Arkitektur'],
  facility: ['Eiendom', 'Eiendomsdrift', 'Byggservice', 'Drift & Vedlikehold', 'Næringseiendom', 'Bygg'],
} as const;

/** A customer kind: installers and electricians buy most, architects ask for quotes. */
export type CompanyKind = keyof typeof companyTrades;
