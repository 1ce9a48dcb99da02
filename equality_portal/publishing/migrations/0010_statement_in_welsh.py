"""The statement in Welsh: the draft's and sections' Welsh texts, and each version's and
publication's Welsh data, HTML and PDF. SQLite rebuilds the publication table to add the
columns, which drops its no-update trigger, so it is made again."""

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

    dependencies = [
        ('publishing', '0009_statement_summary'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalstatementdraft',
            name='accessibility_plan_cy',
            field=models.TextField(blank=True, max_length=10000, verbose_name='accessibility plan summary in Welsh'),
        ),
        migrations.AddField(
            model_name='historicalstatementdraft',
            name='equality_policy_cy',
            field=models.TextField(blank=True, max_length=30000, verbose_name='equality policy in Welsh'),
        ),
        migrations.AddField(
            model_name='historicalstatementdraft',
            name='introduction_cy',
            field=models.TextField(blank=True, max_length=5000, verbose_name='introduction in Welsh'),
        ),
        migrations.AddField(
            model_name='historicalstatementdraft',
            name='summary_cy',
            field=models.TextField(blank=True, max_length=600, verbose_name='summary in Welsh'),
        ),
        migrations.AddField(
            model_name='historicalstatementdraft',
            name='title_cy',
            field=models.CharField(blank=True, max_length=200, verbose_name='title in Welsh'),
        ),
        migrations.AddField(
            model_name='publication',
            name='data_cy',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='publication',
            name='data_json_cy',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='publication',
            name='html_cy',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='publication',
            name='pdf_cy',
            field=models.BinaryField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='statementdraft',
            name='accessibility_plan_cy',
            field=models.TextField(blank=True, max_length=10000, verbose_name='accessibility plan summary in Welsh'),
        ),
        migrations.AddField(
            model_name='statementdraft',
            name='equality_policy_cy',
            field=models.TextField(blank=True, max_length=30000, verbose_name='equality policy in Welsh'),
        ),
        migrations.AddField(
            model_name='statementdraft',
            name='introduction_cy',
            field=models.TextField(blank=True, max_length=5000, verbose_name='introduction in Welsh'),
        ),
        migrations.AddField(
            model_name='statementdraft',
            name='summary_cy',
            field=models.TextField(blank=True, max_length=600, verbose_name='summary in Welsh'),
        ),
        migrations.AddField(
            model_name='statementdraft',
            name='title_cy',
            field=models.CharField(blank=True, max_length=200, verbose_name='title in Welsh'),
        ),
        migrations.AddField(
            model_name='statementsection',
            name='body_cy',
            field=models.TextField(blank=True, max_length=30000, verbose_name='body in Welsh'),
        ),
        migrations.AddField(
            model_name='statementsection',
            name='heading_cy',
            field=models.CharField(blank=True, max_length=200, verbose_name='heading in Welsh'),
        ),
        migrations.AddField(
            model_name='statementversion',
            name='data_cy',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='statementversion',
            name='data_json_cy',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='statementversion',
            name='html_cy',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='statementversion',
            name='pdf_cy',
            field=models.BinaryField(blank=True, null=True),
        ),
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop),
    ]
