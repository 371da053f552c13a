import type { Random } from '../random';

// The catalogue's product families: how names are built (nb, the way Norwegian wholesalers
// write them), price ranges in whole kroner, and which items are bulky (plasskrevende varer).

/** Product category keys stored in `products.category`; the client translates them. */
export const productCategories = [
  'downlights',
  'spotlights',
  'track_systems',
  'suspension_systems',
  'led_panels',
  'led_strips',
  'drivers',
  'cables',
  'switches',
  'sensors',
  'outdoor',
] as const;

/** A product category key. */
export type ProductCategory = (typeof productCategories)[number];

/** One generated catalogue item before ids and prices in øre. */
export interface ProductDraft {
  name: string;
  listKr: number;
  bulky: boolean;
}

/** A product family: a category, an article-number prefix and how to make one item. */
export interface ProductFamily {
  category: ProductCategory;
  prefix: string;
  /** Relative share of the catalogue. */
  weight: number;
  /** Typical quantity range on an order line. */
  qty: readonly [number, number];
  make(r: Random): ProductDraft;
}

const series = ['Nova', 'Lumo', 'Polar', 'Aura', 'Fjord', 'Kvarts', 'Nord', 'Stella', 'Orbit', 'Lina', 'Disk', 'Prisma', 'Tind', 'Vega', 'Halo'];
const cct = ['2700 K', '3000 K', '3000 K', '4000 K', '2700/3000/4000 K'];
const colours = ['hvit', 'hvit', 'sort', 'børstet stål', 'grå'];
const trackColours = ['hvit', 'sort', 'grå'];
const beams = ['15°', '24°', '36°', '60°'];
const switchSeries = ['Plan', 'Relief', 'Kvadrat', 'Nova', 'Linje'];

function priceBetween(r: Random, min: number, max: number): number {
  // Shelf prices end in 0 or 9, as catalogue prices do.
  const kr = Math.round(r.float(min, max) / 10) * 10;
  return r.chance(0.5) ? kr - 1 : kr;
}

