/**
 * The controlled themes of a practice (and, later, of a campaign): stable codes that never
 * change once a practice carries them (search facets, feeds and partners' filters read the
 * code, never a label), and a label in each of the thirteen languages. Curators may add
 * themes (curated-theme.ts); the built-in ones cannot be removed or renamed.
 */
import { serbianCyrillic, type Labels, type VocabularyLanguage } from './vocabulary-languages';

export const THEME_CODES = [
  'TRAFFICKING_SEXUAL_EXPLOITATION',
  'LABOUR_EXPLOITATION',
  'FORCED_BEGGING',
  'FORCED_CRIMINALITY',
  'CHILD_MARRIAGE',
  'UNACCOMPANIED_SEPARATED_CHILDREN',
  'ONLINE_SEXUAL_EXPLOITATION',
  'MISSING_CHILDREN',
  'IDENTIFICATION_REFERRAL',
  'VICTIM_ASSISTANCE_SHELTER',
  'FAMILY_TRACING_REUNIFICATION',
  'RETURN_REINTEGRATION',
  'PREVENTION_AWARENESS',
  'CHILD_PARTICIPATION',
  'DATA_PROTECTION',
] as const;
export type ThemeCode = (typeof THEME_CODES)[number];

/** Written without sr-Cyrl: it is derived from sr-Latn (vocabulary-languages.ts). */
type WrittenLabels = Omit<Labels, 'sr-Cyrl'>;

