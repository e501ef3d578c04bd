"""Answer candidates on the real report: each knows its scope (the bullets above it), its list items in
the report's order, and the passage that holds it."""
from __future__ import annotations

import pytest

from corpus.candidates import Candidate, build_candidates
from corpus.chunk import chunk_document
from corpus.document import Document
from corpus.model import Chunk

CITIES = ("(캐) 몬트리올", "셔브룩", "퀘벡", "(미) 뉴욕", "디트로이트", "피츠버그", "(일) 도쿄", "(한) 서울")


@pytest.fixture(scope="module")
def chunks(report: Document) -> list[Chunk]:
    return chunk_document(report)


@pytest.fixture(scope="module")
def candidates(report: Document, chunks: list[Chunk]) -> list[Candidate]:
    return build_candidates(report, chunks)


def one(candidates: list[Candidate], kind: str, starts: str) -> Candidate:
    found = [c for c in candidates if c.kind == kind and c.text.startswith(starts)]
    assert len(found) == 1, [c.text for c in found]
    return found[0]


def test_a_line_knows_the_bullet_it_hangs_from_and_lists_its_items_in_order(candidates: list[Candidate]) -> None:
    cities = one(candidates, "line", "(캐) 몬트리올")
    assert cities.scope[-1].startswith("구 성 : ") and "8개 도시" in cities.scope[-1]
    assert cities.items == CITIES


def test_a_key_line_under_a_box_heading_is_scoped_by_it_and_carries_its_figure(candidates: list[Candidate]) -> None:
    budget = one(candidates, "line", "'23년 예산 : 4,740백만원")
    assert budget.scope == ("사업개요",) and budget.key == "'23년 예산"
    assert [(f.value, f.unit, f.year) for f in budget.figures] == [(4740, "백만원", 2023)]


def test_a_block_holds_the_points_under_its_heading(candidates: list[Candidate]) -> None:
    results = [c for c in candidates if c.kind == "block" and "작업환경 개선 : 1,053개사" in c.text]
    assert results and results[0].items[:2] == ("의류봉제·기계금속·주얼리·인쇄·수제화 업체 작업환경 개선 : 1,053개사",
                                                "의류봉제 756개, 기계금속 95개, 주얼리 84개, 인쇄 79개, 수제화 39개")


def test_every_line_candidate_stands_in_the_passage_it_cites(candidates: list[Candidate], chunks: list[Chunk]) -> None:
    by_id = {c.id: c for c in chunks}
    flat = lambda text: "".join(text.split())  # noqa: E731
    lines = [c for c in candidates if c.kind == "line"]
    assert lines and all(flat(c.text) in flat(by_id[c.chunk_id].text) for c in lines)


def test_points_after_a_lone_point_and_a_blank_line_hang_from_it(candidates: list[Candidate]) -> None:
    area = one(candidates, "line", "중구 을지로6·7가, 신당동, 홍인동 일대(669,072㎡)")
    assert "뷰티패션특구" in area.scope[-1]
    award = one(candidates, "line", "에이올코리아(고려대, 복합냉방환기시스템)")
    assert award.scope[-1].startswith("연매출액 10억 또는 투자유치 3억 이상 69팀 발굴")


def test_a_point_after_a_blank_line_alone_stays_a_sibling(candidates: list[Candidate]) -> None:
    line = one(candidates, "line", "대학·지역 상생을 위한 캠퍼스타운 지역 활성화 프로그램 운영")
    assert not line.scope[-1].startswith("(지역상생)")
