"""GODEBUG (and GOGC, GOMEMLIMIT, GOMAXPROCS) where a Go program is deployed: find, classify, verify.

Public API:
- `find_deploy_settings(root, toolchain, table=None, defaults=None) -> DeployReport` (used by `scan`);
- `find_settings(rel, kind, text) -> (settings, skipped)`: the finders, by file kind (pure);
- `classify_all(settings, table, toolchain, defaults)`, `verification_steps(...)`;
- `default_table()` / `build_table(entries)`: the KB's settings (one source of truth with the plan).
"""

from __future__ import annotations

from pathlib import Path

from analyzer.deploy.cache import FileFacts, FindingsCache
from analyzer.deploy.classify import DefaultsFor, classify_all
from analyzer.deploy.dockerfile import find_in_dockerfile
from analyzer.deploy.gocode import find_in_go
from analyzer.deploy.godebugs import SettingsTable, build_table, default_table
from analyzer.deploy.helm import find_in_template
from analyzer.deploy.kubernetes import find_in_yaml
from analyzer.deploy.makefile import find_in_makefile
from analyzer.deploy.shell import find_in_shell
from analyzer.deploy.systemd import find_in_unit
from analyzer.deploy.values import VARIABLES
from analyzer.deploy.verify import verification_steps
from analyzer.deploy.walk import Candidate, FileKind, kind_for, read_text, walk_candidates
from analyzer.model import DeployReport, EnvSetting, EnvSource, Skipped
from analyzer.versions import GoVersion

__all__ = [
    "DefaultsFor",
    "FileKind",
    "SettingsTable",
    "build_table",
    "classify_all",
    "default_table",
    "find_deploy_settings",
    "find_settings",
    "verification_steps",
]

_MARKERS = (*VARIABLES, "EnvironmentFile")


def find_settings(rel: str, kind: FileKind, text: str) -> tuple[list[EnvSetting], list[Skipped]]:
    """The settings one file assigns or reads (pure)."""
    if not any(m in text for m in _MARKERS):
        return [], []
    match kind:
        case FileKind.YAML:
            found, skipped = find_in_yaml(text, rel)
            if skipped and "{{" in text:  # a template YAML will not load: read it line by line
                return find_in_template(text, rel), []
            return found, skipped
        case FileKind.TEMPLATE:
            return find_in_template(text, rel), []
        case FileKind.DOCKERFILE:
            return find_in_dockerfile(text, rel), []
        case FileKind.SYSTEMD:
            return find_in_unit(text, rel), []
        case FileKind.SHELL:
            return find_in_shell(text, rel), []
        case FileKind.ENVFILE:
            return find_in_shell(text, rel, EnvSource.DOTENV), []
        case FileKind.MAKEFILE:
            return find_in_makefile(text, rel), []
        case FileKind.GO:
            return find_in_go(text, rel), []


def _file_facts(c: Candidate) -> FileFacts | Skipped:
    """What one file holds (kind None: no deployment file), or a Skipped when it cannot be read."""
    kind = kind_for(c)
    if isinstance(kind, Skipped):
        return kind
    if kind is None:
        return FileFacts(None)
    text = read_text(c)
    if isinstance(text, Skipped):
        return text
    found, skip = find_settings(c.rel, kind, text)
    return FileFacts(kind, tuple(found), tuple(skip))


def find_deploy_settings(
    root: Path | str,
    toolchain: GoVersion | str,
    table: SettingsTable | None = None,
    defaults: DefaultsFor | None = None,
    cache_dir: Path | None = None,
) -> DeployReport:
    """Walk root, find every setting, classify it for the toolchain; iterating the report gives findings.

    `defaults(binary_name)`, when given, returns that binary's DefaultGODEBUG map so overrides can be
    called `defeats` or `duplicates`. `cache_dir`: where each file's findings are kept by its stat
    (deploy/cache.py; None: every file is read).
    """
    to = toolchain if isinstance(toolchain, GoVersion) else GoVersion.parse(toolchain)
    root_path = Path(root)
    table = table or default_table()
    settings: list[EnvSetting] = []
    skipped: list[Skipped] = []
    scanned = 0
    cache = FindingsCache(cache_dir, root_path)
    for c in walk_candidates(root_path):
        facts: FileFacts | Skipped | None = cache.get(c)
        if facts is None:
            facts = _file_facts(c)
            cache.put(c, facts)
        if isinstance(facts, Skipped):
            skipped.append(facts)
        elif facts.kind is not None:
            scanned += 1
            settings.extend(facts.settings)
            skipped.extend(facts.skipped)
    cache.save()
    # `1.27` means the 1.27 toolchains: model the newest patch, as `scan --to 1.27` does
    newest = GoVersion(to.minor, 10**6) if to.patch is None and not to.prerelease else to
    findings = classify_all(settings, table, newest, defaults)
    return DeployReport(
        root=str(root_path),
        toolchain=to,
        settings=tuple(sorted(settings, key=lambda s: (s.file, s.line, s.column, s.variable))),
        findings=tuple(findings),
        skipped=tuple(sorted(skipped, key=lambda s: (s.file, s.line or 0))),
        files_scanned=scanned,
    )
