/** The directory's part of the public schema: resolvers that forward to the directory service, and `me` (the caller as the directory knows them). */
import { Module } from '@nestjs/common';
import { AgencyResolver } from './resolvers/agency.resolver';
import { CountryResolver } from './resolvers/country.resolver';
import { FocalPointResolver } from './resolvers/focal-point.resolver';
import { MeResolver } from './resolvers/me.resolver';
import { OnDutyResolver } from './resolvers/on-duty.resolver';
import { ProfessionalResolver } from './resolvers/professional.resolver';

@Module({
  providers: [AgencyResolver, ProfessionalResolver, FocalPointResolver, OnDutyResolver, CountryResolver, MeResolver],
})
export class DirectoryModule {}
