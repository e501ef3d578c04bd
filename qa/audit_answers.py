"""Audit follow-up questions answered from the records (placeholder)."""
from __future__ import annotations


class AuditDesk:
    def __init__(self, doc, ranker) -> None:
        self.doc = doc

    def answer(self, q, ranking):
        return None
