"""Chunk invariants on the real report: verbatim text, inside one section, under the model limit."""
from __future__ import annotations

import re

import pytest

from corpus.chunk import ChunkConfig, chunk_document, long_line_spans
from corpus.model import Chunk
from corpus.document import Document
from corpus.text import strip_html

CFG = ChunkConfig()


@pytest.fixture(scope="module")
def chunks(report: Document) -> list[Chunk]:
    return chunk_document(report, CFG)


def test_chunk_text_is_the_reports_own_text_for_its_lines(report: Document, chunks: list[Chunk]) -> None:
    for c in chunks:
        source = "\n".join(strip_html(line) for line in report.lines[c.start - 1:c.end])
        squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
        assert squash(c.text) in squash(source), c.id


def test_chunks_never_cross_a_section_boundary(report: Document, chunks: list[Chunk]) -> None:
    for c in chunks:
        section = report.section(c.section_ref)
        assert section.start <= c.start <= c.end <= section.end, c.id
        for ref in section.children:
            child = report.section(ref)
            assert c.end < child.start or c.start > child.end, (c.id, ref)


def test_chunks_stay_under_the_size_limit_and_are_never_empty_or_a_lone_marker(chunks: list[Chunk]) -> None:
    for c in chunks:
        assert len(c.text) <= CFG.max_line_chars or c.kind == "table", c.id
        assert len(c.text.strip()) > 2, c.id
        assert not re.fullmatch(r"[\d①-⑳□\s]+", c.text), c.id


def test_ids_are_unique_and_chunks_carry_their_section_path(report: Document, chunks: list[Chunk]) -> None:
    assert len({c.id for c in chunks}) == len(chunks)
    for c in chunks:
        assert c.context.split("\n")[0] == " > ".join((report.title, *report.section(c.section_ref).path))


def test_table_rows_are_indexed_with_their_headers(chunks: list[Chunk]) -> None:
    budget = next(c for c in chunks if "749,663" in c.text)
    assert budget.kind == "table"
    assert "뷰티패션산업과 예산현액: 53,538" in budget.context
    assert "(단위 : 백만원" in budget.context


def test_a_long_audit_item_is_cut_at_sentences_into_verbatim_pieces(report: Document, chunks: list[Chunk]) -> None:
    pieces = [c for c in chunks if c.kind == "audit" and c.start == c.end and "1,651명" in c.text]
    assert pieces, "the audit answer about 1,651 applicants is in a piece of its own line"
    line = strip_html(report.lines[pieces[0].start - 1])
    assert "".join(pieces[0].text.split()) in "".join(line.split())  # the report's words, spacing aside
    assert len(pieces[0].text) < len(line)


def test_long_line_spans_pack_sentences_up_to_the_budget() -> None:
    text = "첫 문장입니다. " * 40
    spans = long_line_spans(text, 100)
    assert all(len(s) <= 100 for s in spans)
    assert "".join(spans).replace(" ", "") == text.replace(" ", "")


def test_what_is_embedded_fits_the_models_512_token_window(chunks: list[Chunk]) -> None:
    from tokenizers import Tokenizer

    from corpus.tokens import normalize
    from index.e5_convert import source_paths

    tokenizer = Tokenizer.from_file(str(source_paths()[1]))
    longest = max(len(tokenizer.encode("passage: " + normalize(c.embed_text)).ids) for c in chunks)
    assert longest <= 512
