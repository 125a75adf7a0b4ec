// electron-builder's afterPack hook (build/electron-builder.json): flips the fuses before the app
// is signed, so the signature covers them.
import { fuseConfig } from './fuses.mjs';

export default async function afterPack(context) {
  await context.packager.addElectronFuses(context, fuseConfig);
}
