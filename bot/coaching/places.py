"""Where a patient is, from what they type: "I'm in Perth", "UK time", "i live in brisbane now".

A place gives two things: the IANA time zone for check-ins, and the country (ISO 3166 code)
that picks crisis contacts (data/safety/crisis_contacts.yml). Plain Python, no Rasa, no
database. Well-kept data first: IANA zone names from `zoneinfo` (a city that names its own
zone, "Adelaide", "Chicago"), the zone -> country table from CLDR (`babel`); no installed
package maps other towns to zones, so `PLACES` below is a small curated table for the
clinic regions Pacer supports (NZ, AU, GB, IE, US, CA).

Town names are also people's names and common words ("Sydney", "Darwin", "Bath", "Christmas"
is an IANA zone), so a name counts as a place only where the sentence says it is one: after
"in", "to", "near", before "time" or "timezone", or as the whole message; a few names that are
nothing else count anywhere. "Not in New Zealand", "not sydney" and "moved from Sydney" are
not where the patient is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import available_timezones

from babel.core import get_global

from bot.coaching.vocabulary import WEEKDAY_NAMES, weekday_words


@dataclass(frozen=True)
class Place:
    """A place Pacer can use: how to say it, its time zone and its country."""

    name: str
    zone: str
    region: str


@dataclass(frozen=True)
class PlaceReading:
    """What a message says about where the patient is.

    `place` is set when the message names a place with a single time zone. `region` alone
    (no place) is a country with several zones ("Australia", "the States"): ask which zone.
    `unknown` is a name the patient gave for where they are that Pacer does not know.
    """

    place: Place | None = None
    region: str | None = None
    unknown: str | None = None


# name -> candidates (zone, country), most likely first. Several candidates: the one in the
# clinic's country wins, then one whose country or state the message also names.
_NZ, _AU_SYD, _AU_BNE, _AU_ADL, _AU_PER, _AU_DRW, _AU_HBA, _AU_MEL = (
    ("Pacific/Auckland", "NZ"), ("Australia/Sydney", "AU"), ("Australia/Brisbane", "AU"),
    ("Australia/Adelaide", "AU"), ("Australia/Perth", "AU"), ("Australia/Darwin", "AU"),
    ("Australia/Hobart", "AU"), ("Australia/Melbourne", "AU"),
)
_GB, _IE = ("Europe/London", "GB"), ("Europe/Dublin", "IE")
_US_E, _US_C, _US_M, _US_P, _US_AZ = (
    ("America/New_York", "US"), ("America/Chicago", "US"), ("America/Denver", "US"),
    ("America/Los_Angeles", "US"), ("America/Phoenix", "US"),
)
_CA_E, _CA_C, _CA_M, _CA_P, _CA_A, _CA_N, _CA_S = (
    ("America/Toronto", "CA"), ("America/Winnipeg", "CA"), ("America/Edmonton", "CA"),
    ("America/Vancouver", "CA"), ("America/Halifax", "CA"), ("America/St_Johns", "CA"),
    ("America/Regina", "CA"),
)
PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    # New Zealand (one zone; the Chatham Islands have their own)
    **{name: (_NZ,) for name in (
        "new zealand", "nz", "aotearoa", "auckland", "wellington", "christchurch",
        "tauranga", "dunedin", "palmerston north", "napier", "hastings", "nelson", "rotorua",
        "new plymouth", "whangarei", "whangārei", "invercargill", "whanganui", "wanganui",
        "gisborne", "queenstown", "timaru", "blenheim", "taupo", "taupō", "porirua", "lower hutt",
        "upper hutt", "the hutt", "masterton", "levin", "ashburton", "oamaru", "kapiti",
        "northland", "waikato", "bay of plenty", "canterbury", "otago", "southland", "taranaki",
        "manawatu", "hawkes bay", "hawke's bay", "marlborough", "wairarapa", "nzst", "nzdt",
        "chch", "welly", "akl",
    )},
    "chatham islands": (("Pacific/Chatham", "NZ"),), "chathams": (("Pacific/Chatham", "NZ"),),
    # Australia
    **{name: (_AU_SYD,) for name in (
        "sydney", "canberra", "nsw", "new south wales", "wollongong", "central coast",
        "aest", "aedt",
    )},
    **{name: (_AU_MEL,) for name in ("melbourne", "geelong", "ballarat", "bendigo", "vic")},
    **{name: (_AU_BNE,) for name in (
        "brisbane", "gold coast", "sunshine coast", "queensland", "qld", "townsville", "cairns",
        "toowoomba", "mackay", "rockhampton", "brissie",
    )},
    **{name: (_AU_ADL,) for name in ("adelaide", "south australia", "acst", "acdt")},
    **{name: (_AU_PER,) for name in (
        "western australia", "wa", "fremantle", "mandurah", "bunbury", "geraldton",
        "kalgoorlie", "broome", "awst",
    )},
    **{name: (_AU_DRW,) for name in ("darwin", "northern territory", "alice springs")},
    **{name: (_AU_HBA,) for name in ("hobart", "tasmania", "tassie", "launceston")},
    "victoria": (_AU_MEL, _CA_P),
    "newcastle": (_AU_SYD, _GB),
    "perth": (_AU_PER, _GB),
    "hamilton": (_NZ, _CA_E),
    "london": (_GB, _CA_E),
    # United Kingdom and Ireland
    **{name: (_GB,) for name in (
        "uk", "united kingdom", "britain", "great britain", "england", "scotland", "wales",
        "northern ireland", "manchester", "leeds", "glasgow", "edinburgh", "liverpool",
        "bristol", "sheffield", "cardiff", "belfast", "nottingham", "leicester", "southampton",
        "brighton", "oxford", "cambridge", "york", "aberdeen", "swansea", "plymouth", "norwich",
        "coventry", "exeter", "bath", "dundee", "inverness", "bst", "gmt",
    )},
    "birmingham": (_GB, _US_C),
    **{name: (_IE,) for name in (
        "ireland", "republic of ireland", "eire", "éire", "dublin", "cork", "galway", "limerick",
        "waterford", "kilkenny", "sligo",
    )},
    # United States
    **{name: (_US_E,) for name in (
        "new york", "nyc", "boston", "philadelphia", "washington dc", "dc", "atlanta", "miami",
        "florida", "detroit", "new jersey", "eastern time", "est", "edt", "east coast",
    )},
    **{name: (_US_C,) for name in (
        "chicago", "houston", "dallas", "austin", "san antonio", "texas", "minneapolis",
        "nashville", "new orleans", "central time", "cst", "cdt",
    )},
    **{name: (_US_M,) for name in (
        "denver", "colorado", "salt lake city", "utah", "mountain time", "mst", "mdt",
    )},
    **{name: (_US_AZ,) for name in ("phoenix", "arizona")},
    **{name: (_US_P,) for name in (
        "los angeles", "san francisco", "san diego", "seattle", "las vegas", "california",
        "oregon", "washington state", "pacific time", "pst", "pdt", "west coast",
    )},
    "portland": (_US_P,),
    "honolulu": (("Pacific/Honolulu", "US"),), "hawaii": (("Pacific/Honolulu", "US"),),
    "anchorage": (("America/Anchorage", "US"),), "alaska": (("America/Anchorage", "US"),),
    # Canada
    **{name: (_CA_E,) for name in ("toronto", "ottawa", "montreal", "quebec", "ontario", "quebec city")},
    **{name: (_CA_C,) for name in ("winnipeg", "manitoba")},
    **{name: (_CA_S,) for name in ("regina", "saskatoon", "saskatchewan")},
    **{name: (_CA_M,) for name in ("calgary", "edmonton", "alberta")},
    **{name: (_CA_P,) for name in ("vancouver", "british columbia", "bc", "kelowna")},
    **{name: (_CA_A,) for name in ("halifax", "nova scotia", "new brunswick", "pei")},
    **{name: (_CA_N,) for name in ("st johns", "st john's", "newfoundland")},
    "utc": (("UTC", ""),),
}
# Countries with several zones: the region is known, the zone must be asked.
MULTI_ZONE_COUNTRIES = {
    "australia": "AU", "oz": "AU", "the states": "US", "usa": "US", "america": "US",
    "united states": "US", "u.s.": "US", "canada": "CA",
}
# Say these as places; the table keys are lowercase.
_DISPLAY = {"nz": "New Zealand", "uk": "the UK", "nyc": "New York", "dc": "Washington DC",
            "usa": "the US", "us": "the US", "bc": "British Columbia", "qld": "Queensland",
            "nsw": "New South Wales", "vic": "Victoria"}
# Names that are people's names or everyday words as well: a place only where the sentence
# says so ("I'm in Sydney", "Darwin time"), never just because the word appears.
_NEEDS_CONTEXT = {
    "sydney", "adelaide", "victoria", "darwin", "hamilton", "nelson", "hastings", "napier",
    "bath", "york", "phoenix", "austin", "regina", "levin", "vic", "bc", "dc",
    "oz", "est", "pei", "akl", "welly", "chch", "brissie", "plymouth", "portland",
    "cork", "reading", "newcastle", "cambridge", "oxford", "canterbury", "southland", "nz",
    "uk", "utc", "gmt", "bst", "wa",
}
# Abbreviations that name a time zone: "nz", "uk" and these count anywhere before "time".
_ZONE_WORDS = r"(?:time ?zone|timezone|tz|time|zone|local time)"
# IANA "cities" that are everyday words or first names: never a place by themselves.
_ZONE_INDEX_STOP = {
    "christmas", "easter", "wake", "midway", "center", "troll", "casey", "davis", "palmer",
    "stanley", "johnston", "knox", "creston", "dawson", "marengo", "vevay", "monticello",
    "petersburg", "beulah", "salem", "winamac", "tell city", "macquarie", "currie", "lindeman",
    "yap", "truk", "chuuk", "faroe", "jersey", "guernsey", "act", "acre", "canary", "central",
    "chihuahua", "cocos", "continental", "general", "mountain", "north", "oral", "reunion",
    "south", "virgin", "east", "west", "pacific", "eastern", "atlantic", "samoa",
}
_LOCATIVE = re.compile(
    r"(?:\b(?:in|to|near|around|outside|at|on)\s+(?:the\s+)?|\b(?:live|living|based|located|"
    r"staying|moved|moving|relocated|here in)\s+(?:in\s+|to\s+)?)$"
)
_NEGATED = re.compile(
    r"\b(?:(?:not|no longer|never|isn'?t|aren'?t|wasn'?t)(?:\s+(?:living|based|staying|really|actually|"
    r"even|using|on|in|at|near|for|the))*|from|left|leaving|instead of|rather than|other than|"
    r"except|than)\s*$"
)
# Someone else's place: "my daughter lives in Sydney", "she's moved to Perth".
_SOMEONE_ELSE = re.compile(
    r"\b(?:(?:my|our|his|her|their)\s+[a-z]+(?:\s+[a-z]+)?|he|she|they|he's|she's|they're)\s+"
    r"(?:(?:has|have|is|are|just|now|still|also)\s+)*(?:lives?|living|is|are|'s|was|were|moved|moving|"
    r"stays?|staying|works?|working|based)\s+(?:\w+\s+)?(?:in|to|near|at)\s+(?:the\s+)?$"
)
_CLAUSE_BREAK = re.compile(r"[.;!?]|,\s*(?:but|and)?\b|\bbut\b")
# Words a message about when and where check-ins come may have besides the place.
_FILLER = set("""
a an the i i'm im i've ive me my mine we we're were our us you u your ur it its it's is are am
be been was will would could can can't cant do does did don't dont please pls plz thanks thank ta
cheers mate oh ok okay yes yeah yep no nah nope sorry actually now currently still just really
so well hi hey hello lol haha btw anyway also too here there that this these those then than
in on at to for of by from with near around about after before until till til into out not
live living lives based located staying stay moved moving move relocated relocating
time times timezone zone tz local clock hours hour set use using change switch update make put
check checks checkin checkins ins in's message messages text texts send sent contact remind
reminders instead rather prefer want like love suits suit fine good better best right wrong
weekday weekdays weekend
weekends day days daily week weeks weekly fortnight fortnightly month months monthly every each
morning mornings afternoon afternoons arvo evening evenings night nights tonight noon midday
lunch lunchtime breakfast brekkie dinner tea supper bed bedtime work school first thing early
late ish am pm o'clock oclock half past quarter
""".split()) | set(weekday_words()) | {f"{name.lower()}s" for name in WEEKDAY_NAMES}


@lru_cache(maxsize=1)
def _zone_territories() -> dict[str, str]:
    """IANA zone -> ISO country, from CLDR (babel's data; it includes zone aliases)."""
    return dict(get_global("zone_territories"))


def region_for_zone(zone: str | None) -> str | None:
    """The country of an IANA zone ("Australia/Perth" -> "AU"), or None (UTC, unknown)."""
    if not zone:
        return None
    return _zone_territories().get(zone)


@lru_cache(maxsize=1)
def _zone_cities() -> dict[str, str]:
    """ "adelaide" -> "Australia/Adelaide": the last part of every IANA zone name."""
    index: dict[str, str] = {}
    for key in sorted(available_timezones()):
        if key.startswith(("Etc/", "SystemV/", "posix/", "right/")) or "/" not in key:
            continue
        city = key.rsplit("/", 1)[-1].replace("_", " ").lower()
        if city not in _ZONE_INDEX_STOP:
            index.setdefault(city, key)
    return index


def _normalise(text: str) -> str:
    lowered = text.lower().replace("\u2019", "'")
    lowered = re.sub(r"[^a-zà-ÿāēīōū'/_ .,;!?-]+", " ", lowered)
    lowered = lowered.replace("-", " ")
    return " " + re.sub(r"\s+", " ", lowered).strip() + " "


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int
    end: int
    candidates: tuple[tuple[str, str], ...]  # (zone, region); region "" = none
    stated: bool  # the sentence says it is a place
    negated: bool


@lru_cache(maxsize=1)
def _names() -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """Every known name, longest first, so "new south wales" wins over "wales"."""
    merged: dict[str, tuple[tuple[str, str], ...]] = {}
    for city, zone in _zone_cities().items():
        merged[city] = ((zone, region_for_zone(zone) or ""),)
    merged.update(PLACES)
    for name, region in MULTI_ZONE_COUNTRIES.items():
        merged[name] = (("", region),)
    return sorted(merged.items(), key=lambda item: -len(item[0]))


@lru_cache(maxsize=1)
def _name_patterns() -> list[tuple[str, tuple[tuple[str, str], ...], re.Pattern[str]]]:
    """`_names()` with each name's pattern compiled once: there are more names than `re`'s
    own cache holds, so building them per message recompiled hundreds of patterns a turn."""
    return [(name, candidates, re.compile(rf"(?<![a-z'/]){re.escape(name)}(?![a-z'/])"))
            for name, candidates in _names()]


def _mentions(lowered: str) -> list[_Mention]:
    taken: list[tuple[int, int]] = []
    found: list[_Mention] = []
    for name, candidates, pattern in _name_patterns():
        if name not in lowered:  # a pattern cannot match where the name is not a substring
            continue
        for match in pattern.finditer(lowered):
            start, end = match.start(), match.end()
            if any(start < b and a < end for a, b in taken):
                continue
            before = _CLAUSE_BREAK.split(lowered[:start])[-1]
            after = lowered[end:]
            in_table = name in PLACES or name in MULTI_ZONE_COUNTRIES
            stated = bool(
                _LOCATIVE.search(before)
                or re.match(rf"\s*(?:'s\s+)?{_ZONE_WORDS}\b", after)
                or (in_table and name not in _NEEDS_CONTEXT)
            )
            negated = bool(_NEGATED.search(before) or _SOMEONE_ELSE.search(before))
            found.append(_Mention(name, start, end, candidates, stated, negated))
            taken.append((start, end))
    found.sort(key=lambda mention: mention.start)
    for index, (first, second) in enumerate(zip(found, found[1:], strict=False)):
        if re.fullmatch(r"[\s,]*", lowered[first.end:second.start]):  # "Victoria BC", "Perth, WA"
            found[index] = _replace_stated(first)
            found[index + 1] = _replace_stated(second)
    return found


def _replace_stated(mention: _Mention) -> _Mention:
    return _Mention(mention.name, mention.start, mention.end, mention.candidates, True, mention.negated)


def _whole_message(lowered: str, mention: _Mention) -> bool:
    rest = (lowered[: mention.start] + " " + lowered[mention.end:]).strip(" .,!?;")
    return all(word in _FILLER for word in re.findall(r"[a-z']+", rest))


def _pick(mention: _Mention, mentions: list[_Mention], prefer_region: str) -> tuple[str, str]:
    candidates = mention.candidates
    if len(candidates) == 1:
        return candidates[0]
    others = {c[1] for m in mentions if m is not mention for c in m.candidates if len(m.candidates) == 1}
    for zone, region in candidates:  # "Perth, Scotland", "London Ontario"
        if region in others:
            return zone, region
    for zone, region in candidates:
        if region == prefer_region:
            return zone, region
    return candidates[0]


_ABBREVIATIONS = {"nzst", "nzdt", "aest", "aedt", "acst", "acdt", "awst", "bst", "gmt", "est", "edt",
                  "cst", "cdt", "mst", "mdt", "pst", "pdt", "utc", "wa", "akl", "pei"}


def _display(name: str) -> str:
    if name in _ABBREVIATIONS:
        return name.upper()
    return _DISPLAY.get(name) or " ".join(word.capitalize() for word in name.split())


def read_place(text: str, prefer_region: str = "NZ") -> PlaceReading:
    """Where the patient says they are. The last place stated wins ("in Sydney, no, Perth")."""
    lowered = _normalise(text or "")
    for token in re.findall(r"[a-z]+/[a-z_/]+", lowered):  # an IANA name typed as such
        for key in available_timezones():
            if key.lower() == token:
                return PlaceReading(Place(key, key, region_for_zone(key) or ""))
    mentions = _mentions(lowered)
    usable = [m for m in mentions if not m.negated and (m.stated or _whole_message(lowered, m))]
    if usable:
        # a country or state named too ("Perth, Western Australia") only qualifies the city
        cities = [m for m in usable if m.name not in PLACES_THAT_ARE_COUNTRIES and m.candidates[0][0]]
        chosen = (cities or usable)[-1]
        zone, region = _pick(chosen, usable, prefer_region)
        if not zone:
            return PlaceReading(region=region)
        return PlaceReading(Place(_display(chosen.name), zone, region))
    unknown = _unknown_place(text or "")
    return PlaceReading(unknown=unknown) if unknown else PlaceReading()


PLACES_THAT_ARE_COUNTRIES = {
    "new zealand", "nz", "aotearoa", "uk", "united kingdom", "britain", "great britain", "england",
    "scotland", "wales", "northern ireland", "ireland", "republic of ireland", "eire", "éire",
    "western australia", "south australia", "queensland", "qld", "new south wales", "nsw",
    "tasmania", "northern territory", "ontario", "quebec", "british columbia", "bc", "alberta",
    "manitoba", "saskatchewan", "nova scotia", "california", "texas", "florida", "victoria", "wa",
    "australia", "canada", "the states", "usa", "america", "united states", "oz",
}

_UNKNOWN = re.compile(
    r"\b(?:i live in|i'?m living in|im living in|we live in|i'?m based in|im based in|"
    r"i moved to|we moved to|i'?ve moved to|ive moved to|moved to|i'?m located in|im located in|"
    r"my time ?zone is|i'?m on|im on)\s+([A-Za-zÀ-ÿāēīōū' -]{2,40}?)"
    r"(?:\s+(?:time|timezone|time zone|now|these days))?\s*(?:[.,;!?]|$)",
    re.I,
)


def _unknown_place(text: str) -> str | None:
    """ "I live in Timbuktu": a place the patient named that no table knows."""
    match = _UNKNOWN.search(text)
    if not match:
        return None
    name = match.group(1).strip(" '-")
    words = name.lower().split()
    if not words or all(word in _FILLER for word in words) or len(words) > 4:
        return None
    if words[0] in {"a", "the", "my", "pain", "bed", "agony", "hospital", "holiday", "leave"}:
        return None
    return name


def find_place(text: str, prefer_region: str = "NZ") -> Place | None:
    """The place (with one time zone) the patient says they are in, or None."""
    return read_place(text, prefer_region).place


def is_place_statement(text: str) -> bool:
    """Whether a message is about where the patient is or which time zone to use, and little
    else: "Perth time please", "i live in brisbane now", "tuesday evenings, I'm in Perth".
    "My daughter lives in Sydney and visits on Sundays" is not (other content words)."""
    lowered = _normalise(text or "")
    mentions = [
        m for m in _mentions(lowered) if not m.negated
        and (m.stated or (_whole_message(lowered, m) and m.name not in _NEEDS_CONTEXT))
    ]
    rest = lowered
    if not mentions:
        unknown = _unknown_place(text or "")  # "I live in Much Wenlock": where, if not which zone
        if not unknown:
            return False
        rest = lowered.replace(f" {unknown.lower()}", " ", 1)
    for mention in sorted(_mentions(rest), key=lambda m: -m.start):
        rest = rest[: mention.start] + " " + rest[mention.end:]
    words = re.findall(r"[a-z']+", rest)
    content = [word for word in words if word not in _FILLER and not re.fullmatch(r"\d+", word)]
    return len(content) <= 1


# Buttons when Pacer must ask: the zones most patients of a clinic in this region use.
COMMON_ZONES: dict[str, tuple[tuple[str, str], ...]] = {
    "NZ": (("New Zealand", "Pacific/Auckland"), ("Sydney / Melbourne", "Australia/Sydney"),
           ("Brisbane", "Australia/Brisbane"), ("Perth", "Australia/Perth")),
    "AU": (("Sydney / Melbourne", "Australia/Sydney"), ("Brisbane", "Australia/Brisbane"),
           ("Adelaide", "Australia/Adelaide"), ("Perth", "Australia/Perth"),
           ("Darwin", "Australia/Darwin")),
    "GB": (("UK", "Europe/London"), ("Ireland", "Europe/Dublin")),
    "IE": (("Ireland", "Europe/Dublin"), ("UK", "Europe/London")),
    "US": (("Eastern", "America/New_York"), ("Central", "America/Chicago"),
           ("Mountain", "America/Denver"), ("Pacific", "America/Los_Angeles")),
    "CA": (("Eastern", "America/Toronto"), ("Central", "America/Winnipeg"),
           ("Mountain", "America/Edmonton"), ("Pacific", "America/Vancouver"),
           ("Atlantic", "America/Halifax")),
}


def common_zones(region: str) -> tuple[tuple[str, str], ...]:
    """(label, IANA zone) pairs to offer as buttons for a region (the clinic's by default)."""
    return COMMON_ZONES.get(region.upper(), COMMON_ZONES["NZ"])
