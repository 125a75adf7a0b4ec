import type { FuseV1Config } from '@electron/fuses';
export const fuseConfig: FuseV1Config<boolean>;
