import { z } from 'zod';
import { ContainerImageSchema, containerRuntimes, pythonEnvironments, type PackagingSpec } from '../jobs/packagingSpec';

/**
 * A Slurmfile's `[packaging]` table. Slurm Desk's keys (`python`, `exclude`, `requirements`,
 * `wheelhouse`, `container`) and the Python SDK's (`type = "none" | "wheel" | "container"`,
 * `image`, `python_version`). The SDK's other keys (how it builds and pushes an image here:
 * `dockerfile`, `runtime`, `registry`, …) load, with a warning that they are not used.
 */
export const SlurmfilePackagingSchema = z
  .object({
    python: z.enum(pythonEnvironments, 'python is one of system, venv, wheel').optional(),
    exclude: z.array(z.string().min(1).max(512)).max(500).optional(),
    requirements: z.string().min(1).max(1024).optional(),
    wheelhouse: z.string().min(1).max(1024).optional(),
    container: z.strictObject({ runtime: z.enum(containerRuntimes, 'runtime is one of apptainer, singularity, pyxis, podman'), image: ContainerImageSchema }).optional(),
    type: z.enum(['none', 'wheel', 'container', 'inherit'], 'type is one of none, wheel, container').optional(),
    image: ContainerImageSchema.optional(),
    python_version: z.string().regex(/^3\.\d{1,2}$/, 'python_version looks like 3.11').optional(),
  })
  .catchall(z.unknown());
export type SlurmfilePackaging = z.infer<typeof SlurmfilePackagingSchema>;

const usedKeys = new Set(['python', 'exclude', 'requirements', 'wheelhouse', 'container', 'type', 'image', 'python_version']);

/**
 * The job spec's packaging for a table: the SDK's `type = "wheel"` is `python = "wheel"`, its
 * `type = "container"` with `image` runs under Pyxis (the SDK's launch path) unless `container`
 * names another runtime; `python_version = "3.9"` makes the interpreter python3.9.
 */
export function packagingFromTable(table: SlurmfilePackaging): { packaging: Partial<PackagingSpec>; interpreter: string | null; unused: string[] } {
  const python = table.python ?? (table.type === 'wheel' ? 'wheel' : 'system');
  const container = table.container ?? (table.type === 'container' && table.image ? { runtime: 'pyxis' as const, image: table.image } : undefined);
  const packaging: Partial<PackagingSpec> = {
    python,
    ...(table.exclude ? { exclude: table.exclude } : {}),
    ...(table.requirements ? { requirements: table.requirements } : {}),
    ...(table.wheelhouse ? { wheelhouse: table.wheelhouse } : {}),
    ...(container ? { container } : {}),
  };
  return {
    packaging,
    interpreter: table.python_version ? `python${table.python_version}` : null,
    unused: Object.keys(table).filter((key) => !usedKeys.has(key)),
  };
}
