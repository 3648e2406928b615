"""Building a site: every registered output of every deck, and the pages that link them.

A build plans every file in memory first (``iter_plan``), then hands the plan to one commit
step (``commit``): a deck that fails validation, a template error or a stale lock late in the
plan leaves the previous build whole, and the commit replaces the site in one step.

The layout keeps students and the teacher apart. Outputs for students (the quiz, the Anki
deck, the article) go to ``<out>/<deck id>/`` and are linked from ``<out>/index.html``;
everything for the teacher goes to ``<out>/teacher/<deck id>/``, linked from
``<out>/teacher/index.html``. Worksheets and keys are printed in ``versions`` versions (seeds
``seed``, ``seed + 1``, ...); every other seeded output (the quiz first) uses one seed of its
own whose order no printed version shares, so the practice quiz never gives away a test.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.decks import unique_decks
from quizgen.errors import Problem, QuizgenError
from quizgen.model import Deck
from quizgen.outputs import (
    DECK_FOLDER,
    EXPORT,
    OUTPUTS,
    PACKAGE,
    SITE_PAGES,
    TEACHER,
    Context,
    Output,
)
from quizgen.outputs.anki.lock import LOCK_FILE, read_lock
from quizgen.outputs.site import IndexEntry, Link, Version
from quizgen.quiz import DEFAULT_SEED, SEEDED, STABLE, Quiz, Selection, arrange
from quizgen.util import anki_deck_key, display_path
from quizgen.validation import load_placed

#: The folder, inside a build's output, that holds everything for the teacher.
TEACHER_DIR = "teacher"
#: How many seeds after the printed ones the quiz may try for an order of its own.
_SEED_TRIES = 100

#: Beside each deck's teacher outputs: what the index pages say of it (earlier_entries).
ENTRY_FILE = "index-entry.json"
#: A file to write and its content.
Planned = tuple[Path, bytes]


@dataclass(frozen=True)
class Loaded:
    """A validated deck and the folder it was read from."""

    deck: Deck
    folder: Path


@dataclass(frozen=True)
class Plan:
    """What a build makes of each deck: which items, how many printed versions, from which seed."""

    seed: int = DEFAULT_SEED
    versions: int = 2
    selection: Selection = field(default_factory=Selection)

    def printed_seeds(self) -> list[int]:
        """Give the seeds of the printed versions, in order."""
        return [self.seed + n for n in range(self.versions)]


def built_outputs() -> list[Output]:
    """Give the registered outputs a build makes for every deck, in the registry's order."""
    return list(OUTPUTS)


def step_count(deck_paths: Sequence[Path], plan: Plan | None = None) -> int:
    """Give how many steps a build of these decks takes (for a progress bar)."""
    versions = (plan or Plan()).versions
    per_deck = sum(versions if output.versioned else 1 for output in built_outputs())
    per_deck += 1  # its index entry
    return len(unique_decks(deck_paths)) * per_deck + len(SITE_PAGES)


def load_decks(deck_paths: Sequence[Path],
               on_warning: Callable[[Problem], None] | None = None) -> list[Loaded]:
    """Give every deck validated, refusing two decks with one id; warnings go to on_warning.

    Items still marked draft are left out: students only ever get reviewed items. A deck
    with no reviewed item yet is skipped, with a warning that says so.
    """
    loaded: list[Loaded] = []
    seen: dict[str, Path] = {}
    titles: dict[str, Path] = {}
    for path in unique_decks(deck_paths):
        deck, where, warnings = load_placed(path, include_drafts=False)
        if not deck.items:
            warnings = [*warnings, Problem(
                where.file, "skipped: every item is still a draft; review them first "
                "(delete each item's status: draft line)", severity="warning",
                code="all-drafts")]
        if on_warning is not None:
            for problem in warnings:
                on_warning(problem)
        if not deck.items:
            continue
        if deck.id in seen:
            raise QuizgenError(f"{display_path(path)}: deck id {deck.id!r} is also the id of "
                               f"{display_path(seen[deck.id])}; each deck in a build needs "
                               "its own id")
        seen[deck.id] = path
        key = anki_deck_key(deck.title)
        if key in titles:  # Anki ignores case in deck names: the cards would share one deck
            raise QuizgenError(f"{display_path(path)}: its title makes the same Anki deck as "
                               f"{display_path(titles[key])}'s (Anki ignores case, and '::' "
                               "becomes ':'); give each deck a title of its own")
        titles[key] = path
        loaded.append(Loaded(deck, where.folder))
    return loaded


