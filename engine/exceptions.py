"""Errors the engine's services raise; the API turns each into its HTTP status."""


class EngineError(Exception):
    status_code = 400

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(EngineError):
    status_code = 404


class Conflict(EngineError):
    """The thing is no longer in a state that allows this (completed twice, suspended ...)."""

    status_code = 409


class Forbidden(EngineError):
    status_code = 403


class InvalidData(EngineError):
    """Submitted data failed validation; `errors` maps each field to its messages."""

    status_code = 400

    def __init__(self, message: str, errors: dict[str, list[str]]):
        super().__init__(message, errors=errors)
        self.errors = errors
