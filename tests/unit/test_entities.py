"""Actors (persons, organisations, places) as `analyze_blocks` reports them, and user corrections.

Each test states one behaviour. Cases the analyser gets wrong today are kept with a strict
xfail whose reason says exactly what goes wrong, so a fix shows up as an XPASS failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_tui.core.analysis import Analysis, Entity, EntityKind, analyze_blocks
from briefing_tui.core.analysis.lexicon import (
    Lexicon,
    LexiconSource,
    UserActors,
    builtin_lexicon,
    load_user_actors,
)


def analyse(*blocks: str, lexicon: Lexicon | None = None) -> Analysis:
    return analyze_blocks(list(blocks), lexicon=lexicon)


def found(*blocks: str, lexicon: Lexicon | None = None) -> list[tuple[str, EntityKind, str]]:
    """(text, kind, name) of every entity, in order."""
    return [(e.text, e.kind, e.name) for e in analyse(*blocks, lexicon=lexicon).entities]


def texts(*blocks: str, lexicon: Lexicon | None = None) -> list[str]:
    return [e.text for e in analyse(*blocks, lexicon=lexicon).entities]


def mention(analysis: Analysis, text: str, occurrence: int = 0) -> Entity:
    matches = [e for e in analysis.entities if e.text == text]
    assert len(matches) > occurrence, analysis.entities
    return matches[occurrence]


def with_user(user: UserActors) -> Lexicon:
    return builtin_lexicon().with_user(user)


PERSON, ORGANIZATION, PLACE = EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE


# --- persons -----------------------------------------------------------------------------


def test_a_name_with_the_particle_van_is_one_person() -> None:
    text = "Gisteren sprak Karien van Gennip in het parlement."
    assert found(text) == [("Karien van Gennip", PERSON, "Karien van Gennip")]


def test_a_name_with_the_particles_van_der_is_one_person() -> None:
    text = "Gisteren trad Ard van der Steur af."
    assert found(text) == [("Ard van der Steur", PERSON, "Ard van der Steur")]


def test_a_bare_surname_after_the_titled_full_name_is_named_in_full() -> None:
    analysis = analyse("De Oekraïense president Volodymyr Zelensky sprak. Daarna zweeg Zelensky.")
    surname = mention(analysis, "Zelensky")
    assert (surname.kind, surname.name) == (PERSON, "Volodymyr Zelensky")


def test_a_bare_surname_in_a_later_block_is_named_in_full() -> None:
    analysis = analyse(
        "De Oekraïense president Volodymyr Zelensky sprak in Kyiv.",
        "Later op de dag zweeg Zelensky.",
    )
    surname = mention(analysis, "Zelensky")
    assert (surname.block, surname.name) == (1, "Volodymyr Zelensky")


def test_a_bare_surname_after_an_untitled_full_name_is_named_in_full() -> None:
    analysis = analyse("Gisteren sprak Volodymyr Zelensky in Kyiv. Daarna zweeg Zelensky.")
    assert mention(analysis, "Zelensky").name == "Volodymyr Zelensky"


def test_a_capitalised_particle_surname_after_the_full_name_is_named_in_full() -> None:
    analysis = analyse("Minister Karien van Gennip sprak. Daarna zweeg Van Gennip.")
    assert mention(analysis, "Van Gennip").name == "Karien van Gennip"


def test_a_dutch_genitive_s_stays_in_the_span() -> None:
    text = "De drones onthullen Poetins ware houding."
    entity = mention(analyse(text), "Poetins")
    assert entity.kind is PERSON
    assert text[entity.start : entity.end] == "Poetins"


def test_a_dutch_genitive_is_named_after_the_person() -> None:
    analysis = analyse("De Russische president Poetin sprak. De drones onthullen Poetins plan.")
    assert mention(analysis, "Poetins").name == "Poetin"


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_an_english_possessive_is_left_out_of_the_span(apostrophe: str) -> None:
    text = f"The plan was Blair{apostrophe}s idea, said the minister."
    entity = mention(analyse(text), "Blair")
    assert entity.kind is PERSON
    assert text[entity.start : entity.end + 2] == f"Blair{apostrophe}s"


def test_a_full_name_opening_a_sentence_keeps_its_given_name() -> None:
    assert texts("Tony Blair spoke in London.")[0] == "Tony Blair"


# --- not entities ----------------------------------------------------------------------------

ADJECTIVES = {
    "Russische": "Hij sprak met de Russische troepen.",
    "Oekraïense": "Hij sprak met de Oekraïense troepen.",
    "Wit-Russische": "Hij sprak met de Wit-Russische troepen.",
    "Amerikaanse": "Hij sprak met de Amerikaanse troepen.",
    "British": "He spoke with British troops.",
    "sentence-opening Russische": "Russische troepen rukten op.",
}


@pytest.mark.parametrize("text", ADJECTIVES.values(), ids=ADJECTIVES.keys())
def test_nationality_adjectives_are_no_entities(text: str) -> None:
    assert texts(text) == []


@pytest.mark.parametrize("word", ["Daarom", "Later"])
def test_a_sentence_opening_common_word_is_no_entity(word: str) -> None:
    assert texts(f"Hij ging weg. {word} kwam hij terug.", f"{word} bleef het stil.") == []


# --- organisations ---------------------------------------------------------------------------


def test_het_ministerie_van_defensie_is_an_organisation() -> None:
    text = "Het Russische ministerie van Defensie beschuldigde Oekraïne."
    entity = mention(analyse(text), "ministerie van Defensie")
    assert entity.kind is ORGANIZATION
    assert text[entity.start : entity.end] == "ministerie van Defensie"


ORGANIZATIONS = {
    "NAVO": "Hij sprak over de uitbreiding van de NAVO naar het oosten.",
    "Kremlin": "Toch weerhield dat het Kremlin er niet van.",
    "Truth Social": "Hij schreef dat op zijn platform Truth Social.",
}


@pytest.mark.parametrize(("name", "text"), ORGANIZATIONS.items(), ids=ORGANIZATIONS.keys())
def test_known_organisations(name: str, text: str) -> None:
    assert mention(analyse(text), name).kind is ORGANIZATION


# --- places ----------------------------------------------------------------------------------

PLACES = {
    "Koersk": "Het gaat om de Russische regio Koersk.",
    "Moskou": "Er is geen vertrouwen in woorden die uit Moskou komen.",
    "Krim": "De VS willen de annexatie van de Krim erkennen.",
    "Londen": "Zij overleggen daarover woensdag in Londen.",
    "Kyiv": "Het was stil in Kyiv.",
    "Oekraïne": "Hij sprak over een staakt-het-vuren met Oekraïne.",
}


@pytest.mark.parametrize(("name", "text"), PLACES.items(), ids=PLACES.keys())
def test_known_places(name: str, text: str) -> None:
    assert mention(analyse(text), name).kind is PLACE


@pytest.mark.parametrize("name", ["Kyiv", "Moskou"])
def test_a_place_opening_a_sentence_is_still_a_place(name: str) -> None:
    assert mention(analyse(f"{name} reageerde met scepsis."), name).kind is PLACE


def test_an_upper_case_dateline_gives_a_place() -> None:
    text = "DEN HAAG (ANP) - Het kabinet valt."
    assert ("DEN HAAG", PLACE, "DEN HAAG") in found(text)


def test_the_first_word_after_a_dateline_dash_is_no_entity() -> None:
    assert "Het" not in texts("DEN HAAG (ANP) - Het kabinet valt.")


# --- entity offsets --------------------------------------------------------------------------


def test_every_entity_span_is_its_text_in_the_block() -> None:
    blocks = (
        "De Oekraïense president Volodymyr Zelensky schreef op X dat Poetins plan faalt.",
        "Het Russische ministerie van Defensie en de NAVO reageerden in Moskou en Londen.",
    )
    analysis = analyse(*blocks)
    assert analysis.entities
    for entity in analysis.entities:
        assert blocks[entity.block][entity.start : entity.end] == entity.text


# --- user corrections --------------------------------------------------------------------

PUTIN = "De Russische president Poetin sprak in Moskou."


def test_a_suppressed_name_is_no_entity() -> None:
    lexicon = with_user(UserActors(suppressed=frozenset({"Poetin"})))
    assert texts(PUTIN, lexicon=lexicon) == ["Moskou"]


def test_a_suppressed_lexicon_name_is_no_entity() -> None:
    lexicon = with_user(UserActors(suppressed=frozenset({"Kremlin"})))
    assert texts("Ook het Kremlin zweeg.", lexicon=lexicon) == []


def test_a_user_kind_overrides_the_guess() -> None:
    lexicon = with_user(UserActors(kinds={"Oranje": ORGANIZATION}))
    text = "Het publiek juichte voor Oranje in Rotterdam."
    assert mention(analyse(text, lexicon=lexicon), "Oranje").kind is ORGANIZATION


def test_a_user_kind_overrides_the_lexicon() -> None:
    lexicon = with_user(UserActors(kinds={"Moskou": ORGANIZATION}))
    assert mention(analyse(PUTIN, lexicon=lexicon), "Moskou").kind is ORGANIZATION


def test_a_user_alias_names_the_actor() -> None:
    lexicon = with_user(UserActors(aliases={"Zelenski": "Volodymyr Zelensky"}))
    entity = mention(
        analyse("Gisteren sprak president Zelenski in Kyiv.", lexicon=lexicon), "Zelenski"
    )
    assert (entity.kind, entity.name) == (PERSON, "Volodymyr Zelensky")


def test_the_builtin_lexicon_is_unchanged_by_user_corrections() -> None:
    with_user(UserActors(suppressed=frozenset({"Poetin"})))
    assert "Poetin" in texts(PUTIN)


ACTORS_TOML = """\
version = 1
[aliases]
"Zelenski" = "Volodymyr Zelensky"
[kinds]
"Oranje" = "organization"
[suppress]
names = ["Poetin", "Breaking"]
"""


def test_load_user_actors_reads_aliases_kinds_and_suppressed_names(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text(ACTORS_TOML, encoding="utf-8")
    user = load_user_actors(path)
    assert user.aliases == {"Zelenski": "Volodymyr Zelensky"}
    assert user.kinds == {"Oranje": ORGANIZATION}
    assert user.suppressed == frozenset({"Poetin", "Breaking"})
    assert user.problems == ()


def test_corrections_loaded_from_toml_apply_to_the_analysis(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text(ACTORS_TOML, encoding="utf-8")
    lexicon = with_user(load_user_actors(path))
    assert texts(PUTIN, lexicon=lexicon) == ["Moskou"]


def test_a_missing_actors_file_means_no_corrections(tmp_path: Path) -> None:
    assert load_user_actors(tmp_path / "absent.toml") == UserActors()


def test_a_broken_actors_file_gives_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text('[suppress\nnames = ["Poetin"', encoding="utf-8")
    user = load_user_actors(path)
    assert len(user.problems) == 1
    assert str(path) in user.problems[0]
    assert user.suppressed == frozenset()


def test_an_unknown_kind_gives_a_problem_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text('[kinds]\n"Oranje" = "team"\n"NOS" = "organization"\n', encoding="utf-8")
    user = load_user_actors(path)
    assert user.kinds == {"NOS": ORGANIZATION}
    assert len(user.problems) == 1
    assert "Oranje" in user.problems[0]


def test_lexicon_source_reloads_after_the_actors_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text('[suppress]\nnames = ["Breaking"]\n', encoding="utf-8")
    source = LexiconSource(path)
    first = source.current()
    assert "Poetin" in texts(PUTIN, lexicon=first)

    path.write_text('[suppress]\nnames = ["Poetin", "Update", "Nieuws"]\n', encoding="utf-8")
    stat = path.stat()
    # A different size already differs; move the mtime too so a coarse clock cannot hide it.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    second = source.current()

    assert second is not first
    assert texts(PUTIN, lexicon=second) == ["Moskou"]
    assert source.problems == ()


def test_lexicon_source_keeps_the_lexicon_while_the_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text('[suppress]\nnames = ["Poetin"]\n', encoding="utf-8")
    source = LexiconSource(path)
    assert source.current() is source.current()


def test_lexicon_source_reports_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text("[suppress\n", encoding="utf-8")
    source = LexiconSource(path)
    lexicon = source.current()
    assert len(source.problems) == 1
    assert "Poetin" in texts(PUTIN, lexicon=lexicon)


def test_a_lone_opener_before_a_speech_verb_is_its_subject() -> None:
    """ "Trump" is also an English word, but "Trump zei vrijdag" makes it the speaker."""
    assert found("Trump zei vrijdag dat de deal rond is.") == [
        ("Trump", EntityKind.PERSON, "Trump")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Eerder zei hij dat de deal rond is.",
        "Later zei de minister dat de deal rond is.",
        "Hij zei vrijdag dat de deal rond is.",
        "Toen sprak men over de deal.",
    ],
)
def test_an_adverb_before_a_speech_verb_is_no_subject(text: str) -> None:
    """Dutch puts the verb second: after "Eerder zei" the subject still follows."""
    assert texts(text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Work and Pensions Secretary Alan Johnson has warned.", "Alan Johnson"),
        ("The Culture, Media and Sport Secretary Tessa Jowell said so.", "Tessa Jowell"),
    ],
)
def test_an_english_post_of_coordinated_nouns_names_nobody(text: str, person: str) -> None:
    """The nouns of "Work and Pensions Secretary" are no actors; the holder of the post is."""
    assert texts(text) == [person]


def test_a_conjunction_before_a_participle_is_no_subject() -> None:
    assert texts("When asked whether he agreed, he nodded.", "Toen zei hij niets meer.") == []
