import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../graphql/relay-connection';
import { AgencyObject } from './agency.type';
import { ProfessionalObject } from './professional.type';

@ObjectType('AgencyConnection')
export class AgencyConnection extends ConnectionType(AgencyObject, 'Agency') {}

@ObjectType('ProfessionalConnection')
export class ProfessionalConnection extends ConnectionType(ProfessionalObject, 'Professional') {}
