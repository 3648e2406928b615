"""The pipeline: paragraphs → quotations and cues → attributions → sources."""

from __future__ import annotations

import re
from bisect import bisect_right

from quizgen.sources.cues import CueHit, Inside, _clause_subject, cue_key, find_cues
from quizgen.sources.hedges import find_hedges, find_non_responses
from quizgen.sources.lexicon import NESTED_CUES
from quizgen.sources.mentions import Mention, looks_like_name, subject_after, subject_before
from quizgen.sources.model import Analysis, Attribution, NonResponse, Span
from quizgen.sources.resolve import Resolver
from quizgen.sources.text import Quote, paragraphs, quotes, sentences

_ENGLISH = frozenset("the of and to in a is that for on was with said by as it at from".split())


def analyse_text(text: str) -> Analysis:
    """Analyse a plain text: every attribution, source, hedge and non-response in it."""
    paras = paragraphs(text)
    sents = [(s, e, index) for index, (p_start, p_end) in enumerate(paras)
             for s, e in sentences(text, p_start, p_end)]
    found = quotes(text, paras)
    spans = [(q.open_mark, q.outer_end) for q in found]
    inside = Inside(spans)
    hits = find_cues(text, sents, inside)
    attributions = _outer_only(_link(text, found, hits, sents, paras))
    resolver = Resolver(text, sents)
    for attribution in attributions:
        attribution.source = resolver.resolve(attribution)
    non_responses = []
    for span in find_non_responses(text):
        if inside(span.start):
            continue
        sentence = _sentence_of(sents, span.start)
        mention = subject_before(text, sentence[0], span.start)
        source = resolver.non_response(mention, span) if mention else None
        non_responses.append(NonResponse(source, span, _span(text, mention)))
    sources = resolver.finish(attributions)
    non_responses = [NonResponse(resolver.mapping.get(n.source or ""), n.span, n.mention)
                     for n in non_responses]
    hedges = [h for h in find_hedges(text)
              if not any(n.span.start <= h.span.start < n.span.end for n in non_responses)]
    return Analysis(text=text, sources=sources, attributions=attributions, hedges=hedges,
                    non_responses=non_responses, paragraphs=paras,
                    metadata={"headline": None, "outlet": None, "published": None,
                              "byline": None, "language": guess_language(text)})


def _outer_only(attributions: list[Attribution]) -> list[Attribution]:
    """Leave out an indirect attribution whose cue lies inside another one's content, unless
    its cue still counts there ("said Republicans accused him": yes; "said they think": no)."""
    contents = sorted((a.content.start, a.content.end, id(a)) for a in attributions if a.content)
    starts = [start for start, _, _ in contents]

    def nested(attribution: Attribution) -> bool:
        pos = attribution.cue.start
        i = bisect_right(starts, pos) - 1
        # contents are sentence-sized: a few thousand characters back is far enough
        while i >= 0 and starts[i] > pos - 5000:
            start, end, owner = contents[i]
            if owner != id(attribution) and start <= pos < end:
                return True
            i -= 1
        return False

    return [a for a in attributions
            if a.direct or cue_key(a.cue.text) in NESTED_CUES or not nested(a)]


def guess_language(text: str) -> str | None:
    """Give "en" when the text reads as English, None when it is too short to tell."""
    words = re.findall(r"[a-zA-Z]+", text[:20000].lower())
    if len(words) < 30:
        return "en" if words else None
    share = sum(1 for w in words if w in _ENGLISH) / len(words)
    return "en" if share >= 0.08 else "other"


def _span(text: str, mention: Mention | None) -> Span | None:
    if mention is None:
        return None
    return Span(mention.start, mention.end, text[mention.start:mention.end])


def _description(text: str, mention: Mention | None) -> Span | None:
    if mention is None or mention.description is None:
        return None
    start, end = mention.description
    return Span(start, end, text[start:end])


def _quote_span(text: str, quote: Quote) -> Span:
    """Give a quotation's words: inside the marks, less the comma that hands over to the cue."""
    end = quote.end
    while end > quote.start + 1 and text[end - 1] in ", ":
        end -= 1
    return Span(quote.start, end, text[quote.start:end])


def _sentence_of(sents: list[tuple[int, int, int]], pos: int) -> tuple[int, int, int]:
    index = bisect_right([s for s, _, _ in sents], pos) - 1
    return sents[max(index, 0)]


