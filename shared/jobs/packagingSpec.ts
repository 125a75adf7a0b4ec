import { z } from 'zod';
import { hasControlCharacter } from '../security/controlCharacters';

/** How the job's Python runs: the cluster's own, a cached venv of the project's dependencies, or that venv plus the project built as a wheel. */
export const pythonEnvironments = ['system', 'venv', 'wheel'] as const;
export type PythonEnvironment = (typeof pythonEnvironments)[number];

export const containerRuntimes = ['apptainer', 'singularity', 'pyxis', 'podman'] as const;
export type ContainerRuntime = (typeof containerRuntimes)[number];

const ProjectPathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), 'A path inside the project is relative and has no ".." parts')
  .refine((path) => !hasControlCharacter(path), 'A path inside the project has no control characters');

/**
 * An image: a registry reference (`docker://…`, `python:3.11`, `localhost/name:tag`, `nvcr.io#…`
 * for enroot) or a file on the cluster (`/…/image.sif`, `~/….sqsh`). Nothing a shell could split;
 * it is quoted anyway.
 */
export const ContainerImageSchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[A-Za-z0-9~/][A-Za-z0-9_.:/#@+~-]*$/, 'An image is a reference like docker://python:3.11, localhost/name:tag or a path like /images/app.sif');

export const ContainerSchema = z.strictObject({
  runtime: z.enum(containerRuntimes, 'runtime is one of apptainer, singularity, pyxis, podman'),
  image: ContainerImageSchema,
});
export type ContainerSpec = z.infer<typeof ContainerSchema>;

/**
 * What travels with the job and what it runs in. Everything here is decided on this computer
 * from the project folder, and the job script only reuses or builds what that decided.
 */
export const PackagingSchema = z
  .strictObject({
    /** gitignore-style patterns left out of the upload, on top of the project's own .gitignore files. */
    exclude: z.array(z.string().min(1).max(512)).max(500).default([]),
    python: z.enum(pythonEnvironments, 'python is one of system, venv, wheel').default('system'),
    /** requirements.txt or pyproject.toml in the project; found by itself when absent. */
    requirements: ProjectPathSchema.optional(),
    /** A folder of wheels in the project: dependencies are installed from it alone (offline sites). */
    wheelhouse: ProjectPathSchema.optional(),
    container: ContainerSchema.optional(),
  })
  .refine((packaging) => !(packaging.container && packaging.python !== 'system'), {
    message: 'A container brings its own Python: use python = "system" with a container',
    path: ['python'],
  });
export type PackagingSpec = z.infer<typeof PackagingSchema>;
