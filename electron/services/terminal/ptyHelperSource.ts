/**
 * A pseudo-terminal for a program on this computer, in Python's standard library (pty, select),
 * run as `python3 -c SOURCE COLS ROWS PROGRAM ARGS…`: stdin goes to the terminal, the terminal's
 * output comes out on stdout, and lines `COLS ROWS` on fd 3 resize it. SIGHUP to the helper
 * closes the terminal, which hangs up the program as a closed terminal window does. Python is what the
 * built-in executor already needs for Python tasks, so this adds no native module to the app
 * (node-pty would need a compiled binary per platform and Electron version). POSIX only.
 */
export const ptyHelperSource = String.raw`
import errno, fcntl, os, pty, select, struct, sys, termios
cols, rows, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
os.set_inheritable(3, False)
pid, fd = pty.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
def size(c, r):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))
size(cols, rows)
control, pending = 3, b''
inputs = [fd, 0, control]
while True:
    try:
        ready = select.select(inputs, [], [])[0]
    except InterruptedError:
        continue
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError as error:
            if error.errno != errno.EIO: raise
            data = b''
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            inputs.remove(0)
        else:
            while data:
                data = data[os.write(fd, data):]
    if control in ready:
        data = os.read(control, 4096)
        if not data:
            inputs.remove(control)
        pending += data
        while b'\n' in pending:
            line, pending = pending.split(b'\n', 1)
            c, r = (int(word) for word in line.split())
            size(c, r)
status = os.waitpid(pid, 0)[1]
sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
`;
