"""Processes of their own for work that keeps a core busy (the audit chain's walk).

They are started fresh ("spawn"), not forked: a forked process would share the parent's
database connection. This module imports nothing of the models, so a new process can
load it before Django is set up.
"""


def django_ready(database_name: str) -> None:
    """Set Django up in a new process, on the same database as the one that started it
    (in the tests, the test database rather than the one the settings name)."""
    import django

    django.setup()
    from django.db import connection

    connection.settings_dict["NAME"] = database_name
