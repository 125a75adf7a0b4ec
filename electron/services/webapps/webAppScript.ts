import type { WebAppTemplateId } from '../../../shared/webapps/webAppTemplates';
import { webAppFiles } from '../../../shared/webapps/webAppTemplates';
import { shellQuote } from '../slurm/shellQuote';

/**
 * The batch script of a web app job. It runs in its job folder: picks a free port on the node,
 * makes a random token in a 0600 file (umask 077), writes webapp.json, then starts the app bound
 * on the node with the token passed through the environment or a file — never on a command line,
 * where every user of the node could read it.
 */
export function webAppScript(template: WebAppTemplateId, options: { command?: string; logDir?: string } = {}): string {
  const head = [
    'set -eu',
    'umask 077',
    `token_file="$PWD/${webAppFiles.token}"`,
    'port=$(python3 -c \'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])\')',
    'python3 -c \'import secrets; print(secrets.token_hex(24))\' > "$token_file"',
  ];
  // `path` is a shell word: a quoted literal, or "$page" chosen at run time.
  const describe = (path: string) =>
    `printf '{"template":"${template}","port":%s,"path":"%s"}\\n' "$port" ${path} > ${webAppFiles.descriptor}.tmp && mv ${webAppFiles.descriptor}.tmp ${webAppFiles.descriptor}`;
  switch (template) {
    case 'jupyter':
      return [
        ...head,
        // Jupyter reads its token from JUPYTER_TOKEN: an environment variable, readable by this user only.
        'JUPYTER_TOKEN=$(cat "$token_file"); export JUPYTER_TOKEN',
        'if command -v jupyter-lab >/dev/null 2>&1; then app=jupyter-lab; page=/lab?token={token}',
        'elif command -v jupyter-notebook >/dev/null 2>&1; then app=jupyter-notebook; page=/tree?token={token}',
        'else echo "Neither jupyter-lab nor jupyter-notebook is installed on $(hostname)." >&2; exit 127; fi',
        describe('"$page"'),
        'exec "$app" --no-browser --ip=0.0.0.0 --port="$port" --notebook-dir="$HOME"',
      ].join('\n');
    case 'tensorboard':
      return [...head, describe("'/'"), `exec tensorboard --logdir ${shellQuote(options.logDir ?? '.')} --host 0.0.0.0 --port "$port"`].join('\n');
    case 'code-server':
      return [
        ...head,
        'PASSWORD=$(cat "$token_file"); export PASSWORD',
        describe("'/'"),
        'exec code-server --auth password --bind-addr "0.0.0.0:$port" --disable-telemetry "$HOME"',
      ].join('\n');
    case 'debugpy':
      return [
        ...head,
        'python3 -c "import debugpy" 2>/dev/null || { echo "debugpy is not installed for python3 on $(hostname): pip install --user debugpy" >&2; exit 127; }',
        describe("'/'"),
        // The person's own script and arguments, as they typed them in their own job.
        `exec python3 -m debugpy --listen "0.0.0.0:$port" --wait-for-client ${options.command ?? ''}`,
      ].join('\n');
    case 'any':
      return [...head, 'PORT=$port; export PORT', `WEBAPP_TOKEN_FILE="$token_file"; export WEBAPP_TOKEN_FILE`, describe("'/'"), options.command ?? 'python3 -m http.server "$PORT"'].join('\n');
  }
}
