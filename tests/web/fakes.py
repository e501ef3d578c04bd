"""A fake engine with Korean data: the API contract without an index."""
from __future__ import annotations

from typing import Any

from qa.answer import Answer, AnswerFigure, Passage, SectionInfo
from qa.errors import InvalidQuestionError, SectionNotFoundError


SECTIONS = [
    {"ref": "I", "kind": "part", "title": "일반 현황", "path": ["일반 현황"], "lines": [1, 40],
     "parent": None, "children": ["I.1"]},
    {"ref": "I.1", "kind": "heading", "title": "조직 및 인력", "path": ["일반 현황", "조직 및 인력"],
     "lines": [3, 20], "parent": "I", "children": []},
]
STAFF = SectionInfo(ref="I.1", title="조직 및 인력", path=("일반 현황", "조직 및 인력"))


class FakeEngine:
    """Answers every question from one passage; a question without letters or digits is invalid."""

    def ask(self, question: str, session_id: str | None = None, top_k: int = 5) -> Answer:
        if not any(ch.isalnum() for ch in question):
            raise InvalidQuestionError("질문으로 보기 어렵습니다")
        passage = Passage(id="c1", text="정원 269 / 현원 257명 [△ 12]", score=0.91, section=STAFF, lines=(5, 5))
        figure = AnswerFigure(label="현원", value=257.0, unit="명", value_krw=None, year=2023, computed=False,
                              section=STAFF, source="정원 269 / 현원 257명", passage_id="c1")
        return Answer(answer="현원은 257명입니다.", abstained=False, session_id=session_id or "s-new",
                      passages=(passage,)[:top_k], figures=(figure,), timing_ms={"retrieve": 1.5, "total": 2.0})

    def outline(self) -> list[dict]:
        return SECTIONS

    def section(self, ref: str) -> dict:
        for entry in SECTIONS:
            if entry["ref"] == ref:
                children = [{"ref": c, "title": "조직 및 인력", "kind": "heading"} for c in entry["children"]]
                return {**entry, "text": "□ 조직 및 인력\n정원 269 / 현원 257명", "children": children}
        raise SectionNotFoundError(f"no section {ref!r}")


def check_error(response: Any, status: int, code: str) -> None:
    """The response has `status` and exactly the {"error": {"code", "message"}} shape with `code`."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


