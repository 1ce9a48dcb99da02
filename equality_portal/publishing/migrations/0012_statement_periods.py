"""Statements for any period: every draft and publication (until now an academic year) gets the
kind of publication and the months its period runs, from 1 September to 31 August.

Publications refuse UPDATE in the database (0002), so the trigger is set aside while their period
is filled in: re-enabled here on PostgreSQL, and re-created on SQLite in 0011 (whose table
rebuild would drop it again)."""

import datetime

from django.db import migrations, models


def _triggers(schema_editor, enable):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        if enable:
            # The deferred checks first: a table with pending ones cannot be altered.
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE;")
        schema_editor.execute(
            f"ALTER TABLE publishing_publication {'ENABLE' if enable else 'DISABLE'} "
            "TRIGGER publication_immutable;"
        )
    elif vendor == "sqlite" and not enable:
        schema_editor.execute("DROP TRIGGER IF EXISTS publication_no_update;")


def academic_years_to_periods(apps, schema_editor):
    _triggers(schema_editor, enable=False)
    for name in ("StatementDraft", "HistoricalStatementDraft", "Publication"):
        model = apps.get_model("publishing", name)
        for pk, year in model.objects.values_list("pk", "academic_year"):
            model.objects.filter(pk=pk).update(
                period_start=datetime.date(year, 9, 1),
                period_end=datetime.date(year + 1, 8, 31),
            )
    carry_forward = apps.get_model("publishing", "CarryForward")
    for pk, year in carry_forward.objects.values_list("pk", "from_year"):
        carry_forward.objects.filter(pk=pk).update(from_label=f"{year}-{(year + 1) % 100:02d}")
    _triggers(schema_editor, enable=True)


def periods_to_academic_years(apps, schema_editor):
    _triggers(schema_editor, enable=False)
    for name in ("StatementDraft", "HistoricalStatementDraft", "Publication"):
        model = apps.get_model("publishing", name)
        for pk, start in model.objects.values_list("pk", "period_start"):
            year = start.year if start.month >= 9 else start.year - 1
            model.objects.filter(pk=pk).update(academic_year=year)
    carry_forward = apps.get_model("publishing", "CarryForward")
    for pk, label in carry_forward.objects.values_list("pk", "from_label"):
        carry_forward.objects.filter(pk=pk).update(from_year=int(label[:4]))
    _triggers(schema_editor, enable=True)


KIND = models.CharField(
    choices=[
        ("statement", "Equality information and objectives"),
        ("plan", "A plan over several years"),
        ("annual_report", "An annual report"),
    ],
    default="statement",
    max_length=20,
    verbose_name="kind of publication",
)
LABEL = models.CharField(
    blank=True,
    help_text=(
        "The period as the school writes it, for example “2013-16” or “April 2024 to March "
        "2025” (optional: the portal writes it from the months otherwise)."
    ),
    max_length=100,
    verbose_name="period, as the school writes it",
)


def start():
    return models.DateField(null=True, help_text="The first day of the period's first month.")


def end():
    return models.DateField(null=True, help_text="The last day of the period's last month.")


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0011_trust_statements"),
    ]

    operations = [
        *(
            op
            for model_name in ("statementdraft", "historicalstatementdraft", "publication")
            for op in (
                migrations.AddField(model_name=model_name, name="kind", field=KIND),
                migrations.AddField(model_name=model_name, name="period_label", field=LABEL),
                migrations.AddField(model_name=model_name, name="period_start", field=start()),
                migrations.AddField(model_name=model_name, name="period_end", field=end()),
            )
        ),
        migrations.AddField(
            model_name="carryforward",
            name="from_label",
            field=models.CharField(
                default="",
                help_text="The statement it started from, by its period.",
                max_length=100,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(academic_years_to_periods, periods_to_academic_years),
    ]
