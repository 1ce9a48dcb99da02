"""``python manage.py purge_incidents``: anonymise incidents past each school's retention period."""

from django.core.management.base import BaseCommand

from equality_portal import dates
from equality_portal.schools.models import School
from incidents.services import incidents_purge


class Command(BaseCommand):
    help = (
        "Remove the free text and internal references of incidents older than each school's "
        "retention period (years after the end of their academic year), keeping their "
        "categories so the counts stay. Each run is logged. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be anonymised; change nothing."
        )
        parser.add_argument("--school", help="Only the school with this slug.")

    def handle(self, *args, dry_run: bool, school: str | None, **options):
        today = dates.today()
        schools = School.objects.order_by("name")
        if school:
            schools = schools.filter(slug=school)
        verb = "Would anonymise" if dry_run else "Anonymised"
        total = 0
        for each in schools:
            result = incidents_purge(school=each, today=today, dry_run=dry_run)
            total += len(result.references)
            if result.references:
                self.stdout.write(
                    f"{each.name}: {verb} {len(result.references)} incident(s) from "
                    f"{result.up_to.label} and earlier: {', '.join(result.references)}"
                )
            else:
                self.stdout.write(f"{each.name}: nothing past the retention period.")
        summary = f"{verb} {total} incident(s) in all."
        if dry_run:
            summary += " Dry run: nothing was changed."
        self.stdout.write(self.style.SUCCESS(summary))
