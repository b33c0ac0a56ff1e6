/** Whom to contact in which country, about which kind of alert, at which instant (now when not given). */
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { DirectoryRequest } from '../directory-request';
import { requireCountry, requireKind } from './contact-point-fields';

export class WhomToContactCommand {
  private constructor(
    readonly country: string,
    readonly alertKind: string,
    readonly at: Date,
  ) {}

  static from(request: DirectoryRequest<'whomToContact'>): WhomToContactCommand {
    return new WhomToContactCommand(
      requireCountry(request.country, 'country'),
      requireKind(request.alertKind, 'alertKind'),
      request.at ? timestampDate(request.at) : new Date(),
    );
  }
}
