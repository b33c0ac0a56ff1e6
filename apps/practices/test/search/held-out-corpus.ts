/**
 * The held-out corpus: practices in all thirteen languages, on other subjects and in other
 * words than the development corpus, written before the search was run on them and never
 * used to tune it. Its queries (held-out-queries.ts) estimate how search does on a corpus it
 * has not seen, which is how CPX is judged.
 */
import type { CorpusPractice } from './evaluation-types';

export const HELD_OUT_CORPUS: readonly CorpusPractice[] = [
  {
    key: 'H01',
    themes: ['victim-assistance-and-shelter', 'trafficking-sexual-exploitation'],
    countries: ['AL'],
    targetGroups: ['girls'],
    evidence: 'promising',
    alertKinds: ['SEXUAL_EXPLOITATION', 'SUSPECTED_TRAFFICKING'],
    texts: [
      {
        language: 'sq',
        title: 'Strehimi emergjent për vajzat e shfrytëzuara seksualisht',
        summary: 'Vajzat e identifikuara si viktima të trafikimit për shfrytëzim seksual gjejnë strehim të sigurt, kujdes mjekësor dhe këshillim ligjor.',
        body:
          'Strehimi pranon vajza nga 12 deri në 18 vjeç, ditë e natë. Një psikologe dhe një avokate takojnë çdo vajzë brenda ditës së parë. ' +
          'Vajzat vazhdojnë shkollën me mësues që vijnë në strehim, ndërsa punonjësja sociale përgatit kthimin në familje ose vendosjen në kujdes alternativ.',
      },
    ],
  },
  {
    key: 'H02',
    themes: ['identification-and-referral', 'victim-assistance-and-shelter'],
    countries: ['BA'],
    targetGroups: ['professionals'],
    evidence: 'best',
    alertKinds: ['SEXUAL_EXPLOITATION', 'SUSPECTED_TRAFFICKING'],
    texts: [
      {
        language: 'bs',
        title: 'Vodič za policiju: razgovor s djetetom žrtvom',
        summary: 'Kako policijski službenici vode razgovor s djetetom koje je žrtva nasilja ili trgovine ljudima, bez ponovne traumatizacije.',
        body:
          'Razgovor se vodi u prostoriji prilagođenoj djeci, uz prisustvo psihologa, i snima se da dijete ne bi moralo ponavljati iskaz. ' +
          'Vodič sadrži pitanja koja treba izbjegavati i primjere dobre prakse iz Sarajeva i Tuzle.',
      },
      {
        language: 'en',
        title: 'Police guide: interviewing a child victim',
        summary: 'How police officers interview a child who is a victim of violence or human trafficking without traumatising them again.',
        body:
          'The interview takes place in a child-friendly room with a psychologist present, and is recorded so that the child need not repeat the statement. ' +
          'The guide lists questions to avoid and examples of good practice from Sarajevo and Tuzla.',
      },
    ],
  },
  {
    key: 'H03',
    themes: ['forced-begging', 'labour-exploitation'],
    countries: ['BG'],
    targetGroups: ['street-connected-children', 'roma-children'],
    evidence: 'emergent',
    alertKinds: ['FORCED_BEGGING', 'LABOUR_EXPLOITATION'],
    texts: [
      {
        language: 'bg',
        title: 'Мобилни екипи за работа с улични деца в София',
        summary: 'Социални работници обикалят гарите и пазарите, където деца просят или работят, и ги свързват с дневни центрове.',
        body:
          'Екипите работят всяка вечер и водят дневник на срещите. Децата получават храна, дрехи и помощ за записване в училище. ' +
          'Когато има съмнение за принуда или експлоатация, екипът уведомява Държавната агенция за закрила на детето.',
      },
    ],
  },
  {
    key: 'H04',
    themes: ['unaccompanied-and-separated-children'],
    countries: ['HR'],
    targetGroups: ['migrant-children'],
    evidence: 'documented',
    alertKinds: ['UNACCOMPANIED_MINOR'],
    texts: [
      {
        language: 'hr',
        title: 'Skrbništvo za djecu bez pratnje',
        summary: 'Posebni skrbnici zastupaju djecu bez pratnje u postupku međunarodne zaštite i prate njihov smještaj.',
        body:
          'Skrbnik se imenuje u roku od 24 sata nakon što dijete zatraži zaštitu. Skrbnici su socijalni radnici s dodatnom edukacijom o pravima djece migranata. ' +
          'Svako dijete ima pravo na prevoditelja i na redovne susrete sa skrbnikom.',
      },
    ],
  },
  {
    key: 'H05',
    themes: ['victim-assistance-and-shelter', 'return-and-reintegration'],
    countries: ['RS'],
    targetGroups: ['children-in-institutions'],
    evidence: 'promising',
    alertKinds: [],
    texts: [
      {
        language: 'sr-Latn',
        title: 'Hraniteljske porodice za decu žrtve nasilja',
        summary: 'Specijalizovane hraniteljske porodice primaju decu koja su preživela nasilje ili eksploataciju, umesto smeštaja u ustanovu.',
        body:
          'Hranitelji prolaze obuku o traumi i imaju savetnika iz centra za porodični smeštaj. Deca ostaju u porodici dok se ne steknu uslovi za povratak roditeljima. ' +
          'Program je smanjio broj dece u domovima u Vojvodini.',
      },
    ],
  },
  {
    key: 'H06',
    themes: ['missing-children'],
    countries: ['RS'],
    targetGroups: ['professionals'],
    evidence: 'documented',
    alertKinds: ['MISSING_CHILD'],
    texts: [
      {
        language: 'sr-Cyrl',
        title: 'Регистар нестале деце и сарадња са Интерполом',
        summary: 'Полиција уписује свако нестало дете у регистар у року од сат времена и шаље потерницу Интерполу када постоји сумња да је дете напустило земљу.',
        body:
          'Регистар повезује полицијске управе, центре за социјални рад и граничну полицију. Фотографија детета се објављује само уз сагласност родитеља. ' +
          'Када се дете пронађе, случај се затвара, а подаци се бришу после пет година.',
      },
    ],
  },
  {
    key: 'H07',
    themes: ['child-marriage', 'prevention-awareness'],
    countries: ['MK', 'AL'],
    targetGroups: ['girls', 'parents'],
    evidence: 'emergent',
    alertKinds: ['FORCED_MARRIAGE'],
    texts: [
      {
        language: 'mk',
        title: 'Превенција на детски бракови во руралните средини',
        summary: 'Наставници и здравствени работници разговараат со родителите за штетата од раното стапување во брак и за правото на девојчињата на образование.',
        body:
          'Програмата се спроведува во селата околу Тетово и Гостивар. Девојчињата што се во ризик добиваат стипендија и ментор. ' +
          'Центарот за социјална работа интервенира кога дознава за договорен брак на малолетно дете.',
      },
      {
        language: 'sq',
        title: 'Parandalimi i martesave të fëmijëve në zonat rurale',
        summary: 'Mësuesit dhe punonjësit shëndetësorë flasin me prindërit për dëmin e martesës së hershme dhe për të drejtën e vajzave për arsim.',
        body:
          'Programi zbatohet në fshatrat përreth Tetovës dhe Gostivarit. Vajzat në rrezik marrin bursë dhe mentor. ' +
          'Qendra për punë sociale ndërhyn kur mëson për një martesë të rregulluar të një fëmije të mitur.',
      },
    ],
  },
  {
    key: 'H08',
    themes: ['labour-exploitation'],
    countries: ['RO'],
    targetGroups: ['age-12-17'],
    evidence: 'documented',
    alertKinds: ['LABOUR_EXPLOITATION'],
    texts: [
      {
        language: 'ro',
        title: 'Linia telefonică pentru copiii exploatați prin muncă',
        summary: 'Copiii și adulții pot semnala gratuit cazurile de muncă forțată a copiilor în agricultură, construcții sau cerșetorie.',
        body:
          'Operatorii transmit sesizările inspectoratului teritorial de muncă și direcției pentru protecția copilului în cel mult două ore. ' +
          'Linia funcționează în limba română și în limba romani.',
      },
    ],
  },
  {
    key: 'H09',
    themes: ['victim-assistance-and-shelter', 'online-sexual-exploitation'],
    countries: ['GR'],
    targetGroups: ['girls', 'boys'],
    evidence: 'best',
    alertKinds: ['SEXUAL_EXPLOITATION'],
    texts: [
      {
        language: 'el',
        title: 'Ψυχολογική υποστήριξη για παιδιά θύματα σεξουαλικής κακοποίησης',
        summary: 'Ψυχολόγοι και παιδοψυχίατροι προσφέρουν θεραπεία σε παιδιά που υπέστησαν σεξουαλική κακοποίηση ή εκμετάλλευση μέσω διαδικτύου.',
        body:
          'Η θεραπεία διαρκεί έως ένα έτος και περιλαμβάνει συνεδρίες με τους γονείς. Τα παιδιά εξετάζονται μία μόνο φορά, στο «Σπίτι του Παιδιού», για να μην τραυματιστούν ξανά. ' +
          'Το πρόγραμμα λειτουργεί στην Αθήνα και στην Πάτρα.',
      },
    ],
  },
  {
    key: 'H10',
    themes: ['forced-begging', 'prevention-awareness'],
    countries: ['ME'],
    targetGroups: ['parents', 'roma-children'],
    evidence: 'emergent',
    alertKinds: ['FORCED_BEGGING'],
    texts: [
      {
        language: 'cnr',
        title: 'Škola za roditelje: kako prepoznati prosjačenje đece',
        summary: 'Radionice za roditelje u romskim i egipćanskim naseljima o štetnosti prosjačenja i o pravu đeteta na školovanje.',
        body:
          'Radionice vode romski medijatori i socijalni radnici u Podgorici i Beranama. Roditelji koji upišu đecu u školu dobijaju pomoć za udžbenike. ' +
          'Policija i centar za socijalni rad razmjenjuju podatke o đeci koja prose na ulici.',
      },
    ],
  },
  {
    key: 'H11',
    themes: ['prevention-awareness', 'child-participation'],
    countries: ['RS'],
    targetGroups: ['roma-children'],
    evidence: 'promising',
    alertKinds: [],
    texts: [
      {
        language: 'rom',
        title: 'Romane medijatorura ande škole',
        summary: 'E medijatorura pomožinen e romane čhaven te ačhen ande škola thaj vakeren e sikavnenca thaj e dajenca.',
        body:
          'Sakova medijatori kerel buti ande duj škole ando Beograd thaj ando Novi Sad. E čhave kerena pumare klubura thaj lena than ande školako savet.',
      },
    ],
  },
  {
    key: 'H12',
    themes: ['identification-and-referral', 'trafficking-sexual-exploitation'],
    countries: ['FR'],
    targetGroups: ['migrant-children', 'professionals'],
    evidence: 'promising',
    alertKinds: ['SUSPECTED_TRAFFICKING', 'FORCED_CRIMINALITY'],
    texts: [
      {
        language: 'fr',
        title: 'Cellule de repérage des mineurs victimes de traite dans les gares',
        summary: 'Des agents de la police ferroviaire et des éducateurs repèrent dans les gares les mineurs exploités par des réseaux et les orientent vers la protection de l’enfance.',
        body:
          'La cellule intervient à la gare du Nord et à la gare de Lyon. Les mineurs repérés sont reçus par un éducateur et un interprète, puis mis à l’abri le soir même. ' +
          'Les signalements sont transmis au parquet des mineurs.',
      },
    ],
  },
  {
    key: 'H13',
    themes: ['missing-children', 'family-tracing-and-reunification'],
    countries: ['MD', 'RO', 'FR'],
    targetGroups: ['professionals', 'parents'],
    evidence: 'emergent',
    alertKinds: ['MISSING_CHILD', 'UNACCOMPANIED_MINOR'],
    texts: [
      {
        language: 'en',
        title: 'Cross-border case conferences for missing children',
        summary: 'Police, child protection services and consulates of the countries concerned meet by video within 48 hours of a child going missing abroad.',
        body:
          'A coordinator in the country of origin convenes the conference and keeps one shared action plan. ' +
          'The conferences have been used between Moldova, Romania and France, mostly for teenagers who left home with an adult.',
      },
    ],
  },
];
