"""The notes store: TOML files per article that keep every word, anchors that follow edits.

Each test pins one guarantee; the regression tests below once caught real bugs.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import tempfile
import tomllib
import types
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing_tui.core import notes as notes_module
from briefing_tui.core.model import Article, Block, BlockKind
from briefing_tui.core.notes import (
    TOMBSTONE_DAYS,
    Anchor,
    Annotation,
    NotesError,
    NoteStore,
    Placement,
    article_key,
    merge,
    parse_tags,
    place,
)
from briefing_tui.core.safety import clean_text

KEY = "id:koersk-2025-03"

PARAGRAPHS = [
    "Oekraïense troepen trekken zich terug uit de regio Koersk, meldt de generale staf.",
    "Poetin stelt voorwaarden aan een staakt-het-vuren die Kyiv onaanvaardbaar noemt.",
    "De Europese Unie bespreekt donderdag een nieuw steunpakket van vijf miljard euro.",
    "Volgens analisten is de positie van het leger in het grensgebied niet langer houdbaar.",
    "Trump zegt dat hij 'zeer productieve gesprekken' heeft gevoerd met beide partijen.",
]


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    return tmp_path / "config" / "notes"


@pytest.fixture
def store(notes_dir: Path) -> NoteStore:
    return NoteStore(notes_dir)


def annotation_on(index: int, note: str = "", tags: tuple[str, ...] = ()) -> Annotation:
    return Annotation.new(Anchor.of(index, PARAGRAPHS[index]), note, tags)


def strays(directory: Path) -> list[str]:
    """Temporary files a save left behind."""
    return sorted(name for name in os.listdir(directory) if name.endswith(".tmp"))


# --- round trip and file format ---------------------------------------------------------


def test_save_then_load_round_trips_note_tags_and_anchor(store: NoteStore) -> None:
    annotation = annotation_on(1, "Lees het hele interview.", ("koersk", "voorwaarden"))
    store.save(KEY, [annotation], title="Koersk", path="/a/koersk.md", date="2025-03-12")

    loaded = store.load(KEY)

    assert loaded.annotations == (annotation,)
    assert loaded.annotations[0].anchor == Anchor.of(1, PARAGRAPHS[1])
    assert (loaded.key, loaded.title, loaded.path, loaded.date) == (
        KEY,
        "Koersk",
        "/a/koersk.md",
        "2025-03-12",
    )
    assert loaded.problems == ()


def test_file_on_disk_is_versioned_toml_with_quote_and_no_null(store: NoteStore) -> None:
    # One annotation with content, one with nothing optional set: neither may write null.
    store.save(KEY, [annotation_on(0, "Terugtrekking.", ("koersk",)), annotation_on(2)])

    raw = store.path_for(KEY).read_text(encoding="utf-8")
    data = tomllib.loads(raw)

    assert data["version"] == 1
    assert data["article"] == KEY
    quotes = [row["quote"] for row in data["annotation"]]
    assert quotes == [PARAGRAPHS[0][:80], PARAGRAPHS[2][:80]]
    assert "None" not in raw
    assert "null" not in raw


def test_notes_file_is_0600(store: NoteStore) -> None:
    store.save(KEY, [annotation_on(0, "x")])

    assert stat.S_IMODE(store.path_for(KEY).stat().st_mode) == 0o600


def test_new_notes_directory_is_0700(store: NoteStore, notes_dir: Path) -> None:
    store.save(KEY, [annotation_on(0, "x")])

    assert stat.S_IMODE(notes_dir.stat().st_mode) == 0o700


def test_existing_open_notes_directory_is_tightened_to_0700(
    store: NoteStore, notes_dir: Path
) -> None:
    notes_dir.mkdir(parents=True)
    notes_dir.chmod(0o755)

    store.save(KEY, [annotation_on(0, "x")])

    assert stat.S_IMODE(notes_dir.stat().st_mode) == 0o700


@settings(max_examples=60, deadline=None)
@given(note=st.text(max_size=200), tags=st.text(max_size=60))
def test_any_note_text_round_trips_as_cleaned(note: str, tags: str) -> None:
    annotation = Annotation.new(Anchor.of(0, "Een alinea."), note, parse_tags(tags))
    with tempfile.TemporaryDirectory() as directory:
        store = NoteStore(Path(directory) / "notes")
        store.save(KEY, [annotation])
        loaded = store.load(KEY)

    assert loaded.annotations == (annotation,)
    assert loaded.annotations[0].note == clean_text(note).strip()


# --- path_for ---------------------------------------------------------------------------

HOSTILE_KEYS = [
    "id:../../etc/passwd",
    "id:a/b\\c:d",
    "id:" + "x" * 500,
    "id:Oekraïne—Koersk „vrede” 🙂",
    "id:\x00\x1b[31m\n\r\t\x7f",
    "id:.",
    "id:..",
    "",
    "/",
]


@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_path_for_hostile_key_stays_inside_directory(store: NoteStore, notes_dir: Path, key: str):
    path = store.path_for(key)

    assert path.parent == notes_dir
    assert len(path.name.encode("utf-8")) <= 64
    assert path.name.endswith(".toml")
    assert not path.name.startswith(".")
    assert all(character.isprintable() and character not in "/\\:" for character in path.name)


def test_saving_hostile_keys_creates_files_only_inside_directory(
    store: NoteStore, notes_dir: Path, tmp_path: Path
) -> None:
    for index, key in enumerate(HOSTILE_KEYS):
        store.save(key, [annotation_on(0, f"note {index}")])

    notes_files = sorted(notes_dir.glob("*.toml"))
    assert len(notes_files) == len(HOSTILE_KEYS)
    everything = {path for path in tmp_path.rglob("*") if path.is_file()}
    assert all(path.parent == notes_dir for path in everything)
    for index, key in enumerate(HOSTILE_KEYS):
        assert [a.note for a in store.load(key).annotations] == [f"note {index}"]


def test_path_for_keys_differing_only_in_case_or_punctuation_are_distinct(
    store: NoteStore,
) -> None:
    keys = ["id:Koersk", "id:koersk", "id:koersk!", "id:koersk?", "text:koersk", "id:KOERSK"]

    assert len({store.path_for(key) for key in keys}) == len(keys)


@settings(max_examples=300, deadline=None)
@given(first=st.text(), second=st.text())
def test_path_for_distinct_keys_give_distinct_children(first: str, second: str) -> None:
    assume(first != second)
    directory = Path("/srv/briefing/notes")
    store = NoteStore(directory)

    paths = store.path_for(first), store.path_for(second)

    assert paths[0] != paths[1]
    for path in paths:
        assert path.parent == directory
        assert path.name not in (".", "..")
        assert "/" not in path.name and "\x00" not in path.name
        assert len(path.name.encode("utf-8")) <= 64


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.text(), min_size=2, max_size=30, unique=True))
def test_path_for_many_distinct_keys_never_collide(keys: list[str]) -> None:
    store = NoteStore(Path("/srv/briefing/notes"))

    assert len({store.path_for(key) for key in keys}) == len(keys)


# --- edits, deletions, tombstones -------------------------------------------------------


def test_edit_then_save_replaces_the_note(store: NoteStore) -> None:
    original = annotation_on(1, "Eerste versie.", ("koersk",))
    store.save(KEY, [original])

    store.save(KEY, [original.edited(note="Tweede versie.", tags=("vrede",))])
    loaded = store.load(KEY)

    assert len(loaded.annotations) == 1
    assert (loaded.annotations[0].note, loaded.annotations[0].tags) == (
        "Tweede versie.",
        ("vrede",),
    )


def test_delete_then_save_keeps_a_tombstone_outside_live(store: NoteStore) -> None:
    kept, deleted = annotation_on(0, "Blijft."), annotation_on(1, "Weg ermee.")
    store.save(KEY, [kept, deleted])

    store.save(KEY, [deleted.removed()])
    loaded = store.load(KEY)

    tombstones = [a for a in loaded.annotations if a.id == deleted.id]
    assert len(tombstones) == 1
    assert tombstones[0].deleted
    assert tombstones[0].note == ""
    assert loaded.live == [kept]
    rows = tomllib.loads(store.path_for(KEY).read_text(encoding="utf-8"))["annotation"]
    assert [row.get("deleted", False) for row in rows] == [False, True]


def test_saving_an_old_copy_after_delete_does_not_resurrect(store: NoteStore) -> None:
    old_copy = annotation_on(1, "Weg ermee.")
    store.save(KEY, [old_copy])
    store.save(KEY, [old_copy.removed()])

    store.save(KEY, [old_copy])  # e.g. a second session that still had it open

    assert store.load(KEY).live == []


def test_merging_an_old_copy_with_the_tombstone_does_not_resurrect(store: NoteStore) -> None:
    old_copy = annotation_on(1, "Weg ermee.")
    store.save(KEY, [old_copy])
    store.save(KEY, [old_copy.removed()])
    stored = store.load(KEY).annotations

    for merged in (merge([old_copy], stored), merge(stored, [old_copy])):
        assert len(merged) == 1
        assert merged[0].deleted


def test_tombstones_older_than_a_month_are_dropped_on_the_next_save(store: NoteStore) -> None:
    """Files do not grow with every note ever deleted; recent tombstones still guard merges."""
    long_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=TOMBSTONE_DAYS + 1)).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ"
    )
    old_tombstone = replace(annotation_on(0, "Lang geleden.").removed(), updated=long_ago)
    recent_tombstone = annotation_on(1, "Net weg.").removed()
    kept = annotation_on(2, "Blijft.")
    store.save(KEY, [old_tombstone, recent_tombstone])
    store.save(KEY, [kept])

    ids = {a.id for a in store.load(KEY).annotations}
    assert ids == {recent_tombstone.id, kept.id}


def test_edit_after_delete_brings_the_note_back(store: NoteStore) -> None:
    original = annotation_on(1, "Eerst.")
    tombstone = original.removed()
    store.save(KEY, [tombstone])

    store.save(KEY, [tombstone.edited(note="Toch weer.")])

    assert [a.note for a in store.load(KEY).live] == ["Toch weer."]


# --- merge properties -------------------------------------------------------------------

STAMP = dt.datetime(2025, 3, 12, tzinfo=dt.UTC)


def stamp(offset: int) -> str:
    return (STAMP + dt.timedelta(microseconds=offset)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@st.composite
def sides(draw: st.DrawFn, count: int = 3) -> list[list[Annotation]]:
    """What `count` sessions hold: at most one version of each id per session.

    Versions of one id differ in everything, and every `updated` stamp is distinct.
    """
    offsets = iter(
        draw(st.lists(st.integers(0, 10**9), min_size=5 * count, max_size=5 * count, unique=True))
    )
    result: list[list[Annotation]] = []
    for _ in range(count):
        side = []
        for identifier in draw(st.lists(st.sampled_from("abcde"), unique=True)):
            index = draw(st.integers(0, 4))
            side.append(
                Annotation(
                    id=identifier,
                    anchor=Anchor.of(index, PARAGRAPHS[index]),
                    note=draw(st.sampled_from(["", "een", "twee"])),
                    tags=draw(st.sampled_from([(), ("koersk",), ("a", "b")])),
                    created=stamp(draw(st.integers(0, 10**9))),
                    updated=stamp(next(offsets)),
                    deleted=draw(st.booleans()),
                )
            )
        result.append(draw(st.permutations(side)))
    return result


def newest_by_id(*groups: list[Annotation]) -> set[Annotation]:
    newest: dict[str, Annotation] = {}
    for version in (v for group in groups for v in group):
        if version.id not in newest or version.updated > newest[version.id].updated:
            newest[version.id] = version
    return set(newest.values())


@settings(max_examples=300, deadline=None)
@given(groups=sides(count=2))
def test_merge_is_order_independent(groups: list[list[Annotation]]) -> None:
    ours, theirs = groups

    assert merge(ours, theirs) == merge(theirs, ours)


@settings(max_examples=300, deadline=None)
@given(groups=sides(count=2))
def test_merge_is_idempotent(groups: list[list[Annotation]]) -> None:
    ours, theirs = groups
    merged = merge(ours, theirs)

    assert merge(merged, merged) == merged
    assert merge(merged, ours) == merged
    assert merge(theirs, merged) == merged


@settings(max_examples=300, deadline=None)
@given(groups=sides(count=3))
def test_merge_of_three_sessions_does_not_depend_on_grouping(
    groups: list[list[Annotation]],
) -> None:
    first, second, third = groups

    assert merge(first, merge(second, third)) == merge(merge(first, second), third)


@settings(max_examples=300, deadline=None)
@given(groups=sides(count=2))
def test_merge_keeps_one_entry_per_id_the_newest(groups: list[list[Annotation]]) -> None:
    merged = merge(*groups)

    assert len({a.id for a in merged}) == len(merged)
    assert set(merged) == newest_by_id(*groups)


def test_merge_duplicate_ids_in_theirs_keeps_the_newest() -> None:
    older = Annotation("a", Anchor.of(0, PARAGRAPHS[0]), "oud", updated=stamp(1))
    newer = replace(older, note="nieuw", updated=stamp(2))

    assert merge([], [newer, older]) == (newer,)


# --- re-anchoring -----------------------------------------------------------------------


def placed(annotation: Annotation, paragraphs: list[str]) -> tuple[int | None, Placement]:
    [(same, index, placement)] = place([annotation], paragraphs)
    assert same is annotation
    return index, placement


def test_place_unchanged_paragraph_is_exact() -> None:
    assert placed(annotation_on(2, "x"), PARAGRAPHS) == (2, Placement.EXACT)


def test_place_paragraph_moved_to_another_index() -> None:
    paragraphs = ["Een nieuwe eerste alinea over iets heel anders.", *PARAGRAPHS]

    assert placed(annotation_on(2, "x"), paragraphs) == (3, Placement.MOVED)


def test_place_spacing_and_case_changes_still_count_as_exact() -> None:
    paragraphs = list(PARAGRAPHS)
    paragraphs[2] = "  " + PARAGRAPHS[2].upper().replace(" ", "\n  ")

    assert placed(annotation_on(2, "x"), paragraphs) == (2, Placement.EXACT)


def test_place_lightly_edited_paragraph_is_edited_at_right_index() -> None:
    paragraphs = list(PARAGRAPHS)
    paragraphs[1] = paragraphs[1].replace("onaanvaardbaar", "onacceptabel")
    assert paragraphs[1] != PARAGRAPHS[1]

    assert placed(annotation_on(1, "x"), paragraphs) == (1, Placement.EDITED)


def test_place_edited_and_moved_paragraph_is_edited_at_new_index() -> None:
    edited = PARAGRAPHS[1].replace("Poetin", "De Russische president")
    paragraphs = [PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3], edited, PARAGRAPHS[4]]

    assert placed(annotation_on(1, "x"), paragraphs) == (3, Placement.EDITED)


def test_place_rewritten_paragraph_is_detached() -> None:
    paragraphs = list(PARAGRAPHS)
    paragraphs[1] = "Het weer wordt morgen zonnig met in het zuiden kans op een bui."

    assert placed(annotation_on(1, "x"), paragraphs) == (None, Placement.DETACHED)


def test_place_deleted_paragraph_is_detached() -> None:
    paragraphs = [p for i, p in enumerate(PARAGRAPHS) if i != 4]

    assert placed(annotation_on(4, "x"), paragraphs) == (None, Placement.DETACHED)


def test_place_in_empty_article_is_detached() -> None:
    assert placed(annotation_on(0, "x"), []) == (None, Placement.DETACHED)


def test_place_identical_paragraphs_chooses_nearest_to_old_index() -> None:
    repeated = "Lees ook: de laatste ontwikkelingen in Oekraïne."
    annotation = Annotation.new(Anchor.of(5, repeated), "x")
    paragraphs = [*PARAGRAPHS[:1], repeated, *PARAGRAPHS[1:], repeated]  # at 1 and at 6
    assert paragraphs[5] != repeated

    assert placed(annotation, paragraphs) == (6, Placement.MOVED)


def test_place_identical_paragraphs_prefers_the_old_index_itself() -> None:
    repeated = "Lees ook: de laatste ontwikkelingen in Oekraïne."
    annotation = Annotation.new(Anchor.of(2, repeated), "x")
    paragraphs = [repeated, PARAGRAPHS[0], repeated, PARAGRAPHS[1]]

    assert placed(annotation, paragraphs) == (2, Placement.EXACT)


def test_place_identically_edited_paragraphs_chooses_nearest_to_old_index() -> None:
    repeated = "Lees ook: de laatste ontwikkelingen in Oekraïne en Rusland."
    edited = repeated.replace("laatste", "nieuwste")
    annotation = Annotation.new(Anchor.of(4, repeated), "x")
    paragraphs = [edited, PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3], edited]

    assert placed(annotation, paragraphs) == (5, Placement.EDITED)


def test_place_keeps_every_annotation_in_order() -> None:
    annotations = [annotation_on(i, str(i)) for i in range(5)]

    result = place(annotations, ["iets heel anders"])

    assert [a for a, _, _ in result] == annotations
    assert {p for _, _, p in result} == {Placement.DETACHED}


# --- tags -------------------------------------------------------------------------------


def test_parse_tags_splits_on_commas_and_spaces_and_lowercases() -> None:
    assert parse_tags("#koersk, voorwaarden  Oekraine") == ("koersk", "voorwaarden", "oekraine")


def test_parse_tags_drops_duplicates_keeping_first_order() -> None:
    assert parse_tags("vrede, Koersk #koersk vrede,KOERSK") == ("vrede", "koersk")


def test_parse_tags_removes_control_characters() -> None:
    assert parse_tags("koe\x00rsk\x07, vr\x7fede\u202e \x08") == ("koersk", "vrede")


def test_parse_tags_of_nothing_is_empty() -> None:
    assert parse_tags(" ,, # \t\n") == ()


# --- article identity -------------------------------------------------------------------


def article(path: str, text: str, article_id: str | None = None) -> Article:
    return Article(
        Path(path),
        "Koersk",
        blocks=(Block(BlockKind.PARAGRAPH, text),),
        article_id=article_id,
    )


def test_article_key_does_not_depend_on_the_path() -> None:
    assert article_key(article("/a/koersk.md", PARAGRAPHS[0])) == article_key(
        article("/b/elders/kopie.txt", PARAGRAPHS[0])
    )


def test_article_key_differs_when_the_text_differs() -> None:
    assert article_key(article("/a/koersk.md", PARAGRAPHS[0])) != article_key(
        article("/a/koersk.md", PARAGRAPHS[1])
    )


def test_article_key_uses_front_matter_id() -> None:
    first = article("/a/koersk.md", PARAGRAPHS[0], article_id="2025-03-koersk")
    changed = article("/b/andere.md", PARAGRAPHS[1], article_id="2025-03-koersk")

    assert article_key(first) == "id:2025-03-koersk"
    assert article_key(changed) == article_key(first)


# --- damaged files ----------------------------------------------------------------------

GARBAGE = [
    pytest.param(b"version = 1\n[[annotation]\nid = \x01 '''", id="invalid-toml"),
    pytest.param(b"\xff\xfe\x00n\x00o\x00t\x00 utf-8 \x80\x81", id="invalid-utf8"),
    pytest.param(b'version = "een"\n', id="non-integer-version"),
]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_corrupt_file_loads_empty_with_a_problem_naming_it(
    store: NoteStore, notes_dir: Path, garbage: bytes
) -> None:
    notes_dir.mkdir(parents=True)
    path = store.path_for(KEY)
    path.write_bytes(garbage)

    loaded = store.load(KEY)

    assert loaded.annotations == ()
    assert len(loaded.problems) == 1
    assert path.name in loaded.problems[0]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_corrupt_file_is_kept_aside_byte_for_byte(
    store: NoteStore, notes_dir: Path, garbage: bytes
) -> None:
    notes_dir.mkdir(parents=True)
    path = store.path_for(KEY)
    path.write_bytes(garbage)

    loaded = store.load(KEY)

    [aside] = notes_dir.glob(f"{path.stem}.corrupt-*.toml")
    assert aside.read_bytes() == garbage
    assert aside.name in loaded.problems[0]
    assert not path.exists()


def test_save_after_corrupt_file_writes_fresh_file_and_keeps_the_copy(
    store: NoteStore, notes_dir: Path
) -> None:
    notes_dir.mkdir(parents=True)
    path = store.path_for(KEY)
    garbage = b"[[[ dit is geen toml"
    path.write_bytes(garbage)
    store.load(KEY)

    annotation = annotation_on(0, "Nieuw.")
    store.save(KEY, [annotation])

    assert tomllib.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert store.load(KEY).annotations == (annotation,)
    [aside] = notes_dir.glob("*.corrupt-*")
    assert aside.read_bytes() == garbage


def test_save_over_corrupt_file_sets_it_aside_and_reports_it(
    store: NoteStore, notes_dir: Path
) -> None:
    notes_dir.mkdir(parents=True)
    garbage = b"[[[ dit is geen toml"
    store.path_for(KEY).write_bytes(garbage)

    result = store.save(KEY, [annotation_on(0, "Nieuw.")])

    assert len(result.problems) == 1
    [aside] = notes_dir.glob("*.corrupt-*")
    assert aside.read_bytes() == garbage
    assert [a.note for a in store.load(KEY).annotations] == ["Nieuw."]


class _FrozenDatetime(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FrozenDatetime:  # type: ignore[override]
        return cls(2025, 3, 12, 9, 30, 0, tzinfo=tz)


def test_two_corruptions_in_the_same_second_keep_both_copies(
    store: NoteStore, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        notes_module, "dt", types.SimpleNamespace(datetime=_FrozenDatetime, UTC=dt.UTC)
    )
    notes_dir.mkdir(parents=True)
    path = store.path_for(KEY)

    path.write_bytes(b"[[[ eerste")
    store.load(KEY)
    path.write_bytes(b"[[[ tweede")
    store.load(KEY)

    copies = sorted(p.read_bytes() for p in notes_dir.glob("*.corrupt-*"))
    assert copies == [b"[[[ eerste", b"[[[ tweede"]


WRONG_TYPES = [
    pytest.param('version = 1\n[[annotation]]\nid = "a"\nparagraph = "twee"\n', id="paragraph-str"),
    pytest.param("version = 1\nannotation = 5\n", id="annotation-int"),
    pytest.param('version = 1\n[[annotation]]\nid = "a"\nparagraph = [1]\n', id="paragraph-list"),
]


@pytest.mark.parametrize("text", WRONG_TYPES)
def test_valid_toml_with_wrong_types_does_not_crash_load(
    store: NoteStore, notes_dir: Path, text: str
) -> None:
    notes_dir.mkdir(parents=True)
    store.path_for(KEY).write_text(text, encoding="utf-8")

    loaded = store.load(KEY)

    assert loaded.annotations == () or loaded.problems


def test_one_file_with_wrong_types_does_not_break_all_notes(
    store: NoteStore, notes_dir: Path
) -> None:
    store.save(KEY, [annotation_on(0, "Goed.")])
    bad = store.path_for("id:kapot")
    bad.write_text('version = 1\n[[annotation]]\nid = "a"\nparagraph = "twee"\n', "utf-8")

    assert [n.key for n in store.all_notes()] == [KEY]


# --- all_notes --------------------------------------------------------------------------


def test_all_notes_lists_every_article(store: NoteStore) -> None:
    store.save("id:een", [annotation_on(0, "1")])
    store.save("id:twee", [annotation_on(1, "2"), annotation_on(2, "3")])

    found = {n.key: [a.note for a in n.annotations] for n in store.all_notes()}

    assert found == {"id:een": ["1"], "id:twee": ["2", "3"]}


def test_all_notes_ignores_corrupt_copies_locks_and_temporary_files(
    store: NoteStore, notes_dir: Path
) -> None:
    store.save(KEY, [annotation_on(0, "Echt.")])
    stem = store.path_for(KEY).stem
    fake = 'version = 1\narticle = "id:nep"\n[[annotation]]\nid = "nep"\nnote = "nep"\n'
    (notes_dir / f".{stem}.k3j4h5.tmp").write_text(fake, encoding="utf-8")
    (notes_dir / f".{stem}.half.tmp").write_text(fake[:30], encoding="utf-8")
    (notes_dir / f"{stem}.corrupt-20250312-093000.toml").write_text(fake, encoding="utf-8")

    found = [(n.key, [a.note for a in n.annotations]) for n in store.all_notes()]

    assert found == [(KEY, ["Echt."])]
    assert [a.note for a in store.load(KEY).annotations] == ["Echt."]


def test_all_notes_of_missing_directory_is_empty(store: NoteStore) -> None:
    assert list(store.all_notes()) == []


# --- read-only and full disks -----------------------------------------------------------


@pytest.fixture
def saved(store: NoteStore) -> bytes:
    """A notes file already on disk; returns its bytes."""
    store.save(KEY, [annotation_on(0, "Eerder opgeslagen.", ("koersk",))])
    return store.path_for(KEY).read_bytes()


def _fail(code: int) -> Any:
    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


def test_new_content_reaches_the_file_only_by_renaming_a_complete_synced_copy(
    store: NoteStore, notes_dir: Path, saved: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append(("fsync", stat.S_ISDIR(os.fstat(descriptor).st_mode)))
        real_fsync(descriptor)

    def replace(source: str, target: Path) -> None:
        source_path = Path(source)
        events.append(("replace", None))
        assert source_path.parent == notes_dir
        assert Path(target) == store.path_for(KEY)
        assert store.path_for(KEY).read_bytes() == saved  # the old file, untouched so far
        assert stat.S_IMODE(source_path.stat().st_mode) == 0o600
        notes = [row.get("note") for row in tomllib.loads(source_path.read_text())["annotation"]]
        assert notes == ["Eerder opgeslagen.", "Nieuw."]
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)

    store.save(KEY, [annotation_on(1, "Nieuw.")])
    monkeypatch.undo()

    # The copy is synced before the rename; the directory after it.
    assert events == [("fsync", False), ("replace", None), ("fsync", True)]
    assert strays(notes_dir) == []


def test_save_when_directory_path_is_a_file_raises_notes_error(tmp_path: Path) -> None:
    blocker = tmp_path / "notes"
    blocker.write_bytes(b"not a directory")
    store = NoteStore(blocker)

    with pytest.raises(NotesError, match="cannot create") as caught:
        store.save(KEY, [annotation_on(0, "x")])

    assert str(blocker) in str(caught.value)
    assert blocker.read_bytes() == b"not a directory"


def test_save_when_parent_path_is_a_file_raises_notes_error(tmp_path: Path) -> None:
    (tmp_path / "config").write_bytes(b"")
    store = NoteStore(tmp_path / "config" / "notes")

    with pytest.raises(NotesError, match="cannot create"):
        store.save(KEY, [annotation_on(0, "x")])


@pytest.mark.parametrize(
    ("target", "code", "words"),
    [
        pytest.param("replace", errno.EROFS, "Read-only file system", id="rename-erofs"),
        pytest.param("replace", errno.ENOSPC, "No space left", id="rename-enospc"),
        pytest.param("mkstemp", errno.EROFS, "Read-only file system", id="mkstemp-erofs"),
        pytest.param("mkstemp", errno.ENOSPC, "No space left", id="mkstemp-enospc"),
        pytest.param("fsync", errno.ENOSPC, "No space left", id="fsync-enospc"),
        pytest.param("fsync", errno.EIO, "Input/output error", id="fsync-eio"),
    ],
)
def test_failed_save_raises_clear_error_and_keeps_previous_file(
    store: NoteStore,
    notes_dir: Path,
    saved: bytes,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    code: int,
    words: str,
) -> None:
    module = tempfile if target == "mkstemp" else os
    monkeypatch.setattr(module, target, _fail(code))

    with pytest.raises(NotesError) as caught:
        store.save(KEY, [annotation_on(1, "Gaat verloren.")])
    monkeypatch.undo()

    message = str(caught.value)
    assert "cannot save notes" in message
    assert store.path_for(KEY).name in message
    assert words in message
    assert store.path_for(KEY).read_bytes() == saved
    assert strays(notes_dir) == []


def test_failed_save_does_not_touch_other_files_in_directory(
    store: NoteStore, notes_dir: Path, saved: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(os.listdir(notes_dir))
    monkeypatch.setattr(os, "replace", _fail(errno.EROFS))

    with pytest.raises(NotesError):
        store.save(KEY, [annotation_on(1, "x")])
    monkeypatch.undo()

    assert sorted(os.listdir(notes_dir)) == before


def test_store_still_saves_after_a_failed_save(
    store: NoteStore, saved: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", _fail(errno.ENOSPC))
    with pytest.raises(NotesError):
        store.save(KEY, [annotation_on(1, "Eerste poging.")])
    monkeypatch.undo()

    store.save(KEY, [annotation_on(1, "Tweede poging.")])

    assert [a.note for a in store.load(KEY).annotations] == ["Eerder opgeslagen.", "Tweede poging."]


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root ignores directory permissions, so chmod 0o500 blocks nothing"
)
def test_save_into_read_only_directory_raises_and_keeps_previous_file(
    store: NoteStore, notes_dir: Path, saved: bytes
) -> None:
    notes_dir.chmod(0o500)
    try:
        with pytest.raises(NotesError) as caught:
            store.save(KEY, [annotation_on(1, "Gaat verloren.")])
        assert "Permission denied" in str(caught.value)
        assert store.path_for(KEY).read_bytes() == saved
        assert strays(notes_dir) == []
    finally:
        notes_dir.chmod(0o700)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("000_05c47d46c723b48d.txt", "text:97afcc8b44cf0e48e3a5"),
        ("003_46394a742c6b9fcd.txt", "text:7d2284238bf5e5a0284d"),
    ],
)
def test_article_keys_stay_as_earlier_versions_wrote_them(name: str, key: str) -> None:
    """Notes files are found by this key: a change to how it is computed would leave
    every note already written behind (the values are those of the first release)."""
    from briefing_tui.core.articles import read_article
    from briefing_tui.core.locations import bundled_articles_dir

    assert article_key(read_article(bundled_articles_dir() / name)) == key
