/**
 * Whom a practice (or campaign) is for: age bands of childhood and groups. Stable codes,
 * labels in the thirteen languages. The age bands cover 0 to 17 without gaps or overlaps
 * (a child is under 18, as for alerts), so "for 13-year-olds" is exactly one band.
 */
import { withSerbianCyrillic } from './themes';
import { VOCABULARY_LANGUAGES, type Labels, type VocabularyLanguage } from './vocabulary-languages';

export interface AgeBand {
  readonly code: `AGE_${number}_${number}`;
  readonly from: number;
  /** Inclusive. */
  readonly to: number;
}

export const AGE_BANDS = [
  { code: 'AGE_0_5', from: 0, to: 5 },
  { code: 'AGE_6_11', from: 6, to: 11 },
  { code: 'AGE_12_14', from: 12, to: 14 },
  { code: 'AGE_15_17', from: 15, to: 17 },
] as const satisfies readonly AgeBand[];

export const GROUP_CODES = [
  'GIRLS',
  'BOYS',
  'ROMA_CHILDREN',
  'MIGRANT_CHILDREN',
  'CHILDREN_IN_INSTITUTIONS',
  'STREET_CONNECTED_CHILDREN',
  'PARENTS',
  'PROFESSIONALS',
] as const;

export const TARGET_GROUP_CODES = [...AGE_BANDS.map((band) => band.code), ...GROUP_CODES] as const;
export type TargetGroupCode = (typeof AGE_BANDS)[number]['code'] | (typeof GROUP_CODES)[number];

/** "{from}–{to} years" in each language (an en dash, as each of them writes a range). */
const YEARS: Readonly<Record<VocabularyLanguage, string>> = {
  en: 'years', fr: 'ans', sq: 'vjeç', bs: 'godina', hr: 'godina', 'sr-Latn': 'godina', 'sr-Cyrl': 'година',
  cnr: 'godina', mk: 'години', bg: 'години', ro: 'ani', el: 'ετών', rom: 'berš',
};

const GROUP_LABELS: Readonly<Record<(typeof GROUP_CODES)[number], Omit<Labels, 'sr-Cyrl'>>> = {
  GIRLS: { en: 'Girls', fr: 'Filles', sq: 'Vajza', bs: 'Djevojčice', hr: 'Djevojčice', 'sr-Latn': 'Devojčice', cnr: 'Đevojčice', mk: 'Девојчиња', bg: 'Момичета', ro: 'Fete', el: 'Κορίτσια', rom: 'Čhaja' },
  BOYS: { en: 'Boys', fr: 'Garçons', sq: 'Djem', bs: 'Dječaci', hr: 'Dječaci', 'sr-Latn': 'Dečaci', cnr: 'Đečaci', mk: 'Момчиња', bg: 'Момчета', ro: 'Băieți', el: 'Αγόρια', rom: 'Čhave' },
  ROMA_CHILDREN: { en: 'Roma children', fr: 'Enfants roms', sq: 'Fëmijë romë', bs: 'Romska djeca', hr: 'Romska djeca', 'sr-Latn': 'Romska deca', cnr: 'Romska đeca', mk: 'Ромски деца', bg: 'Ромски деца', ro: 'Copii romi', el: 'Παιδιά Ρομά', rom: 'Romane čhavore' },
  MIGRANT_CHILDREN: { en: 'Migrant children', fr: 'Enfants migrants', sq: 'Fëmijë migrantë', bs: 'Djeca migranti', hr: 'Djeca migranti', 'sr-Latn': 'Deca migranti', cnr: 'Đeca migranti', mk: 'Деца мигранти', bg: 'Деца мигранти', ro: 'Copii migranți', el: 'Παιδιά μετανάστες', rom: 'Migrantura čhavore' },
  CHILDREN_IN_INSTITUTIONS: { en: 'Children in institutions', fr: 'Enfants placés en institution', sq: 'Fëmijë në institucione', bs: 'Djeca u ustanovama', hr: 'Djeca u ustanovama', 'sr-Latn': 'Deca u ustanovama', cnr: 'Đeca u ustanovama', mk: 'Деца во институции', bg: 'Деца в институции', ro: 'Copii din instituții', el: 'Παιδιά σε ιδρύματα', rom: 'Čhavore ande institucije' },
  STREET_CONNECTED_CHILDREN: { en: 'Street-connected children', fr: 'Enfants en situation de rue', sq: 'Fëmijë në situatë rruge', bs: 'Djeca na ulici', hr: 'Djeca na ulici', 'sr-Latn': 'Deca na ulici', cnr: 'Đeca na ulici', mk: 'Деца на улица', bg: 'Деца на улицата', ro: 'Copii în situație de stradă', el: 'Παιδιά του δρόμου', rom: 'Čhavore pe drom' },
  PARENTS: { en: 'Parents', fr: 'Parents', sq: 'Prindër', bs: 'Roditelji', hr: 'Roditelji', 'sr-Latn': 'Roditelji', cnr: 'Roditelji', mk: 'Родители', bg: 'Родители', ro: 'Părinți', el: 'Γονείς', rom: 'Dad thaj daja' },
  PROFESSIONALS: { en: 'Professionals', fr: 'Professionnels', sq: 'Profesionistë', bs: 'Stručnjaci', hr: 'Stručnjaci', 'sr-Latn': 'Stručnjaci', cnr: 'Stručnjaci', mk: 'Стручњаци', bg: 'Специалисти', ro: 'Profesioniști', el: 'Επαγγελματίες', rom: 'Profesionalura' },
};

function ageBandLabels(band: AgeBand): Labels {
  return Object.fromEntries(VOCABULARY_LANGUAGES.map((language) => [language, `${band.from}–${band.to} ${YEARS[language]}`])) as unknown as Labels;
}

export const TARGET_GROUP_LABELS: Readonly<Record<TargetGroupCode, Labels>> = {
  ...(Object.fromEntries(AGE_BANDS.map((band) => [band.code, ageBandLabels(band)])) as Record<(typeof AGE_BANDS)[number]['code'], Labels>),
  ...(Object.fromEntries(GROUP_CODES.map((code) => [code, withSerbianCyrillic(GROUP_LABELS[code])])) as Record<(typeof GROUP_CODES)[number], Labels>),
};

export function isTargetGroupCode(value: string): value is TargetGroupCode {
  return (TARGET_GROUP_CODES as readonly string[]).includes(value);
}

/** The age band a child of `age` full years falls in, or undefined outside childhood. */
export function ageBandOf(age: number): (typeof AGE_BANDS)[number] | undefined {
  return AGE_BANDS.find((band) => Number.isInteger(age) && age >= band.from && age <= band.to);
}
