"""Shared by migrations that rebuild the publication table on SQLite (which drops triggers)."""

MESSAGE = "published statements cannot be changed or deleted; publish a correction"


def sqlite_trigger(apps, schema_editor):
    """Make again the SQLite trigger that refuses an UPDATE of a publication (0002)."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS publication_no_update;")
        schema_editor.execute(
            f"""CREATE TRIGGER publication_no_update BEFORE UPDATE ON publishing_publication
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
        )
