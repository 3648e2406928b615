"""One rule at a time, on short wire-style passages: exact spans, cues and sources."""

from __future__ import annotations

import re
from typing import Any

from quizgen.sources import Analysis, analyse_text


def _span(text: str, part: str, nth: int = 0) -> dict[str, Any]:
    """Give the JSON span of the nth occurrence of part in text, as a whole word."""
    matches = list(re.finditer(r"(?<!\w)" + re.escape(part) + r"(?!\w)", text))
    start = matches[nth].start()
    return {"text": part, "start": start, "end": start + len(part)}


def _json(text: str) -> dict[str, Any]:
    return analyse_text(text).to_dict("passage.txt")


def _direct(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in data["attributions"] if a["direct"]]


def _source(data: dict[str, Any], source_id: str | None) -> dict[str, Any]:
    return next(s for s in data["sources"] if s["id"] == source_id)


def test_quote_before_the_cue_with_an_appositive() -> None:
    text = "“We will not back down,” Ahmed Khan, a spokesman for the ministry, said on Monday.\n"
    data = _json(text)
    [quote] = _direct(data)
    assert quote["content"] == _span(text, "We will not back down")
    assert quote["mention"] == _span(text, "Ahmed Khan")
    assert quote["cue"] == _span(text, "said")
    source = _source(data, quote["source"])
    assert (source["name"], source["description"], source["type"], source["anonymous"]) == (
        "Ahmed Khan", "a spokesman for the ministry", "named-official", False)


def test_cue_before_the_quote_with_a_colon() -> None:
    text = "In a statement, the foreign ministry said: “The border crossing is closed.”\n"
    data = _json(text)
    [quote] = _direct(data)
    assert quote["content"] == _span(text, "The border crossing is closed.")
    assert quote["cue"] == _span(text, "said:")
    assert quote["mention"] == _span(text, "the foreign ministry")
    assert _source(data, quote["source"])["type"] == "institutional-statement"


def test_said_x_inversion() -> None:
    text = "“Talks will resume next week,” said Maria Lopez, an analyst at the Atlantic Council.\n"
    data = _json(text)
    [quote] = _direct(data)
    assert quote["content"] == _span(text, "Talks will resume next week")
    assert quote["mention"] == _span(text, "Maria Lopez")
    assert quote["cue"] == _span(text, "said")
    source = _source(data, quote["source"])
    assert (source["name"], source["description"], source["type"]) == (
        "Maria Lopez", "an analyst at the Atlantic Council", "named-expert")


def test_a_quote_over_several_paragraphs_opens_each_one() -> None:
    text = ("Jane Doe, the mayor of Springfield, said on Tuesday that the water was safe.\n"
            "“We tested every pipe in the city,” she said. “Every school was checked.\n"
            "“Nobody should worry about the water.”\n")
    data = _json(text)
    quotes = _direct(data)
    assert [q["content"] for q in quotes] == [
        _span(text, "We tested every pipe in the city"),
        _span(text, "Every school was checked."),
        _span(text, "Nobody should worry about the water."),
    ]
    assert {q["mention"]["text"] for q in quotes} == {"she"}
    jane = _source(data, quotes[0]["source"])
    assert jane["name"] == "Jane Doe"
    assert {q["source"] for q in quotes} == {jane["id"]}
    assert data["paragraphs"] == [
        {"start": 0, "end": text.index("\n")},
        {"start": text.index("“We"), "end": text.index("\n", text.index("“We"))},
        {"start": text.index("“Nobody"), "end": len(text) - 1},
    ]


def test_pronoun_and_surname_across_paragraphs_resolve_to_the_named_source() -> None:
    text = ("Gregory Brew, an analyst at Eurasia Group, said the strikes were a warning.\n"
            "The border has been tense for months.\n"
            "“It is a signal to the whole region,” he said.\n"
            "Iran had lost patience, Brew said.\n")
    data = _json(text)
    [brew] = [s for s in data["sources"] if s["name"] == "Gregory Brew"]
    assert brew["type"] == "named-expert"
    assert [(a["mention"]["text"], a["source"]) for a in data["attributions"]] == [
        ("Gregory Brew", brew["id"]), ("he", brew["id"]), ("Brew", brew["id"])]
    assert data["attributions"][0]["content"] == _span(text, "the strikes were a warning")
    assert data["attributions"][2]["content"] == _span(text, "Iran had lost patience")
    assert [m["text"] for m in brew["mentions"]] == ["Gregory Brew", "he", "Brew"]


