/**
 * The development corpus of the search evaluation: practices in all thirteen languages and
 * scripts, some translated, written as the region's practitioners write them. Search rules
 * may be tuned while watching the queries on this corpus (evaluation-queries.ts); the
 * held-out corpus (held-out-corpus.ts) may not.
 */
import type { CorpusPractice } from './evaluation-types';

export const EVALUATION_CORPUS: readonly CorpusPractice[] = [
  {
    key: 'D01',
    themes: ['prevention-awareness', 'trafficking-sexual-exploitation', 'labour-exploitation'],
    countries: ['RO', 'MD'],
    targetGroups: ['age-12-17', 'parents', 'professionals'],
    evidence: 'promising',
    alertKinds: ['SUSPECTED_TRAFFICKING'],
    texts: [
      {
        language: 'ro',
        title: 'Programul școlar „Școala sigură” pentru prevenirea traficului de copii',
        summary: 'Lecții pentru elevii de 12–17 ani despre traficul de persoane, recrutarea pe internet și cum cer ajutor.',
        body:
          'Profesorii și consilierii școlari sunt formați să recunoască semnele de exploatare. Elevii lucrează în grupuri, discută cazuri reale anonimizate și învață numerele de urgență. ' +
          'Părinții sunt invitați la o întâlnire despre riscurile migrației pentru muncă în străinătate. Programul are un manual și a fost evaluat extern în 40 de școli din Iași și Suceava.',
      },
      {
        language: 'en',
        title: '"Safe School": a school programme to prevent child trafficking',
        summary: 'Lessons for pupils aged 12–17 about human trafficking, online recruitment and how to ask for help.',
        body:
          'Teachers and school counsellors are trained to recognise signs of exploitation. Pupils work in groups, discuss real anonymised cases and learn the emergency numbers. ' +
          'Parents are invited to a meeting about the risks of labour migration abroad. The programme has a manual and was externally evaluated in 40 schools in Iași and Suceava.',
      },
      {
        language: 'mk',
        title: '„Безбедно училиште“: училишна програма за спречување на трговија со деца',
        summary: 'Часови за учениците од 12 до 17 години за трговијата со луѓе, врбувањето преку интернет и како да побараат помош.',
        body:
          'Наставниците и училишните советници се обучуваат да ги препознаат знаците на експлоатација. Учениците работат во групи и ги учат броевите за итни случаи. ' +
          'Родителите се поканети на средба за ризиците од работна миграција во странство.',
      },
    ],
  },
  {
    key: 'D02',
    themes: ['prevention-awareness', 'trafficking-sexual-exploitation', 'forced-begging'],
    countries: ['RS'],
    targetGroups: ['age-12-17', 'professionals'],
    evidence: 'best',
    alertKinds: ['SUSPECTED_TRAFFICKING', 'FORCED_BEGGING'],
    texts: [
      {
        language: 'sr-Latn',
        title: 'Školski program prevencije trgovine decom',
        summary: 'Radionice za učenike osnovnih i srednjih škola o trgovini ljudima, vrbovanju preko interneta i prinudnom prosjačenju.',
        body:
          'Nastavnici i pedagozi prolaze obuku od dva dana. Učenici kroz igru uloga uče kako da prepoznaju lažne ponude za posao i kome da se obrate. ' +
          'Program sprovodi Centar za socijalni rad u saradnji sa školama u Beogradu i Nišu. Eksterna evaluacija je pokazala da deca posle šest meseci bolje prepoznaju rizike.',
      },
    ],
  },
  {
    key: 'D03',
    themes: ['identification-and-referral', 'trafficking-sexual-exploitation'],
    countries: ['MK'],
    targetGroups: ['street-connected-children', 'professionals'],
    evidence: 'documented',
    alertKinds: ['SUSPECTED_TRAFFICKING', 'FORCED_BEGGING'],
    texts: [
      {
        language: 'mk',
        title: 'Стандардни оперативни процедури за идентификација на деца жртви на трговија со луѓе',
        summary: 'Мобилни тимови на центрите за социјална работа и полицијата ги идентификуваат децата на улица и ги упатуваат кон заштита.',
        body:
          'Процедурите ги опишуваат индикаторите за трафикинг, првиот разговор со детето во присуство на социјален работник и упатувањето во засолниште. ' +
          'Тимовите работат во Скопје, Битола и Куманово. Секој случај се евидентира во Националниот механизам за упатување.',
      },
      {
        language: 'en',
        title: 'Standard operating procedures for identifying child victims of trafficking',
        summary: 'Mobile teams of the social work centres and the police identify children on the street and refer them to protection.',
        body:
          'The procedures describe the indicators of trafficking, the first interview with the child in the presence of a social worker, and referral to a shelter. ' +
          'The teams work in Skopje, Bitola and Kumanovo. Every case is recorded in the National Referral Mechanism.',
      },
    ],
  },
  {
    key: 'D04',
    themes: ['victim-assistance-and-shelter', 'trafficking-sexual-exploitation'],
    countries: ['RS'],
    targetGroups: ['girls', 'boys'],
    evidence: 'promising',
    alertKinds: ['SUSPECTED_TRAFFICKING', 'SEXUAL_EXPLOITATION'],
    texts: [
      {
        language: 'sr-Cyrl',
        title: 'Прихватилиште за децу жртве трговине људима',
        summary: 'Безбедан смештај, психолошка подршка и правна помоћ за девојчице и дечаке које је идентификовао Центар за заштиту жртава трговине људима.',
        body:
          'Деца остају у прихватилишту до три месеца, док се не пронађе породица или хранитељска породица. Сваком детету се одређује старатељ. ' +
          'Прихватилиште сарађује са школом да деца не прекидају образовање.',
      },
    ],
  },
  {
    key: 'D05',
    themes: ['unaccompanied-and-separated-children'],
    countries: ['GR'],
    targetGroups: ['migrant-children'],
    evidence: 'promising',
    alertKinds: ['UNACCOMPANIED_MINOR'],
    texts: [
      {
        language: 'el',
        title: 'Επιτροπεία ασυνόδευτων ανηλίκων στα νησιά',
        summary: 'Επαγγελματίες επίτροποι συνοδεύουν τα ασυνόδευτα παιδιά από την άφιξη μέχρι τη στέγαση και τη διαδικασία ασύλου.',
        body:
          'Κάθε επίτροπος αναλαμβάνει έως δεκαπέντε παιδιά, τα συνοδεύει στις υπηρεσίες υγείας και στο σχολείο και ενημερώνει τον εισαγγελέα ανηλίκων. ' +
          'Το πρόγραμμα εφαρμόζεται στη Λέσβο, τη Σάμο και τη Χίο. Τα παιδιά ενημερώνονται για τον κίνδυνο εμπορίας και εκμετάλλευσης.',
      },
    ],
  },
  {
    key: 'D06',
    themes: ['labour-exploitation', 'forced-begging'],
    countries: ['GR'],
    targetGroups: ['street-connected-children', 'roma-children'],
    evidence: 'emergent',
    alertKinds: ['LABOUR_EXPLOITATION', 'FORCED_BEGGING'],
    texts: [
      {
        language: 'el',
        title: 'Κινητή μονάδα για παιδιά που εργάζονται στον δρόμο',
        summary: 'Κοινωνικοί λειτουργοί συναντούν παιδιά που πουλάνε ή ζητιανεύουν στα φανάρια της Αθήνας και της Θεσσαλονίκης.',
        body:
          'Η μονάδα προσφέρει φαγητό, ιατρική φροντίδα και επαφή με την οικογένεια. Όταν υπάρχουν ενδείξεις παιδικής εργασίας ή εκμετάλλευσης, ενημερώνεται η εισαγγελία. ' +
          'Τα παιδιά παραπέμπονται σε δομές εκπαίδευσης και οι γονείς σε υπηρεσίες απασχόλησης.',
      },
      {
        language: 'en',
        title: 'Mobile unit for children working on the street',
        summary: 'Social workers meet children who sell goods or beg at traffic lights in Athens and Thessaloniki.',
        body:
          'The unit offers food, medical care and contact with the family. Where there are signs of child labour or exploitation, the prosecutor is informed. ' +
          'Children are referred to education services and parents to employment services.',
      },
    ],
  },
  {
    key: 'D07',
    themes: ['identification-and-referral', 'return-and-reintegration'],
    countries: ['AL'],
    targetGroups: ['professionals'],
    evidence: 'best',
    alertKinds: ['SUSPECTED_TRAFFICKING'],
    texts: [
      {
        language: 'sq',
        title: 'Rrjeti i referimit për fëmijët viktima të trafikimit',
        summary: 'Punonjësit e mbrojtjes së fëmijëve në bashki identifikojnë dhe referojnë fëmijët e trafikuar te shërbimet e strehimit dhe riintegrimit.',
        body:
          'Protokolli përcakton rolet e policisë, shkollës dhe shërbimit social. Çdo fëmijë merr një plan individual mbrojtjeje brenda 72 orëve. ' +
          'Zbatohet në Tiranë, Shkodër dhe Elbasan, me mbështetjen e UNICEF.',
      },
    ],
  },
  {
    key: 'D08',
    themes: ['forced-begging', 'prevention-awareness'],
    countries: ['XK'],
    targetGroups: ['street-connected-children', 'roma-children', 'parents'],
    evidence: 'emergent',
    alertKinds: ['FORCED_BEGGING'],
    texts: [
      {
        language: 'sq',
        title: 'Parandalimi i lypjes së detyruar të fëmijëve',
        summary: 'Ekipet në terren takojnë fëmijët që lypin në rrugë dhe familjet e tyre, dhe i regjistrojnë fëmijët në shkollë.',
        body:
          'Punonjësit socialë vizitojnë familjet çdo javë dhe ofrojnë ndihmë ekonomike kur fëmijët ndjekin mësimin. ' +
          'Policia dhe qendrat për punë sociale në Prishtinë dhe Prizren ndajnë informacionin për rastet e shfrytëzimit.',
      },
    ],
  },
  {
    key: 'D09',
    themes: ['victim-assistance-and-shelter', 'trafficking-sexual-exploitation'],
    countries: ['BG'],
    targetGroups: ['girls', 'boys'],
    evidence: 'documented',
    alertKinds: ['SUSPECTED_TRAFFICKING', 'SEXUAL_EXPLOITATION'],
    texts: [
      {
        language: 'bg',
        title: 'Кризисен център за деца, пострадали от трафик',
        summary: 'Настаняване до шест месеца, психологическа и правна помощ за деца, жертви на трафик на хора и насилие.',
        body:
          'Центърът работи с отделите за закрила на детето и с прокуратурата. Децата получават индивидуален план за възстановяване и продължават училище. ' +
          'Практиката е описана в наръчник за социални работници.',
      },
    ],
  },
  {
    key: 'D10',
    themes: ['child-marriage', 'prevention-awareness'],
    countries: ['BG'],
    targetGroups: ['roma-children', 'girls', 'parents'],
    evidence: 'emergent',
    alertKinds: ['FORCED_MARRIAGE'],
    texts: [
      {
        language: 'bg',
        title: 'Превенция на ранните бракове в ромските общности',
        summary: 'Здравни медиатори и ромски младежи разговарят с родители и момичета за образованието и рисковете от ранен брак.',
        body:
          'Срещите се провеждат в читалища и училища в Сливен и Пловдив. Момичетата, които продължават образованието си, получават стипендия и наставник. ' +
          'Медиаторите насочват семействата към отдела за закрила на детето, когато има риск от принудителен брак.',
      },
    ],
  },
  {
    key: 'D11',
    themes: ['online-sexual-exploitation', 'prevention-awareness'],
    countries: ['HR'],
    targetGroups: ['parents', 'age-12-17'],
    evidence: 'promising',
    alertKinds: ['SEXUAL_EXPLOITATION'],
    texts: [
      {
        language: 'hr',
        title: 'Zaštita djece od seksualnog iskorištavanja na internetu',
        summary: 'Radionice za roditelje i učenike o mamljenju djece putem društvenih mreža i o prijavi nezakonitog sadržaja.',
        body:
          'Policijski službenici i psiholozi vode radionice u školama u Zagrebu, Splitu i Osijeku. Roditelji uče kako razgovarati s djetetom o sigurnosti na mreži. ' +
          'Prijave se šalju nacionalnoj liniji, a djeca žrtve upućuju se na savjetovanje.',
      },
    ],
  },
  {
    key: 'D12',
    themes: ['missing-children'],
    countries: ['BA'],
    targetGroups: ['parents', 'professionals'],
    evidence: 'documented',
    alertKinds: ['MISSING_CHILD'],
    texts: [
      {
        language: 'bs',
        title: 'Dežurna linija za nestalu djecu 116 000',
        summary: 'Porodice i profesionalci prijavljuju nestanak djeteta, a linija odmah obavještava policiju i centre za socijalni rad.',
        body:
          'Linija radi svaki dan i noć. Savjetnici vode porodicu kroz prve sate nakon nestanka i prate slučaj dok dijete ne bude pronađeno. ' +
          'Kada dijete pređe granicu, linija kontaktira službe u susjednim državama.',
      },
    ],
  },
  {
    key: 'D13',
    themes: ['return-and-reintegration', 'family-tracing-and-reunification'],
    countries: ['ME'],
    targetGroups: ['migrant-children', 'parents'],
    evidence: 'emergent',
    alertKinds: ['UNACCOMPANIED_MINOR'],
    texts: [
      {
        language: 'cnr',
        title: 'Povratak i reintegracija đece vraćene iz inostranstva',
        summary: 'Centri za socijalni rad pripremaju povratak đeteta porodici, upis u školu i zdravstvenu zaštitu prije nego što dijete stigne.',
        body:
          'Socijalni radnik upoznaje porodicu, procjenjuje rizike i sa đetetom pravi plan za prvih šest mjeseci. ' +
          'Program sprovode opštine Podgorica, Nikšić i Bijelo Polje, uz podršku međunarodnih organizacija.',
      },
    ],
  },
  {
    key: 'D14',
    themes: ['prevention-awareness', 'trafficking-sexual-exploitation'],
    countries: ['MK', 'RS'],
    targetGroups: ['roma-children', 'parents'],
    evidence: 'emergent',
    alertKinds: ['SUSPECTED_TRAFFICKING'],
    texts: [
      {
        language: 'rom',
        title: 'Programa vaś o arakhipe e čhavengo taro trafikingo ande romane komunitetura',
        summary: 'Romane medijatora siklaren e dajen thaj e dadesen sar te pindžaren e hohavne ponude bućake avrijal.',
        body:
          'Ande sakova kher keren pe vakeripa e familijasa. E čhave džan ande škola thaj len pomoć palo siklipe. ' +
          'O programo kerdo ando Skopje, ande Šuto Orizari thaj ando Niš.',
      },
    ],
  },
  {
    key: 'D15',
    themes: ['unaccompanied-and-separated-children', 'identification-and-referral'],
    countries: ['FR'],
    targetGroups: ['migrant-children'],
    evidence: 'documented',
    alertKinds: ['UNACCOMPANIED_MINOR', 'SUSPECTED_TRAFFICKING'],
    texts: [
      {
        language: 'fr',
        title: 'Accueil des mineurs non accompagnés à Paris',
        summary: 'Mise à l’abri, évaluation de la minorité et orientation vers l’aide sociale à l’enfance des mineurs isolés venus par la route des Balkans.',
        body:
          'Des éducateurs et des interprètes en albanais, en arabe et en roumain accompagnent chaque jeune. Les signes de traite des êtres humains, de travail forcé ou de délinquance forcée sont recherchés dès le premier entretien. ' +
          'Le service travaille avec le parquet des mineurs et les associations spécialisées.',
      },
    ],
  },
  {
    key: 'D16',
    themes: ['forced-criminality', 'victim-assistance-and-shelter'],
    countries: ['FR', 'RO'],
    targetGroups: ['boys', 'age-12-17'],
    evidence: 'promising',
    alertKinds: ['FORCED_CRIMINALITY'],
    texts: [
      {
        language: 'fr',
        title: 'Protéger les enfants contraints à commettre des délits',
        summary: 'Les enfants exploités pour voler ou vendre de la drogue sont traités comme des victimes de la traite et non comme des délinquants.',
        body:
          'Les magistrats, la police et les éducateurs partagent une grille d’indicateurs de contrainte. Les enfants sont placés loin du réseau et suivis par un éducateur référent. ' +
          'Une coopération avec la Roumanie permet de retrouver les familles.',
      },
      {
        language: 'ro',
        title: 'Protecția copiilor constrânși să comită infracțiuni',
        summary: 'Copiii exploatați pentru furt sau vânzare de droguri sunt tratați ca victime ale traficului, nu ca infractori.',
        body:
          'Magistrații, poliția și educatorii folosesc aceeași listă de indicatori de constrângere. Copiii sunt plasați departe de rețea și urmăriți de un educator. ' +
          'Cooperarea cu Franța ajută la găsirea familiilor.',
      },
    ],
  },
  {
    key: 'D17',
    themes: ['family-tracing-and-reunification', 'unaccompanied-and-separated-children'],
    countries: ['GR', 'MK', 'RS'],
    targetGroups: ['migrant-children'],
    evidence: 'promising',
    alertKinds: ['UNACCOMPANIED_MINOR', 'MISSING_CHILD'],
    texts: [
      {
        language: 'en',
        title: 'Family tracing and reunification for separated children on the Balkan route',
        summary: 'Caseworkers trace the parents and relatives of separated children and prepare a safe reunification across borders.',
        body:
          'Tracing starts within a week of registration and uses the Red Cross network, phone contacts and the child’s own account. ' +
          'A best-interests assessment is done before any reunification. Guardians in Greece, North Macedonia and Serbia share one case file format.',
      },
    ],
  },
  {
    key: 'D18',
    themes: ['data-protection'],
    countries: ['HR', 'RS', 'AL'],
    targetGroups: ['professionals'],
    evidence: 'documented',
    alertKinds: [],
    texts: [
      {
        language: 'en',
        title: 'Data protection rules for case files of child victims',
        summary: 'What a case file may hold, who may read it and for how long it is kept, in line with the GDPR.',
        body:
          'Only the caseworker and their supervisor read a child’s full file; every access is logged. Files are erased five years after the case is closed. ' +
          'Photographs of children are never shared by e-mail or messaging apps.',
      },
    ],
  },
  {
    key: 'D19',
    themes: ['return-and-reintegration'],
    countries: ['MD'],
    targetGroups: ['children-in-institutions', 'parents'],
    evidence: 'promising',
    alertKinds: ['UNACCOMPANIED_MINOR'],
    texts: [
      {
        language: 'ro',
        title: 'Reintegrarea copiilor întorși din străinătate în Republica Moldova',
        summary: 'Asistenții sociali comunitari pregătesc întoarcerea copilului în familie și îl însoțesc în primul an.',
        body:
          'Copiii rămași fără îngrijire părintească sau întorși singuri din străinătate primesc un plan de reintegrare, sprijin școlar și consiliere. ' +
          'Familiile sunt ajutate să găsească un loc de muncă pentru ca părinții să nu plece din nou.',
      },
    ],
  },
  {
    key: 'D20',
    themes: ['child-participation', 'prevention-awareness'],
    countries: ['MK'],
    targetGroups: ['age-12-17'],
    evidence: 'emergent',
    alertKinds: [],
    texts: [
      {
        language: 'mk',
        title: 'Детски совет за безбедност на интернет',
        summary: 'Учениците сами подготвуваат кампањи за своите врсници за безбедно користење на социјалните мрежи.',
        body:
          'Советот се состанува секој месец во општината и ги претставува предлозите пред градоначалникот. ' +
          'Децата учествуваат и во изработката на упатства за наставниците.',
      },
      {
        language: 'sq',
        title: 'Këshilli i fëmijëve për sigurinë në internet',
        summary: 'Nxënësit përgatitin vetë fushata për moshatarët e tyre për përdorimin e sigurt të rrjeteve sociale.',
        body:
          'Këshilli mblidhet çdo muaj në komunë dhe ia paraqet propozimet kryetarit. ' +
          'Fëmijët marrin pjesë edhe në hartimin e udhëzimeve për mësuesit.',
      },
    ],
  },
];
