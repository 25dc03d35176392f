"""The arrows between the packages (DESIGN.md) and the size of every module.

Every import is read from the source with `ast`, those inside functions and under
TYPE_CHECKING included, and resolved to the absolute module it names; a rule lists the imports
it forbids for the modules it covers.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 300


def module_name(path: Path) -> str:
    """The dotted module name of a source file under ROOT."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    """Whether `name` is a module or package of this repository."""
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imported(path: Path) -> Iterator[str]:
    """Every module `path` imports, absolute; `from p import m` gives p.m when m is a module."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                name = f"{base}.{alias.name}"
                yield name if is_module(name) else base


def sources(*folders: str) -> list[Path]:
    """The Python files under `folders` (relative to ROOT)."""
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def within(name: str, *packages: str) -> bool:
    """Whether module `name` is one of `packages` or inside one."""
    return any(name == p or name.startswith(p + ".") for p in packages)


def offending(folder: str, forbidden: Callable[[str], bool]) -> list[str]:
    """ "module -> import" for every import under `folder` that `forbidden` rejects."""
    return sorted(
        f"{module_name(path)} -> {name}"
        for path in sources(folder)
        for name in set(imported(path))
        if forbidden(name)
    )


def domain_forbids(name: str) -> bool:
    """The domain imports only itself, the standard library and plain third-party packages."""
    if within(name, "bot"):
        return not within(name, "bot.domain")
    return within(name, "storage", "telegram", "aiosqlite", "tests", "bench")


def storage_forbids(name: str) -> bool:
    """Storage knows nothing of the bot or of Telegram."""
    return within(name, "bot", "telegram", "tests", "bench")


def render_forbids(name: str) -> bool:
    """Rendering uses only the domain, the shared model, the catalogues and itself."""
    if within(name, "bot"):
        return not within(name, "bot.domain", "bot.model", "bot.i18n", "bot.render")
    return within(name, "storage", "tests", "bench")


def services_forbid(name: str) -> bool:
    """Services are called by handlers, jobs and the console, never the other way round."""
    return within(name, "bot.handlers", "bot.jobs", "bot.console")


def console_forbids(name: str) -> bool:
    """The console reaches the data through services, like handlers: no storage."""
    return within(name, "storage", "aiosqlite", "bot.handlers", "bot.jobs", "bot.app")


def handlers_forbid(name: str) -> bool:
    """Handlers reach the data through services (records through bot.model), never storage."""
    return within(name, "storage")


def jobs_forbid(name: str) -> bool:
    """Jobs call services: no handlers, no storage."""
    return within(name, "bot.handlers", "storage")


def too_long(*folders: str) -> list[str]:
    """ "file: lines" for every module over MAX_LINES."""
    found = []
    for path in sources(*folders):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{path.relative_to(ROOT)}: {lines}")
    return found


def test_imports_are_read_inside_functions_and_relative_ones_resolved(tmp_path: Path) -> None:
    module = ROOT / "bot" / "domain" / "__init__.py"
    assert "bot.domain" in {module_name(module)}
    source = ROOT / "tests" / "emulator" / "__init__.py"
    assert "tests.emulator.emulator" in set(imported(source))  # `from .emulator import ...`
    names = set(imported(Path(__file__)))
    assert {"ast", "collections.abc"} <= names


def test_a_late_import_inside_a_function_is_seen() -> None:
    late = [name for name in imported(Path(__file__)) if name == "importlib"]

    def hidden() -> None:
        import importlib  # noqa: F401  (only here to be found)

    hidden()
    assert late == ["importlib"]


def test_domain_imports_only_the_domain() -> None:
    assert offending("bot/domain", domain_forbids) == []


def test_storage_imports_nothing_of_the_bot_or_telegram() -> None:
    assert offending("storage", storage_forbids) == []


def test_services_never_import_handlers_or_jobs() -> None:
    assert offending("bot/services", services_forbid) == []


def test_render_imports_only_domain_model_and_i18n() -> None:
    assert offending("bot/render", render_forbids) == []


def test_handlers_never_import_storage() -> None:
    assert offending("bot/handlers", handlers_forbid) == []


def test_the_console_never_imports_storage_handlers_or_jobs() -> None:
    assert offending("bot/console", console_forbids) == []


def test_jobs_never_import_handlers_or_storage() -> None:
    assert offending("bot/jobs", jobs_forbid) == []


def test_no_module_of_storage_bench_or_tests_is_over_300_lines() -> None:
    assert too_long("storage", "bench", "tests") == []


def test_no_module_of_bot_is_over_300_lines() -> None:
    assert too_long("bot") == []
