"""quizgen's own Anki note types, and each item's one note in them.

Safe re-import (DESIGN.md) rests on what is fixed here: the model ids and field names, and
GUIDs from the deck and item ids alone.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

import genanki

from quizgen.model import Deck, Item
from quizgen.outputs.anki.lock import content_hash
from quizgen.quiz import LETTERS, Question, Quiz
from quizgen.resources import templates_dir
from quizgen.util import DECK_PREFIX, anki_title

# Anki knows a note type by its id: a student's notes stay attached to it only while it never
# changes. These two were drawn at random once; changing either strands every imported note.
MCQ_MODEL_ID = 1950057184
RECALL_MODEL_ID = 1784673974
MCQ_NAME = "quizgen MCQ"
RECALL_NAME = "quizgen Recall"

# Changing these names, their order or the template names is a breaking change: Anki would
# import the note type as a new one beside the old, and duplicate every note.
MCQ_FIELDS = ("Prompt", *LETTERS, "Letter", "Answer", *(f"Why{x}" for x in LETTERS),
              "Explanation", "Evidence", "Source", "Kind", "ItemId")
WRONG = tuple(range(1, len(LETTERS)))  # a Recall card lists the distractors, unlettered
RECALL_FIELDS = ("Prompt", "Answer", "Explanation", "Evidence", "Source", "Kind", "ItemId",
                 *(f"Wrong{n}" for n in WRONG), *(f"WhyWrong{n}" for n in WRONG))
#: Kinds whose note is a Recall flashcard instead of a multiple-choice one: recalling who
#: said a quote trains more than recognising the speaker among four.
RECALL_KINDS = frozenset({"who-said"})

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: entries carry no build time


@dataclass(frozen=True)
class NoteType:
    """One of quizgen's note types, as Anki stores it."""

    model_id: int
    name: str
    fields: tuple[str, ...]
    template: str  # the card template's name
    front: str
    back: str
    css: str

    def content(self) -> dict[str, object]:
        """Give what the lock hashes: everything Anki would see change."""
        return {"id": self.model_id, "name": self.name, "fields": list(self.fields),
                "template": self.template, "front": self.front, "back": self.back,
                "css": self.css}


@dataclass(frozen=True)
class NoteSpec:
    """One note as quizgen renders it: its type, GUID, field texts (HTML-escaped) and tags."""

    note_type: NoteType
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]

    def content(self) -> dict[str, object]:
        """Give what the lock hashes for this note."""
        return {"note_type": self.note_type.name, "guid": self.guid,
                "fields": dict(zip(self.note_type.fields, self.fields, strict=True)),
                "tags": list(self.tags)}

    def field(self, name: str) -> str:
        """Give the text of the named field."""
        return self.fields[self.note_type.fields.index(name)]


def note_types() -> tuple[NoteType, NoteType]:
    """Give the MCQ and Recall note types, their templates and CSS read from templates/anki/."""
    folder = templates_dir() / "anki"

    def read(name: str) -> str:
        return (folder / name).read_text(encoding="utf-8")

    css = read("cards.css")
    return (
        NoteType(MCQ_MODEL_ID, MCQ_NAME, MCQ_FIELDS, "Multiple choice",
                 read("mcq_front.html"), read("mcq_back.html"), css),
        NoteType(RECALL_MODEL_ID, RECALL_NAME, RECALL_FIELDS, "Recall",
                 read("recall_front.html"), read("recall_back.html"), css),
    )


def deck_name(deck: Deck) -> str:
    """Give the Anki deck name, which Anki matches decks by: keep the title stable.

    "::" separates a parent deck from its child in Anki, so a run of colons in the title
    becomes one colon: "Part 1::Intro" stays one deck, "Media literacy::Part 1:Intro".
    """
    return DECK_PREFIX + anki_title(deck.title)


def anki_deck_id(deck: Deck) -> int:
    """Give a stable Anki deck id derived from the deck id."""
    digest = hashlib.sha256(f"quizgen deck {deck.id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def _escape(text: str) -> str:
    r"""Give deck text as card HTML that shows it as typed: markup for nothing, Anki included.

    Anki reads "[" as the start of its own tags ([sound:…], [anki:tts]…, [latex]…, [$]…,
    [$$]…) in the HTML it renders: "[" becomes the entity &#91;, which shows the same and
    which no tag matches. MathJax reads \( \) \[ \] in the page's text once entities are
    decoded, so an entity cannot hide a backslash: each is put in an element of its own,
    and MathJax never finds a delimiter across an element's edge.
    """
    escaped = html.escape(text, quote=False).replace("[", "&#91;")
    return escaped.replace("\\", "<span>\\</span>")


def _tags(deck: Deck, item: Item) -> tuple[str, ...]:
    # Anki treats tags case-insensitively: keep the first spelling of each.
    tags: dict[str, str] = {}
    for tag in ("quizgen", f"kind::{item.kind}", f"deck::{deck.id}", *item.tags):
        tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


def item_note(deck: Deck, question: Question, types: tuple[NoteType, NoteType]) -> NoteSpec:
    """Give an item's one note: a Recall note for who-said items, an MCQ note otherwise.

    Its GUID comes from the deck and item ids alone, so a corrected item updates in place;
    its options stand in the question's order (the STABLE ordering of quizgen.quiz).
    """
    mcq, recall = types
    item = question.item
    guid = genanki.guid_for("quizgen", deck.id, item.id)
    source = _escape(deck.source.line())
    shared = {"Prompt": _escape(item.prompt), "Answer": _escape(item.answer),
              "Explanation": _escape(item.explanation), "Evidence": _escape(item.evidence),
              "Source": source, "Kind": _escape(item.kind), "ItemId": _escape(item.id)}
    tags = _tags(deck, item)
    if item.kind in RECALL_KINDS:
        wrong = {f"Wrong{n}": "" for n in WRONG} | {f"WhyWrong{n}": "" for n in WRONG}
        for n, distractor in zip(WRONG, item.distractors, strict=False):
            wrong[f"Wrong{n}"] = _escape(distractor.text)
            wrong[f"WhyWrong{n}"] = _escape(distractor.why)
        fields = shared | wrong
        return NoteSpec(recall, guid, tuple(fields[name] for name in recall.fields), tags)
    texts = [""] * len(LETTERS)
    whys = [""] * len(LETTERS)
    for position, option in enumerate(question.options):
        texts[position] = _escape(option.text)
        whys[position] = _escape(option.why)
    mcq_fields = {**shared, "Letter": question.answer.letter,
                  **dict(zip(LETTERS, texts, strict=True)),
                  **{f"Why{x}": w for x, w in zip(LETTERS, whys, strict=True)}}
    return NoteSpec(mcq, guid, tuple(mcq_fields[name] for name in mcq.fields), tags)


def deck_notes(quiz: Quiz, types: tuple[NoteType, NoteType] | None = None
               ) -> dict[str, NoteSpec]:
    """Give every question's note by item id, in the quiz's order."""
    types = types or note_types()
    return {q.item.id: item_note(quiz.deck, q, types) for q in quiz.questions}


def note_types_hash(types: tuple[NoteType, NoteType]) -> str:
    """Give the hash the lock keeps for the note types' fields, templates and CSS."""
    return content_hash([t.content() for t in types])


def item_hashes(notes: dict[str, NoteSpec]) -> dict[str, str]:
    """Give each item's content hash: the hash of its note as rendered into fields."""
    return {item_id: content_hash(spec.content()) for item_id, spec in notes.items()}