def _link(text: str, found: list[Quote], hits: list[CueHit], sents: list[tuple[int, int, int]],
          paras: list[tuple[int, int]]) -> list[Attribution]:
    """Tie each quotation to its cue, and give the other cues as indirect attributions."""
    by_sentence: dict[tuple[int, int], list[CueHit]] = {}
    for cue_hit in hits:
        by_sentence.setdefault(cue_hit.sentence, []).append(cue_hit)
    sentence_starts = [s for s, _, _ in sents]
    used: set[int] = set()
    direct: list[tuple[Quote, CueHit]] = []
    previous: CueHit | None = None
    previous_para = -10
    for quote in found:
        linked: CueHit | None = None
        if quote.continues and previous is not None:
            # A paragraph that goes on with the quotation, unless it names its own speaker
            # ("“…,” added Rep. Jim Clyburn").
            own = _cue_for_quote(text, quote, by_sentence, sents, sentence_starts, paras,
                                 previous) if quote.close_mark >= 0 else None
            linked = own if own is not None else previous
        else:
            linked = _cue_for_quote(text, quote, by_sentence, sents, sentence_starts, paras,
                                    previous)
            if linked is None and previous is not None and quote.paragraph - previous_para <= 1 \
                    and len(text[quote.start:quote.end].split()) >= 3 \
                    and previous.mention is not None:
                linked = previous
        if linked is None:
            continue
        used.add(id(linked))
        direct.append((quote, linked))
        previous, previous_para = linked, quote.paragraph
    out: list[tuple[int, Attribution]] = []
    for quote, hit in direct:
        out.append((quote.start, Attribution(
            source=None, mention=_span(text, hit.mention), cue=Span(hit.start, hit.end,
                                                                   text[hit.start:hit.end]),
            content=_quote_span(text, quote), direct=True,
            characterization=hit.characterization, paragraph=quote.paragraph,
            description=_description(text, hit.mention))))
    for hit in hits:
        if id(hit) in used or not hit.reported:
            continue
        content = None if hit.content is None else Span(
            hit.content[0], hit.content[1], text[hit.content[0]:hit.content[1]])
        silent = hit.word in ("declined", "refused") and content is not None and \
            _SILENCE.match(content.text) is not None
        out.append((hit.start, Attribution(
            source=None, mention=_span(text, hit.mention),
            cue=Span(hit.start, hit.end, text[hit.start:hit.end]), content=content,
            direct=False, characterization=hit.characterization, paragraph=hit.paragraph,
            description=_description(text, hit.mention), non_response=silent)))
    out.sort(key=lambda pair: (pair[1].cue.start if not pair[1].direct else pair[0]))
    return [a for _, a in out]


_MAIN_VERB = re.compile(r"\b[a-z]{3,}(?:ed|es|s)\b")
_QUOTE_MARK = re.compile(r"[“”\"]|''")
_SILENCE = re.compile(r"to\s+(?:comment|say|respond|discuss|elaborate|be\s+(?:interviewed|named|"
                      r"identified)|answer|speak)\b")
_ANY_VERB = re.compile(r"\s+(?:(?:would|will|could|did|does|has|had|have|is|was|also|not|"
                       r"never|then|later)\s+)*([a-z]{3,})\b")
_PRONOUNS = frozenset("he she they it we i".split())
_DASH_NAME = re.compile(r"[\s.,]*([―—–-])\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\.?\s*$")
_CONJUNCTION = re.compile(
    r"\b(?:but|and|while|because|although|though|which|when|if|so|who|whom|whose|that)\b")


_TAG_VERB = re.compile(r"\b[a-z]+(?:ed|s)\b")
_TAG_INVERTED = re.compile(r"[\s,]*\b([a-z]+(?:ed|s))\s+(?=[A-Z]|(?:the|a|an|one)\s)")
_NOT_TAGS = frozenset(
    "is was has does goes comes means seems looks remains needs uses was has this his its "
    "was as us yes bus gas thus plus less unless across perhaps always sometimes".split())
_TAG_END = re.compile(r"(?:\s+[\w’'.-]+){0,6}?\s*(?:[.,;!?]|$)")


