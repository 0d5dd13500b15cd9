"""Build the compiled extractor (`make compile`): graph.compiled.MODULES to C extensions with mypyc, in build/mypyc/.

    python -m graph.compile             # nothing to do when the build matches the sources
    python -m graph.compile --force     # rebuild anyway (also: after a failed build of the same sources)

Needs mypy (which ships mypyc: `pip install -e '.[compile]'`), a C compiler and the Python headers; without one of
them it says so in one line and exits 0: the extractor then runs as pure Python, which gives the same output.
The C is split one file a module and compiled on every core (graph.compiled's docstring: how the build is found).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import sysconfig
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from graph.compiled import BUILD, MODULES, ROOT, STAMP, abi, digest, sources

# gcc's optimization level: -O3 and -O2 ran the same instructions a story (round speed48); -O2 builds faster
OPT_LEVEL = "2"
# beside the build: the digest of sources whose build failed (not retried until they change, or --force), the log
FAILED = BUILD.with_name("mypyc-failed.json")
LOG = BUILD.with_name("mypyc-build.log")
GROUP = "graph.extract"  # the package the compiled modules' shared library is in
# mypy's settings for the build: its own file, so pyproject.toml's [tool.mypy] `files` (every package) stays out
MYPY_INI = "[mypy]\npython_version = 3.11\nexplicit_package_bases = True\nignore_missing_imports = True\n"


def say(message: str) -> None:
    print(f"storygraph: {message}", file=sys.stderr)


def missing() -> str | None:
    """What the build needs and this machine lacks (None: nothing)."""
    try:
        import mypyc.build  # noqa: F401
        import setuptools  # noqa: F401
    except ImportError:
        return "mypyc is not installed (pip install -e '.[compile]')"
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return f"no Python headers ({sysconfig.get_paths()['include']}/Python.h; e.g. apt-get install python3-dev)"
    return None


def _parallel_build_ext() -> type:
    """setuptools' build_ext compiling an extension's C files at once, one a core (mypyc's `multi_file` writes one a
    module; the runtime's files are more)."""
    from setuptools.command.build_ext import build_ext

    class ParallelBuildExt(build_ext):
        def build_extensions(self) -> None:
            compile_each = self.compiler.compile

            def compile_all(sources: list[str], *args: Any, **kwargs: Any) -> list[str]:
                # the biggest first, so the last to finish is a small one
                order = sorted(sources, key=lambda s: -os.path.getsize(s) if os.path.exists(s) else 0)
                with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                    objects = dict(zip(order, pool.map(lambda s: compile_each([s], *args, **kwargs), order)))
                return [o for s in sources for o in objects[s]]

            self.compiler.compile = compile_all
            super().build_extensions()

    return ParallelBuildExt


def build(target: Path = BUILD, modules: tuple[str, ...] = MODULES, opt_level: str = OPT_LEVEL) -> None:
    """Compile `modules` into a new folder beside `target`, write its stamp, then put it in `target`'s place (a build
    cut short leaves the last one as it was; processes running the old extensions keep their files)."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    files = sources(modules)
    stamp = {"abi": abi(), "modules": list(modules), "files": files, "digest": digest(files)}
    build_dir, old = target.with_name(target.name + ".new"), target.with_name(target.name + ".old")
    shutil.rmtree(build_dir, ignore_errors=True)
    build_dir.mkdir(parents=True)
    (build_dir / "mypy.ini").write_text(MYPY_INI, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(ROOT)  # mypyc names modules by their paths from here
    try:
        # the shared library is graph.extract._native__mypyc, so it is found where the modules are (graph.extract's
        # search path), not only on sys.path; mypyc writes its headers in the package's folder of the C tree
        extensions = mypycify(["--config-file", str(build_dir / "mypy.ini"), *modules], opt_level=opt_level,
                              multi_file=True, group_name=f"{GROUP}._native", target_dir=str(build_dir / "c"))
        for extension in extensions:
            extension.include_dirs.append(str(build_dir.joinpath("c", *GROUP.split("."))))
        dist = Distribution({"name": "storygraph-compiled", "ext_modules": extensions,
                             "cmdclass": {"build_ext": _parallel_build_ext()}})
        command = dist.get_command_obj("build_ext")
        command.build_lib = str(build_dir)
        command.build_temp = str(build_dir / "obj")
        dist.run_command("build_ext")
    finally:
        os.chdir(cwd)
    (build_dir / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    build_dir.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true", help="build even when the build matches the sources")
    parser.add_argument("--opt", default=OPT_LEVEL, help=f"the C compiler's optimization level (default {OPT_LEVEL})")
    parser.add_argument("--verbose", action="store_true", help="show mypyc's and the compiler's output")
    args = parser.parse_args(argv)
    current = digest(sources())
    try:
        stamp = json.loads((BUILD / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamp = {}
    if not args.force and stamp.get("digest") == current and stamp.get("abi") == abi():
        return 0  # up to date
    try:
        failed = json.loads(FAILED.read_text(encoding="utf-8")).get("digest")
    except (OSError, ValueError):
        failed = None
    if not args.force and failed == current:
        say(f"not compiling the extractor: its last build failed on these sources ({LOG}; "
            "`python -m graph.compile --force` retries); running pure Python")
        return 0
    lacking = missing()
    if lacking is not None:
        say(f"not compiling the extractor: {lacking}; running pure Python")
        return 0
    say("compiling the extractor with mypyc (a minute or two; once until its sources change) ...")
    started = time.perf_counter()
    BUILD.parent.mkdir(parents=True, exist_ok=True)
    log = io.StringIO()
    try:
        if args.verbose:
            build(opt_level=args.opt)
        else:
            # mypyc and gcc print to the process's own descriptors: send them to the log
            with open(LOG, "w", encoding="utf-8") as out, _redirect(out.fileno()):
                build(opt_level=args.opt)
    except BaseException as exc:  # a compiler error is SystemExit or CompileError; either way, run pure
        if isinstance(exc, KeyboardInterrupt):
            raise
        print(f"{type(exc).__name__}: {exc}", file=log)
        with open(LOG, "a", encoding="utf-8") as out:
            out.write(log.getvalue())
        FAILED.write_text(json.dumps({"digest": current}) + "\n", encoding="utf-8")
        shutil.rmtree(BUILD.with_name(BUILD.name + ".new"), ignore_errors=True)
        say(f"compiling the extractor failed ({LOG}); running pure Python")
        return 0
    FAILED.unlink(missing_ok=True)
    say(f"compiled the extractor in {time.perf_counter() - started:.0f}s ({len(MODULES)} modules, {BUILD})")
    return 0


@contextlib.contextmanager
def _redirect(fd: int) -> Any:
    """Standard output and error (the descriptors, so child compilers' too) into `fd` meanwhile."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    try:
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


if __name__ == "__main__":
    sys.exit(main())
