"""The site-level pages of a build: the students' index and the teacher's.

The students' page (``index.html``) links only what students may have: never an answer key,
a worksheet, a sourcing map or anything under ``teacher/``. The teacher's page
(``teacher/index.html``) links every output for the teacher, each with its ``howto`` line, so
an output added to the registry with audience TEACHER shows up there with no change here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.outputs import STUDENT, TEACHER, Files
from quizgen.outputs.templating import environment, render_template

INDEX_TEMPLATE = "index.html"
TEACHER_TEMPLATE = "teacher-index.html"
#: Where the teacher's files and page live, inside a build's output folder.
TEACHER_PREFIX = "teacher/"
_STUDENT_FILES = ("quiz.html", ".apkg", "article.html")


@dataclass(frozen=True)
class Link:
    """One output of a deck, as the index pages link it (href relative to the build's folder).

    ``audience`` is STUDENT or TEACHER; left empty, it is read from the file name: the quiz,
    the article and the Anki deck are for students, anything else for the teacher, so a link
    that says nothing never puts the answer key among the students' links. A file under
    ``teacher/`` is the teacher's whatever it says.
    """

    label: str
    href: str
    audience: str = ""
    #: One line on what it is for, shown on the teacher's page.
    howto: str = ""
    #: The printed version (its seed) this file belongs to; empty for one of every version.
    version: str = ""

    @property
    def group(self) -> str:
        """Give whom the index pages offer this link to: STUDENT or TEACHER."""
        if self.href.startswith(TEACHER_PREFIX):
            return TEACHER
        if self.audience:
            return self.audience
        return STUDENT if self.href.endswith(_STUDENT_FILES) else TEACHER


@dataclass(frozen=True)
class Version:
    """One printed version of a deck's sheets: its seed and its code."""

    seed: str
    code: str


@dataclass(frozen=True)
class IndexEntry:
    """One deck on the index pages."""

    id: str
    title: str
    items: int
    links: tuple[Link, ...]
    #: The seed of the quiz students get (an order no printed version shares).
    quiz_seed: int | None = None
    #: The printed versions, in order.
    versions: tuple[Version, ...] = ()
    #: The selection in words ("10 questions drawn from 60 · kinds: all · tags: all").
    selection: str = ""
    #: The selection as options to give again ("--count 10 --kind fact").
    selection_options: str = ""


def _groups(links: Sequence[Link]) -> list[tuple[str, list[Link]]]:
    """Give the links for students, then those for the teacher (a group only if not empty)."""
    return [(group, chosen) for group in (STUDENT, TEACHER)
            if (chosen := [link for link in links if link.group == group])]


def student_links(entry: IndexEntry) -> list[Link]:
    """Give the links the students' page shows for a deck: students' outputs only."""
    return [link for link in entry.links if link.group == STUDENT]


def index_page(entries: Sequence[IndexEntry], template_dir: Path | str | None = None) -> str:
    """Give the students' index page: each deck's quiz, article and Anki deck."""
    context = {"entries": list(entries), "student_links": student_links,
               # kept for templates written for the earlier index, which grouped links
               "groups": lambda links: _groups([link for link in links
                                                 if link.group == STUDENT])}
    return render_template(environment(template_dir), INDEX_TEMPLATE, context)


def _from_teacher(href: str) -> str:
    """Give an href relative to the build's folder as the teacher's page links it."""
    return href.removeprefix(TEACHER_PREFIX) if href.startswith(TEACHER_PREFIX) else "../" + href


@dataclass(frozen=True)
class TeacherDeck:
    """One deck on the teacher's page: its versions' files, other files, students' files."""

    entry: IndexEntry
    #: Per printed version: the version and its files (worksheet, key, ...), hrefs from teacher/.
    printed: list[tuple[Version, list[Link]]]
    #: The versioned outputs, once each, for the legend (label and howto).
    printed_kinds: list[Link]
    others: list[Link]
    students: list[Link]


def teacher_decks(entries: Sequence[IndexEntry]) -> list[TeacherDeck]:
    """Give every deck as the teacher's page shows it, hrefs relative to teacher/."""
    decks = []
    for entry in entries:
        def local(link: Link) -> Link:
            return Link(link.label, _from_teacher(link.href), link.group, link.howto,
                        link.version)

        teacher = [local(link) for link in entry.links if link.group == TEACHER]
        printed = [(version, [link for link in teacher if link.version == version.seed])
                   for version in entry.versions]
        kinds: dict[str, Link] = {}
        for link in teacher:
            if link.version:
                kinds.setdefault(link.label, link)
        decks.append(TeacherDeck(
            entry, printed, list(kinds.values()),
            [link for link in teacher if not link.version],
            [local(link) for link in entry.links if link.group == STUDENT]))
    return decks


def teacher_page(entries: Sequence[IndexEntry], template_dir: Path | str | None = None) -> str:
    """Give the teacher's index page: versions with their codes, every teacher output."""
    context = {"decks": teacher_decks(entries)}
    return render_template(environment(template_dir), TEACHER_TEMPLATE, context)


def render_index(entries: Sequence[IndexEntry], template_dir: Path | None = None) -> Files:
    """Give the students' index page as the file a build writes."""
    return {"index.html": index_page(entries, template_dir).encode("utf-8")}


def render_teacher_index(entries: Sequence[IndexEntry],
                         template_dir: Path | None = None) -> Files:
    """Give the teacher's index page as the file a build writes."""
    return {TEACHER_PREFIX + "index.html": teacher_page(entries, template_dir).encode("utf-8")}