def deck_context(quiz: Quiz, folder: Path, template_dir: Path | None = None,
                 now: int | None = None, frozen: bool = False) -> Context:
    """Give the context an output of a deck renders in: its quiz, lock and settings."""
    lock_path = folder / LOCK_FILE
    return Context(quiz, template_dir, lock=read_lock(lock_path),
                   lock_name=display_path(lock_path), deck_name=display_path(folder),
                   frozen=frozen, now=now)


def place(files: dict[str, bytes], out_dir: Path, folder: Path) -> list[Planned]:
    """Give where each rendered file goes: the deck's own files (its lock) first."""
    own = [(folder / name.removeprefix(DECK_FOLDER), data)
           for name, data in files.items() if name.startswith(DECK_FOLDER)]
    rest = [(out_dir / name, data) for name, data in files.items()
            if not name.startswith(DECK_FOLDER)]
    return own + rest


def _arrange(deck: Deck, plan: Plan, seed: int, ordering: str = SEEDED) -> Quiz:
    chosen = plan.selection
    return arrange(deck, seed, chosen.count, chosen.kinds, chosen.tags, ordering=ordering,
                   pick=chosen.pick)


def quiz_seed(deck: Deck, plan: Plan, printed: Sequence[Quiz]) -> int:
    """Give the seed of the quiz students get: the first after the printed ones whose order
    (items and options) is none of theirs, so the quiz gives away no printed version."""
    taken = {quiz.version_code for quiz in printed}
    first = plan.seed + plan.versions
    for seed in range(first, first + _SEED_TRIES):
        if _arrange(deck, plan, seed).version_code not in taken:
            return seed
    return first  # a deck of one item has one order


def _subfolder(output: Output) -> str:
    return TEACHER_DIR if output.audience == TEACHER else ""


def _warn_of_old_teacher_files(folder: Path, deck: Deck,
                               on_warning: Callable[[Problem], None] | None) -> None:
    """Warn of a teacher's file an older quizgen left beside the students' (an answer key)."""
    if on_warning is None:
        return
    for output in built_outputs():
        old = folder / output.file_name(deck.id)
        if output.audience == TEACHER and old.is_file():
            on_warning(Problem(display_path(old), "left by an older quizgen beside the "
                               "students' files, where anyone with the link can open it; "
                               "teacher's files now go under teacher/: delete it",
                               severity="warning", code="old-teacher-file"))


def _report_left_out(output: Output, context: Context,
                     on_warning: Callable[[Problem], None] | None) -> None:
    """Warn, in one line, of the items an output leaves out (over a platform's limits)."""
    if on_warning is None:
        return
    problems = output.check(context)
    if not problems:
        return
    deck_id = context.quiz.deck.id
    ids = list(dict.fromkeys(p.item for p in problems if p.item is not None))
    shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    on_warning(Problem(
        deck_id, f"{len(ids)} of {len(context.quiz.questions)} items left out of the "
        f"{output.label} (over its limits: {shown}); quizgen export {deck_id} --format "
        f"{output.name} says why for each", severity="warning", code="left-out"))


