"""Units and figure mentions, checked on lines copied verbatim from the report."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.figures import Mention, cell_mention, find_mentions
from corpus.text import strip_html
from corpus.units import KINDS, UNITS, compatible, convert, header_unit, to_krw, unit_kind

REPORT = (Path(__file__).resolve().parents[2]
          / "corpus" / "reports" / "seoul-economic-policy-2023-03.txt")
REPORT_LINES = REPORT.read_text(encoding="utf-8").splitlines()


def brief(mentions: list[Mention]) -> list[tuple[str, float, str, int | None]]:
    return [(m.label, m.value, m.unit, m.year) for m in mentions]


def values(mentions: list[Mention]) -> list[tuple[float, str]]:
    return [(m.value, m.unit) for m in mentions]


# --- units -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, unit, krw", [
    (4740, "백만원", 4_740_000_000),
    (1378, "억원", 137_800_000_000),
    (89, "억", 8_900_000_000),
    (1, "조원", 1_000_000_000_000),
    (1.4, "조", 1_400_000_000_000),
    (169, "만원", 1_690_000),
    (3500, "원", 3500),
    (9, "백만원", 9_000_000),
    (1, "억 원", 100_000_000),
])
def test_to_krw(value: float, unit: str, krw: float) -> None:
    assert to_krw(value, unit) == pytest.approx(krw)


@pytest.mark.parametrize("unit", ["만불", "백만불", "천만불", "달러", "불", "명", "%", "개사"])
def test_to_krw_is_none_for_foreign_currency_and_non_money(unit: str) -> None:
    assert to_krw(300, unit) is None


@pytest.mark.parametrize("unit, kind", [
    ("백만원", "money"), ("만불", "money"), ("명", "people"), ("천명", "people"),
    ("개사", "count"), ("社", "count"), ("개소", "count"), ("%", "percent"),
    ("%p", "percent_point"), ("㎡", "area"), ("천㎡", "area"), ("개월", "time"),
    ("배", "other"), ("쪽", "other"),
])
def test_unit_kind(unit: str, kind: str) -> None:
    assert unit_kind(unit) == kind


@pytest.mark.parametrize("a, b, expected", [
    ("억원", "백만원", True), ("조", "원", True), ("만불", "억원", False), ("만불", "달러", True),
    ("명", "백만원", False), ("개사", "社", True), ("개", "개사", False), ("천명", "명", True),
    ("개소", "개", False),
])
def test_compatible(a: str, b: str, expected: bool) -> None:
    assert compatible(a, b) is expected


def test_convert() -> None:
    assert convert(4740, "백만원", "억원") == pytest.approx(47.4)
    assert convert(1.4, "조", "억원") == pytest.approx(14000)
    assert convert(5, "천명", "명") == pytest.approx(5000)
    assert convert(300, "만불", "원") is None
    assert convert(257, "명", "백만원") is None


@pytest.mark.parametrize("header, unit", [
    ("G R D P (조 원)", "조원"),
    ("외국인직접투자 (백 만 불)", "백만불"),
    ("사업체 수 (천 개)", "천개"),
    ("(단위 : 백만원, '23.2.10. 기준)", "백만원"),
    ("(단위: 명)", "명"),
    ("집행률(%)", "%"),
    ("비중 (B/A)", None),
    ("구 분", None),
])
def test_header_unit(header: str, unit: str | None) -> None:
    assert header_unit(header) == unit


def test_every_unit_has_a_known_kind() -> None:
    assert {u.kind for u in UNITS.values()} == set(KINDS)


# --- find_mentions on report lines -----------------------------------------------------------

CASES = {
    "'23년 예산 : 4,740백만원": [("'23년 예산", 4740, "백만원", 2023)],
    "인력현황 - 정원 269 / 현원 257명 [△ 12]": [("정원", 269, "명", None), ("현원", 257, "명", None)],
    " - 디지털콘텐츠(유튜브, 틱톡 등) 누적 관람 2억뷰, 현장 관람객 20,590명":
        [("현장 관람객", 20590, "명", None)],
    "- ✓ 협 력 : 100개 대·중견기업 - 409개 스타트업 매칭 달성(6,039개사 신청)":
        [("협력", 100, "개", None), ("스타트업 매칭 달성", 409, "개", None), ("신청", 6039, "개사", None)],
    " - 판로확장에 어려움을 겪는 유망 뷰티기업 종합 마케팅 지원(50개 기업)":
        [("종합 마케팅 지원", 50, "개", None)],
    "- 해외 박람회 진출, 팝업 스토어, 라이브커머스 등 마케팅 지원(60개사)": [("마케팅 지원", 60, "개사", None)],
    "- '23년 예산 : 41,115백만원 (종합형 29,127/단위형 4,890/기타 7,098)": [
        ("'23년 예산", 41115, "백만원", 2023), ("종합형", 29127, "백만원", 2023),
        ("단위형", 4890, "백만원", 2023), ("기타", 7098, "백만원", 2023)],
    "- '23년 예산 : 3,142백만원(공덕 1,670, M+창동성수 1,150, 바이오허브 287, 시양재핀테크랩 35)": [
        ("'23년 예산", 3142, "백만원", 2023), ("공덕", 1670, "백만원", 2023),
        ("M+창동성수", 1150, "백만원", 2023), ("바이오허브", 287, "백만원", 2023),
        ("시양재핀테크랩", 35, "백만원", 2023)],
    "- (거점조성) 창업거점 4개소로 확대 (2개소('22) ⇨ 4개소('23) ⇨ 10개소('26))": [
        ("창업거점", 4, "개소", None), ("창업거점", 2, "개소", 2022), ("창업거점", 4, "개소", 2023),
        ("창업거점", 10, "개소", 2026)],
    "- 목 표 : 대·중견기업 100개사('22) ⇒ 150개사('23) ⇒ 200개사('24)": [
        ("대·중견기업", 100, "개사", 2022), ("대·중견기업", 150, "개사", 2023),
        ("대·중견기업", 200, "개사", 2024)],
    " - 실업률(%) : ('19) 4.4 → ('20) 4.6 → ('21) 4.8 → ('22) 3.4": [
        ("실업률", 4.4, "%", 2019), ("실업률", 4.6, "%", 2020), ("실업률", 4.8, "%", 2021),
        ("실업률", 3.4, "%", 2022)],
    " - 고용률(%) : ('19) 60.0 → ('20) 59.3 → ('21) 59.2 → ('22) 60.4": [
        ("고용률", 60.0, "%", 2019), ("고용률", 59.3, "%", 2020), ("고용률", 59.2, "%", 2021),
        ("고용률", 60.4, "%", 2022)],
    " - 도소매숙박음식(전년 대비, 천명) : ('20) -79 → ('21) -40 → ('22) +22": [
        ("도소매숙박음식", -79, "천명", 2020), ("도소매숙박음식", -40, "천명", 2021),
        ("도소매숙박음식", 22, "천명", 2022)],
    "- 4대 핵심산업 분야 집중 투자로 미래산업 주도기반 마련('22년 89억→'23년 150억)": [
        ("미래산업 주도기반 마련", 89, "억", 2022), ("미래산업 주도기반 마련", 150, "억", 2023)],
    " - ('22년) 매출액 200억 미만, 2백만원 한도 ⇒ ('23년) 매출액 500억 미만, 5백만원 한도": [
        ("매출액", 200, "억", 2022), ("한도", 2, "백만원", 2022),
        ("매출액", 500, "억", 2023), ("한도", 5, "백만원", 2023)],
    " - 온·오프라인 수주상담 : 총827회, 936만불 수주상담 진행, 300만불 수주": [
        ("온·오프라인 수주상담", 827, "회", None), ("수주상담 진행", 936, "만불", None),
        ("수주", 300, "만불", None)],
    "- 대 상 : 서울시 거주 청년(만 18~34세) 300명": [
        ("서울시 거주 청년", 18, "세", None), ("서울시 거주 청년", 34, "세", None),
        ("서울시 거주 청년", 300, "명", None)],
    "- 면 적 : 1,124천㎡(약 34만평)": [("면적", 1124, "천㎡", None), ("면적", 34, "만평", None)],
    "- 사업규모 : 80,000백만원 / 목표 4,200명": [("사업규모", 80000, "백만원", None), ("목표", 4200, "명", None)],
    "- 입주공간 제공(70개), 글로벌 마켓 참가지원(5개사), 콘텐츠 제작(8편), 마케팅(10편) 등": [
        ("입주공간 제공", 70, "개", None), ("글로벌 마켓 참가지원", 5, "개사", None),
        ("콘텐츠 제작", 8, "편", None), ("마케팅", 10, "편", None)],
    "- 국내외 판로 확대 등 우수 콘텐츠 기업 사업화(20개社) 및 신규 채용 지원(30명)": [
        ("콘텐츠 기업 사업화", 20, "개社", None), ("신규 채용 지원", 30, "명", None)],
    "- CORE100 기업 확대(103 → 200社) 및 단계별 실질 지원 강화": [
        ("CORE100 기업 확대", 103, "社", None), ("CORE100 기업 확대", 200, "社", None)],
    "- 해외 산업 클러스터 연계 및 중동 지역 IR 확대(10 → 15회)로 유치 활성화": [
        ("지역 IR 확대", 10, "회", None), ("지역 IR 확대", 15, "회", None)],
    "- 운영기간 확대(6→11개월), 일자리 매칭 목표 대폭 상향(250→1,300명)": [
        ("운영기간 확대", 6, "개월", None), ("운영기간 확대", 11, "개월", None),
        ("목표 대폭 상향", 250, "명", None), ("목표 대폭 상향", 1300, "명", None)],
    " - 시유재산 입주 국제기구에 임대료·인건비 등 지원(5개소/ 14억원)": [
        ("임대료·인건비 등 지원", 5, "개소", None), ("임대료·인건비 등 지원", 14, "억원", None)],
    " - (생산) 전월대비 제조업(△3.5%), 서비스업(△0.2%) 감소": [
        ("전월대비 제조업", -3.5, "%", None), ("서비스업", -0.2, "%", None)],
    " - (경기) 동행지수 순환변동치(100.9, 2015=100) 전월대비 △0.9p↓": [
        ("동행지수 순환변동치 전월대비", -0.9, "p", None)],
    "G R D P (조 원)\t2,076\t472\t22.7%\t통계청\t'21년 잠정치": [
        ("GRDP", 2076, "조원", None), ("GRDP", 472, "조원", None), ("GRDP", 22.7, "%", None)],
    "영등포\t'20.10 ~ '21.06 (1·2기)\t184 명\t144 명\t78 %": [
        ("영등포", 184, "명", None), ("영등포", 144, "명", None), ("영등포", 78, "%", None)],
}


@pytest.mark.parametrize("line", list(CASES))
def test_find_mentions(line: str) -> None:
    assert brief(find_mentions(line)) == [(label, pytest.approx(value), unit, year)
                                          for label, value, unit, year in CASES[line]]


def test_case_lines_are_verbatim_report_lines() -> None:
    missing = [line for line in CASES if not any(line in report for report in REPORT_LINES)]
    assert missing == []


def test_spans_cover_number_and_unit() -> None:
    line = " - 총사업비 : 총 26,482백만원 ('23년 9,349백만원) ※ 공정률 45%('22. 12월말 기준)"
    spans = [line[m.span[0]:m.span[1]] for m in find_mentions(line)]
    assert spans == ["26,482백만원", "9,349백만원", "45%"]


def test_composed_korean_amounts() -> None:
    line = ("조성규모 (市출자액)\t1조원 (600억원)\t7천5백억원 (400억원)\t6천억원 (350억원)"
            "\t1조 4천억원 (1,100억원)\t1조원 (550억원)\t2천5백억원 (500억원)")
    mentions = find_mentions(line)
    assert values(mentions) == [
        (1, "조원"), (600, "억원"), (7500, "억원"), (400, "억원"), (6000, "억원"), (350, "억원"),
        (14000, "억원"), (1100, "억원"), (1, "조원"), (550, "억원"), (2500, "억원"), (500, "억원")]
    assert mentions[6].value_krw == pytest.approx(1.4e12)
    written = [line[slice(*m.span)] for m in mentions[2::2]]
    assert written == ["7천5백억원", "6천억원", "1조 4천억원", "1조원", "2천5백억원"]


@pytest.mark.parametrize("line, krw", [
    ("- 자부담 비율을 낮춰(20%→10%) 참여자 확대(1,500개사, 업체당 최대 9백만원)", [None, None, None, 9e6]),
    ("- 지원내용 : 최저임금 적용, 월 169만원 수준 지급 (1일 6시간 주5일 근무시)", [1.69e6, None, None, None]),
    ("- 지원대상 : 전년도 수출액 1천만불 이하 중소기업/연간 3백만원까지", [None, 3e6]),
    (" - 연 매출 2백만~2천만 달러로 국내 대기업-스타트업과 협업 가능한 기업 대상", [None, None]),
])
def test_value_krw(line: str, krw: list[float | None]) -> None:
    assert [m.value_krw for m in find_mentions(line)] == [pytest.approx(k) if k else None for k in krw]


def test_foreign_currency_ranges_keep_their_multiplier() -> None:
    line = " - 연 매출 2백만~2천만 달러로 국내 대기업-스타트업과 협업 가능한 기업 대상"
    assert values(find_mentions(line)) == [(2, "백만달러"), (2, "천만달러")]


def test_range_ends_share_the_unit() -> None:
    line = " - 특화형(300~999㎡, DT중심) : 마포(4월) · 강서(11월) · 동작(12월)"
    assert values(find_mentions(line)) == [(300, "㎡"), (999, "㎡")]


@pytest.mark.parametrize("line", [
    "기간\t9.5~9.9\t9.13~9.15\t9.21~9.24\t9.17~9.20\t9월중\t9.10~9.23",
    "- 추진근거 : 「중소기업창업 지원법」, 「서울특별시 창업지원 조례」 제4조",
    "- 추진근거 : 「서울특별시 일자리정책 기본조례」 제6조 및 제18조",
    "- 파리패션위크 트라노이 수주박람회 참가 : 3월(여성복) / 6월(남성복)",
    "- 조성기간 : '22.10. ~ '23.4. (실내 인테리어 등)",
    "(’23.2.10. 기준)",
    "- ✓ 위 치 : 광진구 더라움펜트하우스 3층, 건대입구역자이엘라 3·8층",
    "- '2023 세계도시정상회의 시장포럼 서울' 개최 (9.24. ~ 26.)",
    " - 모빌리티 거점 베트남 호치민('21.5.), 의료 거점 인도 벵갈루루('22.9.) 활성화",
    "1) NDA(Non-Disclosure Agreement) 사업상 비밀 정보 관련 상호간 비밀유지의무를 부과하는 계약의 일종",
])
def test_dates_ordinals_and_codes_are_no_figures(line: str) -> None:
    assert line in REPORT_LINES
    assert find_mentions(line) == []


@pytest.mark.parametrize("line, expected", [
    ("- ✓ 개최기간 : '23. 3.15.(수) ~ 3.19.(일), 5일간", [(5, "일")]),
    (" - 추진실적 : 16만명 방문, 244개 기업발굴 및 224억원 매출달성('22.9월 개관)",
     [(16, "만명"), (244, "개"), (224, "억원")]),
    ("- 위치/규모 : 강남구 테헤란로 7길 22 / 2,740㎡", [(2740, "㎡")]),
    (" - 위치/규모 : 중구 마른대로 38 / 연면적 4,806㎡(B3 ~ 10층)", [(4806, "㎡")]),
    ("- 중구 을지로6·7가, 신당동, 홍인동 일대(669,072㎡)", [(669072, "㎡")]),
    ("- 지원내용 : 최저임금 적용, 월 169만원 수준 지급 (1일 6시간 주5일 근무시)",
     [(169, "만원"), (1, "일"), (6, "시간"), (5, "일")]),
    ("- 사업규모 : 연 2회 (반기별) / 86,200백만원 (자치구는 시·구비 7:3 매칭)", [(2, "회"), (86200, "백만원")]),
])
def test_only_the_figures_among_dates_addresses_and_ratios(line: str, expected: list) -> None:
    assert line in REPORT_LINES
    assert values(find_mentions(line)) == expected


# --- table cells -----------------------------------------------------------------------------

@pytest.mark.parametrize("cell, default, expected", [
    ("75 %", None, [(75, "%")]),
    ("716 명", None, [(716, "명")]),
    ("41,273", "백만원", [(41273, "백만원")]),
    ("51.7", "%", [(51.7, "%")]),
    ("1조원 (600억원)", None, [(1, "조원"), (600, "억원")]),
    ("27/23", "명", [(27, "명"), (23, "명")]),
    ("37/1,728", "개/명", [(37, "개"), (1728, "명")]),
    ("-", "명", []),
    ("41,273", None, []),
    ("'20.10 ~ '21.06 (1·2기)", "명", []),
    ("(12)", None, []),
])
def test_cell_mention(cell: str, default: str | None, expected: list) -> None:
    assert values(cell_mention(cell, default)) == expected


def test_cell_mention_money_value() -> None:
    [mention] = cell_mention("41,273", "백만원")
    assert mention.value_krw == pytest.approx(41_273_000_000)


# --- the whole report ------------------------------------------------------------------------

def test_whole_report_yields_known_units_and_no_dates() -> None:
    mentions = [(line, m) for line in map(strip_html, REPORT_LINES) for m in find_mentions(line)]
    assert len(mentions) > 600
    assert all(m.unit in UNITS for _, m in mentions)
    written = [line[slice(*m.span)] for line, m in mentions]
    assert not [w for w in written if re.search(r"(?<!개)월|['’]", w)]


@pytest.mark.parametrize("line", [n for n in REPORT_LINES if "총사업비" in n and "('23년" in n])
def test_a_total_split_by_year_belongs_to_no_one_year(line: str) -> None:
    """`총사업비 : 16,900백만원('23년 : 3,023백만원)`: the total spans years; only the part in parentheses is 2023's."""
    total, part = [m for m in find_mentions(line) if m.unit.endswith("원")][:2]
    assert total.spans_years and total.year is None
    assert not part.spans_years and part.year == 2023 and part.value < total.value


def test_a_year_breakdown_needs_the_year_to_open_the_parenthesis() -> None:
    (budget, *parts) = find_mentions("'23년 예산 : 12,101백만원(앵커시설 운영 11,201, 강소특구 육성 등 900)")
    assert budget.year == 2023 and not budget.spans_years and not any(p.spans_years for p in parts)


def test_a_word_ending_in_제_is_no_ordinal() -> None:
    line = "- 의류봉제 756개, 기계금속 95개, 주얼리 84개, 인쇄 79개, 수제화 39개"
    assert line in REPORT_LINES
    assert values(find_mentions(line))[:2] == [(756, "개"), (95, "개")]