def test_nested_single_quotes_stay_inside_the_quotation() -> None:
    text = "“There is pressure to ‘do something,’ and the leaders respond,” he said.\n"
    [quote] = _direct(_json(text))
    assert quote["content"] == _span(
        text, "There is pressure to ‘do something,’ and the leaders respond")
    assert quote["mention"] == _span(text, "he")
    assert quote["source"] is None  # no one to resolve "he" to


def test_straight_marks_and_apostrophes() -> None:
    text = ("Iran's foreign minister said the country's patience was 'running out'.\n"
            "\"We will respond,\" the minister's deputy said. It's \"a red line,\" he added.\n")
    data = _json(text)
    quotes = _direct(data)
    # Single marks are apostrophes or scare quotes, never a quotation of their own.
    assert [q["content"] for q in quotes] == [
        _span(text, "We will respond"), _span(text, "a red line")]
    assert [q["cue"] for q in quotes] == [_span(text, "said", 1), _span(text, "added")]
    assert quotes[0]["mention"] == _span(text, "the minister's deputy")
    [indirect] = [a for a in data["attributions"] if not a["direct"]]
    assert indirect["mention"] == _span(text, "Iran's foreign minister")
    assert indirect["content"] == _span(text, "the country's patience was 'running out'")


def test_curly_apostrophe_is_not_a_quote_mark() -> None:
    text = "Pakistan’s army said it “will defend every inch” of the border.\n"
    [quote] = _direct(_json(text))
    assert quote["content"] == _span(text, "will defend every inch")
    assert quote["mention"] == _span(text, "Pakistan’s army")
    assert quote["cue"] == _span(text, "said")


def test_according_to_with_an_anonymous_source_and_the_reason() -> None:
    text = ("The strike killed two children, according to a senior official who spoke on "
            "condition of anonymity because he was not authorised to brief the media.\n")
    data = _json(text)
    [attribution] = data["attributions"]
    assert attribution["cue"] == _span(text, "according to")
    assert attribution["mention"] == _span(text, "a senior official")
    assert attribution["content"] == _span(text, "The strike killed two children")
    assert attribution["direct"] is False
    source = _source(data, attribution["source"])
    assert (source["type"], source["anonymous"], source["anonymity_reason"]) == (
        "anonymous-official", True, "because he was not authorised to brief the media")


def test_anonymous_source_without_a_reason() -> None:
    text = "“We are ready for anything,” an Iranian insider said.\n"
    data = _json(text)
    [quote] = _direct(data)
    assert quote["mention"] == _span(text, "an Iranian insider")
    source = _source(data, quote["source"])
    assert (source["type"], source["anonymous"], source["anonymity_reason"]) == (
        "unnamed-source", True, None)


def test_told_reuters_that_and_the_official_later() -> None:
    text = ("A senior security official told Reuters that Iran had given Pakistan evidence.\n"
            "“Our patience is not endless,” the official added, speaking on condition of "
            "anonymity due to the sensitivity of the matter.\n")
    data = _json(text)
    told, added = data["attributions"]
    assert told["cue"] == _span(text, "told")
    assert told["content"] == _span(text, "Iran had given Pakistan evidence")
    assert added["mention"] == _span(text, "the official")
    assert told["source"] == added["source"]
    source = _source(data, told["source"])
    assert (source["description"], source["type"], source["anonymity_reason"]) == (
        "A senior security official", "anonymous-official", "due to the sensitivity of the matter")
    assert source["anonymity_span"] == _span(
        text, "speaking on condition of anonymity due to the sensitivity of the matter")


def test_characterizations_what_it_described_as_and_which_it_says() -> None:
    text = ("Iran struck what it described as militant bases in Pakistan. The group, which it "
            "says has links to Islamic State, denied it.\n")
    data = _json(text)
    described, says = [a for a in data["attributions"] if a["characterization"]]
    assert described["cue"] == _span(text, "described")
    assert described["mention"] == _span(text, "it")
    assert described["content"] == _span(text, "militant bases in Pakistan")
    assert says["cue"] == _span(text, "says")
    assert says["content"] == _span(text, "has links to Islamic State")
    iran = _source(data, described["source"])
    assert (iran["name"], iran["type"]) == ("Iran", "government")
    assert says["source"] == iran["id"]


def test_non_response_is_its_own_source() -> None:
    text = ("The minister said talks would go on.\n"
            "Spokespeople for the embassy could not immediately be reached for comment.\n")
    data = _json(text)
    [silent] = data["non_responses"]
    assert (silent["text"], silent["start"]) == (
        "could not immediately be reached for comment",
        text.index("could not immediately"))
    assert silent["mention"] == _span(text, "Spokespeople for the embassy")
    source = _source(data, silent["source"])
    assert (source["type"], source["description"]) == (
        "no-response", "Spokespeople for the embassy")


