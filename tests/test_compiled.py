"""The compiled modules (build_tools/compiled.py): used only while they match their sources, and giving what the sources give."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import compile as compile_module
from build_tools import compiled
from build_tools.write import MARKER_FILE

ROOT = Path(__file__).resolve().parent.parent
CONTENT = Path(__file__).parent / "site_fixture" / "content"


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two made-up modules with a compiled folder built from them as they are now."""
    package = tmp_path / "build_tools"
    package.mkdir()
    for module in ("alpha", "beta"):
        (package / f"{module}.py").write_text(f"NAME = {module!r}\n", encoding="utf-8")
    folder = tmp_path / ".compiled" / "abi"
    monkeypatch.setattr(compiled, "PACKAGE", package)
    monkeypatch.setattr(compiled, "MODULES", ("alpha", "beta"))
    monkeypatch.setattr(compiled, "FOLDER", folder)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv(compiled.SWITCH, raising=False)
    (folder / "build_tools").mkdir(parents=True)
    manifest = {"sources": compiled.sources_digest(), "modules": ["alpha", "beta"]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return package


def test_compiled_modules_built_from_the_sources_as_they_are_come_first(fake_package: Path) -> None:
    path = [str(fake_package)]
    compiled.use_compiled(path)
    assert path == [str(compiled.FOLDER / "build_tools"), str(fake_package)]
    assert sys.path[-1] == str(compiled.FOLDER)


def test_an_edited_source_leaves_every_compiled_module_unused(fake_package: Path) -> None:
    (fake_package / "beta.py").write_text("NAME = 'edited'\n", encoding="utf-8")
    path = [str(fake_package)]
    compiled.use_compiled(path)
    assert path == [str(fake_package)]
    assert not compiled.up_to_date()


@pytest.mark.parametrize("manifest", ['{"sources": "0", "modules": ["alpha", "beta"]}', "not json", '["a list"]'])
def test_a_manifest_of_other_sources_or_broken_leaves_them_unused(fake_package: Path, manifest: str) -> None:
    (compiled.FOLDER / "manifest.json").write_text(manifest, encoding="utf-8")
    assert not compiled.up_to_date()


def test_a_manifest_of_other_modules_leaves_them_unused(fake_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert compiled.up_to_date()
    monkeypatch.setattr(compiled, "MODULES", ("alpha",))
    assert not compiled.up_to_date()


def test_the_switch_keeps_up_to_date_modules_unused(fake_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compiled.SWITCH, "0")
    path = [str(fake_package)]
    compiled.use_compiled(path)
    assert path == [str(fake_package)]
    assert compiled.up_to_date()


def _compiled_or_skip() -> None:
    """`make test` builds the compiled modules first, so CI tests what `make site` runs: in CI their absence fails. Outside
    it, a module being edited (or `BUILD_TOOLS_COMPILED=0`) leaves them unused, and the test has nothing to look at."""
    if os.environ.get("CI") == "true":
        assert compiled.up_to_date(), f"the compiled modules are not built: run `make compiled` and read {compiled.FOLDER.parent / 'build.log'}"
        return
    if not compiled.up_to_date():
        pytest.skip("the compiled modules are not built or out of date (`make compiled`)")


def test_the_tests_run_the_compiled_modules_when_they_are_built() -> None:
    _compiled_or_skip()
    if os.environ.get("CI") != "true" and os.environ.get(compiled.SWITCH) == "0":
        pytest.skip(f"{compiled.SWITCH}=0 asks for the sources")
    assert compiled.in_use(), f"the compiled modules are not in use: run `make compiled` and read {compiled.FOLDER.parent / 'build.log'}"
    import build_tools.suggest

    assert not (build_tools.suggest.__file__ or "").endswith(".py")


def _run(command: list[str], *, sources: bool) -> tuple[str, str]:
    """Run the command line in a fresh process, on the compiled modules or (`sources`) on the sources; its output and which it ran."""
    env = {key: value for key, value in os.environ.items() if key != compiled.SWITCH}
    if sources:
        env[compiled.SWITCH] = "0"
    program = "import sys; from build_tools import compiled, cli; code = cli.main(sys.argv[1:]); print(compiled.in_use(), file=sys.stderr); sys.exit(code)"
    done = subprocess.run([sys.executable, "-c", program, *command], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout, done.stderr.rstrip().rsplit("\n", 1)[-1]


@pytest.mark.slow
def test_the_compiled_modules_check_and_build_as_the_sources_do(tmp_path: Path) -> None:
    _compiled_or_skip()
    found: dict[bool, tuple[str, dict[str, bytes]]] = {}
    for sources in (True, False):
        out = tmp_path / str(sources)
        out.mkdir()
        checked, ran_compiled = _run(["check", "--content", str(CONTENT), "--format", "json"], sources=sources)
        assert ran_compiled == str(not sources)
        _run(["build", "--content", str(CONTENT), "--out", str(out / "docs")], sources=sources)
        tree = {p.relative_to(out / "docs").as_posix(): p.read_bytes() for p in sorted((out / "docs").rglob("*")) if p.is_file() and p.name != MARKER_FILE}
        found[sources] = (checked, tree)
    assert json.loads(found[True][0])["suggestions"], "the fixture gives suggestions to compare"
    assert found[True][0] == found[False][0]
    assert found[True][1].keys() == found[False][1].keys()
    assert [name for name in found[True][1] if found[True][1][name] != found[False][1][name]] == []


def test_up_to_date_modules_are_not_built_again(fake_package: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(compile_module, "FOLDER", compiled.FOLDER)
    monkeypatch.setattr(compile_module, "up_to_date", compiled.up_to_date)
    monkeypatch.setattr(compile_module, "build", lambda log: pytest.fail("built again"))
    assert compile_module.main() == 0
    assert "up to date" in capsys.readouterr().err


def test_a_machine_without_a_compiler_gets_a_note_and_the_sources(
    fake_package: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (fake_package / "alpha.py").write_text("NAME = 'edited'\n", encoding="utf-8")

    def no_compiler(log: Path) -> None:
        raise SystemExit("error: command 'gcc' failed: No such file or directory")

    monkeypatch.setattr(compile_module, "FOLDER", compiled.FOLDER)
    monkeypatch.setattr(compile_module, "up_to_date", compiled.up_to_date)
    monkeypatch.setattr(compile_module, "build", no_compiler)
    assert compile_module.main() == 0
    note = capsys.readouterr().err
    assert note.startswith("note: could not compile the hot modules (SystemExit: error: command 'gcc' failed")
    assert "apt-get install gcc python3-dev" in note and "make compiled" in note
    path = [str(fake_package)]
    compiled.use_compiled(path)
    assert path == [str(fake_package)]
