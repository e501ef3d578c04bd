"""Figure mentions in one line of report text: numbers with units, the words naming them, years.

The parser calls `find_mentions` per line and `cell_mention` per table cell (HTML already
stripped) and wraps the results into `Figure` records. Spans index the text given.

Decisions:
- A range (`300~999㎡`, `5~10인`) or chain (`10 → 15회`) yields a mention per number; a bare
  number takes the unit of the number after it.
- Composed amounts keep the report's last unit word: `7천5백억원` → 7500 억원, `1조 4천억원` →
  14000 억원; `9백만원` is 9 백만원, the report's budget unit.
- A bare number is a figure only when its unit comes from a pair or chain (`정원 269 / 현원 257명`),
  the amount its parenthesis breaks down (`41,115백만원 (종합형 29,127/…)`), the key it hangs
  from (`실업률(%) : ('19) 4.4 → …`), or the caller's default unit for a table cell.
- Dates, months, years, ordinals (`제4조`, `1기`, `4차`), addresses, codes (`C40`), ratios (`7:3`)
  are never figures. `△` and a leading `-` make a number negative.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.clauses import balanced_from, cell_label, enclosing_paren, region_label, right_label
from corpus.units import header_unit, match_amount, match_dangling, match_unit, rescale, to_krw


@dataclass(frozen=True)
class Mention:
    label: str
    value: float
    unit: str
    value_krw: float | None
    year: int | None
    span: tuple[int, int]  # sign and number through unit (and the `간` of `3일간`) in the text given
    spans_years: bool = False  # a total its parenthesis splits by year (`16,900백만원('23년 : 3,023백만원)`)


@dataclass
class _Token:
    """A number in the text before it is known to be a figure."""

    start: int
    end: int
    value: float
    unit: str | None
    multiplier: str = ""  # `2백만` in `2백만~2천만 달러`
    parent: int | None = None  # the amount whose parenthesis this number breaks down
    label: str = ""


_NUM_RE = re.compile(
    r"(?P<sign>△\s?|(?<![0-9A-Za-z)])[+\-])?(?<![0-9A-Za-z.,])"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?![0-9]|[A-Za-oq-z]|p[A-Za-z])")
_YEAR = r"[‘’'](?P<yy>[0-9]{2})(?![0-9])"
_YEAR_RE = re.compile(_YEAR + r"|(?<![0-9])(?P<yyyy>(?:19|20)[0-9]{2})(?=\s?[년.])"
                      r"|(?<![0-9.‘’'])(?P<yn>[1-9][0-9])(?=\s?년)")
_MASK_RE = re.compile("|".join([
    r"[‘’']\s?[0-9]{2}(?![0-9])(?:\s?\.\s?[0-9]{1,2}(?![0-9,]))*\.?(?:\s?[년월일])?",  # '23. 3.15.
    r"(?:19|20)[0-9]{2}\s?(?:\.\s?[0-9]{1,2}\s?){1,2}\.?|(?:19|20)[0-9]{2}\s?년",  # 2022. 11. 11.
    r"(?<![0-9.])[1-9][0-9]\s?년",  # 23년
    r"[0-9]{1,2}\.[0-9]{1,2}\s?~\s?[0-9]{1,2}\.[0-9]{1,2}|[0-9]{1,2}\.[0-9]{1,2}\.(?![0-9])",
    r"(?:[0-9]{1,2}\s?[~,]\s?)?[0-9]{1,2}\s?(?:월|주(?![가-힣0-9]))",  # 3월, 3~5월, 2~3주 중
    r"(?<![가-힣])제\s?[0-9]+(?:-[0-9]+)*",  # 제4조, 제2022-18호 (not 의류봉제 756개)
    r"[0-9]+(?:·[0-9]+)*\s?(?:기|차|번|대|층|관|단계)(?![0-9])",  # 1·2기, 4차, 5대 업종
    r"[0-9]+(?:[-:=][0-9]+)+",  # 117-3, 7:3, 2015=100
]))
_ADDRESS_RE = re.compile(r"\S(?:로|길|동)\s?$")
_KEY_UNIT_RE = re.compile(r"\(([^()]*)\)\s*$")
_YEAR_PAREN_RE = re.compile(r"\s?\(\s?" + _YEAR + r"\s?년?\s?\)")
_YEAR_SPLIT_RE = re.compile(r"\s?\(\s?" + _YEAR + r"\s?년\s?:?\s?[가-힣]*\s?[0-9]")  # `('23년 : 3,023`
_RANGE_GAP_RE = re.compile(r"\s*[~→⇨⇒]\s*(?:\(?[‘’'][0-9]{2}년?\)?\s*)?")
_SLASH_GAP_RE = re.compile(r"\s*/\s*(?P<words>(?:[가-힣]+\s+){0,2})")
_SEGMENT_MARKS = "→⇨⇒☞▶▷○●•◇◆□■※✓\t"  # what a year stated earlier in the line does not cross
_CHAIN_MARKS = frozenset("/~→⇨⇒")
def find_mentions(text: str) -> list[Mention]:
    """Every figure in one line of plain text (the caller strips HTML first)."""
    return _mentions(text, ())


def cell_mention(cell_text: str, default_unit: str | None) -> list[Mention]:
    """Figures in one table cell; bare numbers take `default_unit`.

    A default such as `개/명` gives one unit per slash-separated number (`37/1,728` → 37 개, 1,728 명).
    """
    defaults = tuple(u.strip() for u in default_unit.split("/")) if default_unit else ()
    return _mentions(cell_text, defaults)


def _mentions(text: str, defaults: tuple[str, ...]) -> list[Mention]:
    tokens = _scan(text)
    _resolve_units(text, tokens, defaults)
    for i, tok in enumerate(tokens):
        tok.label = _label(text, tokens, i)
    return [Mention(t.label, t.value, t.unit, to_krw(t.value, t.unit), _year(text, tokens, i),
                    (t.start, t.end), bool(_YEAR_SPLIT_RE.match(text, t.end))) for i, t in enumerate(tokens) if t.unit]


def _scan(text: str) -> list[_Token]:
    """Numbers outside dates and codes, each with the unit written right after it, if any."""
    masks, tokens, last_end = [m.span() for m in _MASK_RE.finditer(text)], [], 0
    for m in _NUM_RE.finditer(text):
        if m.start() < last_end or any(s <= m.start("num") < e for s, e in masks):
            continue
        sign = -1.0 if (m["sign"] or "").strip() in ("△", "-") else 1.0
        tokens.append(_read_number(text, m, sign))
        last_end = tokens[-1].end
    return tokens


def _read_number(text: str, m: re.Match[str], sign: float) -> _Token:
    start = m.start()
    amount = match_amount(text, m.start("num"))
    if amount:
        return _Token(start, amount[2], sign * amount[0], amount[1])
    value, end = sign * float(m["num"].replace(",", "")), m.end()
    unit = match_unit(text, end)
    if unit:
        return _Token(start, unit[1], value, unit[0])
    dangling = match_dangling(text, end)
    if dangling:
        return _Token(start, dangling[1], value, None, multiplier=dangling[0])
    return _Token(start, end, value, None)


def _resolve_units(text: str, tokens: list[_Token], defaults: tuple[str, ...]) -> None:
    """Give bare numbers a unit: from a pair or chain, an enclosing amount, a key, or defaults."""
    for i in reversed(range(len(tokens) - 1)):  # right to left: `250→1,300명` passes 명 leftwards
        if tokens[i].unit is None and not _is_address(text, tokens[i]):
            tokens[i].unit = _unit_from_right(text, tokens, i)
    for i, tok in enumerate(tokens):
        if tok.unit is None and not _is_address(text, tok):
            tok.unit = _unit_from_parent(text, tokens, i) or _unit_from_key(text, tok.start)
    bare = [t for t in tokens if t.unit is None]
    if len(defaults) == 1 or (defaults and len(defaults) == len(bare)):
        for k, tok in enumerate(bare):
            tok.unit = defaults[k if len(defaults) > 1 else 0]


def _is_address(text: str, tok: _Token) -> bool:
    """`마른대로 38`, `우면동 141`: street numbers are no figures."""
    return bool(_ADDRESS_RE.search(text[:tok.start]))


def _unit_from_right(text: str, tokens: list[_Token], i: int) -> str | None:
    left, right = tokens[i], tokens[i + 1]
    if right.unit is None:
        return None
    gap = text[left.end:right.start]
    slash = _SLASH_GAP_RE.fullmatch(gap)
    if slash and slash["words"] and not _own_label(text, tokens, i):
        return None  # `126, 130 / 연면적 16,127㎡`: a label on the right needs one on the left
    if slash or _RANGE_GAP_RE.fullmatch(gap):
        return rescale(left.multiplier, right.unit)
    return None


def _unit_from_parent(text: str, tokens: list[_Token], i: int) -> str | None:
    """`3,142백만원(공덕 1,670, …)`: a labelled number in the amount's parenthesis shares its unit."""
    opening = enclosing_paren(text, tokens[i].start)
    if opening is None or not _own_label(text, tokens, i):
        return None
    parents = [j for j in range(i) if tokens[j].end <= opening and tokens[j].unit]
    if not parents or re.search(r"[,:;]", text[tokens[parents[-1]].end:opening]):
        return None
    tokens[i].parent = parents[-1]
    return tokens[parents[-1]].unit


