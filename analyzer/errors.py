"""One error base class; every layer raises a subclass, the CLI turns it into one line and an exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes, the same for every command and format."""

    OK = 0
    FINDINGS = 1
    INPUT_ERROR = 2
    INCOMPLETE = 3


class AuditError(Exception):
    """An error the user can act on: names the file and line when there is one."""

    exit_code: ExitCode = ExitCode.INPUT_ERROR

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return f"{where}{self.message}"


class UsageError(AuditError):
    """Bad command-line options or combinations."""


class InputError(AuditError):
    """Malformed input in the scanned tree: go.mod, go.work, modules.txt, directives, config."""


class KnowledgeError(AuditError):
    """An invalid knowledge-base entry."""


class CacheError(AuditError):
    """A cache directory that is not godebug-audit's (cache trim, cache clean)."""
