"""Rendering quizzes, worksheets, answer keys and the index page from Jinja2 templates.

The user's ``--template-dir`` is searched first, then the built-in ``templates/html``; the
built-ins stay reachable as ``default:NAME`` so an override can ``{% extends "default:…" %}``.
"""

from __future__ import annotations

import base64
import hashlib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from quizgen import __version__
from quizgen.arrange import Quiz
from quizgen.errors import TemplateProblemError
from quizgen.model import KINDS

#: The page each mode renders.
MODES: dict[str, str] = {
    "quiz": "quiz.html",
    "worksheet": "worksheet.html",
    "key": "answer-key.html",
}
INDEX_TEMPLATE = "index.html"
_TEMPLATE_SUFFIXES = (".html", ".css", ".js", ".j2", ".jinja")


@dataclass(frozen=True)
class Link:
    """One output of a deck, as the index page links it."""

    label: str
    href: str


@dataclass(frozen=True)
class IndexEntry:
    """One deck on the index page."""

    id: str
    title: str
    items: int
    links: tuple[Link, ...]


def builtin_dir() -> Path:
    """Give the folder of the built-in HTML templates."""
    from quizgen.resources import templates_dir

    return templates_dir() / "html"


def _csp_hash(script: str) -> Markup:
    """Give the Content-Security-Policy source that allows exactly this inline script."""
    digest = hashlib.sha256(str(script).encode("utf-8")).digest()
    return Markup(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")


def environment(template_dir: Path | str | None = None) -> jinja2.Environment:
    """Give the Jinja2 environment: user templates first, autoescape on, undefined is an error."""
    builtin = jinja2.FileSystemLoader(builtin_dir())
    loaders: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({"default": builtin}, delimiter=":"),
    ]
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(Path(template_dir)))
    loaders.append(builtin)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["csp_hash"] = _csp_hash
    env.globals.update(generator=f"quizgen {__version__}", kinds=KINDS)
    return env


def _where(err: BaseException) -> str:
    """Give "file, line N" of the template frame an error was raised in, if any."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        name = err.filename or err.name or "a template"
        return f"{name}, line {err.lineno}"
    frames = [frame for frame in traceback.extract_tb(err.__traceback__)
              if frame.filename.endswith(_TEMPLATE_SUFFIXES)]
    if frames:
        return f"{frames[-1].filename}, line {frames[-1].lineno}"
    return "a template"


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as err:
        raise TemplateProblemError(
            f"template {err.name!r} not found; it is neither in --template-dir nor built in"
        ) from err
    except jinja2.TemplateSyntaxError as err:
        raise TemplateProblemError(f"{_where(err)}: {err.message}") from err
    except jinja2.UndefinedError as err:
        raise TemplateProblemError(
            f"{_where(err)}: {err.message}; check the name against the documented variables"
        ) from err
    except jinja2.TemplateError as err:
        raise TemplateProblemError(f"{_where(err)}: {err}") from err


def quiz_data(quiz: Quiz) -> dict[str, object]:
    """Give what the quiz page's script needs to grade: each item's answer letter."""
    return {
        "version": quiz.version,
        "answers": {q.item.id: q.answer.letter for q in quiz.questions},
    }


def render_html(quiz: Quiz, mode: str = "quiz", template_dir: Path | str | None = None) -> str:
    """Give one self-contained HTML page of a quiz: the quiz, the worksheet or the key."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    deck = quiz.deck
    context = {
        "mode": mode,
        "quiz": quiz,
        "deck": deck,
        "source": deck.source,
        "questions": quiz.questions,
        "version": quiz.version,
        "quiz_kinds": quiz.kinds(),
        "data": quiz_data(quiz),
    }
    return _render(environment(template_dir), MODES[mode], context)


def render_index(entries: Sequence[IndexEntry], template_dir: Path | str | None = None) -> str:
    """Give the index page that links every deck's outputs."""
    return _render(environment(template_dir), INDEX_TEMPLATE, {"entries": list(entries)})