def _speech_tag(text: str, quote: Quote, close: int,
                sentence: tuple[int, int, int]) -> CueHit | None:
    """Read an unknown verb as a cue in a speech tag: "“…,” scoffed Arianna Gil, 22." or
    "“…,” the editorial read."; the quotation must hand over with a comma, ? or !."""
    if quote.close_mark < 0 or not (text[quote.end - 1] in ",?!" or text[close:close + 1] == ","):
        return None
    end = sentence[1]
    inverted = _TAG_INVERTED.match(text, close, end)
    if inverted is not None and inverted.group(1) not in _NOT_TAGS:
        mention = subject_after(text, inverted.end(1), end)
        if (mention is not None and looks_like_name(text[mention.start:mention.end])) or (
                mention is not None and text[mention.start:mention.end].split()[0].lower()
                in ("the", "a", "an", "one")):
            return CueHit(inverted.start(1), inverted.end(1), inverted.group(1), True,
                          (sentence[0], sentence[1]), sentence[2], mention, None,
                          subject_first=False)
    for verb in _TAG_VERB.finditer(text, close, min(end, close + 60)):
        if verb.group() in _NOT_TAGS or len(text[close:verb.start()].split()) > 6:
            continue
        mention = subject_before(text, close, verb.start())
        if mention is None or not _TAG_END.match(text, verb.end(), end):
            continue
        if text[mention.start:mention.end].split()[0].lower() in ("and", "but", "as"):
            continue
        return CueHit(verb.start(), verb.end(), verb.group(), True, (sentence[0], sentence[1]),
                      sentence[2], mention, None)
    return None


# Words the fallback verb readers must not take for the verb of a sentence's subject: on
# PolNeAR's train split such "cues" of a title or scare quotation were all false.
_NOT_VERBS = frozenset(
    "the a an and or but there here now then why how what when where more most less enough "
    "actually also just not never yourself himself herself themselves itself nonetheless still "
    "even only".split())
_DETERMINER_GAP = re.compile(r"\b(?:the|his|her|its|their|an?)\s+$|-$")


def _reads_as_verb(text: str, subject_end: int, verb: re.Match[str]) -> bool:
    """Tell whether the word found after a subject reads as its verb: not a function word
    ("Cruz is the founder of “…”") nor a plural noun after a determiner ("joined his
    co-hosts")."""
    gap = text[subject_end:verb.start()]
    if verb.group() in _NOT_VERBS:
        return False
    return not (verb.group().endswith("s") and _DETERMINER_GAP.search(gap))


