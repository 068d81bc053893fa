"""The one exception type that domain operations raise when they refuse to act."""


class DomainError(Exception):
    """An operation refused: the message is a sentence meant for the person who asked.

    ``field`` names the form field at fault, when there is one, so forms can show it in place.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
