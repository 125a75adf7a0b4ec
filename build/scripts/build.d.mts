import type { BuildOptions } from 'esbuild';
export type Bundle = { entry: string; outfile: string; format: 'esm' | 'cjs'; packaged: boolean; external?: string[] };
export const bundles: Bundle[];
export function bundleOptions(bundle: Bundle): BuildOptions;
export const copiedFiles: { from: string; to: string }[];
export function buildAll(options?: { quiet?: boolean }): Promise<void>;
export function buildCli(): Promise<void>;
