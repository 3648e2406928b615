"""The YAML of a draft deck: double-quoted scalars that read back exactly, in deck order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizgen.model import Item, Source

_YAML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r",
                 "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _YAML_ESCAPES:
        return _YAML_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def yaml_string(text: str) -> str:
    """Give text as a double-quoted YAML scalar that reads back as exactly text."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def deck_text(deck_id: str, title: str, language: str, source: Source, items: Sequence[Item],
          left_out: Sequence[str]) -> str:
    q = yaml_string
    lines = [
        "# Drafted by quizgen draft. Every item is marked `status: draft`: review it, mend it,",
        "# then delete its status line to accept it. Fields reading \"TODO: …\" are unknown:",
        "# fill them in (delete the byline if the article has none).",
    ]
    lines += [f"# Left out, failing validation: {note}" for note in left_out]
    lines += [
        f"id: {q(deck_id)}",
        f"title: {q(title)}",
        f"language: {q(language)}",
        "source:",
        f"  outlet: {q(source.outlet)}",
        f"  headline: {q(source.headline)}",
        f"  published: {q(source.published)}",
        f"  byline: {q(source.byline)}",
        f"  article: {q(source.article)}",
        "items:",
    ]
    kind = None
    for item in items:
        if item.kind != kind:
            kind = item.kind
            lines += ["", f"  # {'-' * (72 - len(kind))} {kind}", ""]
        else:
            lines.append("")
        lines += [
            f"  - id: {q(item.id)}",
            f"    kind: {q(item.kind)}",
            f"    status: {q(item.status)}",
            f"    prompt: {q(item.prompt)}",
            f"    answer: {q(item.answer)}",
            "    distractors:",
        ]
        for d in item.distractors:
            lines += [f"      - text: {q(d.text)}", f"        why: {q(d.why)}"]
        lines += [
            f"    evidence: {q(item.evidence)}",
            f"    explanation: {q(item.explanation)}",
            f"    tags: [{', '.join(q(t) for t in item.tags)}]",
            f"    difficulty: {q(str(item.difficulty))}",
        ]
    return "\n".join(lines) + "\n"
