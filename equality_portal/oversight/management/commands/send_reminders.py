"""``python manage.py send_reminders``: run daily from cron."""

from django.core.management.base import BaseCommand

from equality_portal import dates
from equality_portal.oversight.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Email each school's leadership and governors about equality duties that are due "
        "within 30 days or overdue. Safe to run daily: a check is reminded about once a week."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        results = reminders_send(today=dates.today(), dry_run=dry_run)
        verb = "Would remind" if dry_run else "Reminded"
        for result in results:
            titles = "; ".join(check.title for check in result.checks)
            self.stdout.write(
                f"{verb} {len(result.recipients)} people at {result.school}: {titles}"
            )
        if not results:
            self.stdout.write("Nothing to remind anyone about this week.")