/** Every family; the generator draws from them by weight until the catalogue is full. */
export const productFamilies: readonly ProductFamily[] = [
  {
    category: 'downlights', prefix: 'DL', weight: 16, qty: [4, 60],
    make(r) {
      const watt = r.pick([5, 6, 8, 10, 12, 15, 18, 25]);
      const ip = r.pick(['IP20', 'IP44', 'IP44', 'IP65']);
      const dim = r.chance(0.6) ? ' dimbar' : '';
      return { name: `Downlight ${r.pick(series)} LED ${watt} W ${r.pick(cct)} ${ip}${dim} ${r.pick(colours)}`, listKr: priceBetween(r, 180 + watt * 20, 400 + watt * 60), bulky: false };
    },
  },
  {
    category: 'spotlights', prefix: 'SP', weight: 9, qty: [2, 40],
    make(r) {
      if (r.chance(0.4)) return { name: `Spotlight ${r.pick(series)} GU10 innfelt vippbar ${r.pick(colours)}`, listKr: priceBetween(r, 120, 490), bulky: false };
      const watt = r.pick([5, 7, 9, 12]);
      return { name: `Spotlight ${r.pick(series)} LED ${watt} W ${r.pick(beams)} ${r.pick(cct)} ${r.pick(colours)}`, listKr: priceBetween(r, 390, 1_490), bulky: false };
    },
  },
  {
    category: 'track_systems', prefix: 'SK', weight: 12, qty: [2, 24],
    make(r) {
      const colour = r.pick(trackColours);
      const kind = r.int(0, 3);
      if (kind === 0) {
        const metres = r.pick([1, 2, 3, 4]);
        return { name: `Skinnesystem 3-fase skinne ${metres} m ${colour}`, listKr: priceBetween(r, 250 * metres, 380 * metres), bulky: metres === 4 };
      }
      if (kind === 1) {
        const part = r.pick(['endestykke', 'tilkobling venstre', 'tilkobling høyre', 'L-kobling', 'T-kobling', 'X-kobling', 'fleksibel kobling', 'innfelt ramme 2 m']);
        return { name: `Skinnesystem 3-fase ${part} ${colour}`, listKr: priceBetween(r, 90, 690), bulky: false };
      }
      const watt = r.pick([15, 20, 25, 30, 35, 40]);
      return { name: `Skinnespot ${r.pick(series)} 3-fase LED ${watt} W ${r.pick(cct)} ${r.pick(beams)} ${colour}`, listKr: priceBetween(r, 900 + watt * 15, 1_800 + watt * 40), bulky: false };
    },
  },
  {
    category: 'suspension_systems', prefix: 'PE', weight: 10, qty: [1, 12],
    make(r) {
      const kind = r.int(0, 2);
      if (kind === 0) {
        const diameter = r.pick([25, 30, 40, 40, 50, 60, 60, 80, 100, 120]);
        return { name: `Pendel ${r.pick(series)} Ø${diameter} cm LED ${r.pick(cct)} ${r.pick(colours)}`, listKr: priceBetween(r, 30 * diameter, 90 * diameter), bulky: diameter >= 100 };
      }
      if (kind === 1) {
        const length = r.pick(['1,5', '2', '3', '5']);
        const what = r.pick(['med takkopp', 'for LED-panel 4-punkt', 'for lineærpendel 2-punkt', 'for skinnesystem 3-fase']);
        return { name: `Wire-oppheng ${length} m ${what}`, listKr: priceBetween(r, 190, 890), bulky: false };
      }
      const length = r.pick([120, 150, 180, 240]);
      return { name: `Lineærpendel ${r.pick(series)} LED ${Math.round(length / 3)} W ${length} cm ${r.pick(cct)} ${r.pick(trackColours)}`, listKr: priceBetween(r, 18 * length, 40 * length), bulky: length >= 240 };
    },
  },
  {
    category: 'led_panels', prefix: 'LP', weight: 8, qty: [4, 40],
    make(r) {
      const size = r.pick(['60x60', '62x62', '120x30', '120x60', '30x30']);
      const watt = size === '30x30' ? r.pick([12, 18]) : r.pick([25, 30, 36, 40]);
      const pack = r.chance(0.15) ? ' 4-pk' : '';
      const big = pack !== '' && size.startsWith('120');
      return { name: `LED-panel ${r.pick(series)} ${size} ${watt} W ${r.pick(cct)} UGR<19${pack}`, listKr: priceBetween(r, pack ? 2_400 : 590, pack ? 5_900 : 1_890), bulky: big };
    },
  },
  {
    category: 'led_strips', prefix: 'LL', weight: 7, qty: [2, 30],
    make(r) {
      if (r.chance(0.35)) {
        return { name: `Aluminiumsprofil for LED-list ${r.pick(['hjørne', 'innfelt', 'påbygg', 'pendel', 'gulv'])} ${r.pick(['1', '2', '3'])} m ${r.pick(['opal', 'klar', 'mikroprisme'])} deksel ${r.pick(['alu', 'sort', 'hvit'])}`, listKr: priceBetween(r, 149, 790), bulky: false };
      }
      const wpm = r.pick([4.8, 9.6, 14.4, 19.2]);
      const light = r.pick([...cct, 'RGBW', 'tunable white 2700–6500 K']);
      return { name: `LED-list 24 V ${String(wpm).replace('.', ',')} W/m ${light} ${r.pick(['CRI 80', 'CRI 90'])} ${r.pick([2, 5, 10])} m ${r.pick(['IP20', 'IP65', 'IP67'])}`, listKr: priceBetween(r, 390, 2_490), bulky: false };
    },
  },
  {
    category: 'drivers', prefix: 'DR', weight: 9, qty: [2, 40],
    make(r) {
      if (r.chance(0.3)) {
        const watt = r.pick([30, 60, 100, 150, 240]);
        return { name: `Driver 24 V DC ${watt} W for LED-list ${r.pick(['ikke dimbar', 'DALI', 'fasedimming'])}`, listKr: priceBetween(r, 240 + watt * 2, 600 + watt * 5), bulky: false };
      }
      const ma = r.pick([250, 350, 500, 700, 1050]);
      const watt = r.pick([9, 12, 15, 20, 25, 30, 40]);
      const dim = r.pick(['ikke dimbar', 'DALI', '1–10 V', 'fasedimming', 'DALI-2']);
      return { name: `Driver ${ma} mA ${watt} W ${dim} ${r.pick(['kompakt', 'lineær', 'uavhengig', 'innbygning'])}`, listKr: priceBetween(r, 160 + watt * 6, 380 + watt * 20), bulky: false };
    },
  },
  {
    category: 'cables', prefix: 'KA', weight: 8, qty: [1, 6],
    make(r) {
      const type = r.pick(['PFSP', 'PFSP', 'PFXP', 'PN', 'EXQ', 'TFXP', 'PFXP-FR']);
      const cross = r.pick(['3G1,5', '3G2,5', '5G1,5', '5G2,5', '4G1,5', '2x1,5', '3G4', '5G6', '5G10']);
      const metres = r.pick([25, 50, 50, 100, 100, 100, 250, 500]);
      const heavy = cross.startsWith('5') ? 1.6 : 1;
      return { name: `Kabel ${type} ${cross} ${metres} m ${metres >= 500 ? 'trommel' : 'ring'}`, listKr: priceBetween(r, 11 * metres * heavy, 19 * metres * heavy), bulky: metres >= 500 };
    },
  },
  {
    category: 'switches', prefix: 'BR', weight: 8, qty: [5, 50],
    make(r) {
      const colour = r.pick(['hvit', 'hvit', 'sort', 'aluminium']);
      const kind = r.pick(['Bryter 1-pol innfelt', 'Trappebryter innfelt', 'Kronebryter innfelt', 'Bryter 2-pol utenpåliggende IP44', 'Dimmer LED 5–200 W innfelt', 'Dimmer trykk universal 400 W', 'Dimmer DALI-bryter 4-knapp', 'Stikkontakt 2-veis jordet innfelt']);
      return { name: `${kind} ${r.pick(switchSeries)} ${colour}`, listKr: priceBetween(r, kind.startsWith('Dimmer') ? 490 : 79, kind.startsWith('Dimmer') ? 1_490 : 390), bulky: false };
    },
  },
  {
    category: 'sensors', prefix: 'SE', weight: 6, qty: [1, 20],
    make(r) {
      const kind = r.pick(['Bevegelsessensor 360° tak', 'Tilstedeværelsessensor DALI tak', 'Bevegelsessensor utendørs 180°', 'Skumringsrelé', 'Lyssensor for dagslysstyring DALI', 'Tilstedeværelsessensor korridor 40 m', 'Bevegelsessensor 360° høytak 15 m']);
      const mounting = r.pick(['innfelt', 'utenpåliggende']);
      return { name: `${kind} ${mounting} ${r.pick(['IP20', 'IP44', 'IP55'])} ${r.pick(['hvit', 'hvit', 'grå'])}`, listKr: priceBetween(r, 390, 2_190), bulky: false };
    },
  },
  {
    category: 'outdoor', prefix: 'UT', weight: 7, qty: [1, 16],
    make(r) {
      const kind = r.int(0, 2);
      const colour = r.pick(['antrasitt', 'sort', 'galvanisert', 'corten']);
      if (kind === 0) return { name: `Vegglampe ${r.pick(series)} utendørs LED ${r.pick([8, 12, 15, 20])} W IP65 ${colour}`, listKr: priceBetween(r, 490, 2_490), bulky: false };
      if (kind === 1) {
        const height = r.pick([40, 65, 80, 100]);
        return { name: `Pullert ${r.pick(series)} LED ${height} cm IP65 ${colour}`, listKr: priceBetween(r, 1_490, 4_990), bulky: height >= 100 };
      }
      const watt = r.pick([20, 30, 50, 100, 150]);
      return { name: `Lyskaster LED ${watt} W 4000 K IP66 ${colour}`, listKr: priceBetween(r, 390 + watt * 8, 900 + watt * 20), bulky: watt >= 150 };
    },
  },
];
