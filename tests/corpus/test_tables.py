"""Tables of the real report: merged headers, letter-spaced row names, addressable cells."""
from __future__ import annotations

from corpus.model import Table
from corpus.document import Document


def table_at(doc: Document, line_text: str) -> Table:
    line = next(n for n, text in enumerate(doc.lines, 1) if line_text in text)
    return next(t for t in doc.tables if t.start <= line <= t.end)


def cell(table: Table, row: str, col: str) -> str:
    return next(c.text for c in table.cells if c.row_header == row and c.col_header == col)


def test_budget_table_cells_carry_row_and_merged_column_headers(report: Document) -> None:
    budget = table_at(report, "749,663")
    assert budget.section_ref == "I.4"
    assert len(budget.header_lines) == 2
    assert cell(budget, "뷰티패션산업과", "예산현액") == "53,538"
    assert cell(budget, "일자리정책과", "집행률(%) / 지출액") == "12.7"
    assert cell(budget, "캠퍼스타운활성화과", "집행률(%) / 원인행위액") == "51.7"


def test_transposed_table_names_cells_by_row_label_and_column(report: Document) -> None:
    schools = table_at(report, "용산구 한남동")
    assert cell(schools, "위치", "동부") == "강동구 고덕동"
    assert cell(schools, "학과 / 인원", "북부") == "54/1,852"


def test_html_cells_keep_their_text_without_tags(report: Document) -> None:
    audit = table_at(report, "트라이에브리썹")
    first = audit.rows[0]
    assert first[0].startswith("1. 트라이에브리썹 관련")
    assert all("<" not in text for row in audit.rows for text in row)


def test_table_figures_take_the_caption_unit_or_the_header_unit(report: Document) -> None:
    line = next(n for n, text in enumerate(report.lines, 1) if text.startswith("뷰 티 패 션 산 업 과\t53,538"))
    figures = {(f.label, f.unit): f.value for f in report.figures if f.line == line}
    assert figures[("뷰티패션산업과 예산현액", "백만원")] == 53538
    assert figures[("뷰티패션산업과 집행률(%) / 지출액", "%")] == 10.5


def test_a_count_of_things_under_their_header_is_in_개(report: Document) -> None:
    line = next(n for n, text in enumerate(report.lines, 1) if text.startswith("학 과 / 인 원"))
    figures = {(f.value, f.unit) for f in report.figures if f.line == line and "북부" in f.label}
    assert figures == {(54, "개"), (1852, "명")}  # `54/1,852` under `학과 / 인원`: 54개 학과, 1,852명
