// Branches and the towns around them: real Norwegian postal codes with the postal place they
// belong to, and street names found in (or typical of) that region. Word lists only.

/** A postal place: its name as Posten writes it and some of its 4-digit postal codes. */
export interface Town {
  city: string;
  postalCodes: readonly string[];
}

/** A branch (lokal avdeling) and the region its customers are in. */
export interface BranchPlace {
  name: string;
  city: string;
  /** Relative number of customers. */
  weight: number;
  /** First digits of local landline numbers. */
  phonePrefixes: readonly string[];
  /** The branch's own city comes first and gets most customers. */
  towns: readonly Town[];
  streets: readonly string[];
}

function codes(...ranges: Array<[number, number] | number>): string[] {
  const out: string[] = [];
  for (const range of ranges) {
    const [from, to] = typeof range === 'number' ? [range, range] : range;
    for (let code = from; code <= to; code++) out.push(String(code).padStart(4, '0'));
  }
  return out;
}

/** Streets any Norwegian town has. */
export const commonStreets: readonly string[] = [
  'Storgata', 'Kirkegata', 'Industriveien', 'Strandveien', 'Havnegata', 'Jernbanegata', 'Skolegata',
  'Parkveien', 'Nygata', 'Fjordveien', 'Torggata', 'Sjøgata', 'Kirkeveien', 'Verkstedveien',
  'Næringsveien', 'Fabrikkveien', 'Energiveien', 'Elveveien', 'Bakkeveien', 'Solheimveien',
  'Lagerveien', 'Teknologiveien', 'Smieveien', 'Brugata', 'Dronningens gate', 'Kongens gate',
];

