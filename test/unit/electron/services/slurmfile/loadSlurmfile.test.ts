import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment, readSlurmfile } from '../../../../../electron/services/slurmfile/loadSlurmfile';
import { discoverSlurmfile, chooseEnvironment } from '../../../../../electron/services/slurmfile/discoverSlurmfile';
import { templateJobSpec } from '../../../../../electron/services/slurmfile/templateSpec';
import { project } from './slurmfileFixtures';

function load(text: string, environment = 'default', name = 'Slurmfile.toml') {
  const root = project({ [name]: text });
  const source = readSlurmfile(join(root, name));
  return { root, source, ...loadEnvironment(source, environment) };
}

const errors = (problems: { severity: string; where: string; message: string }[]) => problems.filter((entry) => entry.severity === 'error');

describe('reading a Slurmfile', () => {
  it("loads the Python SDK's layout unchanged: backend, backend_config, submit, packaging, callbacks", () => {
    const { environment, problems, root } = load(`
[default.cluster]
backend = "ssh"
job_base_dir = "~/slurm_jobs"

[default.cluster.backend_config]
hostname = "login.example.org"
username = "alice"
port = 2222
look_for_keys = false
allow_agent = true
banner_timeout = 30

[default.packaging]
type = "wheel"
python_version = "3.9"
dockerfile = "Dockerfile"

[default.submit]
account = "research"
partition = "cpu"

[default]
callbacks = ["mypkg.callbacks:LoggerCallback", { target = "mypkg.cb:Slack", args = [], kwargs = { channel = "#jobs" } }]

[local.cluster]
backend = "local"
job_base_dir = "/tmp/slurm_jobs"
`);
    expect(errors(problems)).toEqual([]);
    expect(environment!.config.cluster.backend_config).toMatchObject({ hostname: 'login.example.org', username: 'alice', port: 2222 });
    expect(environment!.config.submit).toEqual({ account: 'research', partition: 'cpu' });
    expect(problems.filter((entry) => entry.severity === 'warning').map((entry) => entry.message)).toEqual([expect.stringContaining('packaging.dockerfile is read for the Python SDK and not used')]);
    expect(environment!.config.packaging).toMatchObject({ type: 'wheel', python_version: '3.9' });
    expect(environment!.config.callbacks).toHaveLength(2);
    expect(root).toBeTruthy();
  });

  it('chooses the environment explicitly, else SLURM_ENV, else default', () => {
    expect(chooseEnvironment('gpu', { SLURM_ENV: 'cpu' })).toBe('gpu');
    expect(chooseEnvironment(undefined, { SLURM_ENV: 'cpu' })).toBe('cpu');
    expect(chooseEnvironment(undefined, {})).toBe('default');
  });

  it('refuses a password anywhere, at its line and column, pointing to the keychain', () => {
    const { environment, problems, source } = load(`[default.cluster]
backend = "ssh"

[default.cluster.backend_config]
hostname = "h.example.org"
  password = "hunter2"
`);
    expect(environment).toBeNull();
    expect(errors(problems)).toEqual([
      expect.objectContaining({ where: `${source.file}:6:3`, message: expect.stringMatching(/default\.cluster\.backend_config\.password: .*keychain/) }),
    ]);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });

  it('places malformed TOML at the line and column smol-toml reports', () => {
    const { problems, source } = load('[default.submit]\npartition = "cpu\n');
    expect(errors(problems)).toEqual([expect.objectContaining({ where: expect.stringMatching(new RegExp(`^${source.file}:2:\\d+$`)), message: expect.stringContaining('not valid TOML') })]);
  });

  it('places unknown keys, wrong types and invalid resources at their keys, and loads nothing', () => {
    const { environment, problems, source } = load(`[default.submit]
partition = "cpu"
memory = "4G"

[gpu.submit]
nodes = "two"
time = "forever"

[gpu.cluster]
backend = "kubernetes"
`, 'gpu');
    expect(environment).toBeNull();
    const byWhere = Object.fromEntries(errors(problems).map((entry) => [entry.where.slice(source.file.length + 1), entry.message]));
    expect(byWhere).toEqual({
      '3:1': expect.stringMatching(/^default\.submit\.memory: unknown key/),
      '6:1': expect.stringMatching(/gpu\.submit\.nodes: expected number/),
      '7:1': expect.stringMatching(/gpu\.submit\.time: A time limit looks like/),
      '10:1': expect.stringMatching(/gpu\.cluster\.backend: backend is one of ssh, local, embedded/),
    });
  });

  it('places a key of an inline table at its own column', () => {
    const { problems, source } = load('[default]\ncluster = { backend = "ssh", port = "22" }\n');
    expect(errors(problems)).toEqual([expect.objectContaining({ where: `${source.file}:2:30`, message: expect.stringContaining('cluster.port') })]);
  });

  it('says which environments exist when the chosen one does not', () => {
    const { problems } = load('[gpu.submit]\npartition = "gpu"\n[environments.cpu.submit]\npartition = "cpu"\n', 'tpu');
    expect(errors(problems)[0]!.message).toBe('no environment "tpu": it defines cpu, gpu.');
  });

  it('reads [tool.slurm] from a pyproject.toml, with locations in that file', () => {
    const { environment, problems, source } = load('[project]\nname = "x"\n\n[tool.slurm.default.submit]\npartition = "cpu"\nbogus = 1\n', 'default', 'pyproject.toml');
    expect(environment).toBeNull();
    expect(errors(problems)).toEqual([expect.objectContaining({ where: `${source.file}:6:1` })]);
  });

  it('turns a template into a job spec: submit defaults under the template resources, files relative to the project', () => {
    const root = project({
      'Slurmfile': `[default.submit]
partition = "cpu"
time = "10"
cpus_per_task = 2

[default.templates.train]
python = "src/train.py:main"
kwargs = { epochs = 3 }
upload = ["data"]
resources = { time = "30", mem = "2G" }

[default.templates.hello]
script = "jobs/hello.sh"
`,
      'src/train.py': 'def main(epochs): return epochs\n',
      'jobs/hello.sh': 'echo hi\n',
      'data/a.txt': 'a',
    });
    const source = readSlurmfile(join(root, 'Slurmfile'));
    const { environment } = loadEnvironment(source, 'default');
    expect(templateJobSpec(source.file, environment!, 'train')).toEqual({
      name: 'train',
      cluster: 'embedded',
      task: { kind: 'python', target: 'src/train.py:main', args: [], kwargs: { epochs: 3 }, setup: [] },
      resources: { partition: 'cpu', time: '30', cpusPerTask: 2, mem: '2G', extra: [] },
      upload: { root, include: ['src/train.py', 'data'] },
    });
    expect(templateJobSpec(source.file, environment!, 'hello').task).toEqual({ kind: 'script', body: 'echo hi\n', sourceFile: join(root, 'jobs/hello.sh') });
  });

  it('finds the Slurmfile: explicit path, SLURMFILE, then walking up', () => {
    const root = project({ 'slurmfile.toml': '[default.submit]\n', 'a/b/.keep': '' });
    const other = project({ Slurmfile: '' });
    expect(discoverSlurmfile({ cwd: join(root, 'a', 'b'), env: {} }).file).toBe(join(root, 'slurmfile.toml'));
    expect(discoverSlurmfile({ cwd: join(root, 'a'), env: { SLURMFILE: other } }).file).toBe(join(other, 'Slurmfile'));
    expect(discoverSlurmfile({ explicit: join(other, 'Slurmfile'), cwd: root, env: { SLURMFILE: root } }).file).toBe(join(other, 'Slurmfile'));
  });
});