def test_hedges_with_their_kind() -> None:
    text = ("Both sides appear to want calm, and talks might resume. The strike was driven in "
            "large part by fear and is seen as a warning.\n")
    data = _json(text)
    assert [(h["text"], h["kind"]) for h in data["hedges"]] == [
        ("appear to", "appear to"), ("might", "might"), ("in\nlarge part".replace("\n", " "),
                                                          "in large part"),
        ("is seen as", "is seen as")]
    for hedge in data["hedges"]:
        assert text[hedge["start"]:hedge["end"]] == hedge["text"]


def test_a_group_of_sources_keeps_its_members() -> None:
    text = ("The strike was about security, according to three Iranian officials, one Iranian "
            "insider and an analyst.\n")
    data = _json(text)
    [group] = data["sources"]
    assert (group["type"], group["anonymous"]) == ("group", True)
    assert [(m["description"], m["type"]) for m in group["members"]] == [
        ("three Iranian officials", "anonymous-official"),
        ("one Iranian insider", "unnamed-source"),
        ("an analyst", "unnamed-source")]


def test_text_without_attribution_gives_empty_lists() -> None:
    analysis = analyse_text("The river rose by two metres overnight.\n")
    assert isinstance(analysis, Analysis)
    assert (analysis.attributions, analysis.sources) == ([], [])


def test_crlf_offsets_index_the_text_as_read() -> None:
    text = "The weather was calm.\r\n“We are safe,” she said.\r\n"
    data = _json(text)
    [quote] = _direct(data)
    assert quote["content"] == _span(text, "We are safe")
    assert data["paragraphs"][1] == {"start": text.index("“"), "end": len(text) - 2}


def test_title_elsewhere_types_a_named_official_and_passive_asked_is_no_cue() -> None:
    text = ("Defense Secretary Ash Carter arrived in Manila on Friday.\n"
            "Carter said the United States would keep flying in the region. He was asked "
            "about the islands.\n")
    data = _json(text)
    assert [a["cue"]["text"] for a in data["attributions"]] == ["said"]
    [carter] = data["sources"]
    assert (carter["name"], carter["type"]) == ("Carter", "named-official")


def test_i_outside_a_quotation_is_the_writer() -> None:
    text = ("Gregory Brew, an analyst at Eurasia Group, said the strikes were a warning.\n"
            "I wrote in 2014 that such strikes were likely.\n")
    data = _json(text)
    brew, writer = data["sources"]
    assert brew["name"] == "Gregory Brew"
    assert (writer["description"], writer["type"]) == ("the writer (first person)",
                                                       "named-person")
    assert [a["source"] for a in data["attributions"]] == [brew["id"], writer["id"]]


def test_declined_to_comment_is_a_non_response_on_both_lists() -> None:
    text = "A spokesman for the company declined to comment on the report.\n"
    data = _json(text)
    [attribution] = data["attributions"]
    assert (attribution["cue"], attribution["non_response"]) == (
        _span(text, "declined"), True)
    assert attribution["mention"] == _span(text, "A spokesman for the company")
    [silent] = data["non_responses"]
    assert silent["text"] == "declined to comment"
    assert silent["source"] == attribution["source"]
    assert _source(data, silent["source"])["type"] == "no-response"


def test_two_apostrophes_as_quote_marks_and_a_closing_curly_opener() -> None:
    text = ("''I would use the word 'old-school,''' said Gregory W. Slayton, a former envoy.\n"
            "“It is unusual,“ said Larry Noble, an attorney. “It is hard.”\n")
    data = _json(text)
    quotes = _direct(data)
    assert [q["content"]["text"] for q in quotes] == [
        "I would use the word 'old-school,'", "It is unusual", "It is hard."]
    assert [q["mention"]["text"] for q in quotes] == [
        "Gregory W. Slayton", "Larry Noble", "Larry Noble"]


def test_a_belief_with_its_subject_is_an_attribution() -> None:
    text = "Many Republicans believe the tax plan will pass before the summer.\n"
    [belief] = _json(text)["attributions"]
    assert belief["cue"] == _span(text, "believe")
    assert belief["mention"] == _span(text, "Many Republicans")
    assert belief["direct"] is False


