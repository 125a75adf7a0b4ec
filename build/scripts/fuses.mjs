// The packaged app's Electron fuses: switches compiled into the binary that no environment
// variable or argument can turn back on. The app needs none of what is turned off: its helpers run
// in utility processes or through its own binary (electron/main/launchMode.ts), never as Node.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export const fuseConfig = {
  version: FuseVersion.V1,
  // A fuse newer than this list keeps Electron's default rather than failing the build.
  strictlyRequireAllFuses: false,
  // Flipping fuses invalidates the ad-hoc signature of an unsigned arm64 macOS build.
  resetAdHocDarwinSignature: process.platform === 'darwin',
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node for anyone.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS (--require, --import) would load any code into the app at start.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let any local process drive the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app is loaded from app.asar only, and the archive must match the hash signed into the binary.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The app stores no cookies of value; on keeps Chromium's default on every platform.
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served on app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};