const WRITTEN: Readonly<Record<ThemeCode, WrittenLabels>> = {
  TRAFFICKING_SEXUAL_EXPLOITATION: {
    en: 'Trafficking for sexual exploitation', fr: 'Traite à des fins d’exploitation sexuelle',
    sq: 'Trafikim për shfrytëzim seksual', bs: 'Trgovina ljudima radi seksualne eksploatacije',
    hr: 'Trgovanje ljudima radi seksualnog iskorištavanja', 'sr-Latn': 'Trgovina ljudima radi seksualne eksploatacije',
    cnr: 'Trgovina ljudima radi seksualne eksploatacije', mk: 'Трговија со луѓе за сексуална експлоатација',
    bg: 'Трафик с цел сексуална експлоатация', ro: 'Trafic în scopul exploatării sexuale',
    el: 'Εμπορία με σκοπό τη σεξουαλική εκμετάλλευση', rom: 'Trafiko vaś seksualno eksploatacija',
  },
  LABOUR_EXPLOITATION: {
    en: 'Labour exploitation', fr: 'Exploitation par le travail', sq: 'Shfrytëzim në punë',
    bs: 'Radna eksploatacija', hr: 'Radno iskorištavanje', 'sr-Latn': 'Radna eksploatacija', cnr: 'Radna eksploatacija',
    mk: 'Трудова експлоатација', bg: 'Трудова експлоатация', ro: 'Exploatare prin muncă',
    el: 'Εργασιακή εκμετάλλευση', rom: 'Eksploatacija ande buti',
  },
  FORCED_BEGGING: {
    en: 'Forced begging', fr: 'Mendicité forcée', sq: 'Lypje e detyruar', bs: 'Prisilno prosjačenje',
    hr: 'Prisilno prosjačenje', 'sr-Latn': 'Prinudno prosjačenje', cnr: 'Prinudno prosjačenje',
    mk: 'Принудно питачење', bg: 'Принудително просене', ro: 'Cerșetorie forțată',
    el: 'Εξαναγκαστική επαιτεία', rom: 'Zorasa mangipe',
  },
  FORCED_CRIMINALITY: {
    en: 'Forced criminality', fr: 'Criminalité forcée', sq: 'Kriminalitet i detyruar', bs: 'Prisilno vršenje krivičnih djela',
    hr: 'Prisilno počinjenje kaznenih djela', 'sr-Latn': 'Prinudno vršenje krivičnih dela', cnr: 'Prinudno vršenje krivičnih djela',
    mk: 'Принудно вршење кривични дела', bg: 'Принуда към престъпна дейност', ro: 'Infracționalitate forțată',
    el: 'Εξαναγκασμός σε εγκληματικότητα', rom: 'Zorasa kriminaliteto',
  },
  CHILD_MARRIAGE: {
    en: 'Child marriage', fr: 'Mariage d’enfants', sq: 'Martesa e fëmijëve', bs: 'Dječiji brakovi',
    hr: 'Dječji brakovi', 'sr-Latn': 'Dečiji brakovi', cnr: 'Đečji brakovi', mk: 'Детски бракови',
    bg: 'Детски бракове', ro: 'Căsătoria copiilor', el: 'Γάμοι ανηλίκων', rom: 'Bijav e čhavorengo',
  },
  UNACCOMPANIED_SEPARATED_CHILDREN: {
    en: 'Unaccompanied and separated children', fr: 'Enfants non accompagnés et séparés',
    sq: 'Fëmijë të pashoqëruar dhe të ndarë', bs: 'Djeca bez pratnje i razdvojena djeca',
    hr: 'Djeca bez pratnje i odvojena djeca', 'sr-Latn': 'Deca bez pratnje i razdvojena deca',
    cnr: 'Đeca bez pratnje i razdvojena đeca', mk: 'Деца без придружба и разделени деца',
    bg: 'Непридружени и разделени деца', ro: 'Copii neînsoțiți și separați',
    el: 'Ασυνόδευτα και χωρισμένα παιδιά', rom: 'Čhavore bi pratnjako thaj ulavde',
  },
  ONLINE_SEXUAL_EXPLOITATION: {
    en: 'Online sexual exploitation', fr: 'Exploitation sexuelle en ligne', sq: 'Shfrytëzim seksual në internet',
    bs: 'Seksualna eksploatacija na internetu', hr: 'Seksualno iskorištavanje na internetu',
    'sr-Latn': 'Seksualna eksploatacija na internetu', cnr: 'Seksualna eksploatacija na internetu',
    mk: 'Сексуална експлоатација на интернет', bg: 'Сексуална експлоатация онлайн', ro: 'Exploatare sexuală online',
    el: 'Διαδικτυακή σεξουαλική εκμετάλλευση', rom: 'Seksualno eksploatacija ando interneto',
  },
  MISSING_CHILDREN: {
    en: 'Missing children', fr: 'Enfants disparus', sq: 'Fëmijë të zhdukur', bs: 'Nestala djeca', hr: 'Nestala djeca',
    'sr-Latn': 'Nestala deca', cnr: 'Nestala đeca', mk: 'Исчезнати деца', bg: 'Изчезнали деца',
    ro: 'Copii dispăruți', el: 'Εξαφανισμένα παιδιά', rom: 'Našavde čhavore',
  },
  IDENTIFICATION_REFERRAL: {
    en: 'Identification and referral', fr: 'Identification et orientation', sq: 'Identifikimi dhe referimi',
    bs: 'Identifikacija i upućivanje', hr: 'Identifikacija i upućivanje', 'sr-Latn': 'Identifikacija i upućivanje',
    cnr: 'Identifikacija i upućivanje', mk: 'Идентификација и упатување', bg: 'Идентификация и насочване',
    ro: 'Identificare și referire', el: 'Ταυτοποίηση και παραπομπή', rom: 'Identifikacija thaj bičhalipe',
  },
  VICTIM_ASSISTANCE_SHELTER: {
    en: 'Victim assistance and shelter', fr: 'Assistance aux victimes et hébergement', sq: 'Ndihma dhe strehimi i viktimave',
    bs: 'Pomoć žrtvama i sklonište', hr: 'Pomoć žrtvama i sklonište', 'sr-Latn': 'Pomoć žrtvama i sklonište',
    cnr: 'Pomoć žrtvama i sklonište', mk: 'Помош и засолниште за жртвите', bg: 'Помощ и подслон за жертвите',
    ro: 'Asistența și adăpostirea victimelor', el: 'Υποστήριξη και φιλοξενία θυμάτων', rom: 'Žutipe thaj ćher e viktimenge',
  },
  FAMILY_TRACING_REUNIFICATION: {
    en: 'Family tracing and reunification', fr: 'Recherche et réunification familiales',
    sq: 'Gjurmimi dhe ribashkimi familjar', bs: 'Traženje i spajanje porodica', hr: 'Traženje i spajanje obitelji',
    'sr-Latn': 'Traženje i spajanje porodica', cnr: 'Traženje i spajanje porodica', mk: 'Барање и обединување на семејствата',
    bg: 'Издирване и събиране на семейства', ro: 'Căutarea și reîntregirea familiei',
    el: 'Αναζήτηση και επανένωση οικογενειών', rom: 'Rodipe thaj phandipe e familijako',
  },
  RETURN_REINTEGRATION: {
    en: 'Return and reintegration', fr: 'Retour et réintégration', sq: 'Kthimi dhe riintegrimi',
    bs: 'Povratak i reintegracija', hr: 'Povratak i reintegracija', 'sr-Latn': 'Povratak i reintegracija',
    cnr: 'Povratak i reintegracija', mk: 'Враќање и реинтеграција', bg: 'Завръщане и реинтеграция',
    ro: 'Returnare și reintegrare', el: 'Επιστροφή και επανένταξη', rom: 'Irisaripe thaj reintegracija',
  },
  PREVENTION_AWARENESS: {
    en: 'Prevention and awareness', fr: 'Prévention et sensibilisation', sq: 'Parandalimi dhe ndërgjegjësimi',
    bs: 'Prevencija i podizanje svijesti', hr: 'Prevencija i podizanje svijesti', 'sr-Latn': 'Prevencija i podizanje svesti',
    cnr: 'Prevencija i podizanje svijesti', mk: 'Превенција и подигање на свеста', bg: 'Превенция и повишаване на осведомеността',
    ro: 'Prevenire și conștientizare', el: 'Πρόληψη και ευαισθητοποίηση', rom: 'Prevencija thaj haćaripe',
  },
  CHILD_PARTICIPATION: {
    en: 'Child participation', fr: 'Participation des enfants', sq: 'Pjesëmarrja e fëmijëve', bs: 'Učešće djece',
    hr: 'Sudjelovanje djece', 'sr-Latn': 'Učešće dece', cnr: 'Učešće đece', mk: 'Учество на децата',
    bg: 'Участие на децата', ro: 'Participarea copiilor', el: 'Συμμετοχή των παιδιών', rom: 'Participacija e čhavorengi',
  },
  DATA_PROTECTION: {
    en: 'Data protection', fr: 'Protection des données', sq: 'Mbrojtja e të dhënave', bs: 'Zaštita podataka',
    hr: 'Zaštita podataka', 'sr-Latn': 'Zaštita podataka', cnr: 'Zaštita podataka', mk: 'Заштита на податоците',
    bg: 'Защита на данните', ro: 'Protecția datelor', el: 'Προστασία δεδομένων', rom: 'Arakhipe e dejtengo',
  },
};

export function withSerbianCyrillic(labels: WrittenLabels): Labels {
  return { ...labels, 'sr-Cyrl': serbianCyrillic(labels['sr-Latn']) };
}

export const THEME_LABELS: Readonly<Record<ThemeCode, Labels>> = Object.fromEntries(
  THEME_CODES.map((code) => [code, withSerbianCyrillic(WRITTEN[code])]),
) as Record<ThemeCode, Labels>;

export function isThemeCode(value: string): value is ThemeCode {
  return (THEME_CODES as readonly string[]).includes(value);
}

export function themeLabel(code: ThemeCode, language: VocabularyLanguage): string {
  return THEME_LABELS[code][language];
}
