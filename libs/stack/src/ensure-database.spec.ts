import { databaseUrl } from './ensure-database';

describe('databaseUrl', () => {
  it('points a server URL at one database, keeping credentials and options', () => {
    expect(databaseUrl('postgres://postgres:pw@127.0.0.1:5433/postgres?sslmode=disable', 'alerts')).toBe(
      'postgres://postgres:pw@127.0.0.1:5433/alerts?sslmode=disable',
    );
  });

  it('adds the database to a URL without one', () => {
    expect(databaseUrl('postgres://postgres@127.0.0.1:5432', 'directory')).toBe('postgres://postgres@127.0.0.1:5432/directory');
  });
});
