import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule } from '@cpx/platform';
import { AgenciesHandler } from './agencies/agencies.handler';
import { AgencyEntity } from './agencies/agency.entity';
import { FindAgenciesUseCase } from './agencies/find-agencies.usecase';
import { RegisterAgencyUseCase } from './agencies/register-agency.usecase';
import { UpdateAgencyUseCase } from './agencies/update-agency.usecase';
import type { DirectoryConfig } from './config/directory.config';
import { CountriesHandler } from './countries/countries.handler';
import { CountryEntity } from './countries/country.entity';
import { RegisterCountryUseCase } from './countries/register-country.usecase';
import { CreateDirectory1764370000100 } from './database/migrations/1764370000100-create-directory';
import { ReindexSearch1764370000800 } from './database/migrations/1764370000800-reindex-search';
import { CancelledShifts1764370000900 } from './database/migrations/1764370000900-cancelled-shifts';
import { ReindexSearchNamesLibrary1765200000300 } from './database/migrations/1765200000300-reindex-search-names-library';
import { ContactPointsHandler } from './focal-points/contact-points.handler';
import { EndOnDutyUseCase } from './focal-points/end-on-duty.usecase';
import { FocalPointEntity, OnDutyShiftEntity } from './focal-points/focal-point.entity';
import { NameContactPointsUseCase } from './focal-points/name-contact-points.usecase';
import { WhomToContactUseCase } from './focal-points/whom-to-contact.usecase';
import { HealthHandler } from './health/health.handler';
import { ChangeProfessionalStatusUseCase } from './professionals/change-professional-status.usecase';
import { FindProfessionalsUseCase } from './professionals/find-professionals.usecase';
import { ProfessionalEntity } from './professionals/professional.entity';
import { ProfessionalsHandler } from './professionals/professionals.handler';
import { RegisterProfessionalUseCase } from './professionals/register-professional.usecase';
import { UpdateProfessionalUseCase } from './professionals/update-professional.usecase';

export const DIRECTORY_ENTITIES = [CountryEntity, AgencyEntity, ProfessionalEntity, FocalPointEntity, OnDutyShiftEntity];
export const DIRECTORY_MIGRATIONS = [CreateDirectory1764370000100, ReindexSearch1764370000800, CancelledShifts1764370000900, ReindexSearchNamesLibrary1765200000300];

/** The professional directory: agencies, professionals, focal points and duty rosters. */
@Module({})
export class DirectoryModule {
  static forConfig(config: DirectoryConfig): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'directory',
          config,
          entities: DIRECTORY_ENTITIES,
          migrations: DIRECTORY_MIGRATIONS,
        }),
      ],
      controllers: [AgenciesHandler, ProfessionalsHandler, ContactPointsHandler, CountriesHandler, HealthHandler],
      providers: [
        RegisterAgencyUseCase,
        UpdateAgencyUseCase,
        FindAgenciesUseCase,
        RegisterProfessionalUseCase,
        UpdateProfessionalUseCase,
        ChangeProfessionalStatusUseCase,
        FindProfessionalsUseCase,
        NameContactPointsUseCase,
        WhomToContactUseCase,
        EndOnDutyUseCase,
        RegisterCountryUseCase,
      ],
    };
  }
}
