"""Dashboard panels contributed by other apps, so the school overview can show their state
without the schools app importing them.

An app lists dotted paths to panel functions on its AppConfig as ``dashboard_panels``. A panel
function takes (request, school, membership) and returns a ``Panel`` for that member, or None
when the member's role should not see it.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50  # lower first
    wide: bool = False  # spans the full width of the page


def panels_for(request, school, membership) -> list[Panel]:
    panels = []
    for app_config in apps.get_app_configs():
        for path in getattr(app_config, "dashboard_panels", []):
            panel = import_string(path)(request, school, membership)
            if panel is not None:
                panels.append(panel)
    return sorted(panels, key=lambda panel: panel.order)