def iter_plan(deck_paths: Sequence[Path], out_dir: Path, plan: Plan | int = DEFAULT_SEED,
              template_dir: Path | None = None,
              on_warning: Callable[[Problem], None] | None = None,
              now: int | None = None) -> Iterator[list[Planned]]:
    """Make every output of every deck and the site pages in memory, giving each as made.

    Nothing is written: every deck is validated, and every page and package made, before
    commit() writes the first file. A plain int for plan is the first printed seed.
    """
    if isinstance(plan, int):
        plan = Plan(seed=plan)
    out_dir = Path(out_dir)
    entries = []
    for loaded in load_decks(deck_paths, on_warning):
        deck = loaded.deck
        printed = [_arrange(deck, plan, seed) for seed in plan.printed_seeds()]
        own_seed = quiz_seed(deck, plan, printed)
        quizzes = {SEEDED: _arrange(deck, plan, own_seed)}
        links = []
        _warn_of_old_teacher_files(out_dir / deck.id, deck, on_warning)
        for output in built_outputs():
            where = Path(_subfolder(output), deck.id)
            if output.versioned:
                runs = [(quiz, quiz.version) for quiz in printed]
            elif output.kind == EXPORT and output.ordering == SEEDED:
                # A platform's copy follows printed version 1, so the two agree.
                runs = [(printed[0], "")]
            else:
                quiz = quizzes.get(output.ordering)
                if quiz is None:
                    # A package (the Anki deck) is always the whole deck: its lock keeps
                    # every item; other stable outputs take the selection.
                    quiz = quizzes[output.ordering] = (
                        arrange(deck, ordering=STABLE) if output.kind == PACKAGE
                        else _arrange(deck, plan, own_seed, output.ordering))
                runs = [(quiz, "")]
            for quiz, version in runs:
                context = deck_context(quiz, loaded.folder, template_dir, now)
                _report_left_out(output, context, on_warning)
                files = output.render(context)
                if not files:  # nothing fits the platform: no file, no link
                    yield []
                    continue
                name = output.file_name(deck.id, version)
                if version:  # each printed version under a name of its own
                    files = {name if key == output.file_name(deck.id) else key: data
                             for key, data in files.items()}
                yield place(files, out_dir / where, loaded.folder)
                href = (where / name).as_posix()
                links.append(Link(output.label, href, output.audience, output.howto, version))
        versions = tuple(Version(quiz.version, quiz.version_code) for quiz in printed)
        entry = IndexEntry(deck.id, deck.title, len(deck.items), tuple(links),
                           quiz_seed=own_seed, versions=versions,
                           selection=printed[0].selection_label,
                           selection_options=printed[0].selection)
        entries.append(entry)
        # What the index pages say of this deck, kept with its outputs: a later build of
        # other decks into the same folder still lists it.
        yield [(out_dir / TEACHER_DIR / deck.id / ENTRY_FILE, entry_json(entry))]
    entries += earlier_entries(out_dir, {entry.id for entry in entries})
    for page in SITE_PAGES:
        files = page.render(entries, template_dir)
        yield [(out_dir / name, data) for name, data in files.items()]


def entry_json(entry: IndexEntry) -> bytes:
    """Give a deck's index entry as the JSON kept beside its outputs."""
    return (json.dumps(dataclasses.asdict(entry), ensure_ascii=False, sort_keys=True,
                       indent=1) + "\n").encode("utf-8")


def earlier_entries(out_dir: Path, built: set[str]) -> list[IndexEntry]:
    """Give the index entries of the decks an earlier build left in out_dir, by id.

    A deck folder whose entry is missing or unreadable is left off the index pages (its
    files stay where they are): the index lists what it can vouch for.
    """
    found = []
    for path in sorted(out_dir.glob(f"{TEACHER_DIR}/*/{ENTRY_FILE}")):
        if path.parent.name in built or not (out_dir / path.parent.name).is_dir():
            continue  # rebuilt now, or its students' folder was removed
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            links = tuple(Link(**link) for link in data.pop("links"))
            versions = tuple(Version(**version) for version in data.pop("versions"))
            entry = IndexEntry(**data, links=links, versions=versions)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            continue
        if entry.id == path.parent.name:
            found.append(entry)
    return found


