"""The table of the ``rate_limits`` cache (settings.CACHES): sign-in and reset counters."""

from django.core.management import call_command
from django.db import migrations

TABLE = "portal_rate_limits"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0003_audit_events"),
    ]

    operations = [migrations.RunPython(create_table, drop_table)]