def _unit_from_key(text: str, pos: int) -> str | None:
    """`고용률(%) : ('19) 60.0 → …` or a row `G R D P (조 원)\t2,076`: the unit the key names last."""
    for sep in (text.rfind(":", 0, pos), text.find("\t", 0, pos)):
        key = _KEY_UNIT_RE.search(text[:sep]) if sep > 0 else None
        if key and header_unit(key[0]):
            return header_unit(key[0])
    return None


def _prev(text: str, tokens: list[_Token], i: int) -> _Token | None:
    """The nearest earlier figure not shut inside a parenthesis that closed before token `i`."""
    for j in range(i - 1, -1, -1):
        if tokens[j].unit and balanced_from(text[tokens[j].end:tokens[i].start]):
            return tokens[j]
    return None


def _own_label(text: str, tokens: list[_Token], i: int) -> str:
    prev = _prev(text, tokens, i)
    return region_label(text, tokens[i].start, prev.end if prev else 0)[0]


def _label(text: str, tokens: list[_Token], i: int) -> str:
    """The words naming a number: left of it in its clause, else by the clause's mark."""
    tok, prev = tokens[i], _prev(text, tokens, i)
    floor = prev.end if prev else 0
    own, start, mark = region_label(text, tok.start, floor)
    if own:
        return own
    gap = text[start:tok.start]
    parallel = (mark in _CHAIN_MARKS or (mark in (",", "") and _YEAR_RE.search(gap))
                or (not mark and not gap.strip(" ·")))
    if prev and prev.label and parallel:
        return prev.label  # `4개소('23) ⇨ 10개소`, `1,963팀·8,037명`, `'22년 33개사, '23년 25개사`
    if mark in (":", "("):
        outer = _outer_label(text, start - 1, floor, prev, tok.end)
        if outer:
            return outer
    if mark == "\t":
        return cell_label(text, tok.start)
    return right_label(text, tok.end) or _fallback_label(text, tok, prev)


