"""The site's own Markdown set-up, read from mkdocs.yml, so tests render exactly as the site does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` tags as their defaults."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    return value[-1]


_MkDocsLoader.add_constructor("!ENV", _env)


def mkdocs_config() -> dict[str, Any]:
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    assert isinstance(data, dict)
    return data


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with exactly the extensions and settings of mkdocs.yml."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in mkdocs_config()["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, settings),) = entry.items()
            names.append(name)
            configs[name] = settings or {}
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names, extension_configs=configs)
