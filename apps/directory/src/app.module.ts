import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule } from '@cpx/platform';
import { AgenciesHandler } from './agencies/agencies.handler';
import { GetAgencyUseCase } from './agencies/get-agency.usecase';
import { RegisterAgencyUseCase } from './agencies/register-agency.usecase';
import { SearchAgenciesUseCase } from './agencies/search-agencies.usecase';
import { UpdateAgencyUseCase } from './agencies/update-agency.usecase';
import type { DirectoryConfig } from './config/directory.config';
import { CountriesHandler } from './countries/countries.handler';
import { ListCountriesUseCase } from './countries/list-countries.usecase';
import { RegisterCountryUseCase } from './countries/register-country.usecase';
import { CreateDirectory1764370000100 } from './database/migrations/1764370000100-create-directory';
import { ReindexSearch1764370000800 } from './database/migrations/1764370000800-reindex-search';
import { CancelledShifts1764370000900 } from './database/migrations/1764370000900-cancelled-shifts';
import { ReindexSearchNamesLibrary1765200000300 } from './database/migrations/1765200000300-reindex-search-names-library';
import { AssignFocalPointUseCase } from './focal-points/assign-focal-point.usecase';
import { ContactPointsHandler } from './focal-points/contact-points.handler';
import { EndOnDutyUseCase } from './focal-points/end-on-duty.usecase';
import { ListFocalPointsUseCase } from './focal-points/list-focal-points.usecase';
import { RemoveFocalPointUseCase } from './focal-points/remove-focal-point.usecase';
import { ScheduleOnDutyUseCase } from './focal-points/schedule-on-duty.usecase';
import { WhomToContactUseCase } from './focal-points/whom-to-contact.usecase';
import { HealthHandler } from './health/health.handler';
import { GetCallerUseCase } from './professionals/get-caller.usecase';
import { GetProfessionalUseCase } from './professionals/get-professional.usecase';
import { ProfessionalsHandler } from './professionals/professionals.handler';
import { RegisterProfessionalUseCase } from './professionals/register-professional.usecase';
import { ReinstateProfessionalUseCase } from './professionals/reinstate-professional.usecase';
import { SearchProfessionalsUseCase } from './professionals/search-professionals.usecase';
import { SuspendProfessionalUseCase } from './professionals/suspend-professional.usecase';
import { UpdateProfessionalUseCase } from './professionals/update-professional.usecase';
import { VerifyProfessionalUseCase } from './professionals/verify-professional.usecase';

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
          // No entities (ADR 13): the tables are the migrations', the SQL the stores'.
          entities: [],
          migrations: DIRECTORY_MIGRATIONS,
        }),
      ],
      controllers: [AgenciesHandler, ProfessionalsHandler, ContactPointsHandler, CountriesHandler, HealthHandler],
      providers: [
        RegisterAgencyUseCase,
        UpdateAgencyUseCase,
        GetAgencyUseCase,
        SearchAgenciesUseCase,
        RegisterProfessionalUseCase,
        UpdateProfessionalUseCase,
        GetProfessionalUseCase,
        GetCallerUseCase,
        VerifyProfessionalUseCase,
        SuspendProfessionalUseCase,
        ReinstateProfessionalUseCase,
        SearchProfessionalsUseCase,
        AssignFocalPointUseCase,
        RemoveFocalPointUseCase,
        ListFocalPointsUseCase,
        ScheduleOnDutyUseCase,
        EndOnDutyUseCase,
        WhomToContactUseCase,
        ListCountriesUseCase,
        RegisterCountryUseCase,
      ],
    };
  }
}
