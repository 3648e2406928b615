"""What the classroom-platform exports share: settings, left-out items, feedback, zips, templates.

Each export module gives ``check(quiz, settings)`` (the items its platform cannot hold, as
warnings) and ``render(quiz, settings)`` (the file's bytes, no I/O but reading templates).
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.errors import ExportError, Problem
from quizgen.model import Deck, Item
from quizgen.quiz import Question, Quiz

if TYPE_CHECKING:  # jinja2 loads when a text export is rendered
    import jinja2

#: Every zip entry (H5P, QTI, xlsx) carries this time, so a rebuild gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: The seconds a question runs for where the platform times questions, unless told otherwise.
DEFAULT_TIME_LIMIT = 30


@dataclass(frozen=True)
class ExportSettings:
    """What the user sets for an export beyond the quiz itself."""

    time_limit: int = DEFAULT_TIME_LIMIT  # seconds per question, where the platform has it
    template_dir: Path | None = None  # searched before templates/export for the text formats


def left_out(quiz: Quiz, item: Item, platform: str, message: str,
             field: str | None = None) -> Problem:
    """Give the warning for an item an export leaves out, naming the limit it breaks."""
    return Problem(file=quiz.deck.id, item=item.id, field=field, severity="warning",
                   code="left-out", message=f"left out of the {platform} export: {message}",
                   line=None)


def without(quiz: Quiz, item_ids: Iterable[str]) -> Quiz:
    """Give the quiz without the given items, the others renumbered from 1 in their order."""
    dropped = set(item_ids)
    kept = [q for q in quiz.questions if q.item.id not in dropped]
    questions = tuple(replace(q, number=n) for n, q in enumerate(kept, start=1))
    return replace(quiz, questions=questions)


def fields(question: Question) -> list[tuple[str, str]]:
    """Give every text of a question as (deck.yaml field, text), for the checks."""
    item = question.item
    texts = [("prompt", item.prompt), ("answer", item.answer)]
    for k, d in enumerate(item.distractors):
        texts += [(f"distractors[{k}].text", d.text), (f"distractors[{k}].why", d.why)]
    texts += [("evidence", item.evidence), ("explanation", item.explanation)]
    return texts


def shown_texts(question: Question) -> list[tuple[str, str]]:
    """Give the prompt and the options' texts as (deck.yaml field, text): what a game shows."""
    return [("prompt", question.item.prompt)] + [
        (option_field(question, o.text, o.correct), o.text) for o in question.options]


def option_field(question: Question, text: str, correct: bool) -> str:
    """Give the deck.yaml field an option's text comes from ("answer", "distractors[1].text")."""
    if correct:
        return "answer"
    for k, d in enumerate(question.item.distractors):
        if d.text == text:
            return f"distractors[{k}].text"
    return "distractors"


def option_ident(question: Question, text: str, correct: bool) -> str:
    """Give an option a name that stays the same whatever the seed and gives nothing away.

    It is drawn from the item id and the option's place in deck.yaml ("answer",
    "distractors[1].text"), so a platform that shows it does not show which one is right.
    """
    field = option_field(question, text, correct)
    digest = hashlib.sha256(f"quizgen/{question.item.id}/{field}".encode()).hexdigest()
    return f"c{digest[:8]}"


def source_line(deck: Deck) -> str:
    """Give the article's source line: outlet, “headline”, date."""
    return deck.source.line()


def feedback_parts(item: Item, deck: Deck) -> list[str]:
    """Give the general feedback as plain-text parts: explanation, evidence, source line."""
    parts = [item.explanation] if item.explanation else []
    parts.append(f"Evidence: {item.evidence}")
    parts.append(f"Source: {source_line(deck)}")
    return parts


def general_feedback(item: Item, deck: Deck, sep: str = "\n") -> str:
    """Give the general feedback as one plain text, its parts joined by sep."""
    return sep.join(feedback_parts(item, deck))


def general_feedback_html(item: Item, deck: Deck) -> str:
    """Give the general feedback as HTML: one escaped paragraph per part."""
    return "".join(f"<p>{escape_html(part)}</p>" for part in feedback_parts(item, deck))


def escape_html(text: str) -> str:
    """Give text as HTML element content that shows exactly that text (&, <, > escaped)."""
    return html.escape(text, quote=False)


def utf16_length(text: str) -> int:
    """Give a text's length as JavaScript counts it (UTF-16 code units), as web platforms do."""
    return len(text.encode("utf-16-le")) // 2


# XML 1.0 cannot hold these characters at all, escaped or not; xlsx files are XML too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_problems(quiz: Quiz, platform: str,
                 texts: Callable[[Question], list[tuple[str, str]]] = fields) -> list[Problem]:
    """Give a left-out warning for each item with a character XML cannot hold (a control).

    ``texts`` gives the item's texts the file holds (every field, unless told otherwise).
    """
    problems = []
    for question in quiz.questions:
        for field, text in texts(question):
            found = _NOT_XML.search(text)
            if found:
                problems.append(left_out(
                    quiz, question.item, platform,
                    f"the control character U+{ord(found.group()):04X} cannot be written in "
                    "an XML file", field))
                break
    return problems


def check_deck_xml(deck: Deck, platform: str) -> None:
    """Raise ExportError if the deck's title or source holds a character XML cannot."""
    source = deck.source
    for field, text in (("title", deck.title), ("source.outlet", source.outlet),
                        ("source.headline", source.headline),
                        ("source.published", source.published)):
        found = _NOT_XML.search(text)
        if found:
            raise ExportError(f"{deck.id}, field {field!r}: the control character "
                              f"U+{ord(found.group()):04X} cannot be written in the "
                              f"{platform} file (XML); remove it from deck.yaml")


