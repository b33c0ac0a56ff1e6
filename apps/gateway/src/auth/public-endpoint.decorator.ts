/**
 * Marks a handler that answers without an access token. Only the process probes
 * (`/health`, `/ready`) use it: nothing that returns CPX data may.
 */
import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ENDPOINT = 'cpx:public-endpoint';

export const PublicEndpoint = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ENDPOINT, true);
