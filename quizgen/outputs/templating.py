"""The Jinja2 environment every HTML output renders through, and its errors as one line.

The user's ``--template-dir`` is searched first, then the built-in ``templates/html``; the
built-ins stay reachable as ``default:NAME`` so an override can ``{% extends "default:…" %}``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen import __version__
from quizgen.errors import QuizgenError, TemplateProblemError
from quizgen.model import KIND_NAMES, KINDS

if TYPE_CHECKING:  # jinja2 loads when a page is rendered, never at startup
    import jinja2
    from markupsafe import Markup

_TEMPLATE_SUFFIXES = (".html", ".css", ".js", ".j2", ".jinja", ".xml", ".txt")


def builtin_dir(family: str = "html") -> Path:
    """Give the folder of a family of built-in templates: "html" pages or text "export"s."""
    from quizgen.resources import templates_dir

    return templates_dir() / family


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
    """Give a loader of the user's templates: regular UTF-8 files inside folder, capped.

    A name that is there but is not a file (a folder, a pipe, a device, a link out of the
    folder or a dangling one) is an error, not silently passed over for the built-in.
    """
    import jinja2
    from jinja2.loaders import split_template_path

    from quizgen.deckfile.files import UnreadableFileError, read_capped

    class Utf8FolderLoader(jinja2.BaseLoader):
        def get_source(self, environment: jinja2.Environment,
                       template: str) -> tuple[str, str, Callable[[], bool]]:
            path = folder.joinpath(*split_template_path(template))
            try:
                os.lstat(path)
            except (FileNotFoundError, NotADirectoryError):
                raise jinja2.TemplateNotFound(template) from None  # the built-in may have it
            except (OSError, ValueError) as err:
                raise TemplateProblemError(f"{path}: cannot read this template: "
                                           f"{getattr(err, 'strerror', None) or err}") from None
            try:
                data = read_capped(path, "this template", folder)
            except UnreadableFileError as err:
                raise TemplateProblemError(f"{path}: {err.reason}") from None
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as err:
                line = data[:err.start].count(b"\n") + 1
                raise TemplateProblemError(
                    f"{path}, line {line}: this template is not UTF-8 text (byte "
                    f"0x{data[err.start]:02X}); save it as UTF-8"
                ) from None
            mtime = os.stat(path).st_mtime

            def uptodate() -> bool:
                try:
                    return os.stat(path).st_mtime == mtime
                except OSError:
                    return False

            return text, str(path), uptodate

    return Utf8FolderLoader()


def environment(template_dir: Path | str | None = None) -> jinja2.Environment:
    """Give the Jinja2 environment of the HTML pages: user templates first, autoescape on,
    an undefined name an error.

    One environment per template folder, kept: a build renders a dozen pages from the same
    templates, and compiling them anew for each took most of its time. Jinja2 still checks
    each template file's time, so an edited template is read again.
    """
    env = base_environment("html", None if template_dir is None else str(template_dir))
    if "csp_hash" not in env.filters:
        env.filters["csp_hash"] = _csp_hash
        env.filters["css_string"] = _css_string
        env.globals.update(generator=f"quizgen {__version__}", kinds=KINDS,
                           kind_names=KIND_NAMES)
    return env


@functools.lru_cache(maxsize=16)
def base_environment(family: str, template_dir: str | None) -> jinja2.Environment:
    """Give the environment of a family of built-in templates ("html" or "export"), with the
    user's template_dir searched first and the built-ins reachable as default:NAME.

    HTML is autoescaped everywhere; of the exports, only the XML ones (the text formats
    escape with filters of their own). The caller adds its family's filters, once.
    """
    import jinja2

    builtin = jinja2.FileSystemLoader(builtin_dir(family))
    loaders: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({"default": builtin}, delimiter=":"),
    ]
    if template_dir is not None:
        loaders.append(_utf8_loader(Path(template_dir)))
    loaders.append(builtin)
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True if family == "html" else (
            lambda name: name is not None and name.endswith(".xml")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Give a template rendered with context; any error in it becomes one line."""
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
