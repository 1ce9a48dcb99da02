"""What oversight keeps: a log of the reminders sent."""

from django.db import models

from equality_portal.schools.models import School


class ReminderLog(models.Model):
    """A reminder sent about one check at one school, so a daily run sends it once a week."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="reminders")
    check_key = models.CharField(max_length=80)
    status = models.CharField(max_length=20)
    week = models.CharField(max_length=8, help_text="ISO week, e.g. 2026-W47.")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField()

    class Meta:
        # The table was made when reminders were part of publishing.
        db_table = "publishing_reminderlog"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "check_key", "week"], name="reminder_once_a_week"
            ),
        ]

    def __str__(self):
        return f"{self.school}: {self.check_key} ({self.week})"


class ComplianceSnapshot(models.Model):
    """Every check's answer for one school on one day, so the trust view reads one row per
    school instead of asking every rule of every school. A write to the school's records
    removes it (``signals``); a new day makes it stale; either way it is computed again."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="+")
    computed_on = models.DateField()
    checks = models.JSONField()

    def __str__(self):
        return f"{self.school}: checks of {self.computed_on}"