def commit(planned: Sequence[list[Planned]], out_dir: Path,
           deck_paths: Sequence[Path] = (),
           warn: Callable[[str], None] | None = None) -> list[Path]:
    """Write what iter_plan made: the decks' own files (locks) first, then the site at once.

    A reader of out_dir sees the whole previous site or the whole new one, after any failure
    or kill (quizgen.outputs.commit). Each folder of a deck's outputs is replaced wholesale,
    the site pages file by file; anything else in out_dir (other decks' folders) stays.
    deck_paths (the decks built) guard the decks' own folders. Give the paths written.
    """
    from quizgen.deckfile import deck_file
    from quizgen.outputs.commit import commit_site

    out_dir = Path(out_dir)
    folders = {Path(os.path.realpath(deck_file(path))).parent for path in deck_paths}
    site: dict[str, bytes] = {}
    deck_files: list[Planned] = []
    for files in planned:
        for path, content in files:
            own = path.name == LOCK_FILE and Path(os.path.realpath(path.parent)) in folders
            if path.is_relative_to(out_dir) and not own:
                site[path.relative_to(out_dir).as_posix()] = content
            else:
                deck_files.append((path, content))
    owned = owned_prefixes(site)
    _check_out_dir(out_dir, owned, folders)
    commit_site(out_dir, site, owned, deck_files, warn)
    # The index entries kept beside each deck are bookkeeping, not outputs to report.
    return [path for files in planned for path, _ in files if path.name != ENTRY_FILE]


def owned_prefixes(site: dict[str, bytes]) -> list[str]:
    """Give what a build of these files replaces: each deck's folders whole, site pages alone.

    A file's folder is owned whole ("mini/"), unless it holds a site page ("teacher/" holding
    "teacher/index.html") or another owned folder ("teacher/" holding "teacher/mini/"): then
    only the file itself is. A file at the top is owned alone.
    """
    pages = {page.filename for page in SITE_PAGES}
    folders = {name.rpartition("/")[0] for name in site}
    # A folder holding a site page, or the folder of another deck's outputs ("teacher/"
    # above "teacher/mini/"), is shared: only the files the build makes in it are its own.
    shared = ({name.rpartition("/")[0] for name in pages}
              | {f for f in folders if any(g.startswith(f + "/") for g in folders)})
    owned: set[str] = set()
    for name in site:
        folder = name.rpartition("/")[0]
        owned.add(name if name in pages or folder in shared else folder + "/")
    # A folder inside an owned folder is covered by it.
    return sorted(p for p in owned
                  if not any(p != q and q.endswith("/") and p.startswith(q) for q in owned))


def _check_out_dir(out_dir: Path, owned: Sequence[str], folders: set[Path]) -> None:
    """Refuse an output folder whose replacement would take the decks or this folder along."""
    real = Path(os.path.realpath(out_dir))
    if Path.cwd().resolve().is_relative_to(real):
        raise QuizgenError(f"{display_path(out_dir)}: is the current folder or holds it; a "
                           "build replaces its output folder, so give it one of its own "
                           "(-o dist)")
    for folder in sorted(folders):
        for prefix in owned:
            target = real / prefix.rstrip("/")
            if folder.is_relative_to(target):
                raise QuizgenError(f"{display_path(out_dir)}: a build would replace "
                                   f"{display_path(target)}, which holds the deck "
                                   f"{display_path(folder)}; build into another folder")


def build(deck_paths: Sequence[Path], out_dir: Path, seed: int = DEFAULT_SEED,
          template_dir: Path | None = None, now: int | None = None, versions: int = 2,
          selection: Selection | None = None) -> list[Path]:
    """Build every output of every deck and the site pages; give the paths written, in order."""
    plan = Plan(seed, versions, selection or Selection())
    return commit(list(iter_plan(deck_paths, out_dir, plan, template_dir, now=now)), out_dir,
                  deck_paths)
