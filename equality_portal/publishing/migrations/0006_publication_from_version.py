"""Every publication is made from a version; the hash-of-live-data approval goes. SQLite rebuilds
the publication table for these changes, which drops its trigger, so it is made again."""

import django.db.models.deletion
from django.db import migrations, models

MESSAGE = "published statements cannot be changed or deleted; publish a correction"


def restore_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS publication_no_update;")
        schema_editor.execute(
            f"""CREATE TRIGGER publication_no_update BEFORE UPDATE ON publishing_publication
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
        )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0005_statement_versions")]

    operations = [
        migrations.RemoveField(model_name="publication", name="approval"),
        migrations.AlterField(
            model_name="publication",
            name="statement_version",
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="publication", to="publishing.statementversion"),
        ),
        migrations.DeleteModel(name="Approval"),
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop),
    ]