/** The six branches of the demo (size S). */
export const branchPlaces: readonly BranchPlace[] = [
  {
    name: 'Oslo Alnabru',
    city: 'Oslo',
    weight: 30,
    phonePrefixes: ['22', '23', '21'],
    towns: [
      { city: 'Oslo', postalCodes: codes([150, 192], [250, 287], [349, 383], [450, 490], [550, 598], [650, 694], [750, 791], [850, 891], [950, 988], [1051, 1089], [1150, 1189], [1250, 1295]) },
      { city: 'Lillestrøm', postalCodes: codes([2000, 2004], 2007) },
      { city: 'Sandvika', postalCodes: codes([1337, 1338]) },
      { city: 'Asker', postalCodes: codes([1383, 1386]) },
      { city: 'Lysaker', postalCodes: codes([1366, 1367]) },
      { city: 'Ski', postalCodes: codes([1400, 1401]) },
      { city: 'Jessheim', postalCodes: codes([2050, 2053]) },
    ],
    streets: [
      'Alnabruveien', 'Økernveien', 'Strømsveien', 'Ole Deviks vei', 'Trondheimsveien', 'Drammensveien',
      'Sandakerveien', 'Bogstadveien', 'Pilestredet', 'Ullevålsveien', 'Grenseveien', 'Haslevangen',
      'Brobekkveien', 'Professor Birkelands vei', 'Nils Hansens vei', 'Østensjøveien', 'Karl Johans gate',
      'Kjelsåsveien', 'Hegdehaugsveien', 'Gladengveien', 'Stålfjæra', 'Nedre Kalbakkvei', 'Lørenveien',
    ],
  },
  {
    name: 'Bergen Kokstad',
    city: 'Bergen',
    weight: 18,
    phonePrefixes: ['55', '56'],
    towns: [
      { city: 'Bergen', postalCodes: codes([5003, 5021], [5031, 5045], [5052, 5059], [5063, 5068], [5072, 5075], [5081, 5099], [5104, 5124], [5131, 5184]) },
      { city: 'Nesttun', postalCodes: codes([5221, 5227]) },
      { city: 'Kokstad', postalCodes: codes([5257, 5258]) },
      { city: 'Os', postalCodes: codes([5200, 5203]) },
      { city: 'Straume', postalCodes: codes([5353, 5354]) },
      { city: 'Knarvik', postalCodes: codes([5914, 5915]) },
    ],
    streets: [
      'Kokstadvegen', 'Kanalveien', 'Fjøsangerveien', 'Solheimsgaten', 'Nygårdsgaten', 'Strandgaten',
      'Sandviksveien', 'Åsaneveien', 'Liamyrane', 'Sandslimarka', 'Hardangerveien', 'Kong Oscars gate',
      'Damsgårdsveien', 'Vestre Torggaten', 'Minde allé', 'Espehaugen', 'Conrad Mohrs veg', 'Janaflaten',
    ],
  },
  {
    name: 'Trondheim Tiller',
    city: 'Trondheim',
    weight: 16,
    phonePrefixes: ['72', '73'],
    towns: [
      { city: 'Trondheim', postalCodes: codes([7010, 7034], [7036, 7054], [7056, 7059], [7066, 7072], [7074, 7083], [7088, 7099]) },
      { city: 'Stjørdal', postalCodes: codes([7500, 7503]) },
      { city: 'Melhus', postalCodes: codes(7224) },
      { city: 'Hommelvik', postalCodes: codes([7550, 7551]) },
      { city: 'Orkanger', postalCodes: codes([7300, 7302]) },
    ],
    streets: [
      'Olav Tryggvasons gate', 'Innherredsveien', 'Heggstadmyra', 'Ivar Lykkes veg', 'Sluppenvegen',
      'Fossegrenda', 'Tungasletta', 'Haakon VIIs gate', 'Bromstadvegen', 'Elgeseter gate', 'Kjøpmannsgata',
      'Østre Rosten', 'Vestre Rosten', 'Tungavegen', 'Leangbukta', 'Ranheimsvegen', 'Falkenborgvegen',
    ],
  },
  {
    name: 'Stavanger Forus',
    city: 'Stavanger',
    weight: 15,
    phonePrefixes: ['51'],
    towns: [
      { city: 'Stavanger', postalCodes: codes([4005, 4036], [4041, 4049]) },
      { city: 'Sandnes', postalCodes: codes([4306, 4319]) },
      { city: 'Bryne', postalCodes: codes([4340, 4343]) },
      { city: 'Tananger', postalCodes: codes(4056) },
      { city: 'Randaberg', postalCodes: codes([4070, 4071]) },
    ],
    streets: [
      'Forusbeen', 'Luramyrveien', 'Løkkeveien', 'Kongsgårdbakken', 'Madlaveien', 'Hillevågsveien',
      'Lagårdsveien', 'Pedersgata', 'Breigata', 'Strandkaien', 'Tjensvollveien', 'Stokkamyrveien',
      'Kanalsletta', 'Gamle Forusvei', 'Moseidveien', 'Finnestadveien', 'Svanholmen',
    ],
  },
  {
    name: 'Kristiansand Sørlandsparken',
    city: 'Kristiansand',
    weight: 11,
    phonePrefixes: ['38'],
    towns: [
      { city: 'Kristiansand S', postalCodes: codes([4608, 4626], [4628, 4639]) },
      { city: 'Vennesla', postalCodes: codes([4700, 4702]) },
      { city: 'Søgne', postalCodes: codes([4640, 4641]) },
      { city: 'Lillesand', postalCodes: codes([4790, 4792]) },
      { city: 'Grimstad', postalCodes: codes([4876, 4879]) },
      { city: 'Mandal', postalCodes: codes([4514, 4517]) },
    ],
    streets: [
      'Markens gate', 'Vestre Strandgate', 'Rigetjønnveien', 'Barstølveien', 'Mjåvannsvegen',
      'Kongsgård allé', 'Tordenskjolds gate', 'Elvegata', 'Dronningens gate', 'Henrik Wergelands gate',
      'Setesdalsveien', 'Fiskåveien', 'Stoaveien', 'Travparkveien', 'Vigeveien',
    ],
  },
  {
    name: 'Tromsø Breivika',
    city: 'Tromsø',
    weight: 10,
    phonePrefixes: ['77'],
    towns: [
      { city: 'Tromsø', postalCodes: codes([9006, 9020], 9022, 9024, 9027, 9030, 9034, 9037, 9038) },
      { city: 'Finnsnes', postalCodes: codes([9300, 9306]) },
      { city: 'Storsteinnes', postalCodes: codes(9050) },
    ],
    streets: [
      'Stakkevollvegen', 'Hansjordnesbukta', 'Skippergata', 'Strandvegen', 'Langnesvegen', 'Ringvegen',
      'Hamnavegen', 'Sjøgata', 'Storgata', 'Grønnegata', 'Kirkegårdsvegen', 'Evjenvegen', 'Terminalgata',
    ],
  },
];

