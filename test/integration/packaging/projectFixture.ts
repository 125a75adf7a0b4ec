import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real project: a package with relative imports, a data file beside its module, a dependency
 * that only a wheelhouse in the project holds (installed with pip --no-index), and a .gitignored
 * folder that must not travel.
 */
export function writeProject(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-packaged-'));
  const all: Record<string, string> = {
    'mypkg/__init__.py': 'from .core import compute\n',
    'mypkg/core.py': [
      'import json',
      'from pathlib import Path',
      'import tinydep',
      'from .helpers import scale',
      '',
      'def compute(n):',
      '    data = json.loads(Path(__file__).with_name("data.json").read_text())',
      '    return {"value": scale(n) + data["offset"] + tinydep.ADD, "tinydep": tinydep.__file__.split("/site-packages/")[0].rsplit("/", 1)[-1]}',
      '',
    ].join('\n'),
    'mypkg/helpers.py': 'def scale(n):\n    return n * 2\n',
    'mypkg/data.json': '{"offset": 1000}\n',
    'requirements.txt': 'tinydep==1.0\n',
    '.gitignore': 'scratch/\n',
    'scratch/huge.bin': 'x'.repeat(100_000),
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, 'wheels'));
  writeWheel(join(root, 'wheels', 'tinydep-1.0-py3-none-any.whl'));
  return root;
}

/** A minimal pure-Python wheel, made with the standard library's zipfile (fixed timestamps: the same bytes every time). */
function writeWheel(path: string): void {
  const program = `
import sys, zipfile
files = {
  "tinydep/__init__.py": "ADD = 100\\n",
  "tinydep-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: tinydep\\nVersion: 1.0\\n",
  "tinydep-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: slurmdesk-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
files["tinydep-1.0.dist-info/RECORD"] = "".join(name + ",,\\n" for name in files) + "tinydep-1.0.dist-info/RECORD,,\\n"
with zipfile.ZipFile(sys.argv[1], "w") as wheel:
    for name, text in files.items():
        wheel.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), text)
`;
  execFileSync('python3', ['-c', program, path]);
}
