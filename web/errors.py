"""Every error answers {"error": {"code": str, "message": str}}, whatever raised it."""
from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from qa.errors import IndexNotReadyError, InvalidQuestionError, QAError, SectionNotFoundError, StorageError
from web.edge.redact import redacted_path

logger = logging.getLogger(__name__)

# Validation error types with a code of their own; any other is a 422 "invalid_request".
_VALIDATION_CODES: dict[str, tuple[int, str]] = {
    "json_invalid": (400, "invalid_json"),
    "empty_question": (400, "empty_question"),
    "question_too_long": (413, "question_too_long"),
}
_QA_STATUS: dict[type[QAError], int] = {
    InvalidQuestionError: 400,
    SectionNotFoundError: 404,
    IndexNotReadyError: 503,
    StorageError: 503,
}
INTERNAL_MESSAGE = "internal server error; the traceback is in the server log"
_TEMPLATE_PARTS = re.compile(r"(\{[^/}]+\})")  # an OpenAPI path template's parameters, kept by split()
STORAGE_MESSAGE = "conversations and feedback cannot be stored right now; try again later (저장소를 쓸 수 없습니다)"


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _describe(error: dict[str, Any]) -> str:
    """One validation error as 'field: why'."""
    if error["type"] == "json_invalid":
        return f"request body is not valid JSON ({error.get('ctx', {}).get('error', 'decode error')})"
    loc = tuple(error.get("loc", ()))
    field = ".".join(str(part) for part in (loc[1:] if loc[:1] == ("body",) else loc))
    return f"{field or 'body'}: {error['msg']}"


async def _on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    for error in errors:
        if error["type"] in _VALIDATION_CODES:
            status, code = _VALIDATION_CODES[error["type"]]
            return error_response(status, code, _describe(error))
    return error_response(422, "invalid_request", "; ".join(_describe(error) for error in errors))


def _status_name(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "http_error"


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    # FastAPI turns body-decoding failures other than JSON syntax (e.g. invalid UTF-8) into a bare 400.
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        return error_response(400, "invalid_json", "request body is not valid UTF-8 encoded JSON")
    message = f"{exc.detail}: {request.method} {redacted_path(request.url.path)}"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # Starlette names only the first route on the path; every route's methods count
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
    return error_response(exc.status_code, _status_name(exc.status_code), message, headers or None)


def _allowed_methods(request: Request) -> str | None:
    """The methods the OpenAPI schema lists for the request's path, e.g. "DELETE, GET"."""
    for template, operations in request.app.openapi()["paths"].items():
        pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in _TEMPLATE_PARTS.split(template))
        if re.fullmatch(pattern, request.url.path):
            return ", ".join(sorted(method.upper() for method in operations))
    return None


async def _on_qa_error(request: Request, exc: QAError) -> JSONResponse:
    status = next((code for cls, code in _QA_STATUS.items() if isinstance(exc, cls)), 500)
    if isinstance(exc, StorageError):  # its message names a server path: that goes to the log only
        logger.error("%s %s: %s", request.method, redacted_path(request.url.path), exc)
        return error_response(status, exc.code, STORAGE_MESSAGE)
    return error_response(status, exc.code, str(exc) or exc.code.replace("_", " "))




def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(QAError, _on_qa_error)  # anything else: web.edge.catch_all
