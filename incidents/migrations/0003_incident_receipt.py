from django.db import migrations, models

import incidents.models


def give_receipts(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    taken = set()
    for incident in Incident.objects.only("pk").iterator():
        receipt = incidents.models.new_receipt()
        while receipt in taken:
            receipt = incidents.models.new_receipt()
        taken.add(receipt)
        Incident.objects.filter(pk=incident.pk).update(receipt=receipt)


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_referral_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="receipt",
            field=models.CharField(editable=False, max_length=11, null=True),
        ),
        migrations.AddField(
            model_name="historicalincident",
            name="receipt",
            field=models.CharField(
                db_index=True,
                default=incidents.models.new_receipt,
                editable=False,
                max_length=11,
            ),
        ),
        migrations.RunPython(give_receipts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="incident",
            name="receipt",
            field=models.CharField(
                default=incidents.models.new_receipt, editable=False, max_length=11, unique=True
            ),
        ),
    ]
