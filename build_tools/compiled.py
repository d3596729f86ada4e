"""The hot modules of `check` and linking compiled with mypyc (`make compiled`), used while they match their sources.

mypyc compiles this typed Python as it is written, so there is no second language to keep in step: on the bench
corpus (10,000 articles, 5,000 actors) `check` takes about a quarter less CPU. A compiled module is used only while
every source in `MODULES` is byte for byte the one it was built from (their digest is in the folder's manifest):
after any edit, without a C compiler or on another Python, every module runs from its source, as before. Set
`BUILD_TOOLS_COMPILED=0` to run the sources even when the compiled modules are up to date.

`python -m build_tools.compile` (`make compiled`) builds them into `.compiled/<ABI>/` beside the package (git-ignored).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
"""The package's source folder (a compiled module's `__file__` is in `FOLDER`)."""
# Where the time of `check` and linking goes (`make bench`); the modules that render pages, read YAML or fork are not worth it.
MODULES = (
    "article_words",
    "fast_text",
    "link",
    "longer_names",
    "name_edges",
    "name_types",
    "names",
    "near_miss",
    "openings",
    "sentences",
    "stretches",
    "suggest",
    "suggestions",
    "text",
)
FOLDER = PACKAGE.parent / ".compiled" / (sysconfig.get_config_var("SOABI") or sys.implementation.cache_tag)
"""This Python's compiled modules: `build_tools/<module>.<ABI>.so`, the shared library they call each other through, `manifest.json`."""
SWITCH = "BUILD_TOOLS_COMPILED"
"""The environment variable that, set to 0, keeps the compiled modules unused."""
GROUP = "build_tools_compiled"
"""The shared library's name."""


def sources_digest() -> str:
    """A digest of the sources in `MODULES`, as they are now."""
    digest = hashlib.sha256()
    for module in MODULES:
        digest.update(module.encode() + b"\0" + (PACKAGE / f"{module}.py").read_bytes() + b"\0")
    return digest.hexdigest()


def up_to_date() -> bool:
    """Whether `FOLDER` holds modules built from the sources as they are now."""
    try:
        manifest = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("sources") == sources_digest() and manifest.get("modules") == list(MODULES)


def use_compiled(package_path: list[str]) -> None:
    """Put the compiled modules before their sources on the package's path, when they are up to date and not switched off."""
    if os.environ.get(SWITCH) != "0" and up_to_date():
        package_path.insert(0, str(FOLDER / "build_tools"))
        sys.path.append(str(FOLDER))  # the shared library is a top-level module


def in_use() -> bool:
    """Whether this process runs the compiled modules."""
    import build_tools

    return build_tools.__path__[0] == str(FOLDER / "build_tools")
