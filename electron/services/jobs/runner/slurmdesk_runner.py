#!/usr/bin/env python3
"""Slurm Desk job runner: calls one Python function inside a Slurm job and saves what it returned.

The app copies this file into each job's directory and the batch script runs

    python3 slurmdesk_runner.py --job-dir DIR --target TARGET [--workdir WD] [--task-id N]

It must work with whatever interpreter the cluster offers, so it uses the standard library only
and Python 3.8 syntax.

Files in DIR (suffix is "" for a plain job, ".N" for array task N):
  read   args.json            {"args": [...], "kwargs": {...}}; missing means no arguments
  read   items.json           array jobs: a JSON list, item N is task N's arguments
  write  result{suffix}.json  the return value, when it is JSON
  write  result{suffix}.pkl + result{suffix}.repr.txt   when it is not
  write  error{suffix}.json   {"type", "message", "traceback"} when the job failed
Exit status: 0 success, 1 error, 2 usage error, N for sys.exit(N), 143 on SIGTERM.
"""

import argparse
import importlib
import importlib.util
import json
import os
import pickle
import signal
import sys
import tempfile
import traceback

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_TERMINATED = 128 + signal.SIGTERM

REPR_LIMIT_BYTES = 1024 * 1024
PICKLE_PROTOCOL = 4  # the newest protocol every Python 3.8+ reader understands
TEMP_PREFIX = ".tmp-"
REFERENCE_MARKER = "$slurmdesk"
REFERENCE_KEYS = frozenset([REFERENCE_MARKER, "path"])


class RunnerError(Exception):
    """A failure the runner detects itself; reported by its bare class name."""


class UsageError(RunnerError):
    """The command line or the target string is malformed."""


class ArgumentsError(RunnerError):
    """args.json or items.json is unreadable or has the wrong shape."""


class ResultReferenceError(RunnerError):
    """A {"$slurmdesk": "result", ...} reference cannot be resolved."""


class ResultNotSerializableError(RunnerError):
    """The return value is neither JSON nor picklable."""


class Terminated(BaseException):
    """Raised by the SIGTERM handler. A BaseException so that user `except Exception:` blocks
    do not swallow a cancellation."""


RUNNER_EXCEPTIONS = (
    RunnerError,
    UsageError,
    ArgumentsError,
    ResultReferenceError,
    ResultNotSerializableError,
    Terminated,
)


class TerminationGuard(object):
    """Turns SIGTERM (scancel, time limit, preemption) into a Terminated exception while the
    target runs, so the error file gets written; afterwards it only records the signal so that
    saving a finished result is never cut in half."""

    def __init__(self):
        self.armed = False
        self.received = False

    def install(self):
        signal.signal(signal.SIGTERM, self._on_sigterm)
        self.armed = True

    def disarm(self):
        self.armed = False

    def _on_sigterm(self, signum, frame):
        self.received = True
        if self.armed:
            # Once only: a second SIGTERM while user `finally` blocks unwind must not interrupt reporting.
            self.armed = False
            raise Terminated("received SIGTERM: the job was cancelled, preempted or reached its time limit")


class Outputs(object):
    """The result and error files of one job or array task, all written atomically."""

    def __init__(self, job_dir, suffix, file_mode):
        self.job_dir = job_dir
        self.file_mode = file_mode
        self.result_json = "result%s.json" % suffix
        self.result_pickle = "result%s.pkl" % suffix
        self.result_repr = "result%s.repr.txt" % suffix
        self.error_json = "error%s.json" % suffix

    def result_names(self):
        return [self.result_json, self.result_pickle, self.result_repr]

    def remove_stale(self):
        """A requeued job reruns in the same folder: drop the previous attempt's files (and any
        temp file it left when killed) so the folder never shows an old outcome."""
        names = self.result_names() + [self.error_json]
        self.remove(names)
        temp_prefixes = tuple(TEMP_PREFIX + name + "." for name in names)
        try:
            entries = os.listdir(self.job_dir)
        except OSError:
            return
        self.remove([entry for entry in entries if entry.startswith(temp_prefixes)])

    def remove(self, names):
        for name in names:
            try:
                os.unlink(os.path.join(self.job_dir, name))
            except FileNotFoundError:
                pass

    def write(self, name, data):
        write_atomically(self.job_dir, name, data, self.file_mode)

    def write_error(self, document):
        # Never leave a result next to an error, e.g. a pickle written before its repr failed.
        try:
            self.remove(self.result_names())
            self.write(self.error_json, encode_json(document))
        except OSError as exc:
            print_to_stderr("slurmdesk_runner: could not write %s: %s" % (
                os.path.join(self.job_dir, self.error_json), exc))