def test_a_belief_inside_what_another_source_said_is_part_of_it() -> None:
    text = "Most voters in the poll said they believe the economy is getting worse.\n"
    [said] = _json(text)["attributions"]
    assert said["cue"] == _span(text, "said")
    assert said["content"] == _span(text, "they believe the economy is getting worse")


def test_the_reporters_own_appears_makes_no_source() -> None:
    text = "Neither country appears poised for conflict, however.\n"
    data = _json(text)
    assert (data["attributions"], data["sources"]) == ([], [])
    assert [h["text"] for h in data["hedges"]] == ["appears"]


def test_defended_touted_and_thanked_need_no_speech_after_them() -> None:
    text = ("Senator Jane Okafor defended her vote on the harbor bill on Tuesday.\n"
            "The mayor touted the new ferry line at a ribbon-cutting on Friday.\n"
            "The governor ordered an inquiry into the flooding.\n")
    defended, touted, ordered = _json(text)["attributions"]
    assert defended["cue"] == _span(text, "defended")
    assert defended["mention"] == _span(text, "Senator Jane Okafor")
    assert defended["content"] == _span(text, "her vote on the harbor bill on Tuesday")
    assert touted["cue"] == _span(text, "touted")
    assert touted["mention"] == _span(text, "The mayor")
    assert touted["content"] == _span(text, "the new ferry line at a ribbon-cutting on Friday")
    assert ordered["cue"] == _span(text, "ordered")
    assert ordered["mention"] == _span(text, "The governor")
    assert ordered["content"] == _span(text, "an inquiry into the flooding")


def test_found_that_is_a_finding_whoever_found_it() -> None:
    text = "An independent auditor found that the port authority had overspent by $2 million.\n"
    [finding] = _json(text)["attributions"]
    assert finding["cue"] == _span(text, "found")
    assert finding["mention"] == _span(text, "An independent auditor")
    assert finding["content"] == _span(text, "the port authority had overspent by $2 million")


def test_did_not_mention_reports_what_a_speech_left_out() -> None:
    text = "The governor did not mention the strike in his speech on Monday.\n"
    [left_out] = _json(text)["attributions"]
    assert left_out["cue"] == _span(text, "mention")
    assert left_out["mention"] == _span(text, "The governor")
    assert left_out["content"] == _span(text, "the strike in his speech on Monday")


def test_a_title_in_quotation_marks_after_is_the_takes_no_fallback_verb() -> None:
    text = "Okafor is the founder of “Harbor Watch.”\n"
    assert _json(text)["attributions"] == []


def test_the_fallback_verb_is_not_a_plural_noun_after_a_determiner() -> None:
    text = "Okafor met the hosts of “Harbor Nights.”\n"
    [quote] = _direct(_json(text))
    assert quote["cue"] == _span(text, "met")
    assert quote["mention"] == _span(text, "Okafor")


def test_phrasal_verbs_of_speech_are_cues() -> None:
    text = ("Senator Ruth Adeyemi has railed against the port tax for months.\n"
            "Two council members weighed in on the dispute.\n")
    railed, weighed = _json(text)["attributions"]
    assert railed["cue"] == _span(text, "railed against")
    assert railed["mention"] == _span(text, "Senator Ruth Adeyemi")
    assert railed["content"] == _span(text, "the port tax for months")
    assert weighed["cue"] == _span(text, "weighed in on")
    assert weighed["mention"] == _span(text, "Two council members")
    assert weighed["content"] == _span(text, "the dispute")


def test_a_pledge_counts_before_to_and_a_verb_only() -> None:
    text = ("Governor Ana Ruiz pledged to rebuild the sea wall before winter.\n"
            "Ruiz won 40 pledged delegates in the state.\n")
    [pledge] = _json(text)["attributions"]
    assert pledge["cue"] == _span(text, "pledged")
    assert pledge["mention"] == _span(text, "Governor Ana Ruiz")
    assert pledge["content"] == _span(text, "to rebuild the sea wall before winter")


def test_a_kicker_or_credit_before_a_colon_is_no_speaker() -> None:
    text = ("BREAKING: Port Strike Ends After Two Weeks\n"
            "Ruiz: The Sea Wall Will Hold\n"
            "Contributing: Ana Ruiz and Tom Bell.\n")
    [headline] = _json(text)["attributions"]
    colon = text.index("Ruiz:") + 4
    assert headline["cue"] == {"text": ":", "start": colon, "end": colon + 1}
    assert headline["mention"] == _span(text, "Ruiz")


