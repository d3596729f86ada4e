"""`make compiled`: build the compiled modules (`compiled.py`) when they are missing or out of date."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from build_tools.compiled import FOLDER, GROUP, MODULES, PACKAGE, sources_digest, up_to_date


def build(log: Path) -> None:
    """Compile `MODULES` into `FOLDER`, replacing what is there; the compiler's output goes to `log`. The manifest is
    written last, so a build cut short is never used."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    digest = sources_digest()
    with tempfile.TemporaryDirectory(prefix="build-tools-mypyc-") as scratch, log.open("w", encoding="utf-8") as output:
        work = Path(scratch)
        here = os.getcwd()
        os.chdir(PACKAGE.parent)  # mypy reads the project's settings (pyproject.toml) and finds the package from here
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                extensions = mypycify([f"build_tools/{module}.py" for module in MODULES], target_dir=str(work / "c"), group_name=GROUP)
                distribution = Distribution({"name": GROUP, "ext_modules": extensions})
                command = distribution.get_command_obj("build_ext")
                command.build_lib = str(work / "lib")
                command.build_temp = str(work / "temp")
                distribution.run_command("build_ext")
        finally:
            os.chdir(here)
        shutil.rmtree(FOLDER, ignore_errors=True)
        shutil.copytree(work / "lib", FOLDER)
    manifest = {"sources": digest, "modules": list(MODULES), "python": sys.version}
    (FOLDER / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    """Build the compiled modules when they are missing or out of date. A failure is a note, not an error: the sources run."""
    if up_to_date():
        print(f"compiled modules: up to date in {FOLDER}", file=sys.stderr)
        return 0
    log = FOLDER.parent / "build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    try:
        build(log)
    except (Exception, SystemExit) as failure:  # setuptools reports a compiler error as SystemExit
        print(
            f"note: could not compile the hot modules ({type(failure).__name__}: {failure}; the compiler's output is in {log}). "
            "Everything still works from the sources, about a third slower; to compile, install gcc and Python's headers "
            "(Debian: apt-get install gcc python3-dev) and run `make compiled`.",
            file=sys.stderr,
        )
        return 0
    print(f"compiled modules: built in {time.monotonic() - start:.0f} s into {FOLDER}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
