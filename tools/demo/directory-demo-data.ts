// Demo directory for `npm start`: two plausible agencies in each partner state, with
// invented people (no real person) whose names are written as they would be at home:
// Latin, Cyrillic and Greek. Usernames are what `npm run token -- <username>` takes.
export interface DemoPerson {
  username?: string;
  givenName: string;
  familyName: string;
  role: string;
  languages: string[];
  expertise: string[];
  agencyAdmin?: boolean;
  focalPoint?: boolean;
  onDuty?: boolean;
  verified: boolean;
}

export interface DemoAgency {
  name: string;
  type: string;
  locality: string;
  languages: string[];
  phone: string;
  people: DemoPerson[];
}

const worker = (username: string, givenName: string, familyName: string, languages: string[]): DemoPerson => ({
  username,
  givenName,
  familyName,
  role: 'SOCIAL_WORKER',
  languages: [...languages, 'en'],
  expertise: ['unaccompanied minors', 'family tracing'],
  focalPoint: true,
  verified: true,
});
const admin = (username: string, givenName: string, familyName: string, languages: string[]): DemoPerson => ({
  username,
  givenName,
  familyName,
  role: 'OTHER',
  languages,
  expertise: ['agency administration'],
  agencyAdmin: true,
  verified: true,
});
const officer = (givenName: string, familyName: string, languages: string[]): DemoPerson => ({
  givenName,
  familyName,
  role: 'POLICE_OFFICER',
  languages,
  expertise: ['trafficking in human beings', 'missing children'],
  onDuty: true,
  verified: true,
});
const invitee = (givenName: string, familyName: string, languages: string[]): DemoPerson => ({
  givenName,
  familyName,
  role: 'NGO_CASE_WORKER',
  languages,
  expertise: ['Roma communities', 'street children'],
  verified: false,
});