def check_time_limit(settings: ExportSettings, platform: str,
                     allowed: Sequence[int] | None = None, most: int | None = None) -> int:
    """Give the time limit if the platform takes it; raise ExportError naming what it takes."""
    seconds = settings.time_limit
    if allowed is not None and seconds not in allowed:
        values = ", ".join(map(str, allowed[:-1])) + f" or {allowed[-1]}"
        raise ExportError(f"--time-limit {seconds}: {platform} takes {values} seconds")
    if most is not None and not 1 <= seconds <= most:
        raise ExportError(f"--time-limit {seconds}: {platform} takes 1 to {most} seconds")
    return seconds


def first_problem_per_item(problems: Iterable[Problem]) -> list[Problem]:
    """Give one problem per item (the first), so an item is reported left out once."""
    seen: set[str | None] = set()
    kept = []
    for problem in problems:
        if problem.item not in seen:
            seen.add(problem.item)
            kept.append(problem)
    return kept


def deterministic_zip(entries: Iterable[tuple[str, bytes]], compress: bool = False) -> bytes:
    """Give a zip of (name, bytes) entries in order, with fixed times and permissions.

    Entries are stored, not deflated, unless asked: deflate's bytes vary with the zlib a
    Python is built with, and these files are small.
    """
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            info.create_system = 3  # Unix, wherever it is built
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=6 if compress else None)
    return buffer.getvalue()


def rezip(data: bytes) -> bytes:
    """Give a zip (an xlsx) again with fixed entry times, so its bytes depend on content only."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return deterministic_zip(entries)


# --------------------------------------------------------------------------- templates

_GIFT_SPECIALS = re.compile(r"([\\~=#{}:])")


def gift_escape(text: object) -> str:
    """Give text as GIFT [html] text that Moodle shows exactly as typed.

    HTML specials become entities; GIFT's specials (~ = # { } : and backslash) get a
    backslash; a newline becomes GIFT's \\n. A leading % (which GIFT would read as a grade
    weight, %50%) or [ (which it would read as a text format, [plain]) becomes an entity.
    """
    value = html.escape(str(text), quote=False)
    body = value.lstrip()  # Moodle trims each text before it looks for a weight or format
    if body.startswith(("%", "[")):
        value = value[:len(value) - len(body)] + f"&#{ord(body[0])};" + body[1:]
    value = _GIFT_SPECIALS.sub(r"\\\1", value)
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def gift_category(text: object) -> str:
    """Give a deck title as one line of a GIFT category path (a / inside a name doubled)."""
    return " ".join(str(text).split()).replace("/", "//")


def moodle_category(text: object) -> str:
    """Give a deck title as one Moodle category name (a / inside a name doubled)."""
    return " ".join(str(text).split()).replace("/", "//")


def _environment(template_dir: Path | None) -> jinja2.Environment:
    from quizgen.outputs.templating import base_environment

    env = base_environment("export", None if template_dir is None else str(template_dir))
    if "gift" in env.filters:
        return env
    # html gives a plain str, so that XML autoescaping escapes the HTML once more.
    env.filters["html"] = lambda value: escape_html(str(value))
    env.filters["gift"] = gift_escape
    env.filters["gift_category"] = gift_category
    env.filters["moodle_category"] = moodle_category
    env.globals.update(
        general_feedback=general_feedback,
        feedback_parts=feedback_parts,
        general_feedback_html=general_feedback_html,
        option_ident=option_ident,
    )
    return env


def render_template(name: str, context: dict[str, Any], settings: ExportSettings) -> str:
    """Give a template of templates/export rendered (user's --template-dir first)."""
    from quizgen.outputs.templating import render_template as _render

    return _render(_environment(settings.template_dir), name, context)


# --------------------------------------------------------------------------- spreadsheets

#: The creation and modification time written into every xlsx (openpyxl would write "now").
XLSX_TIME = (2000, 1, 1, 0, 0, 0)


def xlsx(cells: Iterable[tuple[str, object]], sheet: str, title: str,
         widths: Mapping[str, float] | None = None) -> bytes:
    """Give a one-sheet workbook holding the cells ("B9", value); text is text, never a formula.

    openpyxl would read a text starting with "=" as a formula: each text cell is marked as
    a string, so "=1+1" or "@sum" arrives as typed. The workbook's times are fixed and its
    zip entries re-dated, so the same cells give the same bytes.
    """
    import datetime

    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for address, value in cells:
        cell = ws[address]
        if isinstance(value, str) and _NOT_XML.search(value):
            # check() leaves out such items; a deck title or source can still hold one.
            raise ExportError(f"{title}: cell {address} would hold a control character "
                              f"(U+{ord(_NOT_XML.findall(value)[0]):04X}) that xlsx cannot")
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    for column, width in (widths or {}).items():
        ws.column_dimensions[column].width = width
    fixed = datetime.datetime(*XLSX_TIME)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = book.properties.lastModifiedBy = "quizgen"
    book.properties.title = title
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # save_workbook() would stamp "now" as modified
    return rezip(buffer.getvalue())


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """Give rows as CSV: UTF-8 without a byte-order mark, CRLF line ends, quoted as needed."""
    import csv

    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def option_count_problems(quiz: Quiz, platform: str, most: int) -> list[Problem]:
    """Give a left-out warning for each item with more options than the platform shows."""
    return [left_out(quiz, q.item, platform,
                     f"it has {len(q.options)} options; {platform} takes at most {most}",
                     "distractors")
            for q in quiz.questions if len(q.options) > most]
