"""H5P package: a Question Set (H5P.QuestionSet 1.20) of Multiple Choice (H5P.MultiChoice 1.16).

The package names the libraries and carries none: the H5P host (Moodle, WordPress, Drupal,
Lumi, h5p.com) supplies them, as it does for any content made on it. Text fields are HTML in
H5P (its server filters them); deck text is escaped so it shows as typed.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from quizgen.errors import Problem
from quizgen.outputs.exports._common import (
    ExportSettings,
    deterministic_zip,
    escape_html,
    feedback_parts,
)
from quizgen.quiz import Question, Quiz

QUESTION_SET = ("H5P.QuestionSet", 1, 20)
MULTI_CHOICE = ("H5P.MultiChoice", 1, 16)
#: Names a subcontent id: the same item in the same deck keeps its id across seeds and builds.
_NAMESPACE = uuid.UUID("6f1c1f0e-2b7a-4f57-9d0e-7a51c0a5e3d1")


def subcontent_id(quiz: Quiz, question: Question) -> str:
    """Give the H5P subcontent id of an item: a UUID drawn from the deck and item ids."""
    return str(uuid.uuid5(_NAMESPACE, f"{quiz.deck.id}/{question.item.id}"))


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give nothing: escaped, any text fits H5P."""
    return []


def _library(spec: tuple[str, int, int]) -> str:
    return f"{spec[0]} {spec[1]}.{spec[2]}"


def _question(quiz: Quiz, q: Question) -> dict[str, Any]:
    feedback = " ".join(escape_html(part) for part in feedback_parts(q.item, quiz.deck))
    answers = [
        {"text": escape_html(option.text), "correct": option.correct,
         "tipsAndFeedback": {"tip": "",
                             "chosenFeedback": escape_html(option.why),
                             "notChosenFeedback": ""}}
        for option in q.options
    ]
    return {
        "library": _library(MULTI_CHOICE),
        "params": {
            "question": f"<p>{escape_html(q.item.prompt)}</p>",
            "answers": answers,
            "overallFeedback": [{"from": 0, "to": 100, "feedback": feedback}],
            "behaviour": {"enableRetry": True, "enableSolutionsButton": True,
                          "enableCheckButton": True, "type": "single", "singlePoint": False,
                          "randomAnswers": False, "showSolutionsRequiresInput": True,
                          "confirmCheckDialog": False, "confirmRetryDialog": False,
                          "autoCheck": False, "passPercentage": 100,
                          "showScorePoints": True},
            "media": {"disableImageZooming": False},
        },
        "subContentId": subcontent_id(quiz, q),
        "metadata": {"contentType": "Multiple Choice", "license": "U",
                     "title": q.item.id},
    }


def content(quiz: Quiz) -> dict[str, Any]:
    """Give content/content.json: the Question Set's parameters."""
    return {
        "introPage": {"showIntroPage": False, "startButtonText": "Start Quiz",
                      "introduction": ""},
        "progressType": "dots",
        "passPercentage": 50,
        "questions": [_question(quiz, q) for q in quiz.questions],
        "disableBackwardsNavigation": False,
        "randomQuestions": False,
        "endGame": {"showResultPage": True, "showSolutionButton": True,
                    "showRetryButton": True, "noResultMessage": "Finished",
                    "message": "Your result:",
                    "overallFeedback": [{"from": 0, "to": 100}],
                    "solutionButtonText": "Show solution", "retryButtonText": "Retry",
                    "finishButtonText": "Finish", "showAnimations": False, "skippable": False,
                    "skipButtonText": "Skip video"},
        "override": {"checkButton": True},
    }


def package(quiz: Quiz) -> dict[str, Any]:
    """Give h5p.json: title, language, main library and the libraries the content needs."""
    return {
        "title": quiz.deck.title,
        "language": quiz.deck.language,
        "mainLibrary": QUESTION_SET[0],
        "embedTypes": ["iframe"],
        "preloadedDependencies": [
            {"machineName": name, "majorVersion": str(major), "minorVersion": str(minor)}
            for name, major, minor in (QUESTION_SET, MULTI_CHOICE)
        ],
    }


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the .h5p package: h5p.json and content/content.json."""
    return deterministic_zip([("h5p.json", _json(package(quiz))),
                              ("content/content.json", _json(content(quiz)))])
