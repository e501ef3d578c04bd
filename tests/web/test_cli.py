"""The `qa` command on the fake engine: ask (text and JSON), eval, and settings errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from web import app as web_app
from web.cli import main


@pytest.fixture(autouse=True)
def fake_loaded_engine(monkeypatch: pytest.MonkeyPatch, fake_engine: object) -> None:
    monkeypatch.setattr(web_app, "load_configured_engine", lambda settings: fake_engine)


def test_ask_prints_answer_citations_and_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "경제정책실 현원은?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("현원은 257명입니다.")
    assert " [1] 일반 현황 > 조직 및 인력 (줄 5-5, 점수 0.910)" in out
    assert " - 현원: 257 명, 2023년 (일반 현황 > 조직 및 인력)" in out


def test_ask_json_is_the_api_response(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "현원은?", "--json", "--session", "s-9", "--top-k", "2"]) == 0
    out = capsys.readouterr().out
    body = json.loads(out)
    assert "현원" in out and body["session_id"] == "s-9" and body["passages"][0]["lines"] == [5, 5]


def test_refused_question_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "???"]) == 1
    assert "invalid_question" in capsys.readouterr().err


def test_eval_prints_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    item = {"id": "q1", "question": "현원은?", "type": "numeric", "evidence": ["현원 257명"],
            "section": "조직 및 인력",
            "figures": [{"value": 257, "unit": "명"}], "history": []}
    gold.write_text(json.dumps(item, ensure_ascii=False) + "\n\n", encoding="utf-8")
    assert main(["eval", str(gold), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["recall@1"], summary["section@1"], summary["figure_struct"]) == (1.0, 1.0, 1.0)
    assert main(["eval", str(gold), "--k", "3"]) == 0
    assert "recall@3" in capsys.readouterr().out


def test_bad_settings_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_PORT", "http")
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "현원은?"])
    assert exit_info.value.code == 2