export const DEMO_DIRECTORY: Record<string, DemoAgency[]> = {
  AL: [
    { name: 'Njësia e Mbrojtjes së Fëmijëve, Tiranë (demo)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Tiranë', languages: ['sq'], phone: '+355 4 000 0001',
      people: [admin('al-admin', 'Elira', 'Dervishi', ['sq']), worker('al-worker', 'Arta', 'Krasniqi', ['sq']), invitee('Besnik', 'Hoxhaj', ['sq', 'rom'])] },
    { name: 'Drejtoria e Policisë, Durrës (demo)', type: 'POLICE', locality: 'Durrës', languages: ['sq'], phone: '+355 52 000 002', people: [officer('Gentian', 'Leka', ['sq', 'it'])] },
  ],
  BA: [
    { name: 'Centar za socijalni rad Sarajevo (demo)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Sarajevo', languages: ['bs', 'hr', 'sr-Latn'], phone: '+387 33 000 001',
      people: [admin('ba-admin', 'Selma', 'Begić', ['bs']), worker('ba-worker', 'Amra', 'Hadžić', ['bs', 'de'])] },
    { name: 'Полицијска управа Бања Лука (демо)', type: 'POLICE', locality: 'Бања Лука', languages: ['sr-Cyrl', 'sr-Latn'], phone: '+387 51 000 002', people: [officer('Драган', 'Ковачевић', ['sr-Cyrl'])] },
  ],
  BG: [
    { name: 'Дирекция „Социално подпомагане“ София (демо)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'София', languages: ['bg'], phone: '+359 2 000 0001',
      people: [admin('bg-admin', 'Десислава', 'Иванова', ['bg']), worker('bg-worker', 'Мария', 'Георгиева', ['bg']), invitee('Асен', 'Маринов', ['bg', 'rom'])] },
    { name: 'Гранична полиция Видин (демо)', type: 'POLICE', locality: 'Видин', languages: ['bg'], phone: '+359 94 000 002', people: [officer('Петър', 'Димитров', ['bg', 'ro'])] },
  ],
  HR: [
    { name: 'Centar za socijalnu skrb Zagreb (demo)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Zagreb', languages: ['hr'], phone: '+385 1 000 0001',
      people: [admin('hr-admin', 'Maja', 'Babić', ['hr']), worker('hr-worker', 'Ivana', 'Horvat', ['hr', 'de'])] },
    { name: 'Policijska uprava vukovarsko-srijemska (demo)', type: 'POLICE', locality: 'Vukovar', languages: ['hr'], phone: '+385 32 000 002', people: [officer('Tomislav', 'Jurić', ['hr'])] },
  ],
  XK: [
    { name: 'Qendra për Punë Sociale Prishtinë (demo)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Prishtinë', languages: ['sq', 'sr-Latn'], phone: '+383 38 000 001',
      people: [admin('xk-admin', 'Vjosa', 'Berisha', ['sq']), worker('xk-worker', 'Blerta', 'Gashi', ['sq', 'sr-Latn'])] },
    { name: 'Shoqata për Fëmijët e Rrugës (demo)', type: 'NGO', locality: 'Prizren', languages: ['sq', 'rom', 'tr'], phone: '+383 29 000 002', people: [officer('Driton', 'Morina', ['sq']), invitee('Sabri', 'Bajrami', ['rom', 'sq'])] },
  ],
  MK: [
    { name: 'Центар за социјална работа Скопје (демо)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Скопје', languages: ['mk', 'sq'], phone: '+389 2 000 0001',
      people: [admin('mk-admin', 'Ана', 'Трајковска', ['mk']), worker('mk-worker', 'Елена', 'Стојановска', ['mk', 'sq'])] },
    { name: 'Сектор за внатрешни работи Гевгелија (демо)', type: 'POLICE', locality: 'Гевгелија', languages: ['mk'], phone: '+389 34 000 002', people: [officer('Горан', 'Ѓорѓиевски', ['mk', 'el'])] },
  ],
  MD: [
    { name: 'Direcția Protecția Drepturilor Copilului Chișinău (demo)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Chișinău', languages: ['ro', 'ru'], phone: '+373 22 000 001',
      people: [admin('md-admin', 'Natalia', 'Ceban', ['ro']), worker('md-worker', 'Ion', 'Rusu', ['ro', 'ru'])] },
    { name: 'Inspectoratul de Poliție Bălți (demo)', type: 'POLICE', locality: 'Bălți', languages: ['ro'], phone: '+373 231 00 002', people: [officer('Vasile', 'Munteanu', ['ro'])] },
  ],
  ME: [
    { name: 'Centar za socijalni rad Podgorica (demo)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Podgorica', languages: ['cnr', 'sr-Latn', 'sq'], phone: '+382 20 000 001',
      people: [admin('me-admin', 'Jelena', 'Radović', ['cnr']), worker('me-worker', 'Milena', 'Vuković', ['cnr', 'sq'])] },
    { name: 'Uprava policije, Bar (demo)', type: 'POLICE', locality: 'Bar', languages: ['cnr'], phone: '+382 30 000 002', people: [officer('Nikola', 'Perović', ['cnr', 'it'])] },
  ],
  RO: [
    { name: 'Direcția Generală de Asistență Socială și Protecția Copilului Timiș (demo)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Timișoara', languages: ['ro', 'hu'], phone: '+40 256 000 001',
      people: [admin('ro-admin', 'Ioana', 'Dumitrescu', ['ro']), worker('ro-worker', 'Andreea', 'Popescu', ['ro', 'fr']), invitee('Florin', 'Stanciu', ['ro', 'rom'])] },
    { name: 'Inspectoratul de Poliție Județean Constanța (demo)', type: 'POLICE', locality: 'Constanța', languages: ['ro'], phone: '+40 241 000 002', people: [officer('Mihai', 'Ionescu', ['ro', 'en'])] },
  ],
  RS: [
    { name: 'Градски центар за социјални рад Београд (демо)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Београд', languages: ['sr-Cyrl', 'sr-Latn'], phone: '+381 11 000 0001',
      people: [admin('rs-admin', 'Јелена', 'Петровић', ['sr-Cyrl']), worker('rs-worker', 'Милица', 'Јовановић', ['sr-Cyrl', 'sr-Latn', 'hu']), invitee('Dejan', 'Nikolić', ['sr-Latn', 'rom'])] },
    { name: 'Полицијска управа Суботица (демо)', type: 'POLICE', locality: 'Суботица', languages: ['sr-Cyrl', 'hu'], phone: '+381 24 000 002', people: [officer('Ђорђе', 'Стаменковић', ['sr-Cyrl', 'hu'])] },
  ],
  GR: [
    { name: 'Κέντρο Κοινωνικής Πρόνοιας Αθήνας (επίδειξη)', type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Αθήνα', languages: ['el'], phone: '+30 210 000 0001',
      people: [admin('gr-admin', 'Σοφία', 'Νικολάου', ['el']), worker('gr-worker', 'Ελένη', 'Παπαδοπούλου', ['el', 'en', 'fr'])] },
    { name: 'Διεύθυνση Αστυνομίας Θεσσαλονίκης (επίδειξη)', type: 'POLICE', locality: 'Θεσσαλονίκη', languages: ['el'], phone: '+30 2310 000 002', people: [officer('Γιώργος', 'Αθανασίου', ['el', 'sq'])] },
  ],
  FR: [
    { name: "Aide sociale à l'enfance de Paris (démo)", type: 'CHILD_PROTECTION_AUTHORITY', locality: 'Paris', languages: ['fr'], phone: '+33 1 00 00 00 01',
      people: [admin('fr-admin', 'Claire', 'Lefèvre', ['fr']), worker('fr-worker', 'Camille', 'Martin', ['fr', 'ro', 'en'])] },
    { name: 'Office central pour la répression de la traite des êtres humains (démo)', type: 'POLICE', locality: 'Nanterre', languages: ['fr'], phone: '+33 1 00 00 00 02', people: [officer('Julien', 'Moreau', ['fr', 'en'])] },
  ],
};

/** Users without an agency: they sign in with a role only. */
export const DEMO_STAFF = [
  { username: 'platform-admin', name: 'Platform Admin (demo)', roles: ['platform_admin'] },
  { username: 'attache', name: 'Regional attaché (demo)', roles: ['curator'] },
  { username: 'auditor', name: 'Data-protection officer (demo)', roles: ['auditor'] },
  // Registered as a feeds partner at seeding; the user's token names the partner's CPX id.
  { username: 'partner-unicef', name: 'UNICEF partner (demo)', roles: ['partner'], partnerName: 'UNICEF Europe and Central Asia (demo)' },
];
