"""The one exception family of quizgen; the CLI turns each into a one-line message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck: where it is, what it is, and how bad."""

    file: str
    message: str
    item: str | None = None
    field: str | None = None
    line: int | None = None
    severity: str = "error"  # "error" stops a build; "warning" prints (--strict: error)
    code: str = "invalid"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.item is not None:
            parts.append(f"item {self.item!r}")
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        label = "" if self.severity == "error" else "warning: "
        return f"{', '.join(parts)}: {label}{self.message}"

    def to_dict(self) -> dict[str, object]:
        """Give the problem as a JSON-ready mapping."""
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "item": self.item,
            "field": self.field,
            "message": self.message,
        }


class QuizgenError(Exception):
    """Base of every error a user can cause; the CLI prints it as one line and exits 1."""


class DeckNotFoundError(QuizgenError):
    """Raised when a DECK argument names no deck folder, deck.yaml or bundled deck id."""

    def __init__(self, arg: str, reason: str) -> None:
        self.arg, self.reason = arg, reason
        super().__init__(f"{arg}: {reason}")


class DeckError(QuizgenError):
    """Raised when a deck cannot be read or built; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DeckError needs at least one problem")
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


class TemplateProblemError(QuizgenError):
    """Raised when a Jinja2 template is missing, malformed or uses an unknown variable."""


class OutputError(QuizgenError):
    """Raised when an output file cannot be written."""


class StaleLockError(QuizgenError):
    """Raised by ``--frozen`` when anki-lock.json does not match the deck."""


class SelectionError(QuizgenError):
    """Raised when --kind, --tag or --count choose no item, or more items than a deck has."""


class LockError(QuizgenError):
    """Raised when a deck's anki-lock.json cannot be read or is not a lock quizgen wrote."""


class RetypedItemError(QuizgenError):
    """Raised when an item's Anki note would change type, which Anki would silently skip."""


class ExportError(QuizgenError):
    """Raised when an export cannot be made: a setting its platform refuses, or no item fits."""


class InterruptedBuildError(QuizgenError):
    """Raised when SIGINT or SIGTERM stops a build while it writes; says what is left."""

    def __init__(self, signum: int, where: str, state: str) -> None:
        import signal

        self.signum = signum
        #: 130 for Ctrl-C, 143 for SIGTERM, as a shell reports a process killed by them.
        self.exit_code = 128 + signum
        super().__init__(f"{where}interrupted ({signal.Signals(signum).name}) {state}")
