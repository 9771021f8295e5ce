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