def test_a_title_case_headline_verb_is_a_cue() -> None:
    text = "Dock Workers Union Endorses Ana Ruiz For Governor\n\nThe union met on Monday.\n"
    [headline] = _json(text)["attributions"]
    assert headline["cue"] == _span(text, "Endorses")
    assert headline["mention"] == _span(text, "Dock Workers Union")
    assert headline["content"] == _span(text, "Ana Ruiz For Governor")


def test_a_participle_opening_the_sentence_takes_the_subject_after_the_comma() -> None:
    text = ("Citing the storm damage, the port authority closed the pier.\n"
            "After saying the pier was safe, the mayor reopened it.\n")
    citing, saying = _json(text)["attributions"]
    assert citing["cue"] == _span(text, "Citing")
    assert citing["mention"] == _span(text, "the port authority")
    assert citing["content"] == _span(text, "the storm damage")
    assert saying["cue"] == _span(text, "saying")
    assert saying["mention"] == _span(text, "the mayor")
    assert saying["content"] == _span(text, "the pier was safe")


def test_a_cue_word_after_a_possessive_is_a_noun() -> None:
    text = ("Editor’s note: Ana Ruiz is a former harbor pilot.\n"
            "Ruiz’s proposed tax would fund the sea wall, she said.\n")
    [said] = _json(text)["attributions"]
    assert said["cue"] == _span(text, "said")
    assert said["mention"] == _span(text, "she")


def test_a_phrase_of_stance_is_a_cue_right_after_its_subject() -> None:
    text = ("The harbor pilots sided with the mayor on the sea wall.\n"
            "Councilwoman Tia Brooks distanced herself from the plan on Monday.\n")
    sided, distanced = _json(text)["attributions"]
    assert sided["cue"] == _span(text, "sided with")
    assert sided["mention"] == _span(text, "The harbor pilots")
    assert sided["content"] == _span(text, "the mayor on the sea wall")
    assert distanced["cue"] == _span(text, "distanced herself from")
    assert distanced["mention"] == _span(text, "Councilwoman Tia Brooks")
    assert distanced["content"] == _span(text, "the plan on Monday")


def test_a_participles_subject_ends_before_the_clauses_verb() -> None:
    text = "Minutes later, the harbor union issued a statement saying the strike was over.\n"
    [saying] = _json(text)["attributions"]
    assert saying["cue"] == _span(text, "saying")
    assert saying["mention"] == _span(text, "the harbor union")
    assert saying["content"] == _span(text, "the strike was over")


def test_an_issued_statement_is_a_cue_unless_saying_follows() -> None:
    text = ("Ruiz released a statement in opposition to the new tax.\n"
            "The union released a statement saying the pier was safe.\n")
    released, saying = _json(text)["attributions"]
    assert released["cue"] == _span(text, "released a statement")
    assert released["mention"] == _span(text, "Ruiz")
    assert released["content"] == _span(text, "in opposition to the new tax")
    assert saying["cue"] == _span(text, "saying")
    assert saying["mention"] == _span(text, "The union")


def test_a_name_given_after_an_indefinite_noun_is_no_cue() -> None:
    text = ("Ruiz leads a group called Friends of the Pier.\n"
            "Ruiz called the plan a disaster.\n")
    [called] = _json(text)["attributions"]
    assert called["cue"] == _span(text, "called", 1)
    assert called["mention"] == _span(text, "Ruiz", 1)
    assert called["content"] == _span(text, "the plan a disaster")


def test_a_cue_word_that_makes_another_verb_with_the_next_word_is_no_cue() -> None:
    text = ("Ruiz showed up at the pier on Monday.\n"
            "The union called off the strike, adding to the confusion.\n")
    assert _json(text)["attributions"] == []


def test_an_adjective_of_stance_after_a_form_of_be_is_a_cue() -> None:
    text = ("Senator Ruth Adeyemi has been especially critical of the port tax.\n"
            "Voters critical of the plan stayed home.\n")
    [critical] = _json(text)["attributions"]
    assert critical["cue"] == _span(text, "critical of")
    assert critical["mention"] == _span(text, "Senator Ruth Adeyemi")
    assert critical["content"] == _span(text, "the port tax")


def test_that_said_and_a_participle_after_an_article_are_no_cues() -> None:
    text = ("That said, the pier reopened on Monday.\n"
            "China is militarizing the disputed waters, the admiral said.\n")
    [said] = _json(text)["attributions"]
    assert said["cue"] == _span(text, "said", 1)
    assert said["mention"] == _span(text, "the admiral")
    assert said["content"] == _span(text, "China is militarizing the disputed waters")
