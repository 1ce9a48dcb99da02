# The reminder log moved from publishing; its table keeps the name it was made with.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('publishing', '0003_reminder_log'),
        ('schools', '0003_audit_events'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ReminderLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('check_key', models.CharField(max_length=80)),
                        ('status', models.CharField(max_length=20)),
                        ('week', models.CharField(help_text='ISO week, e.g. 2026-W47.', max_length=8)),
                        ('sent_at', models.DateTimeField(auto_now_add=True)),
                        ('recipients', models.PositiveIntegerField()),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='schools.school')),
                    ],
                    options={
                        'db_table': 'publishing_reminderlog',
                        'ordering': ['-sent_at'],
                        'constraints': [models.UniqueConstraint(fields=('school', 'check_key', 'week'), name='reminder_once_a_week')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
