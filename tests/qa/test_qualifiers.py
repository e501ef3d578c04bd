"""`수료한 인원`: the verb that says which people are asked about counts when options are ranked (real report)."""
from __future__ import annotations

from qa.engine import QAEngine
from qa.features import ATTRIBUTE


def test_the_people_who_finished_not_the_people_trained(real: QAEngine) -> None:
    options = real.understand("기술교육원 작년에 수료한 인원 몇 명이야?", None).options
    finished = next(o for o in options if "5,596명 수료" in o.cand.text)
    trained = next(o for o in options if o.cand.text.startswith("훈련인원 : 158개 학과"))
    assert finished.features[ATTRIBUTE] > trained.features[ATTRIBUTE]
    assert options[0].cand.text == finished.cand.text
