"""Career search: which occupations a query finds, best first, with typo correction.

Pure computation over an in-memory index (built once per catalog stamp by occupations/catalog.py).
A query's words must all be found in one place; the place decides the tier, best first:

    0  the code (a code prefix such as 43-40) or the whole title ("registered nurses")
    1  words of the title, at its start or anywhere ("nurse" → Registered Nurses)
    2  a whole alternate title ("nurse" is also an alternate title of Registered Nurses)
    3  words of one alternate title
    4  words of the description or the tasks

Within a tier, careers with more jobs come first (most people who type "nurse" mean the
occupation three million people hold, not Nurse Anesthetists, whose title merely starts with
it), then shorter titles, then A–Z. A word matches a word of the text when both are the same
after folding plurals ("nurse" = "nurses") or when it starts that word, so a query being typed
already finds. Small words ("and", "of") are ignored.

When nothing is found, words that appear nowhere are corrected to the nearest words of titles
and alternate titles (rapidfuzz's edit-based ratio); the correction that finds the best tier
wins, and the result says what was corrected, for a "Did you mean" line.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz import fuzz, process

STOP_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
)
_WORD = re.compile(r"[a-z0-9]+")
# An O*NET-SOC code or the start of one: 43, 43-40, 43-4051, 43-4051.0…
_CODE = re.compile(r"\d\d(-\d{0,4}(\.\d{0,2})?)?")
# Words shorter than this are not corrected: too many words are one edit away.
CORRECT_FROM = 3
# rapidfuzz ratio (0–100) a correction needs; "servce" → "service" is 92, "nrse" → "nurse" 89.
CORRECT_CUTOFF = 75
# Nearest words tried per unknown word; combinations are tried best first.
CANDIDATES = 3
MAX_COMBINATIONS = 27


class Tier(IntEnum):
    CODE_OR_TITLE = 0
    TITLE_WORDS = 1
    ALTERNATE = 2
    ALTERNATE_WORDS = 3
    TEXT = 4


@dataclass(frozen=True)
class Doc:
    code: str
    title: str
    alternates: Sequence[str] = ()
    # Description and task statements, as one text.
    text: str = ""
    # National jobs, to order careers that match equally well.
    jobs: int = 0


@dataclass(frozen=True)
class Hit:
    code: str
    tier: Tier
    # The alternate title that matched, when the title itself did not.
    alternate: str = ""


@dataclass(frozen=True)
class Found:
    hits: tuple[Hit, ...]
    # What was searched: the query's words, corrected when `corrected_from` is set.
    query: str
    corrected_from: str = ""

    @property
    def codes(self) -> list[str]:
        return [hit.code for hit in self.hits]


def words(text: str) -> list[str]:
    """Lower-case words without accents: "Café Workers" → ["cafe", "workers"]."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return _WORD.findall(plain)


