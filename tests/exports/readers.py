"""Independent readers of every export: each reads a file back as its platform would.

They share nothing with quizgen's writers. The GIFT and Aiken readers follow the steps of
Moodle's importers (question/format/gift and aiken); the others read with lxml, openpyxl,
python-calamine, csv, zipfile and json. Each gives, per question in file order, what a
student would see: the prompt, the options in order with the correct one marked, and the
feedback where the format has it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook


@dataclass
class Read:
    """One question as read back from an export."""

    prompt: str
    options: list[tuple[str, bool]]  # (text, correct), in the file's order
    id: str | None = None
    feedback: dict[str, str] = field(default_factory=dict)  # option text -> its feedback
    general: list[str] | None = None  # the general feedback's parts
    extra: dict[str, object] = field(default_factory=dict)  # format-specific facts


def shown(markup: str) -> str:
    """Give the text an HTML fragment shows, asserting it holds no element at all."""
    assert "<" not in markup and ">" not in markup, f"markup in {markup!r}"
    return html.unescape(markup)


def paragraphs(markup: str) -> list[str]:
    """Give the texts of a fragment made only of <p> paragraphs of text."""
    assert re.fullmatch(r"(<p>[^<>]*</p>)+", markup), markup
    return [shown(part) for part in re.findall(r"<p>([^<>]*)</p>", markup)]


# --------------------------------------------------------------------------- Moodle XML

def read_moodle(data: bytes) -> list[Read]:
    root = etree.fromstring(data)
    assert root.tag == "quiz"
    reads = []
    for question in root.iter("question"):
        if question.get("type") == "category":
            continue
        assert question.get("type") == "multichoice"
        assert question.findtext("single") == "true"
        assert question.findtext("shuffleanswers") == "false"
        assert question.find("questiontext").get("format") == "html"
        options, feedback = [], {}
        for answer in question.findall("answer"):
            assert answer.get("format") == "html"
            text = shown(answer.findtext("text"))
            fraction = float(answer.get("fraction"))
            assert fraction in (0, 100)  # both on Moodle's list of grades
            options.append((text, fraction == 100))
            why = shown(answer.findtext("feedback/text") or "")
            if why:
                feedback[text] = why
        reads.append(Read(
            prompt=shown(question.findtext("questiontext/text")),
            options=options, id=question.findtext("idnumber"), feedback=feedback,
            general=paragraphs(question.findtext("generalfeedback/text")),
            extra={"name": question.findtext("name/text"),
                   "tags": [t.text for t in question.iterfind("tags/tag/text")]}))
    categories = [q.findtext("category/text") for q in root.iter("question")
                  if q.get("type") == "category"]
    for read in reads:
        read.extra["category"] = categories
    return reads


# --------------------------------------------------------------------------- GIFT

_ESCAPES = {":": "\x00058", "#": "\x00035", "=": "\x00061", "{": "\x00123", "}": "\x00125",
            "~": "\x00126", "n": "\x00010"}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


def _gift_pre(text: str) -> str:
    text = text.replace("\\\\", "\x00092")
    for char, holder in _ESCAPES.items():
        text = text.replace("\\" + char, holder)
    return text.replace("\x00092", "\\")


def _gift_post(text: str) -> str:
    for char, holder in _ESCAPES.items():
        text = text.replace(holder, "\n" if char == "n" else char)
    return text


def _gift_text(text: str, default: str) -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in ("moodle", "html", "plain", "markdown"):
            fmt, text = text[1:end], text[end + 1:]
    return fmt, _gift_post(text).strip()


def read_gift(data: bytes) -> list[Read]:
    text = data.decode("utf-8")
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):  # Moodle ends a question at a blank line
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    reads, category = [], None
    for block in blocks:
        body = "\n".join(" " if line.strip().startswith("//") else line
                         for line in block).strip()
        if not body:
            continue
        body = _gift_pre(body)
        if body.startswith("$CATEGORY:"):
            category = body[10:].strip()
            continue
        assert body.startswith("::")
        body = body[2:]
        end = body.index("::")
        name, body = _gift_post(body[:end]), body[end + 2:].strip()
        start, finish = body.index("{"), body.index("}")
        answers = body[start + 1:finish].strip()
        assert body.endswith("}")
        question = body[:start]
        general = ""
        if "####" in answers:
            cut = answers.rindex("####")
            general, answers = answers[cut + 4:], answers[:cut].strip()
        qformat, prompt = _gift_text(question, "moodle")
        assert qformat == "html"
        _gformat, general = _gift_text(general, qformat)
        assert "~" in answers  # multiple choice
        parts = answers.replace("=", "~=").split("~")
        if not parts[0].strip():
            parts = parts[1:]
        options, feedback = [], {}
        for part in parts:
            part = part.strip()
            if part.startswith("="):
                correct, part = True, part[1:]
            else:
                assert not _WEIGHT.match(part), f"read as a grade weight: {part!r}"
                correct = False
            bits = part.split("#", 1)
            aformat, answer = _gift_text(bits[0].strip(), qformat)
            assert aformat == "html"
            options.append((shown(answer), correct))
            if len(bits) > 1:
                feedback[shown(answer)] = shown(_gift_text(bits[1].strip(), qformat)[1])
        reads.append(Read(prompt=shown(prompt), options=options, id=name, feedback=feedback,
                          general=paragraphs(general), extra={"category": category}))
    return reads


# --------------------------------------------------------------------------- Aiken

def read_aiken(data: bytes) -> list[Read]:
    reads: list[Read] = []
    current: Read | None = None
    for raw in data.decode("utf-8").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if len(line) < 2:
            continue
        if re.match(r"^[A-Z][).][ \t]?", line):
            assert current is not None
            # Moodle escapes an option's & < > twice: they must not be there at all.
            text = line[2:].strip()
            assert not re.search("[&<>]", text), text
            current.options.append((text, False))
        elif line.startswith("ANSWER:"):
            assert current is not None
            letter = line.split(":", 1)[1].strip()[:1]
            index = ord(letter) - ord("A")
            text, _ = current.options[index]
            current.options[index] = (text, True)
            reads.append(current)
            current = None
        else:
            assert current is None, f"a question left open before {line!r}"
            # The prompt is escaped once and shown as HTML: exactly as typed.
            current = Read(prompt=line, options=[])
    assert current is None
    return reads


# --------------------------------------------------------------------------- QTI

def _local(tag: object) -> str:
    return str(tag).split("}", 1)[-1]


def _find_all(node: etree._Element, name: str) -> list[etree._Element]:
    return [el for el in node.iter() if _local(el.tag) == name]


def _child(node: etree._Element, *path: str) -> etree._Element:
    for name in path:
        matches = [el for el in node if _local(el.tag) == name]
        assert len(matches) == 1, (name, matches)
        node = matches[0]
    return node


def _mattext(node: etree._Element) -> str:
    (mattext,) = _find_all(node, "mattext")
    assert mattext.get("texttype") == "text/html"
    return mattext.text or ""


def read_qti(data: bytes) -> list[Read]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    (resource,) = _find_all(manifest, "resource")
    assert resource.get("type") == "imsqti_xmlv1p2"
    (file,) = _find_all(resource, "file")
    assert sorted(archive.namelist()) == sorted(["imsmanifest.xml", file.get("href")])
    root = etree.fromstring(archive.read(file.get("href")))
    (assessment,) = _find_all(root, "assessment")
    reads = []
    for item in _find_all(root, "item"):
        (lid,) = _find_all(item, "response_lid")
        assert lid.get("rcardinality") == "Single"
        assert _child(lid, "render_choice").get("shuffle") == "No"
        labels = [(label.get("ident"), shown(_mattext(label)))
                  for label in _find_all(lid, "response_label")]
        feedbacks = {fb.get("ident"): _mattext(fb) for fb in _find_all(item, "itemfeedback")}
        # Canvas's rule: an answer is correct when its condition sets SCORE above 0.
        scores: dict[str, float] = {}
        shown_feedback: dict[str, str] = {}
        general = None
        for condition in _find_all(item, "respcondition"):
            var = _child(condition, "conditionvar")
            equal = [el for el in var if _local(el.tag) == "varequal"]
            links = [el.get("linkrefid") for el in condition
                     if _local(el.tag) == "displayfeedback"]
            sets = [float(el.text) for el in condition
                    if _local(el.tag) == "setvar" and el.get("varname") == "SCORE"]
            if not equal:
                assert [_local(el.tag) for el in var] == ["other"]
                general = paragraphs(feedbacks[links[0]])
                continue
            ident = equal[0].text
            for link in links:
                assert link == f"{ident}_fb"
                shown_feedback[ident] = shown(feedbacks[link])
            if sets:
                scores[ident] = sets[0]
        correct = {ident for ident, score in scores.items() if score > 0}
        assert len(correct) == 1
        texts = dict(labels)
        reads.append(Read(
            prompt=shown(_mattext(_child(item, "presentation", "material"))),
            options=[(text, ident in correct) for ident, text in labels],
            id=item.get("ident"), general=general,
            feedback={texts[ident]: why for ident, why in shown_feedback.items()},
            extra={"title": item.get("title"), "labels": [i for i, _ in labels],
                   "assessment": assessment.get("title")}))
    return reads


# --------------------------------------------------------------------------- spreadsheets

def _both_readers(data: bytes, first_row: int, columns: int) -> list[list[object]]:
    """Give the data rows as openpyxl reads them, after checking calamine reads the same."""
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = []
    for row in sheet.iter_rows(min_row=first_row, max_col=columns):
        if all(cell.value is None for cell in row):
            continue
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} is a formula"
        rows.append([cell.value for cell in row])
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    cal_rows = [row[:columns] for row in calamine.to_python(skip_empty_area=False)]
    cal_rows = [row + [""] * (columns - len(row)) for row in cal_rows[first_row - 1:]]
    cal_rows = [row for row in cal_rows if any(v != "" for v in row)]
    normal = [[("" if v is None else float(v) if isinstance(v, int) else v) for v in row]
              for row in rows]
    assert cal_rows == normal
    return rows


def read_kahoot(data: bytes) -> list[Read]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert next(sheet.cell(8, c).value for c in range(2, 9)) == "Question - max 120 characters"
    reads = []
    for row in _both_readers(data, 9, 8):
        number, prompt, *answers, seconds, correct = row
        texts = [a for a in answers if a is not None]
        assert all(isinstance(t, str) for t in texts)
        reads.append(Read(prompt=str(prompt),
                          options=[(str(t), k + 1 == correct) for k, t in enumerate(texts)],
                          extra={"number": number, "seconds": seconds,
                                 "title": sheet["B2"].value}))
    return reads


def read_quizizz(data: bytes) -> list[Read]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    headers = [sheet.cell(1, c).value for c in range(1, 12)]
    assert headers[0] == "Question Text" and headers[-1] == "Answer explanation"
    reads = []
    for row in _both_readers(data, 3, 11):
        prompt, kind, *options, correct, seconds, image, explanation = row
        assert kind == "Multiple Choice" and image is None
        texts = [o for o in options if o is not None]
        reads.append(Read(prompt=str(prompt),
                          options=[(str(t), k + 1 == correct) for k, t in enumerate(texts)],
                          general=str(explanation).split("\n"),
                          extra={"seconds": seconds}))
    return reads


# --------------------------------------------------------------------------- CSV and text

def _csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def read_blooket(data: bytes) -> list[Read]:
    rows = _csv(data)
    assert rows[0][0] == "Blooket\nImport Template" and len(rows[1]) == 8
    reads = []
    for number, prompt, *answers, seconds, correct in rows[2:]:
        texts = [a for a in answers if a]
        reads.append(Read(prompt=prompt,
                          options=[(t, str(k + 1) == correct) for k, t in enumerate(texts)],
                          extra={"number": number, "seconds": seconds}))
    return reads


def read_gimkit(data: bytes) -> list[Read]:
    rows = _csv(data)
    assert rows[0][0] == "Gimkit Spreadsheet Import Template"
    assert rows[1] == ["Question", "Correct Answer", "Incorrect Answer 1",
                       "Incorrect Answer 2 (Optional)", "Incorrect Answer 3 (Optional)"]
    return [Read(prompt=prompt, options=[(correct, True)] + [(w, False) for w in wrong if w])
            for prompt, correct, *wrong in rows[2:]]


def read_quizlet(data: bytes) -> list[Read]:
    text = data.decode("utf-8")
    assert text.endswith("\n")
    reads = []
    for line in text[:-1].split("\n"):
        term, definition = line.split("\t")
        reads.append(Read(prompt=term, options=[(definition, True)]))
    return reads


# --------------------------------------------------------------------------- H5P

def read_h5p(data: bytes) -> list[Read]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["content/content.json", "h5p.json"]
    package = json.loads(archive.read("h5p.json"))
    assert package["mainLibrary"] == "H5P.QuestionSet"
    libraries = {(d["machineName"], int(d["majorVersion"]), int(d["minorVersion"]))
                 for d in package["preloadedDependencies"]}
    assert libraries == {("H5P.QuestionSet", 1, 20), ("H5P.MultiChoice", 1, 16)}
    content = json.loads(archive.read("content/content.json"))
    # Only fields H5P.QuestionSet 1.20 and H5P.MultiChoice 1.16 define (their semantics.json).
    assert set(content) <= {"introPage", "backgroundImage", "progressType", "passPercentage",
                            "questions", "texts", "disableBackwardsNavigation",
                            "randomQuestions", "poolSize", "endGame", "override"}
    assert set(content["endGame"]) <= {
        "showResultPage", "showSolutionButton", "showRetryButton", "noResultMessage",
        "message", "overallFeedback", "oldFeedback", "solutionButtonText", "retryButtonText",
        "finishButtonText", "showAnimations", "skippable", "skipButtonText", "successVideo",
        "failVideo"}
    assert content["randomQuestions"] is False
    reads = []
    for question in content["questions"]:
        assert question["library"] == "H5P.MultiChoice 1.16"
        params = question["params"]
        assert set(params) <= {"media", "question", "answers", "overallFeedback", "UI",
                               "behaviour", "confirmCheck", "confirmRetry"}
        assert params["behaviour"]["randomAnswers"] is False
        assert params["behaviour"]["type"] == "single"
        prompt = re.fullmatch(r"<p>([^<>]*)</p>", params["question"])
        assert prompt
        options, feedback = [], {}
        for answer in params["answers"]:
            text = shown(answer["text"])
            options.append((text, answer["correct"]))
            why = shown(answer["tipsAndFeedback"]["chosenFeedback"])
            if why:
                feedback[text] = why
        (overall,) = params["overallFeedback"]
        assert (overall["from"], overall["to"]) == (0, 100)
        reads.append(Read(prompt=shown(prompt.group(1)), options=options,
                          id=question["subContentId"], feedback=feedback,
                          general=[shown(overall["feedback"])],
                          extra={"title": question["metadata"]["title"],
                                 "package": package}))
    return reads


READERS: dict[str, Callable[[bytes], list[Read]]] = {
    "moodle": read_moodle, "gift": read_gift, "aiken": read_aiken, "qti": read_qti,
    "kahoot": read_kahoot, "quizizz": read_quizizz, "blooket": read_blooket,
    "gimkit": read_gimkit, "quizlet": read_quizlet, "h5p": read_h5p,
}
