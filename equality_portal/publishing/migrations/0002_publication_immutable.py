"""Published statements are immutable in the database itself, not only in the model: an UPDATE
of a publication row fails, whatever code or console issued it, and on PostgreSQL (production)
so does a DELETE. SQLite has no TRUNCATE, so a DELETE trigger there would also stop Django's
flush, which tests and `manage.py flush` rely on; on PostgreSQL flush truncates, which row
triggers do not see."""

from django.db import migrations

MESSAGE = "published statements cannot be changed or deleted; publish a correction"

SQL = {
    "sqlite": {
        "forward": [
            f"""CREATE TRIGGER publication_no_update BEFORE UPDATE ON publishing_publication
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        ],
        "reverse": [
            "DROP TRIGGER IF EXISTS publication_no_update;",
        ],
    },
    "postgresql": {
        "forward": [
            f"""CREATE FUNCTION publication_immutable() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;""",
            """CREATE TRIGGER publication_immutable BEFORE UPDATE OR DELETE
                ON publishing_publication FOR EACH ROW EXECUTE FUNCTION publication_immutable();""",
        ],
        "reverse": [
            "DROP TRIGGER IF EXISTS publication_immutable ON publishing_publication;",
            "DROP FUNCTION IF EXISTS publication_immutable();",
        ],
    },
}


def run(direction):
    def apply(apps, schema_editor):
        for statement in SQL.get(schema_editor.connection.vendor, {}).get(direction, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(run("forward"), run("reverse"))]