/** Four more branches for the larger sizes (M and L). */
export const extraBranchPlaces: readonly BranchPlace[] = [
  {
    name: 'Drammen Lierstranda',
    city: 'Drammen',
    weight: 12,
    phonePrefixes: ['32'],
    towns: [
      { city: 'Drammen', postalCodes: codes([3015, 3048]) },
      { city: 'Lier', postalCodes: codes([3400, 3401]) },
      { city: 'Kongsberg', postalCodes: codes([3611, 3616]) },
      { city: 'Hokksund', postalCodes: codes([3300, 3301]) },
      { city: 'Hønefoss', postalCodes: codes([3511, 3517]) },
    ],
    streets: ['Lierstranda', 'Tollbugata', 'Bragernes torg', 'Engene', 'Rosenkrantzgata', 'Kobbervikdalen', 'Vebjørn Tandbergs vei', 'Drammensveien'],
  },
  {
    name: 'Fredrikstad Dikeveien',
    city: 'Fredrikstad',
    weight: 9,
    phonePrefixes: ['69'],
    towns: [
      { city: 'Fredrikstad', postalCodes: codes([1601, 1640]) },
      { city: 'Sarpsborg', postalCodes: codes([1701, 1730]) },
      { city: 'Moss', postalCodes: codes([1530, 1535]) },
      { city: 'Halden', postalCodes: codes([1767, 1776]) },
    ],
    streets: ['Dikeveien', 'Nygaardsgata', 'Storgata', 'Glommengata', 'Tomteveien', 'Rolvsøyveien', 'Habornveien', 'Kirkegata'],
  },
  {
    name: 'Ålesund Moa',
    city: 'Ålesund',
    weight: 8,
    phonePrefixes: ['70'],
    towns: [
      { city: 'Ålesund', postalCodes: codes([6002, 6018]) },
      { city: 'Molde', postalCodes: codes([6401, 6416]) },
      { city: 'Ulsteinvik', postalCodes: codes([6065, 6067]) },
      { city: 'Volda', postalCodes: codes([6100, 6101]) },
    ],
    streets: ['Moaveien', 'Langelandsvegen', 'Kongens gate', 'Apotekergata', 'Larsgårdsvegen', 'Breivika Industrivei', 'Storgata'],
  },
  {
    name: 'Bodø Stormyra',
    city: 'Bodø',
    weight: 7,
    phonePrefixes: ['75'],
    towns: [
      { city: 'Bodø', postalCodes: codes([8003, 8016], [8019, 8023], [8026, 8031]) },
      { city: 'Fauske', postalCodes: codes([8200, 8201]) },
      { city: 'Narvik', postalCodes: codes([8514, 8517]) },
      { city: 'Mo i Rana', postalCodes: codes([8601, 8622]) },
    ],
    streets: ['Stormyrveien', 'Sjøgata', 'Storgata', 'Olav V gate', 'Jernbaneveien', 'Hålogalandsgata', 'Notveien', 'Bodøsjøveien'],
  },
];