class Target(object):
    def __init__(self, text, module_part, attributes, is_file):
        self.text = text
        self.module_part = module_part
        self.attributes = attributes
        self.is_file = is_file


class CommandLineParser(argparse.ArgumentParser):
    """argparse exits on its own; raising instead lets us still write error.json."""

    def error(self, message):
        raise UsageError(message)


def build_parser():
    parser = CommandLineParser(
        prog="slurmdesk_runner.py",
        description="Call a Python function inside a Slurm job and save its result in the job folder.",
        allow_abbrev=False,
    )
    parser.add_argument("--job-dir", required=True, help="folder with args.json/items.json; results go here")
    parser.add_argument("--target", required=True, help="path/to/file.py:function or package.module:function")
    parser.add_argument("--workdir", default=None, help="working directory, first on sys.path (default: current)")
    parser.add_argument("--task-id", default=None, help="array task id (SLURM_ARRAY_TASK_ID), 0-based index into items.json")
    return parser


def parse_task_id(text):
    if text is None:
        return None
    if not text.isdigit() or not text.isascii():
        raise UsageError("--task-id must be a non-negative integer (the array task id), got %r" % text)
    return int(text)


def find_option(argv, option):
    """Best effort when argparse rejected the command line: the error file still needs a folder
    and, for an array task, its suffix."""
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(option + "="):
            return arg[len(option) + 1:]
    return None


def parse_target(text):
    # rpartition: a path may contain ':' but a function name never does.
    module_part, colon, attribute_part = text.rpartition(":")
    form = "expected 'path/to/file.py:function' or 'package.module:function'"
    if not colon:
        raise UsageError("target %r has no ':' before the function name; %s" % (text, form))
    if not module_part.strip() or not attribute_part:
        raise UsageError("target %r has an empty module or function part; %s" % (text, form))
    attributes = attribute_part.split(".")
    if not all(name.isidentifier() for name in attributes):
        raise UsageError("target %r: %r is not a (dotted) Python name; %s" % (text, attribute_part, form))
    is_file = module_part.endswith(".py") or "/" in module_part or os.sep in module_part
    if not is_file and not all(name.isidentifier() for name in module_part.split(".")):
        raise UsageError("target %r: %r is neither a .py file path nor a dotted module name; %s" % (
            text, module_part, form))
    return Target(text, module_part, attributes, is_file)


def prepend_sys_path(directory):
    if directory in sys.path:
        sys.path.remove(directory)
    sys.path.insert(0, directory)


