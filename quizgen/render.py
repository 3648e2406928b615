"""Rendering quizzes, worksheets, answer keys and the index page from Jinja2 templates.

The user's ``--template-dir`` is searched first, then the built-in ``templates/html``; the
built-ins stay reachable as ``default:NAME`` so an override can ``{% extends "default:…" %}``.
"""

from __future__ import annotations

import base64
import hashlib
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen import __version__
from quizgen.arrange import Quiz
from quizgen.errors import QuizgenError, TemplateProblemError
from quizgen.model import KINDS

if TYPE_CHECKING:  # jinja2 loads when a page is rendered: the CLI imports PAGES at startup
    import jinja2
    from markupsafe import Markup

STUDENT, TEACHER = "student", "teacher"


@dataclass(frozen=True)
class Page:
    """One HTML page a quiz renders to."""

    mode: str  # the --mode that asks for it
    filename: str  # its template, and the name `quizgen build` gives the file
    label: str  # its link text on the index page
    audience: str  # STUDENT or TEACHER: whom the index page offers it to

    @property
    def stem(self) -> str:
        """Give the file name without ".html" ("answer-key"), for names like DECK-STEM.html."""
        return self.filename.removesuffix(".html")


#: The pages, in the order a build writes and the index lists them. The one place that
#: maps a mode to its template and file name: the CLI and the build read it from here.
PAGES: tuple[Page, ...] = (
    Page("quiz", "quiz.html", "Quiz", STUDENT),
    Page("worksheet", "worksheet.html", "Worksheet", TEACHER),
    Page("key", "answer-key.html", "Answer key", TEACHER),
)
#: The page each mode renders: its template and its file name in a build.
MODES: dict[str, str] = {page.mode: page.filename for page in PAGES}
INDEX_TEMPLATE = "index.html"
_TEMPLATE_SUFFIXES = (".html", ".css", ".js", ".j2", ".jinja", ".xml", ".txt")
_STUDENT_FILES = (MODES["quiz"], ".apkg")


@dataclass(frozen=True)
class Link:
    """One output of a deck, as the index page links it.

    ``audience`` is STUDENT or TEACHER; left empty, it is read from the file name: the quiz
    and the Anki deck are for students, anything else for the teacher, so a link that says
    nothing never puts the answer key among the students' links.
    """

    label: str
    href: str
    audience: str = ""

    @property
    def group(self) -> str:
        """Give whom the index page offers this link to: STUDENT or TEACHER."""
        if self.audience:
            return self.audience
        return STUDENT if self.href.endswith(_STUDENT_FILES) else TEACHER


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
    from markupsafe import Markup

    digest = hashlib.sha256(str(script).encode("utf-8")).digest()
    return Markup(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")


def _css_string(text: object) -> Markup:
    """Give text as a quoted CSS string, safe inside a <style> element (for `content:`).

    Quotes, backslashes, angle brackets, ampersands and control characters become CSS
    escapes, so deck text can neither end the string nor close the style element.
    """
    from markupsafe import Markup

    out = []
    for char in str(text):
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):06x}")
        else:
            out.append(char)
    return Markup('"' + "".join(out) + '"')


def _utf8_loader(folder: Path) -> jinja2.BaseLoader:
    """Give a loader of a folder's templates that names a file that is not UTF-8."""
    import jinja2

    class Utf8FileSystemLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: jinja2.Environment,
                       template: str) -> tuple[str, str, Callable[[], bool]]:
            try:
                return super().get_source(environment, template)
            except jinja2.TemplateNotFound:
                raise  # the next loader may have it
            except UnicodeDecodeError as err:
                path = _find(folder, template)
                line = err.object[:err.start].count(b"\n") + 1
                raise TemplateProblemError(
                    f"{path}, line {line}: this template is not UTF-8 text (byte "
                    f"0x{err.object[err.start]:02X}); save it as UTF-8"
                ) from None
            except OSError as err:
                raise TemplateProblemError(
                    f"{_find(folder, template)}: cannot read this template: "
                    f"{err.strerror or err}") from None

    return Utf8FileSystemLoader(folder)


def _find(folder: Path, template: str) -> Path:
    return folder.joinpath(*template.split("/"))


def environment(template_dir: Path | str | None = None) -> jinja2.Environment:
    """Give the Jinja2 environment: user templates first, autoescape on, undefined is an error."""
    import jinja2

    builtin = jinja2.FileSystemLoader(builtin_dir())
    loaders: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({"default": builtin}, delimiter=":"),
    ]
    if template_dir is not None:
        loaders.append(_utf8_loader(Path(template_dir)))
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
    env.filters["css_string"] = _css_string
    env.globals.update(generator=f"quizgen {__version__}", kinds=KINDS)
    return env


def _template_frames(err: BaseException) -> list[traceback.FrameSummary]:
    return [frame for frame in traceback.extract_tb(err.__traceback__)
            if frame.filename.endswith(_TEMPLATE_SUFFIXES)]


def _where(err: BaseException) -> str:
    """Give "file, line N" of the template frame an error was raised in, if any."""
    import jinja2

    if isinstance(err, jinja2.TemplateSyntaxError):
        name = err.filename or err.name or "a template"
        return f"{name}, line {err.lineno}"
    frames = _template_frames(err)
    if frames:
        return f"{frames[-1].filename}, line {frames[-1].lineno}"
    return "a template"


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    import jinja2

    try:
        return env.get_template(name).render(context)
    except QuizgenError:
        raise
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
    except RecursionError as err:
        # A user's quiz.html that extends "quiz.html" finds itself, not the built-in.
        frames = _template_frames(err)
        where = frames[0].filename if frames else name
        raise TemplateProblemError(
            f"{where}: templates extend or include each other without end; to extend the "
            f'built-in, write {{% extends "default:{name}" %}}'
        ) from None
    except Exception as err:
        # Anything else raised while a template runs ({{ 1/0 }}, {{ questions|sum }}) is the
        # template's doing; an error raised outside every template is a bug and propagates.
        if not _template_frames(err):
            raise
        raise TemplateProblemError(
            f"{_where(err)}: {type(err).__name__}: {err}") from err


def quiz_data(quiz: Quiz) -> dict[str, object]:
    """Give what the quiz page's script needs to grade: each item's answer letter."""
    return {
        "deck": quiz.deck.id,
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


def _groups(links: Sequence[Link]) -> list[tuple[str, list[Link]]]:
    """Give the links for students, then those for the teacher (a group only if not empty)."""
    return [(group, chosen) for group in (STUDENT, TEACHER)
            if (chosen := [link for link in links if link.group == group])]


def render_index(entries: Sequence[IndexEntry], template_dir: Path | str | None = None) -> str:
    """Give the index page that links every deck's outputs."""
    context = {"entries": list(entries), "groups": _groups}
    return _render(environment(template_dir), INDEX_TEMPLATE, context)

