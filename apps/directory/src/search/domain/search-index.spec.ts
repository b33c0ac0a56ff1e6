import { searchKey, searchPatterns } from '@cpx/names';
import { agencySearchText, professionalSearchColumns } from './search-index';

const finds = (stored: string, query: string) => searchPatterns(query).some((pattern) => stored.includes(pattern));

describe('what search reads of a record', () => {
  it('finds an agency by its name, locality and jurisdiction, in any script', () => {
    const text = agencySearchText({ name: 'Центар за социјални рад', locality: 'Ниш', jurisdiction: 'Нишавски округ' });
    for (const query of ['centar za socijalni', 'Niš', 'Nisavski okrug', 'нишавски']) expect(finds(text, query)).toBe(true);
  });

  it('finds a professional by names and expertise, and keys each area of expertise whole', () => {
    const columns = professionalSearchColumns({ givenName: 'Ђорђе', familyName: 'Жечев', expertise: ['Трговина људима', 'trgovina ljudima', 'Roma communities'] });
    for (const query of ['Djordje Zhechev', 'Đorđe Žečev', 'трговина']) expect(finds(columns.searchText, query)).toBe(true);
    expect(columns.expertiseKeys).toEqual([searchKey('trgovina ljudima'), searchKey('roma communities')]);
    expect(columns.expertiseKeys).toContain(searchKey('TRGOVINA LJUDIMA'));
  });
});