def fold(word: str) -> str:
    """Plurals folded onto the singular, the same way for the text and the query."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _phrase(text: str) -> str:
    return " ".join(fold(word) for word in words(text))


class WordIndex:
    """Which entries hold a word: by folded word and, for prefixes, by the word as written."""

    def __init__(self, entries: Iterable[Iterable[str]]) -> None:
        self._by_word: dict[str, set[int]] = {}
        self._by_fold: dict[str, set[int]] = {}
        for number, entry in enumerate(entries):
            for word in entry:
                self._by_word.setdefault(word, set()).add(number)
                self._by_fold.setdefault(fold(word), set()).add(number)
        self._sorted = sorted(self._by_word)

    def matching(self, token: str) -> set[int]:
        found = set(self._by_fold.get(fold(token), ()))
        start = bisect.bisect_left(self._sorted, token)
        for word in itertools.takewhile(lambda word: word.startswith(token), self._sorted[start:]):
            found |= self._by_word[word]
        return found

    def all_of(self, tokens: Sequence[str]) -> set[int]:
        if not tokens:
            return set()
        found = self.matching(tokens[0])
        for token in tokens[1:]:
            if not found:
                break
            found &= self.matching(token)
        return found

    def knows(self, token: str) -> bool:
        if fold(token) in self._by_fold:
            return True
        start = bisect.bisect_left(self._sorted, token)
        return start < len(self._sorted) and self._sorted[start].startswith(token)


class Index:
    def __init__(self, docs: Iterable[Doc]) -> None:
        self.docs = tuple(docs)
        title_words = [words(doc.title) for doc in self.docs]
        self._titles = WordIndex(title_words)
        self._alternates: list[tuple[int, str]] = [
            (number, alternate)
            for number, doc in enumerate(self.docs)
            for alternate in doc.alternates
        ]
        alternate_words = [words(alternate) for _, alternate in self._alternates]
        self._alternate_index = WordIndex(alternate_words)
        self._text = WordIndex(words(doc.text) for doc in self.docs)
        self._exact_title: dict[str, list[int]] = {}
        for number, doc in enumerate(self.docs):
            self._exact_title.setdefault(_phrase(doc.title), []).append(number)
        self._exact_alternate: dict[str, list[int]] = {}
        for position, (_, alternate) in enumerate(self._alternates):
            self._exact_alternate.setdefault(_phrase(alternate), []).append(position)
        # Correction candidates: the words people use for jobs, with how often they occur.
        self._frequency = Counter(
            word for entry in itertools.chain(title_words, alternate_words) for word in entry
        )
        self._vocabulary = [word for word in self._frequency if len(word) >= CORRECT_FROM]
        self._order = {
            number: (-doc.jobs, len(title_words[number]), doc.title.lower(), doc.code)
            for number, doc in enumerate(self.docs)
        }

    def find(self, query: str) -> Found:
        """The occupations the query finds, best first; corrected when nothing is found."""
        query = " ".join(query.split())
        if _CODE.fullmatch(query):
            return Found(hits=self._by_code(query), query=query)
        tokens = _tokens(query)
        hits = self._match(tokens, query)
        if hits or not tokens:
            return Found(hits=hits, query=query)
        correction = self._correct(tokens)
        if correction is None:
            return Found(hits=(), query=query)
        corrected, hits = correction
        return Found(hits=hits, query=corrected, corrected_from=query)

    def _by_code(self, prefix: str) -> tuple[Hit, ...]:
        found = sorted(doc.code for doc in self.docs if doc.code.startswith(prefix))
        return tuple(Hit(code, Tier.CODE_OR_TITLE) for code in found)

    def _match(self, tokens: Sequence[str], query: str) -> tuple[Hit, ...]:
        if not tokens:
            return ()
        best: dict[int, tuple[Tier, str]] = {}

        def offer(number: int, tier: Tier, alternate: str = "") -> None:
            if number not in best or tier < best[number][0]:
                best[number] = (tier, alternate)

        phrase = _phrase(query)
        for number in self._exact_title.get(phrase, ()):
            offer(number, Tier.CODE_OR_TITLE)
        for position in self._exact_alternate.get(phrase, ()):
            number, alternate = self._alternates[position]
            offer(number, Tier.ALTERNATE, alternate)
        for number in self._titles.all_of(tokens):
            offer(number, Tier.TITLE_WORDS)
        # The shortest alternate title that matched stands for its occupation: offered first,
        # since a later offer only replaces it with a better tier.
        for position in sorted(
            self._alternate_index.all_of(tokens),
            key=lambda position: (len(self._alternates[position][1]), position),
        ):
            number, alternate = self._alternates[position]
            offer(number, Tier.ALTERNATE_WORDS, alternate)
        for number in self._text.all_of(tokens):
            offer(number, Tier.TEXT)
        ordered = sorted(best, key=lambda number: (best[number][0], self._order[number]))
        return tuple(
            Hit(
                self.docs[number].code,
                best[number][0],
                best[number][1]
                if best[number][0] in (Tier.ALTERNATE, Tier.ALTERNATE_WORDS)
                else "",
            )
            for number in ordered
        )

    def _known(self, token: str) -> bool:
        return any(
            index.knows(token) for index in (self._titles, self._alternate_index, self._text)
        )

    def _correct(self, tokens: list[str]) -> tuple[str, tuple[Hit, ...]] | None:
        choices: list[list[tuple[str, float]]] = []
        for token in tokens:
            if self._known(token) or len(token) < CORRECT_FROM:
                choices.append([(token, 100.0)])
                continue
            near = process.extract(
                token,
                self._vocabulary,
                scorer=fuzz.ratio,
                limit=CANDIDATES * 3,
                score_cutoff=CORRECT_CUTOFF,
            )
            ranked = sorted(near, key=lambda found: (-found[1], -self._frequency[found[0]]))
            if not ranked:
                return None
            choices.append([(word, score) for word, score, _ in ranked[:CANDIDATES]])
        combinations = sorted(
            itertools.product(*choices), key=lambda combination: -sum(s for _, s in combination)
        )[:MAX_COMBINATIONS]
        best: tuple[tuple, str, tuple[Hit, ...]] | None = None
        for combination in combinations:
            corrected = [word for word, _ in combination]
            hits = self._match(corrected, " ".join(corrected))
            if not hits:
                continue
            rank = (
                hits[0].tier,
                -sum(score for _, score in combination),
                -sum(self._frequency[word] for word in corrected),
            )
            if best is None or rank < best[0]:
                best = (rank, " ".join(corrected), hits)
        return None if best is None else (best[1], best[2])


def _tokens(query: str) -> list[str]:
    found = words(query)
    meaningful = [word for word in found if word not in STOP_WORDS]
    return meaningful or found
