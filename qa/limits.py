"""The limits of a question, one place for the engine and the API."""

MAX_QUESTION_CHARS = 1000
DEFAULT_TOP_K = 5  # passages returned with an answer
MAX_TOP_K = 20
