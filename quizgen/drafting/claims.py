"""Draft items about the claims: a party's characterization (claim-vs-fact), hedges and
non-responses (hedging), and claims resting on several sources (corroboration)."""

from __future__ import annotations

from quizgen.drafting.items import Drafter
from quizgen.drafting.wording import (
    MAX_RIVALS,
    fair,
    hedge_reading,
    inline,
    non_response_reading,
    option_of,
)
from quizgen.drafting.words import (
    count_sources,
    fold_words,
    nest,
    possessive,
    quoted,
    shorter_quotes,
    slug_words,
    trim,
    word_count,
)


def characterizations(d: Drafter) -> None:
    """Add a claim-vs-fact item for each "what it described as" or "which it says"."""
    for attribution in d.view.attributions:
        source, content, cue = attribution.source, attribution.content, attribution.cue
        if not attribution.characterization or content is None or cue is None:
            continue
        start, end = min(cue.start, content.start), max(cue.end, content.end)
        segment = nest(trim(d.window(start, end, 6), 240))
        described = quoted(content.text)
        lesson = (f"Wording such as “{cue.text}” lets reporters pass on a party’s account "
                  "without vouching for it")
        who = inline(source) if source else "a party the article cites"
        named_in_prompt = source is None or any(
            w in fold_words(segment).split() for w in slug_words(source.inline, 4))
        variants: list[str] = []
        if named_in_prompt:
            # The party is named in the passage itself: ask what the wording does.
            prompt = f"The article says “{segment}”. What does “{cue.text}” tell you?"
            # Should naming the party give another item's answer away (who said the words
            # it describes), the passage from the cue on asks the same.
            shorter = nest(trim(d.window(start, end, 6, before=0), 240))
            variants.append(f"The article says “{shorter}”. What does “{cue.text}” tell you?")
            answer = "A party’s claim, not a fact the reporters vouch for"
            options = [
                ("The reporters have confirmed the description",
                 f"“{cue.text}” hands the description to {who}; it does not confirm it."),
                ("The description is the reporters’ own",
                 f"The reporters pass on {possessive(who)} words instead of stating them."),
                ("Every party agrees with the description",
                 f"Nothing in the wording says others accept it; it stays "
                 f"{possessive(who)} claim."),
            ]
        else:
            assert source is not None
            prompt = f"In “{segment}”, whose description is “{nest(described)}”?"
            answer = option_of(source)
            options = [("The reporters, in their own voice",
                        f"“{cue.text}” hands the description to {who}; the "
                        "reporters do not state it as fact.")]
            options += [(d.options[s.id], f"“{cue.text}” points to {who}, not to {inline(s)}.")
                        for s in d.rivals(source)[:MAX_RIVALS]
                        if s.type not in ("no-response", "group") and fair(s, source)]
        key_who = source.inline if source else who
        d.add("claim-vs-fact", f"{key_who} {described}", content.text, prompt, answer,
              options, d.evidence(start, end),
              f"{lesson}: “{nest(described)}” is {possessive(who)} description, not a fact "
              "the article vouches for.", ["attribution", "characterization"], 2, variants)


_HEDGE_OPTIONS = (
    ("A sign that the claim is false",
     "A hedge marks uncertainty, not falsehood: the claim may well be true."),
    ("A word-for-word quotation from a source",
     "A hedge is a choice of words, not a quotation mark; the reporters or a "
     "source may use it."),
)


def hedges(d: Drafter) -> None:
    """Add a hedging item for each hedge: what the word signals where it stands."""
    for hedge in d.view.hedges:
        text = hedge.span.text
        answer, lesson = hedge_reading(text)
        options = [("A fact the reporters have confirmed",
                    f"“{text}” softens the claim; the wording does not present it as "
                    "confirmed."), *_HEDGE_OPTIONS]
        # The passage around the hedge, then less of it should it give another item away.
        prompts = [f"The article writes “{nest(d.window(hedge.span.start, hedge.span.end, n))}”. "
                   f"What does “{text}” signal here?" for n in (7, 4, 2)]
        after = d.view.text[hedge.span.end:hedge.span.end + 40].split()[:3]
        context = d.window(hedge.span.start, hedge.span.end)
        d.add("hedging", " ".join([text, *after]), f"{context}|{hedge.span.start}",
              prompts[0], answer, options, d.evidence(hedge.span.start, hedge.span.end),
              lesson, ["hedge"], 2, prompts[1:])


def non_responses(d: Drafter) -> None:
    """Add a hedging item for each non-response: what "could not be reached" means."""
    for response in d.view.non_responses:
        text = response.span.text
        who = response.source.inline if response.source else "a party to the story"
        answer, options, lesson = non_response_reading(text)
        d.add("hedging", f"{who} {text}", text,
              f"The article says {inline(response.source) if response.source else who} "
              f"“{text}”. What does that mean?", answer, options,
              d.evidence(response.span.start, response.span.end), lesson,
              ["non-response", "vocabulary"], 1)


def corroboration(d: Drafter) -> None:
    """Add a corroboration item for each claim resting on a counted group of sources."""
    for attribution in d.view.attributions:
        source, content = attribution.source, attribution.content
        if source is None or content is None or source.type != "group":
            continue
        group = source.description or source.name
        counted = count_sources(group)
        if counted is None:
            continue
        n, terms = counted
        claim = trim(content.text, 120)
        breakdown = " + ".join(str(t) for t in terms)
        sum_text = f"{breakdown} = {n}" if len(terms) > 1 else str(n)
        options = []
        for wrong in (n - 1, n + 1, n + 2 if n - 2 < 1 else n - 2):
            if wrong >= 1:
                noun = "source" if wrong == 1 else "sources"
                off = f"{word_count(abs(wrong - n))} too {'many' if wrong > n else 'few'}"
                options.append((f"{word_count(wrong)} {noun}",
                                f"{off}: count {d.quote(group)}: {sum_text}."))
        prompts = [f"How many sources does the article cite for the claim that “{nest(c)}”?"
                   for c in (claim, *shorter_quotes(claim))]
        d.add("corroboration", f"{group} {claim}", content.text, prompts[0],
              f"{word_count(n)} sources", options,
              d.evidence(attribution.start, attribution.end),
              "Counting sources is only the start: ask how many are named, and how "
              "independent they are of each other and of the parties.",
              ["counting", "anonymous-source" if source.anonymous else "sourcing"],
              1 if len(terms) == 1 else 2, prompts[1:])
