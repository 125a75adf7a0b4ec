export default function afterPack(context: { packager: { addElectronFuses(context: unknown, fuses: unknown): Promise<unknown> } }): Promise<void>;
