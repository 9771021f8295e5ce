"""inboxcoach: coaching residency applicants through writing to programs."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
