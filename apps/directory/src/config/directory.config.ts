/** The directory service's configuration: only what the platform needs, for now. */
import { PlatformConfig } from '@cpx/platform';

export class DirectoryConfig extends PlatformConfig {}
