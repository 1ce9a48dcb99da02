"""``python manage.py loaddemo``: the seed schools, their users and every app's demo content."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from equality_portal.schools import demo as schools_demo

REFUSED_WITHOUT_DEBUG = (
    "DEBUG is off, so this looks like a real portal: loaddemo would add demo schools and users "
    "with a published password. Run it with --force if you really mean to."
)


class Command(BaseCommand):
    help = (
        "Create Carrington School, Coopers School and Ysgol Derwen (an invented Welsh "
        "primary) with a demo user for each role "
        f"(password: {schools_demo.DEMO_PASSWORD}) and each app's demo content. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")
        parser.add_argument(
            "--wales",
            action="store_true",
            help="Changes nothing: the demo always includes the Welsh school.",
        )

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSED_WITHOUT_DEBUG)
        with transaction.atomic():
            schools = schools_demo.load()
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if app_config.name == "equality_portal.schools" or not find_spec(module_name):
                    continue
                import_module(module_name).load(schools=schools)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo ready: sign in as carrington-leader, coopers-governor, derwen-leader, "
                f"trust-lead and the others with the password {schools_demo.DEMO_PASSWORD!r}."
            )
        )
