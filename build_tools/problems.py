"""Problems found in content: the core returns them, only the command line prints them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    path: str
    """The file the problem is in, as the user named it (relative to the working directory when possible)."""
    line: int
    """1-based line in that file; 0 when the problem concerns the whole file."""
    severity: Severity
    """`error` fails every build; `warning` fails only `check --strict`."""
    message: str
    """What is wrong and how to fix it, ideally with a correct example."""

    def format(self) -> str:
        """The `path:line: severity: message` form that editors and CI annotate."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"

    def as_json(self) -> dict[str, object]:
        """The form `check --format json` prints."""
        return {"path": self.path, "line": self.line, "severity": self.severity, "message": self.message}

    def as_json_text(self) -> str:
        """`json.dumps(self.as_json(), ensure_ascii=False)`, from the C string encoder alone (`check` prints tens of thousands)."""
        return f'{{"path": {json_string(self.path)}, "line": {self.line}, "severity": "{self.severity}", "message": {json_string(self.message)}}}'


# A string as JSON text, as `json.dumps(..., ensure_ascii=False)` writes it (its C encoder): for output
# written row by row, where a dict and a `dumps` call per row would cost seconds on a big archive.
json_string = json.encoder.encode_basestring


def display_path(path: Path) -> str:
    """Show paths relative to the working directory when they are inside it, so messages stay short and clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def error(path: Path | str, line: int, message: str) -> Problem:
    return Problem(path if isinstance(path, str) else display_path(path), line, "error", message)


def warning(path: Path | str, line: int, message: str) -> Problem:
    return Problem(path if isinstance(path, str) else display_path(path), line, "warning", message)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
