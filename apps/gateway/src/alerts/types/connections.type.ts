import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../graphql/relay-connection';
import { AlertObject } from './alert.type';

@ObjectType('AlertConnection')
export class AlertConnection extends ConnectionType(AlertObject, 'Alert') {}
