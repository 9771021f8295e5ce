from inboxcoach.cli import entry

entry()
