"""One root exception; the CLI turns each into one line on stderr and exit code 2."""


class InboxcoachError(Exception):
    """Base of every error inboxcoach raises on purpose. The message is for the user."""


class ConfigError(InboxcoachError):
    """The configuration file is missing, unreadable or invalid."""


class SourceError(InboxcoachError):
    """A mail source (a path, a mailbox, a server) cannot be read."""


class StoreError(InboxcoachError):
    """The local database cannot be opened or is of an unknown schema."""


class AuthError(InboxcoachError):
    """A secret could not be obtained, or the server refused the login. Never contains the secret."""


class ConnectionFailed(InboxcoachError):
    """A server could not be reached, or the connection (or its TLS) failed."""


class SmtpError(InboxcoachError):
    """Sending mail failed.

    ``temporary`` is true for what a later attempt may fix (the server could not be
    reached, the connection dropped, a timeout, a 4xx reply) and false for what it
    will not (a 5xx reply, refused recipients). ``delivered`` is true when the server
    accepted the message for some recipients and refused others: sending it again
    would duplicate it for the ones that accepted.
    """

    def __init__(self, message: str, *, temporary: bool, delivered: bool = False) -> None:
        super().__init__(message)
        self.temporary = temporary
        self.delivered = delivered
