export function buildAll(options?: { quiet?: boolean }): Promise<void>;
export function buildCli(): Promise<void>;
