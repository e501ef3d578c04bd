"""The report's own names: which are places with siblings of the same kind."""
from __future__ import annotations

import pytest

from corpus.document import Document
from corpus.names import facility_kind, report_names


@pytest.mark.parametrize("word, kind", [
    ("서울바이오허브", "허브"),
    ("남부기술교육원", "교육원"),
    ("스케일업센터", "센터"),
    ("센터", ""),  # the kind alone names no place
    ("국가산업단지", ""),  # …단지 names a category as often as a place
    ("입주기업", ""),
])
def test_the_kind_of_place_a_name_names(word: str, kind: str) -> None:
    assert facility_kind(word) == kind


def test_the_report_names_several_hubs(report: Document) -> None:
    hubs = {n for n in report_names(report.lines) if facility_kind(n) == "허브"}
    assert {"서울바이오허브", "서울창업허브"} <= hubs
