"""The section tree of the real report: every program of part IV, with its ref and title."""
from __future__ import annotations

import pytest

from corpus.document import Document

PROGRAMS = {
    "IV.1.1": "서울 뷰티산업 경쟁력 강화 및 활성화 지원",
    "IV.1.2": "2023 서울패션위크 개최",
    "IV.1.3": "영상·1인미디어·게임 등 콘텐츠 산업 생태계 활성화",
    "IV.1.4": "글로벌 위상 강화를 위한 전략적 도시외교 추진",
    "IV.2.1": "글로벌 투자유치 활성화를 위한 서울투자청 운영",
    "IV.2.2": "서울 스타트업 지원 인프라 강화",
    "IV.2.3": "스타트업 글로벌 진출 지원",
    "IV.2.4": "청년창업 육성으로 대학 지역 활성화하는 캠퍼스타운 조성",
    "IV.2.5": "신산업 성장 촉진을 위한 신기술 개발 및 투자 지원",
    "IV.3.1": "청년취업사관학교 조성·운영",
    "IV.3.2": "서울형 청년인턴 직무캠프 추진",
    "IV.3.3": "서울형 강소기업 선정 · 지원",
    "IV.3.4": "다각적인 청년취업 지원 서비스 추진",
    "IV.3.5": "기술교육원 운영 활성화를 통한 산업인력 양성",
    "IV.4.1": "양재 일대를 글로벌 AI 플랫폼 도시로 도약",
    "IV.4.2": "홍릉 일대 글로벌 바이오 클러스터 조성",
    "IV.4.3": "디지털 금융산업 육성을 통한 금융경쟁력 강화",
    "IV.4.4": "G밸리 중심 ICT 기반 기업생태계 고도화",
    "IV.4.5": "대·중·소기업 동반성장 마곡 융복합 R&D단지 조성",
    "IV.4.6": "테스트베드 실증기회 확대를 통한 혁신기술 경쟁력 강화",
    "IV.5.1": "공공일자리 사업 개편으로 고용지원 효과 제고",
    "IV.5.2": "도시제조업 안전한 작업환경 조성",
    "IV.5.3": "중소기업 위기 대응력 강화 및 권리 확보 지원",
}


def test_every_program_of_part_iv_is_found_with_its_title(report: Document) -> None:
    programs = {s.ref: s.title for s in report.sections if s.kind == "program" and s.ref.startswith("IV.")}
    assert programs == PROGRAMS


def test_parts_and_chapters(report: Document) -> None:
    parts = [s.ref for s in report.sections if s.kind == "part"]
    assert parts == ["I", "II", "III", "IV", "V"]
    chapters = [s.ref for s in report.sections if s.kind == "chapter"]
    assert chapters == ["IV.1", "IV.2", "IV.3", "IV.4", "IV.5"]
    assert report.section("II").title == "現經濟狀況"  # letter-spaced in the report


@pytest.mark.parametrize("ref, path", [
    ("IV.2.3.b3.1", ("주요 업무보고", "지속성장 기반 강화를 위한 투자·창업 생태계 구축", "스타트업 글로벌 진출 지원",
                     "'23년 추진계획", "서울-해외 도시간 스타트업 혁신 네트워크 구축")),
    ("IV.1.4.2.b1", ("주요 업무보고", "글로벌 트렌드 선도산업 육성 및 전략적 외교로 도시 경쟁력 강화",
                     "글로벌 위상 강화를 위한 전략적 도시외교 추진", "국제기구·회의 네트워크 기반 글로벌 아젠다 논의", "사업개요")),
    ("II.2.b2", ("現經濟狀況", "경제전망 및 분야별 동향", "일자리·고용 동향")),
    ("V.3", ("2022년 행정사무감사 처리결과", "건의사항")),
])
def test_nesting_follows_the_report(report: Document, ref: str, path: tuple[str, ...]) -> None:
    assert report.section(ref).path == path


def test_a_circled_number_out_of_order_is_not_a_subprogram(report: Document) -> None:
    # "② 육아휴직자 대체 청년인턴 인건비 지원" continues a list inside 사업개요; no ① precedes it.
    children = report.section("IV.3.3.b1").children
    assert children == ()


def test_section_ranges_nest_and_do_not_overlap(report: Document) -> None:
    for s in report.sections:
        for ref in s.children:
            child = report.section(ref)
            assert s.start <= child.start <= child.end <= s.end
        siblings = [report.section(r) for r in s.children]
        for a, b in zip(siblings, siblings[1:]):
            assert a.end < b.start


def test_section_at_finds_the_deepest_section(report: Document) -> None:
    line = next(n for n, text in enumerate(report.lines, 1) if "'23년 예산 : 4,740백만원" in text)
    assert report.section_at(line).ref == "IV.1.1.b1"
