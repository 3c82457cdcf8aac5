"""Small rooms (issue 16): no function over 60 lines, no module over 600 lines unless its docstring says
why ("Over 600 lines because ..."), and pylint's duplicate-code check clean (no near-copy of 10 lines
or more), over every folder and module of src/newsledger; and no undefined name there or in the scripts run
by hand (benchmarks/, scripts/), which no other test imports."""

from __future__ import annotations

import ast
import pathlib
import re
import subprocess
import sys

import pytest

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "newsledger"
CHECKED = sorted(p for p in SRC.iterdir() if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").is_file()))
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 600
LONG_MODULE_REASON = re.compile(r"over 600 lines because\b", re.I)


def _modules():
    for entry in CHECKED:
        yield from ([entry] if entry.is_file() else sorted(entry.rglob("*.py")))


def shape_problems(source: str) -> list[str]:
    """What is too big in one module's source: the module itself, and every function over the limit."""
    tree = ast.parse(source)
    problems = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES and not LONG_MODULE_REASON.search(ast.get_docstring(tree) or ""):
        problems.append(f"module of {lines} lines with no reason in its docstring")
    problems += [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                 and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    return problems


def test_every_folder_is_checked():
    checked = {p.name for p in CHECKED}
    assert {"web", "cli", "store", "ledger", "ingest", "scale", "text", "lexicon", "extract", "records.py",
            "evaluate.py", "settings.py", "errors.py"} <= checked
    modules = {p.relative_to(SRC).as_posix() for p in _modules()}
    assert {"extract/quotes/reported.py", "extract/people/mentions.py", "extract/times/resolve.py",
            "extract/claims/units.py", "extract/quantities.py"} <= modules


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: str(p.relative_to(SRC)))
def test_functions_fit_on_a_screen(path):
    problems = shape_problems(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.relative_to(SRC)}: {', '.join(problems)}"


def test_the_shape_check_finds_what_is_too_big():
    body = "".join(f"    x{i} = {i}\n" for i in range(61))
    assert shape_problems(f"def long():\n{body}") == ["long (62 lines)"]
    assert shape_problems("def short():\n    return 1\n") == []
    many = "x = 1\n" * 601
    assert shape_problems(many) == ["module of 601 lines with no reason in its docstring"]
    assert shape_problems('"""Rules.\n\nOver 600 lines because one table is long."""\n' + many) == []


def test_no_near_copies():
    pytest.importorskip("pylint")
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--disable=all", "--enable=duplicate-code", "--min-similarity-lines=10",
         "--score=n", *map(str, CHECKED)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_near_copy_check_finds_a_copy(tmp_path):
    pytest.importorskip("pylint")
    body = "".join(f"    total = total * {i} + len(str(value)) - {i}\n" for i in range(12))
    for name in ("a", "b"):
        (tmp_path / f"{name}.py").write_text(f"def f_{name}(value):\n    total = 0\n{body}    return total\n")
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--disable=all", "--enable=duplicate-code", "--min-similarity-lines=10",
         "--score=n", str(tmp_path / "a.py"), str(tmp_path / "b.py")], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "duplicate-code" in result.stdout


#: Everything run by hand as well as the package: a script that is never imported by a test breaks silently.
RUN_BY_HAND = [SRC, SRC.parents[1] / "benchmarks", SRC.parents[1] / "scripts"]


def test_no_undefined_names_in_package_benchmarks_or_scripts():
    pytest.importorskip("pylint")
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--disable=all", "--enable=undefined-variable,used-before-assignment",
         "--score=n", *map(str, RUN_BY_HAND)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_undefined_name_check_finds_one(tmp_path):
    pytest.importorskip("pylint")
    (tmp_path / "bench.py").write_text("def run():\n    return time.perf_counter()\n")
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--disable=all", "--enable=undefined-variable", "--score=n",
         str(tmp_path / "bench.py")], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "undefined-variable" in result.stdout
