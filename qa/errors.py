"""Domain errors; web/ maps them to HTTP status codes."""


class QAError(Exception):
    code = "qa_error"


class InvalidQuestionError(QAError):
    code = "invalid_question"


class SectionNotFoundError(QAError):
    code = "section_not_found"


class IndexNotReadyError(QAError):
    code = "index_not_ready"


class StorageError(QAError):
    """The conversation and feedback database cannot be read or written (the message names the file)."""

    code = "storage_unavailable"


class IndexBuildingError(IndexNotReadyError):
    """The index is being (re)built: minutes, not seconds."""

    code = "index_building"
