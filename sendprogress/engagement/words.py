"""What a search looks for: the words asked, their endings, the words staff
say mean the same, and a near word for one misspelt. Pure functions, no database.

- **Endings**: a word is matched by its stem, worked out with the Snowball
  English stemmer (the one PostgreSQL's `english` configuration uses), so
  "assessment" finds "assessments" and "communication" finds "communicating"
  on SQLite as on PostgreSQL. SQLite matches the part a word shares with its
  stem as the start of a word (`word_start`).
- **Synonyms**: a query is read as groups, one per word or phrase asked for.
  A group is found if any of its alternatives is; every group must be found.
  Where a run of the query's words is a synonym's term (or, for one kept both
  ways, what it also means), the group holds the other side too: "EHCP late"
  is (EHCP or "EHC plan" or ...) and (late or "on time" or timeliness ...).
  Synonyms of synonyms count, one step on.
- **Spelling**: a word the site never uses is swapped for the closest one it
  does (difflib's ratio, at least CLOSE_ENOUGH), for "Showing results for".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

MAX_WORDS = 12
MIN_START = 3  # shorter than this, a word is matched whole
CLOSE_ENOUGH = 0.75
MIN_TO_CORRECT = 4  # shorter words are too easy to "correct" into something else

_stemmer = snowballstemmer.stemmer("english")

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Synonym:
    term: str
    also_means: str
    both_ways: bool = True


def words(text: str) -> list[str]:
    """The words in `text`, as written, at most MAX_WORDS."""
    return re.findall(r"\w+", text)[:MAX_WORDS]


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def word_start(word: str) -> str:
    """What a matching word starts with: the part `word` shares with its stem.

    Snowball stems are nearly always the start of the word ("communic" for
    "communication"), but not always ("studi" for "study"), so the shared
    part is what is looked for; a short word is looked for whole.
    """
    lowered = word.lower()
    shared = _common_start(lowered, stem(lowered))
    return shared if len(shared) >= MIN_START else lowered


def _common_start(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def groups(query: str, synonyms: Iterable[Synonym]) -> list[list[Phrase]]:
    """The query as groups of alternative phrases (see the module docstring)."""
    asked = words(query)
    stems = [stem(word) for word in asked]
    others: dict[tuple[str, ...], list[Phrase]] = {}
    for synonym in synonyms:
        pairs = [(synonym.term, synonym.also_means)]
        if synonym.both_ways:
            pairs.append((synonym.also_means, synonym.term))
        for term, means in pairs:
            key = tuple(stem(word) for word in words(term))
            phrase = tuple(words(means))
            if key and phrase and phrase not in others.setdefault(key, []):
                others[key].append(phrase)
    _add_one_step_further(others)
    longest = max((len(key) for key in others), default=0)
    found: list[list[Phrase]] = []
    i = 0
    while i < len(asked):
        for size in range(min(longest, len(asked) - i), 0, -1):
            key = tuple(stems[i : i + size])
            if key in others:
                found.append([tuple(asked[i : i + size]), *others[key]])
                i += size
                break
        else:
            found.append([(asked[i],)])
            i += 1
    return found


def _add_one_step_further(others: dict[tuple[str, ...], list[Phrase]]) -> None:
    """What a word's synonyms mean too, one step on: "autistic spectrum" means
    ASD, which means autism. One step only, so a long chain cannot carry a
    search far from what was asked."""
    direct = {key: list(phrases) for key, phrases in others.items()}
    for key, phrases in direct.items():
        for phrase in phrases:
            for further in direct.get(tuple(stem(word) for word in phrase), []):
                if tuple(stem(word) for word in further) != key and further not in others[key]:
                    others[key].append(further)


def has_synonyms(found: list[list[Phrase]]) -> bool:
    return any(len(group) > 1 for group in found)


def all_words(found: list[list[Phrase]]) -> list[str]:
    """Every word any alternative looks for, for marking matches."""
    seen: list[str] = []
    for group in found:
        for phrase in group:
            seen += [word for word in phrase if word.lower() not in map(str.lower, seen)]
    return seen


def corrected(query: str, vocabulary: set[str]) -> str | None:
    """`query` with each word the site never uses swapped for the closest it does,
    or None if there is nothing to swap."""
    known = {word.lower() for word in vocabulary}
    known_stems = {stem(word) for word in known}
    changed = False
    out = []
    for word in words(query):
        lowered = word.lower()
        if (
            len(lowered) < MIN_TO_CORRECT
            or lowered.isdigit()
            or lowered in known
            or stem(lowered) in known_stems
        ):
            out.append(word)
            continue
        close = difflib.get_close_matches(lowered, known, n=1, cutoff=CLOSE_ENOUGH)
        if close:
            out.append(close[0])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None
