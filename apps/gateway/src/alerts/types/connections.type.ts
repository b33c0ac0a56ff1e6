import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../graphql/relay-connection';
import { AlertObject } from './alert.type';
import { IdentityReadObject } from './identity-read.type';

@ObjectType('AlertConnection')
export class AlertConnection extends ConnectionType(AlertObject, 'Alert') {}

@ObjectType('IdentityReadConnection')
export class IdentityReadConnection extends ConnectionType(IdentityReadObject, 'IdentityRead') {}
