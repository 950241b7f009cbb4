"""Repair of text extracted from PDF reports: lost diacritics and line-end hyphenation.

Two kinds of damage are repaired; the number of lines never changes, so line
``i`` of the output corresponds to line ``i`` of the input.

**Diacritics** ("diacritic").  Where the PDF drew a letter with a diacritic
(ä, å, ö, é) the extraction often lost the mark and always inserted a space
after the letter: "för" -> "fo r", "områden" -> "omra den",
"jämställdhetsutbildning" -> "ja msta lldhetsutbildning", "Ökad" -> "Ö kad"
(mark kept, space inserted).  A damaged letter at the end of a word therefore
leaves *two* spaces ("nå de" -> "na  de"), or a space before punctuation.

Repair is dictionary driven (:mod:`samverkan.loaders.lexicon`: wordfreq's
Swedish table plus a compound check), never a list of known damaged words.
Each line is cut into letter tokens; a *joint* is a single space after a token
ending in a vowel that may have carried a mark (a, o, e, or an intact ä/å/ö/é)
and before a token that goes on in lower case (or in upper case inside an
upper-case word).  A chain of tokens linked by joints is segmented by dynamic
programming under a unigram language model (log10 probability = zipf - 9 per
word).  A group of joined tokens is scored with its best spelling, the joint
vowels getting their marks (a -> ä/å, o -> ö, e -> é); a penalty per join stands
for the prior probability of damage.  Words the table lacks score as compounds
(by their parts) or, failing that, by a letter model that also punishes
beginnings no Swedish word has ("dgivningar").  Fragments like "fo", "r",
"omra" are rare or unknown, so "fo r" scores far below "för", while two real
words ("smarta stadslösningar", "Anna Lisa") stay apart.

The join penalty depends on context: a first, strict pass finds the clearly
damaged lines; on lines near them (the "damaged zone") a lenient second pass
also repairs the weaker cases and the word-final damage ("pa  att" -> "på att",
only there).  Text far from any damage changes only on overwhelming evidence,
so correct text comes out unchanged.  When several spellings are words ("a r":
"är"/"år") the choice also weighs the document's own word pairs ("år" after a
number or before a full stop).

**Hyphenation** ("hyphen").  A word broken at a line end ("innovations-" /
"arbete", possibly with blank lines between) is joined: the continuation is
moved up onto the hyphen's line and removed, with the spaces after it, from its
own line.  A suspended hyphen before a conjunction ("social-" / "och
ekonomisk", "uppföljnings- och") is left alone.  The hyphen is kept in the
joined word after a lone letter ("e-" / "post" -> "e-post"), an acronym, a
number or an already hyphenated word ("IT-" / "infrastruktur" ->
"IT-infrastruktur"), and before a capital or a digit ("ERUF-" / "Projekt" ->
"ERUF-Projekt", "2019-" / "2020" -> "2019-2020").
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .lexicon import Lexicon, get_lexicon

__all__ = ["Change", "RepairResult", "repair_text"]


@dataclass
class Change:
    line: int  # 1-based line number (same in input and output)
    before: str
    after: str
    kind: str  # "diacritic" | "hyphen"


@dataclass
class RepairResult:
    text: str
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: str | None = None) -> int:
        return sum(1 for c in self.changes if kind is None or c.kind == kind)


# --------------------------------------------------------------------------
# parameters of the diacritic model (log10 units)

#: letters that may have lost a mark; value: the spellings to try at a joint
_JOINT_VARIANTS = {
    "a": ("ä", "å"),
    "o": ("ö",),
    "e": ("é",),
    "A": ("Ä", "Å"),
    "O": ("Ö",),
    "E": ("É",),
    "ä": ("ä",),
    "å": ("å",),
    "ö": ("ö",),
    "é": ("é",),
    "Ä": ("Ä",),
    "Å": ("Å",),
    "Ö": ("Ö",),
    "É": ("É",),
}
_PLAIN = set("aoeAOE")
#: spellings of a word-final vowel followed by the double-space signature
_FINAL_VARIANTS = {k: (k,) + v for k, v in _JOINT_VARIANTS.items() if k in _PLAIN}

# a word neither listed nor a compound: a letter model, every letter costs
_UNKNOWN_ZIPF = -1.0
_UNKNOWN_PER_CHAR = 0.7
_BAD_ONSET_PENALTY = 3.0  # ... that begins like no Swedish word ("dgivningar")
_UNKNOWN_JOIN_PENALTY = 3.0  # extra, per join, when the joined word is unknown too
# an unlisted word that splits into known parts scores as its parts in a row,
# plus a bonus per link (log10 units), at most _COMPOUND_MAX_ZIPF
_COMPOUND_LINK_BONUS = 1.0
_COMPOUND_MAX_ZIPF = 1.5
_SINGLE_LETTER_MAX_ZIPF = 3.0  # lone consonants are listed (abbreviations...) but are no words
_VOWELS = frozenset("aeiouyåäöéü")
_MAX_GROUP = 6  # at most this many tokens joined into one word

_JOIN_PENALTY_STRICT = 3.5  # far from other damage
_JOIN_PENALTY_ZONE = 1.5  # near other damage
_INTACT_JOIN_PENALTY = 3.0  # joint after an intact ä/å/ö ("Ö kad"), any context
_FINAL_FIX_PENALTY = 0.3  # word-final vowel before a double space (zone only)
_FINAL_FIX_MARGIN = 0.5  # ... and it must beat the plain spelling by this much
# a single space at the line end is the usual trailing space of extracted lines,
# so there the marked spelling must win by far ("Lulea " -> "Luleå")
_WEAK_FINAL_FIX_MARGIN = 1.2
# weight of the document's own word pairs when choosing among spellings, and smoothing
_CONTEXT_WEIGHT = 2.0
_CONTEXT_BETA = 1.0
_CONTEXT_MAX = 2.0
_ZONE_RADIUS = 6  # lines either side of a damaged line

_TOKEN_RE = re.compile(r"[^\W\d_]+")
# after a word whose last letter lost its mark: the inserted space, then the
# ordinary space before the next word (or the line end), or punctuation
_FINAL_SIGNATURE_RE = re.compile(r"  +(?=[^\W\d_]|\s*$)| (?=[-.,;:!?)/”\"’])")
_WEAK_FINAL_SIGNATURE_RE = re.compile(r" \r?$")
_CONTEXT_RE = re.compile(r"[^\W\d_]+|\d+(?:[–-]\d+)?|[.!?:;,)]")


# --------------------------------------------------------------------------
# public entry point


def repair_text(text: str, lexicon: Lexicon | None = None) -> RepairResult:
    """Repair lost diacritics and line-end hyphenation; keep the line count."""
    lex = lexicon if lexicon is not None else get_lexicon()
    lines = text.split("\n")
    changes: list[Change] = []
    lines = _join_hyphens(lines, lex, changes)
    lines = _join_inline_hyphens(lines, lex, changes)
    lines = _join_broken_words(lines, lex, changes)
    lines = _repair_diacritics(lines, lex, changes)
    changes.sort(key=lambda c: (c.line, c.kind != "hyphen"))
    return RepairResult("\n".join(lines), changes)


# --------------------------------------------------------------------------
# hyphenation

_HYPHEN_END_RE = re.compile(r"(\S+)-[ \t]*(\r?)$")
_CONTINUATION_RE = re.compile(r"^([ \t]*)(\S+)[ \t]*")
_CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "som", "men", "resp", "&"})
_WORD_CHARS_RE = re.compile(r"[^\W\d_]+")


def _join_hyphens(lines: list[str], lex: Lexicon, changes: list[Change]) -> list[str]:
    lines = list(lines)
    n = len(lines)
    i = -1
    while i + 1 < n:
        i += 1
        m = _HYPHEN_END_RE.search(lines[i])
        if not m:
            continue
        prefix = m.group(1)
        # the hyphen must be attached to a word or number ("remiss-", "IT-", "2019-")
        if not (prefix[-1].isalnum() or prefix[-1] in "”\"’)"):
            continue
        j = i + 1
        while j < n and not lines[j].strip():
            j += 1
        if j >= n:
            break
        c = _CONTINUATION_RE.match(lines[j])
        if not c:
            continue
        fragment, cut = _continuation(lines[j], c, lex)
        first = fragment[0]
        if not (first.isalpha() or first.isdigit()):
            continue  # bullet, dash, quote: a new item, not a continuation
        word = _WORD_CHARS_RE.match(fragment)
        head = word.group(0) if word else ""
        if head.lower() in _CONJUNCTIONS:
            continue  # "miljö- och", "social-" / "och ekonomisk": suspended hyphen
        keep_hyphen = _keep_hyphen(prefix, head, first, lex)
        joined = prefix + ("-" if keep_hyphen else "") + fragment
        eol = m.group(2)
        lines[i] = lines[i][: m.start()] + joined + eol
        lines[j] = lines[j][cut:]
        changes.append(Change(i + 1, f"{prefix}-\n{fragment}", joined, "hyphen"))
        if fragment.endswith("-"):
            i -= 1  # the moved fragment ends in a hyphen itself: look at this line again
    return lines


# "Kompetens- försörjning": a word hyphenated at a line break whose lines a PDF tool joined
_INLINE_HYPHEN_RE = re.compile(r"(?<![\w-])([^\W\d_][^\W\d_-]{2,})- ([^\W\d_]{3,})")


def _join_inline_hyphens(lines: list[str], lex: Lexicon, changes: list[Change]) -> list[str]:
    """Join "kompetens- försörjning" when the solid word is Swedish (listed or a compound);
    a suspended hyphen ("el- och automationsutbildning", "cykel- eller gångväg") stays."""
    out = []
    for number, line in enumerate(lines, start=1):
        if "- " not in line:
            out.append(line)
            continue

        def join(m: re.Match) -> str:
            prefix, head = m.group(1), m.group(2)
            if head.lower() in _CONJUNCTIONS or not head[0].islower():
                return m.group(0)
            solid = prefix + head
            if lex.frequency(solid.lower()) <= 0.0 and not lex.is_compound(solid.lower()):
                return m.group(0)
            joined = prefix + ("-" if _keep_hyphen(prefix, head, head[0], lex) else "") + head
            changes.append(Change(number, m.group(0), joined, "hyphen"))
            return joined

        out.append(_INLINE_HYPHEN_RE.sub(join, line))
    return out


_LAST_PIECE_RE = re.compile(r"(?<!\S)([^\W\d_]+[aoAO])[ \t]*$")
_FIRST_PIECE_RE = re.compile(r"^[ \t]*([a-zåäöé]+)(?=[\s.,;:!?]|$)")


def _join_broken_words(lines: list[str], lex: Lexicon, changes: list[Change]) -> list[str]:
    """A word whose lost diacritic left a space, broken over two lines by the layout
    ("Intressefo" / "reningen ..."): the second piece moves up, so the line's repair sees
    the whole word ("Intressefo reningen" -> "Intresseföreningen")."""
    lines = list(lines)
    for i in range(len(lines) - 1):
        last = _LAST_PIECE_RE.search(lines[i])
        first = _FIRST_PIECE_RE.match(lines[i + 1])
        if not last or not first:
            continue
        a, b = last.group(1), first.group(1)
        if lex.frequency(a.lower()) > 0 and lex.frequency(b) > 0:
            continue  # two words, as a line break usually separates
        stem = a[:-1].lower()
        joined = [stem + v.lower() + b for v in _JOINT_VARIANTS[a[-1]]]
        if not any(lex.frequency(w) > 0 or lex.is_compound(w) for w in joined):
            continue
        lines[i] = lines[i].rstrip() + " " + b
        lines[i + 1] = lines[i + 1][first.end() :].lstrip()
        changes.append(Change(i + 1, f"{a}\n{b}", f"{a} {b}", "hyphen"))
    return lines


_NEXT_PIECE_RE = re.compile(r" (?=[^\W\d_])(\S+)[ \t]*")


def _continuation(line: str, c: re.Match, lex: Lexicon) -> tuple[str, int]:
    """The continuation of a hyphenated word at the start of ``line`` and where it ends.

    Normally the first space-delimited piece; but when that piece ends in a letter that
    lost its mark ("utvecklings-" / "na mnden"), the broken word goes on after the
    inserted space and is taken along, so that the repair can join it on one line.
    """
    fragment, cut = c.group(2), c.end()
    end = c.end(2)
    for _ in range(4):
        if fragment[-1] not in _JOINT_VARIANTS:
            break
        last = _WORD_CHARS_RE.findall(fragment)[-1]
        if len(last) > 2 and lex.frequency(last) >= 3.0:
            break  # a word ends here
        m = _NEXT_PIECE_RE.match(line, end)
        if not m or not m.group(1)[0].islower():
            break
        rest = _WORD_CHARS_RE.match(m.group(1))
        stem = last[:-1]
        if not rest or not any(
            lex.frequency(stem + v + rest.group(0)) > 0.0 or lex.is_compound(stem + v + rest.group(0))
            for v in _JOINT_VARIANTS[last[-1]]
        ):
            break  # the next piece does not continue this word
        fragment = fragment + " " + m.group(1)
        end, cut = m.start(1) + len(m.group(1)), m.end()
    return fragment, cut


def _keep_hyphen(prefix: str, head: str, first: str, lex: Lexicon) -> bool:
    if first.isupper() or first.isdigit():
        return True  # "ERUF-" / "Projekt", "2019-" / "2020"
    last = prefix[-1]
    if not last.isalpha() or "-" in prefix:
        return True  # "CO2-omställningen", "1:1-anslaget", "hela-resan-perspektiv"
    letters = "".join(_WORD_CHARS_RE.findall(prefix))
    if len(letters) >= 2 and letters.isupper():
        return True  # "IT-infrastruktur", "RUS-arbetet"
    if len(prefix) == 1:
        return True  # a lone letter is hyphenated: "e-post", "a-kassa", "Ö-vik"
    if last.isupper():
        return True
    # lexicon: a listed hyphenated form ("e-post", "a-kassa") beats the solid one
    stem = _WORD_CHARS_RE.findall(prefix)
    stem = stem[-1] if stem else prefix
    hyph = lex.frequency(f"{stem}-{head}")
    solid = lex.frequency(stem + head)
    return hyph > 0 and hyph > solid


# --------------------------------------------------------------------------
# diacritics


class _Tok:
    __slots__ = ("start", "end", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text


class _Model:
    """Scores words under the unigram model, with document context."""

    def __init__(self, lex: Lexicon, lines: list[str]):
        self.lex = lex
        self._cache: dict[str, tuple[float, bool]] = {}
        self.unigrams, self.bigrams = _document_counts(lines)
        self.total = max(1, sum(self.unigrams.values()))

    def zipf(self, word: str) -> float:
        return self.score(word)[0]

    def score(self, word: str) -> tuple[float, bool]:
        """(zipf-like score, known) of a word: listed, compound, or unknown."""
        r = self._cache.get(word)
        if r is None:
            lw = word.lower()
            z = self.lex.frequency(lw)
            known = z > 0.0
            if len(lw) == 1 and lw not in _VOWELS:
                # a lone consonant is never a Swedish word ("r", "n", "l" are listed as
                # abbreviations and symbols): it is most likely a fragment
                z = min(z, _SINGLE_LETTER_MAX_ZIPF)
            if not known:
                parts = self.lex.compound_parts(lw)
                if parts is not None:
                    z, known = self._compound_zipf(parts), True
                else:
                    z = _UNKNOWN_ZIPF - _UNKNOWN_PER_CHAR * len(lw) + self._partial_evidence(lw)
                    if not self.lex.onset_ok(lw):
                        z -= _BAD_ONSET_PENALTY
            r = self._cache[word] = (z, known)
        return r

    def _compound_zipf(self, parts: tuple[str, ...]) -> float:
        """An unlisted compound is about as likely as its parts in sequence, plus a bonus per link."""
        words = [p for p in parts if p != "s"]
        lp = sum(self.lex.frequency(p) - 9.0 for p in words) + _COMPOUND_LINK_BONUS * (len(words) - 1)
        return min(lp + 9.0, _COMPOUND_MAX_ZIPF)

    def _partial_evidence(self, lw: str) -> float:
        """Tie-break among unknown spellings: share of the word covered by a known
        beginning (an unlisted inflection: "rådgivning|ar") or a known head
        (an unlisted compound: "nyfö|retag")."""
        n = len(lw)
        best = 0
        for i in range(n - 1, 3, -1):  # longest known beginning
            if self.lex.frequency(lw[:i]) >= 2.5:
                best = i
                break
        for i in range(1, n - 3):  # longest known head
            if n - i <= best:
                break
            tail = lw[i:]
            if self.lex.frequency(tail) >= 2.5:
                best = n - i
                break
        return 0.5 * best / n

    def context(self, word: str, original: str, prev: str | None, nxt: str | None) -> float:
        """Evidence from this document's own word pairs for ``word`` between its neighbours.

        For each neighbour seen next to ``word`` elsewhere in the document, the lift
        P(neighbour | word) / P(neighbour) (smoothed; log10, clipped to [0, 2]) is
        added, weighted: "år" after a number or before a full stop, "nå" after "att".
        Unseen pairs count as no evidence (the document is small).  Only spellings
        that differ from the text get evidence: where the same damage recurs, the
        damaged spelling's other occurrences would otherwise vouch for it.
        """
        if word == original:
            return 0.0  # the damaged spelling's own occurrences cannot vouch for it
        lw = word.lower()
        n = self.unigrams.get(lw, 0)
        if n <= 0:
            return 0.0
        total = 0.0
        for pair, other in (((prev, lw), prev), ((lw, nxt), nxt)):
            if other is None:
                continue
            c = self.bigrams.get(pair, 0)
            if c <= 0:
                continue
            p_other = self.unigrams.get(other, 0) / self.total
            if p_other <= 0.0:
                continue
            lift = (c + _CONTEXT_BETA * p_other) / (n + _CONTEXT_BETA) / p_other
            total += min(max(math.log10(lift), 0.0), _CONTEXT_MAX)
        return _CONTEXT_WEIGHT * total


def _context_token(tok: str) -> str:
    if tok[0].isdigit():
        return "<num>"
    return tok.lower()


def _document_counts(lines: list[str]) -> tuple[Counter, Counter]:
    """Word and adjacent-pair counts (words, punctuation, <num>) of the document, across lines."""
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    prev: str | None = None
    for line in lines:
        for m in _CONTEXT_RE.finditer(line):
            t = _context_token(m.group(0))
            unigrams[t] += 1
            if prev is not None:
                bigrams[(prev, t)] += 1
            prev = t
    return unigrams, bigrams


def _repair_diacritics(lines: list[str], lex: Lexicon, changes: list[Change]) -> list[str]:
    model = _Model(lex, lines)
    toks = [[_Tok(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(l)] for l in lines]
    ctx = _line_contexts(lines)

    # pass 1: strict everywhere
    first = [_repair_line(l, t, model, False, c) for l, t, c in zip(lines, toks, ctx)]
    damaged = [i for i, (_, ch) in enumerate(first) if ch]
    zone = [False] * len(lines)
    for i in damaged:
        for k in range(max(0, i - _ZONE_RADIUS), min(len(lines), i + _ZONE_RADIUS + 1)):
            zone[k] = True

    out: list[str] = []
    for i, line in enumerate(lines):
        if zone[i]:
            new, ch = _repair_line(line, toks[i], model, True, ctx[i])
        else:
            new, ch = first[i]
        out.append(new)
        for before, after in ch:
            changes.append(Change(i + 1, before, after, "diacritic"))
    return out


def _line_contexts(lines: list[str]) -> list[tuple[str | None, str | None]]:
    """For each line: the context token before its first and after its last token."""
    toks = [[_context_token(m.group(0)) for m in _CONTEXT_RE.finditer(l)] for l in lines]
    res: list[tuple[str | None, str | None]] = []
    last: str | None = None
    before: list[str | None] = []
    for t in toks:
        before.append(last)
        if t:
            last = t[-1]
    after: list[str | None] = [None] * len(lines)
    nxt: str | None = None
    for i in range(len(lines) - 1, -1, -1):
        after[i] = nxt
        if toks[i]:
            nxt = toks[i][0]
    for i in range(len(lines)):
        res.append((before[i], after[i]))
    return res


def _repair_line(line, toks, model, zone, line_ctx):
    """Repair one line; returns (new line, [(before, after), ...])."""
    if not toks:
        return line, []
    n = len(toks)
    joint = [False] * n
    for k in range(n - 1):
        a, b = toks[k], toks[k + 1]
        if (
            b.start == a.end + 1
            and line[a.end] == " "
            and a.text[-1] in _JOINT_VARIANTS
            # the rest of a word is lower case, or upper case in an upper-case word
            and (b.text[0].islower() or (a.text.isupper() and b.text.isupper()))
        ):
            joint[k] = True
    # word-final damage: 0 none, else the margin the marked spelling must win by
    sig = [0.0] * n
    if zone:
        for k, t in enumerate(toks):
            if t.text[-1] in _PLAIN:
                if _FINAL_SIGNATURE_RE.match(line, t.end):
                    sig[k] = _FINAL_FIX_MARGIN
                elif _WEAK_FINAL_SIGNATURE_RE.match(line, t.end):
                    sig[k] = _WEAK_FINAL_FIX_MARGIN
    if not any(joint) and not any(sig):
        return line, []

    pieces: list[str] = []
    changed: list[tuple[str, str]] = []
    pos = 0
    k = 0
    while k < n:
        e = k
        while e < n - 1 and joint[e]:
            e += 1
        chain = toks[k : e + 1]
        if e > k or sig[e]:
            prev_ctx = _prev_context(line, toks, k, line_ctx[0])
            next_ctx = _next_context(line, toks, e, line_ctx[1])
            words = _segment(chain, sig[e], model, zone, prev_ctx, next_ctx)
            end = chain[-1].end
            new_span = " ".join(words)
            before = line[chain[0].start : end]
            after = new_span
            if sig[e] and new_span[-1] != line[end - 1]:
                # drop the space inserted after the damaged final letter: "pa  att" -> "på att"
                end += 1
                before, after = line[chain[0].start : end + 1], new_span + " "
            if new_span != line[chain[0].start : end]:
                pieces.append(line[pos : chain[0].start])
                pieces.append(new_span)
                pos = end
                changed.append(_trim_change(before, after))
        k = e + 1
    if not changed:
        return line, []
    pieces.append(line[pos:])
    return "".join(pieces), changed


def _trim_change(before: str, after: str) -> tuple[str, str]:
    """Drop the unchanged words at both ends of a change ("skapade fo r" -> "fo r")."""
    b, a = before.split(" "), after.split(" ")
    while len(b) > 1 and len(a) > 1 and b[0] == a[0]:
        b, a = b[1:], a[1:]
    while len(b) > 1 and len(a) > 1 and b[-1] == a[-1] and b[-1] != "":
        b, a = b[:-1], a[:-1]
    return " ".join(b), " ".join(a)


def _prev_context(line, toks, k, line_prev):
    """The context token before token k; looks back a bounded stretch first, so a text with
    no line breaks (one 170 kB line) is not scanned from its start for every damaged word."""
    start = toks[k].start
    for lookback in (200, start):
        window = max(0, start - lookback)
        found = list(_CONTEXT_RE.finditer(line, window, start))
        if found and (len(found) > 1 or found[0].start() > window or window == 0):
            return _context_token(found[-1].group(0))
        if window == 0:
            break
    return line_prev


def _next_context(line, toks, e, line_next):
    m = _CONTEXT_RE.search(line, toks[e].end)
    if m:
        return _context_token(m.group(0))
    return line_next


def _segment(chain, final_sig, model, zone, prev_ctx, next_ctx):
    """Best segmentation of a chain of joint-linked tokens into words."""
    n = len(chain)
    neg = float("-inf")
    best = [neg] * (n + 1)
    back: list[tuple[int, str] | None] = [None] * (n + 1)
    best[0] = 0.0
    for i in range(1, n + 1):
        for j in range(max(0, i - _MAX_GROUP), i):
            if best[j] == neg:
                continue
            p = prev_ctx if j == 0 else None
            nx = next_ctx if i == n else None
            score, word = _best_group(chain[j:i], final_sig if i == n else 0.0, model, zone, p, nx)
            s = best[j] + score
            if s > best[i]:
                best[i] = s
                back[i] = (j, word)
    words: list[str] = []
    i = n
    while i > 0:
        j, w = back[i]
        words.append(w)
        i = j
    words.reverse()
    return words


def _best_group(group, final_sig, model, zone, prev_ctx, next_ctx):
    """Score of joining ``group`` into one word, and its best spelling.

    ``final_sig`` > 0: the last letter may have lost its mark, and a marked
    spelling must beat the plain one by that margin."""
    texts = [t.text for t in group]
    options: list[tuple[str, ...]] = []
    penalty = 0.0
    for t in texts[:-1]:
        v = t[-1]
        options.append(tuple(t[:-1] + x for x in _JOINT_VARIANTS[v]))
        if v in _PLAIN:
            penalty += _JOIN_PENALTY_ZONE if zone else _JOIN_PENALTY_STRICT
        else:
            penalty += _INTACT_JOIN_PENALTY
    last = texts[-1]
    if final_sig and last[-1] in _FINAL_VARIANTS:
        options.append(tuple(last[:-1] + x for x in _FINAL_VARIANTS[last[-1]]))
    else:
        options.append((last,))

    plain_final = options[-1][0]
    original = " ".join(texts)
    # best spelling keeping the word-final vowel, and best one changing it
    best = {False: (float("-inf"), float("-inf"), "")}
    for combo in itertools.product(*options):
        word = "".join(combo)
        z, known = model.score(word)
        score = z - 9.0 - penalty
        if not known and len(texts) > 1:
            score -= _UNKNOWN_JOIN_PENALTY * (len(texts) - 1)
        final_changed = combo[-1] != plain_final
        if final_changed:
            score -= _FINAL_FIX_PENALTY
        rank = score + model.context(word, original, prev_ctx, next_ctx)
        if rank > best.get(final_changed, (float("-inf"),))[0]:
            best[final_changed] = (rank, score, word)
    keep_rank, keep_score, keep_word = best[False]
    if True in best:
        rank, score, word = best[True]
        # a word-final change must clearly beat the plain spelling
        if rank - final_sig > keep_rank:
            return score, word
    return keep_score, keep_word