def module_name_for_file(path):
    """The file's stem, so classes it defines pickle under a name a later reader can import; a
    private name when the stem would replace a module that is already loaded."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem.isidentifier() and stem not in sys.modules and stem not in sys.builtin_module_names:
        return stem
    return "_slurmdesk_target_" + "".join(char if char.isalnum() else "_" for char in stem)


def load_file_module(path_text, workdir):
    path = os.path.normpath(os.path.join(workdir, path_text))
    if not os.path.exists(path):
        where = "" if os.path.isabs(path_text) else " (relative to workdir %s)" % workdir
        raise FileNotFoundError("file not found: %s%s" % (path, where))
    if not os.path.isfile(path):
        raise FileNotFoundError("not a file: %s" % path)
    # Like `python path/to/file.py`: the file's own folder first, so its sibling imports work.
    prepend_sys_path(os.path.dirname(path))
    name = module_name_for_file(path)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError("cannot load %s as a Python module" % path)
    module = importlib.util.module_from_spec(spec)
    # Registered before running it: dataclasses and pickle look the module up by name.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def load_named_module(name, workdir):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if missing and (missing == name or name.startswith(missing + ".")):
            # The target itself is missing: importlib's frames would only hide the message.
            raise ModuleNotFoundError("cannot import %r: %s (searched workdir %s first; %s)" % (
                name, exc, workdir, describe_upload(workdir)), name=exc.name) from None
        # A dependency of the target is missing: keep the chain, it shows which line imported it.
        raise ModuleNotFoundError("cannot import %r: %s" % (name, exc), name=exc.name) from exc


UPLOAD_LISTING_LIMIT = 40


def describe_upload(workdir):
    """The files the job's working folder holds (the uploaded project), so a target that is not
    among them is plain to see; bounded, and never fatal."""
    names = []
    try:
        for folder, subfolders, files in os.walk(workdir):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            for name in sorted(files):
                names.append(os.path.relpath(os.path.join(folder, name), workdir))
                if len(names) > UPLOAD_LISTING_LIMIT:
                    break
            if len(names) > UPLOAD_LISTING_LIMIT:
                break
    except OSError:
        return "its files could not be listed"
    if not names:
        return "it holds no files: nothing was uploaded"
    shown = ", ".join(names[:UPLOAD_LISTING_LIMIT])
    more = ", ..." if len(names) > UPLOAD_LISTING_LIMIT else ""
    return "files there: %s%s" % (shown, more)


def load_target(target, workdir):
    if target.is_file:
        holder = load_file_module(target.module_part, workdir)
    else:
        holder = load_named_module(target.module_part, workdir)
    found = target.module_part
    for attribute in target.attributes:
        try:
            holder = getattr(holder, attribute)
        except AttributeError as exc:
            raise AttributeError("%r has no attribute %r (target %s)" % (found, attribute, target.text)) from exc
        found = found + (":" if found == target.module_part else ".") + attribute
    if not callable(holder):
        raise TypeError("target %s is not callable (it is a %s)" % (target.text, type(holder).__name__))
    return holder


def enter_workdir(workdir_option):
    workdir = os.path.abspath(workdir_option if workdir_option is not None else os.curdir)
    if not os.path.isdir(workdir):
        raise FileNotFoundError("workdir not found: %s" % workdir)
    # The function sees WD as its current directory, so its relative paths mean what they say.
    os.chdir(workdir)
    prepend_sys_path(workdir)
    return workdir


def read_json_file(path, error_class, what):
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise error_class("cannot read %s %s: %s" % (what, path, exc.strerror or exc))
    try:
        return json.loads(data.decode("utf-8-sig"))
    except ValueError as exc:  # also covers UnicodeDecodeError
        raise error_class("%s %s is not valid JSON: %s" % (what, path, exc))


def is_reference(value):
    return isinstance(value, dict) and REFERENCE_MARKER in value


def upstream_hint(path):
    """When the referenced result is missing, say what the upstream job left instead."""
    folder, name = os.path.split(path)
    if not (name.startswith("result") and name.endswith(".json")):
        return ""
    suffix = name[len("result"):-len(".json")]
    error_path = os.path.join(folder, "error%s.json" % suffix)
    pickle_path = os.path.join(folder, "result%s.pkl" % suffix)
    if os.path.exists(error_path):
        return " (it failed: see %s)" % error_path
    if os.path.exists(pickle_path):
        return " (its result was not JSON and was saved as %s)" % pickle_path
    return ""


def load_reference(reference):
    path = reference.get("path")
    well_formed = (
        set(reference) == REFERENCE_KEYS
        and reference.get(REFERENCE_MARKER) == "result"
        and isinstance(path, str)
        and os.path.isabs(path)
    )
    if not well_formed:
        raise ResultReferenceError(
            'malformed result reference %s: expected exactly {"%s": "result", "path": "/absolute/result.json"}'
            % (json.dumps(reference)[:300], REFERENCE_MARKER))
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise ResultReferenceError(
            "result reference %s: file not found; the upstream job may not have produced a result%s"
            % (path, upstream_hint(path)))
    except OSError as exc:
        raise ResultReferenceError(
            "result reference %s: cannot read it (%s); the upstream job may not have produced a result"
            % (path, exc.strerror or exc))
    try:
        return json.loads(data.decode("utf-8-sig"))
    except ValueError as exc:
        raise ResultReferenceError(
            "result reference %s is not valid JSON (%s); the upstream job may not have produced a result%s"
            % (path, exc, upstream_hint(path)))


def resolve_references(value):
    # Loaded results are plain data: they are not searched for references again.
    if is_reference(value):
        return load_reference(value)
    if isinstance(value, dict):
        return dict((key, resolve_references(item)) for key, item in value.items())
    if isinstance(value, list):
        return [resolve_references(item) for item in value]
    return value


def json_type_name(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return "a number"


def arguments_from_item(item):
    # A reference is an object too, but it stands for one value, not for keyword arguments.
    if isinstance(item, dict) and not is_reference(item):
        return [], resolve_references(item)
    if isinstance(item, list):
        return resolve_references(item), {}
    return [resolve_references(item)], {}


def load_call_arguments(job_dir, task_id):
    items_path = os.path.join(job_dir, "items.json")
    args_path = os.path.join(job_dir, "args.json")
    if task_id is not None and os.path.exists(items_path):
        items = read_json_file(items_path, ArgumentsError, "items file")
        if not isinstance(items, list):
            raise ArgumentsError("items file %s must hold a JSON list, found %s" % (items_path, json_type_name(items)))
        if task_id >= len(items):
            raise ArgumentsError("task id %d is out of range: %s has %d item(s), indexed from 0" % (
                task_id, items_path, len(items)))
        return arguments_from_item(items[task_id])
    if not os.path.exists(args_path):
        return [], {}
    spec = read_json_file(args_path, ArgumentsError, "arguments file")
    if not isinstance(spec, dict):
        raise ArgumentsError('arguments file %s must hold {"args": [...], "kwargs": {...}}, found %s' % (
            args_path, json_type_name(spec)))
    args = resolve_references(spec.get("args") if spec.get("args") is not None else [])
    kwargs = resolve_references(spec.get("kwargs") if spec.get("kwargs") is not None else {})
    if not isinstance(args, list):
        raise ArgumentsError('"args" in %s must be a list, found %s' % (args_path, json_type_name(args)))
    if not isinstance(kwargs, dict):
        raise ArgumentsError('"kwargs" in %s must be an object, found %s' % (args_path, json_type_name(kwargs)))
    return args, kwargs


def write_atomically(directory, name, data, file_mode):
    """Readers (the app, downstream jobs) see either no file or the whole file, even on a shared
    file system and even if the job is killed mid-write."""
    descriptor, temp_path = tempfile.mkstemp(prefix=TEMP_PREFIX + name + ".", dir=directory)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            # mkstemp creates 0600; give the file what a plain open() under the user's umask would.
            os.fchmod(handle.fileno(), file_mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, os.path.join(directory, name))
    except BaseException:
        try:
            os.unlink(temp_path)
        except OSError:
            pass
        raise
    fsync_directory(directory)


def fsync_directory(directory):
    # Makes the rename itself durable; some file systems refuse, which is harmless.
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def encode_json(value):
    # ASCII output: any string, even one with lone surrogates, round-trips.
    return (json.dumps(value, allow_nan=False) + "\n").encode("ascii")


def safe_repr(value):
    try:
        return repr(value)
    except Exception as exc:
        return "<repr() failed: %s: %s>" % (qualified_name(type(exc)), safe_str(exc))


def repr_file_bytes(value, pickle_name):
    data = safe_repr(value).encode("utf-8", "backslashreplace")
    if len(data) <= REPR_LIMIT_BYTES:
        return data
    # Cut on a character boundary so the file stays valid UTF-8.
    head = data[:REPR_LIMIT_BYTES].decode("utf-8", "ignore").encode("utf-8")
    note = "\n... [truncated: the repr is %d bytes, only the first 1 MiB is shown; the full value is in %s]\n" % (
        len(data), pickle_name)
    return head + note.encode("utf-8")


def save_result(value, outputs):
    try:
        encoded = encode_json(value)
    except Exception as exc:  # TypeError for foreign types, ValueError for NaN/inf or cycles, RecursionError
        json_problem = exc
    else:
        outputs.write(outputs.result_json, encoded)
        return
    try:
        pickled = pickle.dumps(value, protocol=PICKLE_PROTOCOL)
    except Exception as exc:
        raise ResultNotSerializableError(
            "the function returned a %s that is neither JSON (%s) nor picklable (%s: %s); repr: %s"
            % (qualified_name(type(value)), json_problem, qualified_name(type(exc)), safe_str(exc),
               safe_repr(value)[:500]))
    # The pickle goes last: once it exists, its readable companion is already there.
    outputs.write(outputs.result_repr, repr_file_bytes(value, outputs.result_pickle))
    outputs.write(outputs.result_pickle, pickled)


def qualified_name(exception_type):
    name = getattr(exception_type, "__qualname__", None) or exception_type.__name__
    module = getattr(exception_type, "__module__", None)
    if module in (None, "builtins", "__main__") or issubclass(exception_type, RUNNER_EXCEPTIONS):
        return name
    return "%s.%s" % (module, name)


def safe_str(exc):
    try:
        return str(exc)
    except Exception:
        return safe_repr(exc)


def error_document(exc, type_name=None, message=None):
    return {
        "type": type_name if type_name is not None else qualified_name(type(exc)),
        "message": message if message is not None else safe_str(exc),
        "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    }


def print_to_stderr(text):
    stream = sys.stderr if sys.stderr is not None else sys.__stderr__
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()
    except Exception:
        pass


def print_traceback(exc):
    try:
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        sys.stderr.flush()
    except Exception:
        pass


def report_usage_error(exc):
    usage = build_parser().format_usage()
    print_to_stderr("%sslurmdesk_runner.py: error: %s" % (usage, exc))


def system_exit_status(code):
    """The status for a failing sys.exit(code): the code itself when a process can report it."""
    if isinstance(code, int) and 1 <= code <= 255:
        return code
    return EXIT_ERROR


def handle_system_exit(exc, outputs, while_calling):
    """Returns None when the exit counts as success, else the status to exit with."""
    code = exc.code
    if code is None or isinstance(code, bool):
        code = int(code or 0)
    if while_calling and isinstance(code, int) and code == 0:
        return None  # sys.exit(0) is a normal way for the function to finish: result null
    status = system_exit_status(code)
    if isinstance(code, int):
        message = "exit status %d" % code
    else:
        # Python prints a non-integer exit code and exits 1; the message keeps the text.
        message = "exit status %d: %s" % (status, code)
        print_to_stderr(str(code))
    if not while_calling:
        message += " (module-level code called sys.exit while the target was being imported)"
    outputs.write_error(error_document(exc, "SystemExit", message))
    return status


def run(options, outputs, guard):
    """Everything that can fail on the user's side; returns the exit status."""
    while_calling = False
    try:
        try:
            target = parse_target(options.target)
            workdir = enter_workdir(options.workdir)
            args, kwargs = load_call_arguments(outputs.job_dir, options.task_id)
            function = load_target(target, workdir)
            while_calling = True
            value = function(*args, **kwargs)
        finally:
            guard.disarm()
    except SystemExit as exc:
        status = handle_system_exit(exc, outputs, while_calling)
        if status is not None:
            return status
        value = None
    except UsageError as exc:
        report_usage_error(exc)
        outputs.write_error(error_document(exc))
        return EXIT_USAGE
    except Terminated as exc:
        print_traceback(exc)
        outputs.write_error(error_document(exc))
        return EXIT_TERMINATED
    except KeyboardInterrupt as exc:
        outputs.write_error(error_document(exc))
        raise  # Python then prints it and ends the process by SIGINT, as it normally would
    except Exception as exc:
        print_traceback(exc)
        outputs.write_error(error_document(exc))
        return EXIT_ERROR
    try:
        save_result(value, outputs)
    except Exception as exc:
        print_traceback(exc)
        outputs.write_error(error_document(exc))
        return EXIT_ERROR
    return EXIT_OK


