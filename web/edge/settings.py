"""Settings for serving beyond loopback: API keys, limits, CORS, logging and the messenger secrets.

Read by web.settings.Settings.from_env, which documents the variables; parsing errors are
ValueErrors that it turns into SettingsError.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from web.edge.ratelimit import RateLimit, parse_rate_limit

DEFAULT_RATE_LIMIT = "120/minute"
DEFAULT_MAX_BODY_BYTES = 64 * 1024
DEFAULT_CALLBACK_HOSTS = ("*.kakao.com", "hooks.slack.com")
MIN_KEY_CHARS = 16


@dataclass(frozen=True)
class EdgeSettings:
    # secrets stay out of repr(), so printing or logging the settings never shows them
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    admin_keys: tuple[str, ...] = field(default=(), repr=False)  # API keys that may also export feedback
    rate_limit: RateLimit | None = parse_rate_limit(DEFAULT_RATE_LIMIT)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    cors_origins: tuple[str, ...] = ()
    log_questions: bool = False
    public_url: str | None = None
    kakao_secret: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    kakao_budget_s: float = 3.5
    slack_budget_s: float = 2.0
    callback_hosts: tuple[str, ...] = DEFAULT_CALLBACK_HOSTS
    page_secret: str | None = field(default=None, repr=False)

    @property
    def keys_enabled(self) -> bool:
        """Whether /api/* needs a key (or the page's cookie)."""
        return bool(self.api_keys or self.admin_keys)

    @classmethod
    def from_values(cls, values: Mapping[str, str]) -> EdgeSettings:
        """`values`: the non-blank QA_* variables."""
        return cls(
            api_keys=_api_keys(values.get("QA_API_KEYS", ""), values.get("QA_API_KEYS_FILE")),
            admin_keys=_api_keys(values.get("QA_ADMIN_KEYS", ""), None),
            rate_limit=parse_rate_limit(values.get("QA_RATE_LIMIT", DEFAULT_RATE_LIMIT)),
            max_body_bytes=_byte_count(values.get("QA_MAX_BODY_BYTES")),
            cors_origins=tuple(_origin(item) for item in _csv(values.get("QA_CORS_ORIGINS", ""))),
            log_questions=values.get("QA_LOG_QUESTIONS", "").strip().lower() in {"1", "true", "yes", "on"},
            public_url=_public_url(values.get("QA_PUBLIC_URL")),
            kakao_secret=values.get("QA_KAKAO_SECRET"),
            slack_signing_secret=values.get("QA_SLACK_SIGNING_SECRET"),
            kakao_budget_s=_seconds("QA_KAKAO_BUDGET_SECONDS", values.get("QA_KAKAO_BUDGET_SECONDS"), 3.5),
            slack_budget_s=_seconds("QA_SLACK_BUDGET_SECONDS", values.get("QA_SLACK_BUDGET_SECONDS"), 2.0),
            callback_hosts=tuple(_csv(values["QA_CALLBACK_HOSTS"])) if "QA_CALLBACK_HOSTS" in values
            else DEFAULT_CALLBACK_HOSTS,
            page_secret=values.get("QA_SESSION_SECRET"),
        )


def _csv(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _api_keys(inline: str, file: str | None) -> tuple[str, ...]:
    keys = _csv(inline)
    if file:
        try:
            lines = Path(file).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise ValueError(f"QA_API_KEYS_FILE cannot be read: {error}") from None
        keys += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if any(len(key) < MIN_KEY_CHARS for key in keys):
        raise ValueError(f"every API key (QA_API_KEYS, QA_API_KEYS_FILE, QA_ADMIN_KEYS) needs at least "
                         f"{MIN_KEY_CHARS} characters")
    return tuple(dict.fromkeys(keys))


def _byte_count(raw: str | None) -> int:
    try:
        value = DEFAULT_MAX_BODY_BYTES if raw is None else int(raw)
    except ValueError:
        raise ValueError(f"QA_MAX_BODY_BYTES must be a whole number of bytes, got {raw!r}") from None
    if value < 1:
        raise ValueError(f"QA_MAX_BODY_BYTES must be at least 1, got {value}")
    return value


def _seconds(name: str, raw: str | None, default: float) -> float:
    try:
        value = default if raw is None else float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0 <= value <= 60:
        raise ValueError(f"{name} must be between 0 and 60 seconds, got {value}")
    return value


def _origin(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path not in {"", "/"}:
        raise ValueError(f"QA_CORS_ORIGINS takes origins like https://example.org (no '*', no path), got {text!r}")
    return f"{parts.scheme}://{parts.netloc}"


def _public_url(raw: str | None) -> str | None:
    if raw is None:
        return None
    parts = urlsplit(raw.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"QA_PUBLIC_URL must be an http(s) URL, got {raw!r}")
    return raw.strip().rstrip("/")
