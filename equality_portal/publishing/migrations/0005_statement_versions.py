"""Frozen versions and governors' decisions replace the approval that was a hash of live data.

Each existing publication becomes version 1 (or the next number) of its draft, made from the
publication's own frozen data, HTML and PDF, with an approving decision from its approval.
Approvals never published are dropped: they approved live data that cannot be frozen after the
fact, so the draft is submitted again. Publications refuse UPDATE in the database (0002), so the
trigger is set aside while the publication is linked to its version, and restored in 0005.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Max

BODY = "Governing body"


def link_publications(apps, schema_editor):
    Publication = apps.get_model("publishing", "Publication")
    StatementVersion = apps.get_model("publishing", "StatementVersion")
    Decision = apps.get_model("publishing", "Decision")
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE publishing_publication DISABLE TRIGGER publication_immutable;"
        )
    elif connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS publication_no_update;")
    publications = Publication.objects.select_related("approval__draft").order_by("pk")
    for publication in publications:
        approval = publication.approval
        draft = approval.draft
        latest = StatementVersion.objects.filter(draft=draft).aggregate(Max("number"))
        version = StatementVersion.objects.create(
            draft=draft,
            number=(latest["number__max"] or 0) + 1,
            submitted_by_id=publication.published_by_id,
            submitted_at=approval.approved_at,
            data=publication.data,
            data_json=publication.data_json,
            html=publication.html,
            pdf=publication.pdf,
            content_sha256=publication.data_sha256,
            html_sha256=publication.html_sha256,
            pdf_sha256=publication.pdf_sha256,
            findings=[
                {"key": key, "severity": "advice", "message": f"Advice acknowledged when published: {key}"}
                for key in publication.warnings_acknowledged
            ],
        )
        Decision.objects.create(
            version=version,
            outcome="approved",
            decided_by_id=approval.approved_by_id,
            decided_at=approval.approved_at,
            on_behalf_of=BODY,
        )
        Publication.objects.filter(pk=publication.pk).update(
            statement_version=version, approved_on_behalf_of=BODY
        )
    if connection.vendor == "postgresql":
        # The new links' deferred checks first: a table with pending ones cannot be altered.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE;")
        schema_editor.execute(
            "ALTER TABLE publishing_publication ENABLE TRIGGER publication_immutable;"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0004_reminder_log_to_oversight"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StatementVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveSmallIntegerField()),
                ("submitted_at", models.DateTimeField()),
                ("data", models.JSONField()),
                ("data_json", models.TextField(help_text="The structured data exactly as it would be served.")),
                ("html", models.TextField()),
                ("pdf", models.BinaryField()),
                ("content_sha256", models.CharField(help_text="Of data_json.", max_length=64)),
                ("html_sha256", models.CharField(max_length=64)),
                ("pdf_sha256", models.CharField(max_length=64)),
                ("findings", models.JSONField(blank=True, default=list, help_text="The check when it was submitted: key, severity and message of each finding.")),
                ("draft", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="versions", to="publishing.statementdraft")),
                ("submitted_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["draft", "-number"],
                "get_latest_by": "number",
                "constraints": [
                    models.UniqueConstraint(fields=("draft", "number"), name="statement_version_number_unique"),
                    models.CheckConstraint(condition=models.Q(("number__gte", 1)), name="statement_version_number_positive"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Decision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("outcome", models.CharField(choices=[("approved", "Approved"), ("changes_requested", "Changes requested")], max_length=20)),
                ("decided_at", models.DateTimeField()),
                ("on_behalf_of", models.CharField(help_text="The approving body the governor decided for.", max_length=100)),
                ("comment", models.TextField(blank=True, max_length=5000)),
                ("minute_reference", models.CharField(blank=True, help_text="Where the meeting's minutes record it.", max_length=100)),
                ("decided_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("version", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="decision", to="publishing.statementversion")),
            ],
            options={
                "ordering": ["-decided_at", "-pk"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("outcome__in", ["approved", "changes_requested"])), name="decision_outcome_is_known"),
                    models.CheckConstraint(condition=models.Q(("comment", ""), ("outcome", "changes_requested"), _negated=True), name="decision_changes_requested_has_comment"),
                ],
            },
        ),
        migrations.AddField(
            model_name="publication",
            name="approved_on_behalf_of",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="publication",
            name="statement_version",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="publication", to="publishing.statementversion"),
        ),
        migrations.RunPython(link_publications, migrations.RunPython.noop),
    ]