def current_file_mode():
    # umask can only be read by setting it; done before user code can start threads.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    file_mode = current_file_mode()
    try:
        options = build_parser().parse_args(argv)
        options.task_id = parse_task_id(options.task_id)
        options.job_dir = os.path.abspath(options.job_dir)
        if not os.path.isdir(options.job_dir):
            raise UsageError("job dir not found: %s" % options.job_dir)
    except UsageError as exc:
        report_usage_error(exc)
        job_dir = find_option(argv, "--job-dir")
        task_id = find_option(argv, "--task-id")
        suffix = "." + task_id if task_id and task_id.isdigit() and task_id.isascii() else ""
        if job_dir and os.path.isdir(job_dir):
            Outputs(os.path.abspath(job_dir), suffix, file_mode).write_error(error_document(exc))
        return EXIT_USAGE

    suffix = "" if options.task_id is None else ".%d" % options.task_id
    outputs = Outputs(options.job_dir, suffix, file_mode)
    outputs.remove_stale()

    # The job folder (this script's folder) holds no user code; keep it from shadowing modules.
    runner_dir = os.path.dirname(os.path.abspath(__file__))
    if sys.path and sys.path[0] and os.path.abspath(sys.path[0]) == runner_dir:
        del sys.path[0]
    # User code that parses sys.argv must not see the runner's own options.
    sys.argv = sys.argv[:1]

    guard = TerminationGuard()
    guard.install()
    status = run(options, outputs, guard)
    if guard.received:
        # Do not wait for the user's non-daemon threads: Slurm's SIGKILL follows SIGTERM.
        flush_standard_streams()
        os._exit(status)
    return status


def flush_standard_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:
            pass


if __name__ == "__main__":
    sys.exit(main())
