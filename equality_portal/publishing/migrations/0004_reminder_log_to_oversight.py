# The reminder log moved to oversight (oversight 0001 takes over the same table).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('publishing', '0003_reminder_log'),
        ('oversight', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ReminderLog')],
            database_operations=[],
        ),
    ]
