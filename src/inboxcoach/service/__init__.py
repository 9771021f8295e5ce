"""The daemon and what it does beside the passes: the schedule, SMTP, secrets, systemd."""