def _outer_label(text: str, pos: int, floor: int, prev: _Token | None, end: int) -> str:
    """The key before a colon or the words before a parenthesis the number opens."""
    label, _, mark = region_label(text, pos, floor)
    if not mark and prev and text[pos] == "(":  # `4개소로 확대 (2개소…`: it annotates `prev`
        return right_label(text, end) or prev.label
    return label


def _fallback_label(text: str, tok: _Token, prev: _Token | None) -> str:
    """Words before the enclosing parenthesis, the previous figure's label, or the line's key."""
    opening = enclosing_paren(text, tok.start)
    floor = prev.end if prev else 0
    outer = _outer_label(text, opening, floor, prev, tok.end) if opening is not None else ""
    if outer or prev:
        return outer or prev.label
    key = max(text.rfind(":", 0, tok.start), text.rfind(" - ", 0, tok.start))
    return region_label(text, key, 0)[0] if key > 0 else ""


def _year(text: str, tokens: list[_Token], i: int) -> int | None:
    """A year in parentheses right after the number, else the last one before it in its segment."""
    tok = tokens[i]
    after = _YEAR_PAREN_RE.match(text, tok.end)
    if after:
        return _full_year(after["yy"])
    segment = max(text.rfind(ch, 0, tok.start) for ch in _SEGMENT_MARKS) + 1
    before = list(_YEAR_RE.finditer(text, segment, tok.start))
    if before:
        m = before[-1]
        return int(m["yyyy"]) if m["yyyy"] else _full_year(m["yy"] or m["yn"])
    return _year(text, tokens, tok.parent) if tok.parent is not None else None


def _full_year(two_digits: str) -> int:
    yy = int(two_digits)
    return 1900 + yy if yy >= 50 else 2000 + yy
