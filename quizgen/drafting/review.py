"""Drafted items checked as validate checks them, before any is written.

An item validate finds an error in is left out, with a note in the deck file. A prompt that
trips one of validate's warnings (it echoes its own answer, gives another item's answer
away, quotes words the article does not have) takes its next wording, shorter or
differently cut, until one passes; when none does, it keeps its first, and validate's
warning tells its author what to mend.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from quizgen.errors import Problem
from quizgen.model import Deck, Item


def _prompt_warnings(problems: Sequence[Problem]) -> set[str]:
    return {p.item for p in problems
            if p.severity == "warning" and p.field == "prompt" and p.item is not None}


def review(items: Sequence[Item], prompts: Mapping[str, Sequence[str]],
           deck_of: Callable[[tuple[Item, ...]], Deck]) -> tuple[list[Item], list[str]]:
    """Give the items that pass validate's errors, worded to pass its warnings where one of
    their prompts (`prompts[item.id]`, the preferred first) can, and a note per item left
    out. deck_of makes the deck the items are checked in."""
    from quizgen.validation import validate

    bad: dict[str, str] = {}
    for problem in validate(deck_of(tuple(items))):
        if problem.severity == "error" and problem.item is not None:
            bad.setdefault(problem.item, f"{problem.field}: {problem.message}")
    kept = [i for i in items if i.id not in bad]
    chosen = {item.id: 0 for item in kept}

    def worded(ids: set[str]) -> list[Item]:
        return [replace(item, prompt=prompts[item.id][chosen[item.id]])
                if item.id in ids else item for item in kept]

    while True:
        flagged = _prompt_warnings(validate(deck_of(tuple(kept))))
        movable = {i for i in flagged if chosen[i] + 1 < len(prompts.get(i, ()))}
        if not movable:
            break
        for item_id in movable:
            chosen[item_id] += 1
        kept = worded(movable)
    stuck = {i for i in flagged if chosen[i] > 0}
    for item_id in stuck:  # no wording passes: keep the preferred one
        chosen[item_id] = 0
    kept = worded(stuck)
    return kept, [f"{item_id}: {why}" for item_id, why in bad.items()]
