/**
 * The tables every test of the name guard reads: texts that name a child (each must be
 * refused, whatever field it is typed in) and texts that only contain common words (each
 * must be accepted). The library's own tests, the gateway's and the alerts service's use
 * the same rows, so a spelling added here is tried everywhere.
 */

export const MARKO = ['Marko', 'Jovanović'];
export const MARKO_CYRILLIC = ['Марко', 'Јовановић'];
export const GIORGOS = ['Γιώργος', 'Παπαδόπουλος'];
export const HRISTO = ['Христо', 'Стоичков'];
export const GJORGJI = ['Ѓорѓи', 'Трајковски'];
export const ARDIT = ['Ardit', 'Hoxha'];
export const STEFAN = ['Ştefan', 'Ţurcanu'];
export const IGOR = ['Игорь', 'Щербаков'];
export const DRITA = ['Drita'];
export const PETAR = ['Petar'];

/** [the child's names, a text that names the child] */
export const HOSTILE_TEXTS: [string[], string][] = [
  [MARKO, 'Marko missing'],
  [MARKO, 'Mar\u200Bko missing'],
  [MARKO, 'Mar\u00ADko missing'],
  [MARKO, 'Mar\u2060ko missing'],
  [MARKO, 'Mar\uFEFFko missing'],
  [MARKO, 'Mar\u200Dko missing'],
  [MARKO, 'Traži se Marka Jovanovića'],
  [MARKO, 'Razgovarali smo sa Markom'],
  [MARKO, 'Markova majka je zvala'],
  [MARKO, 'Pismo Jovanoviću'],
  [MARKO, 'JOVANOVIC family informed'],
  [MARKO, 'Yovanovich seen in Lyon'],
  [MARKO, 'Марко Јовановић нестао'],
  [MARKO, 'Тражи се Марка'],
  [MARKO_CYRILLIC, 'Marko Jovanović found safe in Lyon'],
  [MARKO_CYRILLIC, 'Traži se Marka Jovanovića'],
  [MARKO_CYRILLIC, 'Jovanovic'],
  [MARKO, 'M\u0430rko missing'], // Cyrillic а
  [MARKO, 'Jovanovi\u0441 missing'], // Cyrillic с
  [MARKO, '\u039C\u0391RKO missing'], // Greek Μ and Α
  [MARKO, 'Mark0 seen at the station'],
  [MARKO_CYRILLIC, 'Map\u043Ao seen'], // Latin M, a, p, o and a Cyrillic к: read as Cyrillic, Марко
  [GIORGOS, 'Γιώpγος'], // Latin p
  [MARKO, 'M.a.r.k.o seen'],
  [MARKO, 'M-a-r-k-o seen'],
  [MARKO, 'M a r k o seen'],
  [MARKO, 'Mar-ko seen'],
  [MARKO, 'Mar ko seen'],
  [MARKO, 'Jovano vić seen'],
  [MARKO, '#MarkoJovanović'],
  [MARKO, 'markojovanovic@example.org wrote'],
  [MARKO, 'jovanovicmarko'],
  [MARKO, 'marko.jovanovic@example.org'],
  [MARKO, '\uFF2D\uFF41\uFF52\uFF4B\uFF4F missing'], // full-width
  [MARKO, '\u{1D40C}\u{1D41A}\u{1D42B}\u{1D424}\u{1D428} missing'], // mathematical bold
  [MARKO, 'Mar\u0301ko missing'],
  [GIORGOS, 'Giorgos Papadopoulos'],
  [GIORGOS, 'Το κινητό του Γιώργου'],
  [GIORGOS, 'Yorgos seen in Thessaloniki'],
  [GIORGOS, 'ΠΑΠΑΔΟΠΟΥΛΟΣ'],
  [GIORGOS, 'Papadopoulou'],
  [['Giorgos', 'Papadopoulos'], 'Ο Γιώργος εθεάθη'],
  [['Γιάννης'], 'Μιλήσαμε με τον Γιάννη'],
  [['Ανδρέας'], 'Andreas missing'],
  [HRISTO, 'Hristo Stoichkov'],
  [HRISTO, 'Stoičkov'],
  [['Hristo', 'Stoichkov'], 'Христо е изчезнал'],
  [GJORGJI, 'Gjorgji Trajkovski'],
  [GJORGJI, 'Ǵorǵi Trajkovski'],
  [GJORGJI, 'Trajkovskog'],
  [ARDIT, 'Arditi u zhduk'],
  [ARDIT, 'Babai i Hoxhës'],
  [ARDIT, 'Ардит'],
  [DRITA, 'Nëna e Dritës'],
  [STEFAN, 'Ștefan Țurcanu a dispărut'],
  [STEFAN, 'Stefan Turcanu'],
  [STEFAN, 'mama lui Turcanului'],
  [IGOR, 'Igor Shcherbakov'],
  [IGOR, 'Igor'],
  [['Igor'], 'Игорь'],
  [PETAR, 'Traži se Petra'],
  [PETAR, 'Razgovor s Petrom'],
  [['Ljubica'], 'LJUBICA'],
  [['Ljubica'], 'Ljubicu je neko video'],
  [['Ana Marija'], 'Marija missing'],
  [['Ana-Marija'], 'Ana missing'],
];

/** [the child's names, a text that merely contains a common word] */
export const INNOCENT_TEXTS: [string[], string][] = [
  [MARKO, 'Boy missing after leaving a shelter in Belgrade'],
  [MARKO, 'The market near the station'],
  [MARKO, 'marketing, Markovac, Denmark'],
  [MARKO, 'Dečak je viđen na autobuskoj stanici, u društvu odraslog muškarca.'],
  [MARKO, 'Мальчик пропал после того, как покинул приют'],
  [MARKO, 'Το παιδί εθεάθη στη Θεσσαλονίκη'],
  [MARKO, 'Djali u pa në stacionin e autobusit'],
  [MARKO, 'Băiatul a fost văzut în gară'],
  [MARKO, 'Čhavo dikhlo ando foro'],
  [MARKO, 'Jovan and Ivanović are other families'],
  [MARKO, 'Markovac-Jovanovac road'],
  [['Ana'], 'analysis of a banana from Anatolia'],
  [['Ana'], 'Băiatul are 12 ani'],
  [['Ana'], 'a na sreću je pronađen'],
  [['Ana'], 'Ane, anu, anom'],
  [['Ivo'], 'Iva and Ivanka'],
  [['Nina'], 'She is nine years old'],
  [['Mila'], 'Seen 20 miles from Lyon'],
  [['Dana'], 'Viđena danas u Nišu, pre dva dani'],
  [['Al', 'Li'], 'Al and Li are too short to guard'],
  [GIORGOS, 'Georgia and the Georgian border'],
  [GIORGOS, 'Παιδί χάθηκε'],
  [HRISTO, 'Христос Анести'],
  [ARDIT, 'Arti i të folurit'],
  [STEFAN, 'Turcia și Ungaria'],
  [IGOR, 'Igra u parku'],
  [PETAR, 'Peta ulica, pet dana'],
];
