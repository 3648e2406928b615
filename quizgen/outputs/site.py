"""The site-level pages of a build: the index linking every deck's outputs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.outputs import STUDENT, TEACHER, Files
from quizgen.outputs.templating import environment, render_template

INDEX_TEMPLATE = "index.html"
_STUDENT_FILES = ("quiz.html", ".apkg")


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


def _groups(links: Sequence[Link]) -> list[tuple[str, list[Link]]]:
    """Give the links for students, then those for the teacher (a group only if not empty)."""
    return [(group, chosen) for group in (STUDENT, TEACHER)
            if (chosen := [link for link in links if link.group == group])]


def index_page(entries: Sequence[IndexEntry], template_dir: Path | str | None = None) -> str:
    """Give the index page that links every deck's outputs."""
    context = {"entries": list(entries), "groups": _groups}
    return render_template(environment(template_dir), INDEX_TEMPLATE, context)


def render_index(entries: Sequence[IndexEntry], template_dir: Path | None = None) -> Files:
    """Give the index page as the file a build writes."""
    return {"index.html": index_page(entries, template_dir).encode("utf-8")}
