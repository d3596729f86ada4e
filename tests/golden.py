"""Golden case files: one YAML file holds the input, the expected output and the expected problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _LiteralDumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _str_representer)


def load_case(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: a golden case is a mapping"
    return data


def save_case(path: Path, case: dict[str, Any]) -> None:
    path.write_text(yaml.dump(case, Dumper=_LiteralDumper, sort_keys=False, allow_unicode=True, width=100000), encoding="utf-8")