def _cue_for_quote(text: str, quote: Quote, by_sentence: dict[tuple[int, int], list[CueHit]],
                   sents: list[tuple[int, int, int]], sentence_starts: list[int],
                   paras: list[tuple[int, int]], previous: CueHit | None) -> CueHit | None:

    close = quote.outer_end
    open_at = quote.open_mark
    i_open = bisect_right(sentence_starts, open_at) - 1
    i_close = bisect_right(sentence_starts, max(close - 1, open_at)) - 1
    s_open = sents[i_open]
    s_close = sents[i_close]
    after = [h for h in by_sentence.get((s_close[0], s_close[1]), []) if h.start >= close]
    before = [h for h in by_sentence.get((s_open[0], s_open[1]), []) if h.end <= open_at + 1]
    if not after and not before and s_close[1] <= close + 1 and i_close + 1 < len(sents) \
            and sents[i_close + 1][2] == quote.paragraph and text[quote.end - 1] in "?!":
        # '"That would be you?" Borger asked.': the cue opens the next sentence.
        nxt = sents[i_close + 1]
        after = [h for h in by_sentence.get((nxt[0], nxt[1]), [])
                 if h.subject_first and h.mention is not None]
    # "“…” ― Pamela Padilla": a dash and a name closing the paragraph.
    dash = _DASH_NAME.match(text, close, paras[quote.paragraph][1])
    if dash is not None:
        named = Mention(dash.start(2), dash.end(2))
        return CueHit(dash.start(1), dash.end(1), dash.group(1), True, (s_close[0], s_close[1]),
                      s_close[2], named, None)
    # "…,” he said. / "…,” said Brew.: the cue right after the closing mark.
    for hit in after:
        gap = text[close:hit.start]
        if len(gap.split()) <= 10 and not re.search(r"[“\"]", gap) and hit.speech and \
                not _CONJUNCTION.search(gap) and text[hit.end - 1] != ":":
            return hit
    tag_sentence = s_close
    if s_close[1] <= close + 1 and i_close + 1 < len(sents) and \
            sents[i_close + 1][2] == quote.paragraph and text[quote.end - 1] in "?!":
        tag_sentence = (s_close[0], sents[i_close + 1][1], s_close[2])  # '“…?” Hannity pressed.'
    tag = _speech_tag(text, quote, close, tag_sentence)
    if tag is not None and (not before or len(text[close:tag.start].split()) <= 1):
        return tag
    if before:
        nearest = before[-1]
        if nearest.mention is None:  # ", saying “…”" with no subject found: an earlier cue
            with_subject = [h for h in before if h.mention is not None]
            if with_subject:
                nearest = with_subject[-1]
        if nearest.characterization and nearest.mention is not None and \
                text[nearest.mention.start:nearest.mention.end].lower() in _PRONOUNS:
            outer = [h for h in before[:-1] if h.speech and h.mention is not None]
            if outer:  # "Clinton says …, but also … what she calls “…”"
                return outer[-1]
        if len(before) > 1 and before[-2].speech and nearest.mention is not None and \
                nearest.mention.end - nearest.mention.start <= 4 and \
                len(text[before[-2].end:nearest.mention.start].split()) <= 1:
            return before[-2]  # "said he wanted “…”": the outer cue
        return nearest
    speech_after = [h for h in after if h.speech]
    if speech_after:
        return speech_after[0]
    # "X said:" closing the previous paragraph, the quotation opening the next.
    if open_at == paras[quote.paragraph][0] and i_open > 0:
        prev = sents[i_open - 1]
        if text[:prev[1]].rstrip().endswith(":"):
            hits = [h for h in by_sentence.get((prev[0], prev[1]), []) if h.speech]
            if hits:
                return hits[-1]
            pos = text.rindex(":", prev[0], prev[1])  # "Sanders made the following comment:"
            mention = subject_before(text, prev[0], pos) or _clause_subject(text, prev[0], pos)
            if mention is not None:
                return CueHit(pos, pos + 1, ":", True, (prev[0], prev[1]), prev[2], mention,
                              None)
    # "Hoff’s letter makes a case: “…”": a colon introduces the quotation.
    colon = re.search(r":\s*$", text[s_open[0]:open_at])
    if colon is not None:
        pos = s_open[0] + colon.start()
        mention = subject_before(text, s_open[0], pos) or _clause_subject(text, s_open[0], pos)
        if mention is not None:
            return CueHit(pos, pos + 1, ":", True, (s_open[0], s_open[1]), s_open[2], mention,
                          None)
    # "Gowdy referenced a report that “…”": the sentence's subject and its verb.
    if open_at > s_open[0]:
        subject = _clause_subject(text, s_open[0], open_at)
        if subject is not None:
            verb = _MAIN_VERB.search(text, subject.end, open_at)
            if verb is not None and verb.start() - subject.end <= 30 and \
                    verb.group() not in _NOT_TAGS and _reads_as_verb(text, subject.end, verb):
                return CueHit(verb.start(), verb.end(), verb.group(), True,
                              (s_open[0], s_open[1]), s_open[2], subject, None)
            other = _ANY_VERB.match(text, subject.end, open_at)  # "Cruz would not comment"
            if other is not None and other.group(1) not in _NOT_TAGS and \
                    other.group(1) not in _NOT_VERBS:
                return CueHit(other.start(1), other.end(1), other.group(1), True,
                              (s_open[0], s_open[1]), s_open[2], subject, None)
    # A quotation standing alone after a sentence with a cue in the same paragraph.
    if previous is not None and previous.paragraph == quote.paragraph and (
            open_at == s_open[0]):
        return previous  # "“…,” he said. “…”"
    if open_at == s_open[0] or len(text[quote.start:quote.end].split()) >= 3:
        for index in range(i_open - 1, -1, -1):
            sentence = sents[index]
            if sentence[2] != quote.paragraph:
                break
            hits = [h for h in by_sentence.get((sentence[0], sentence[1]), []) if h.speech]
            if hits:
                return hits[-1]
    # "“…” ¶ - Bernie Sanders.": the name alone in the next paragraph.
    if quote.close_mark >= 0 and quote.paragraph + 1 < len(paras):
        nxt_start, nxt_end = paras[quote.paragraph + 1]
        rest = text[quote.outer_end:paras[quote.paragraph][1]].strip(" .,")
        dash = _DASH_NAME.match(" " + text[nxt_start:nxt_end])
        if not rest and dash is not None:
            named = Mention(nxt_start + dash.start(2) - 1, nxt_start + dash.end(2) - 1)
            return CueHit(nxt_start + dash.start(1) - 1, nxt_start + dash.end(1) - 1,
                          dash.group(1), True, (nxt_start, nxt_end), quote.paragraph + 1, named,
                          None)
    # "Trump speculated that … ¶ “…”": a paragraph of quotation after a reported one.
    if open_at == paras[quote.paragraph][0] and quote.paragraph > 0 and i_open > 0:
        prev = sents[i_open - 1]
        hits = [h for h in by_sentence.get((prev[0], prev[1]), [])
                if h.speech and h.mention is not None]
        if prev[2] == quote.paragraph - 1 and hits and not _QUOTE_MARK.search(
                text, hits[-1].end, prev[1]):
            return hits[-1]
    return None
