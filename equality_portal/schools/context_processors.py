"""Template context shared by every page."""

from django.apps import apps
from django.urls import reverse


def _navigation_entries():
    for app_config in apps.get_app_configs():
        yield from getattr(app_config, "school_navigation", [])


def school_navigation(request):
    """The navigation for the school whose page this is, showing only what the role may open.

    Apps declare entries on their AppConfig as ``school_navigation``: (label, URL name,
    roles that see it: one of the sets in ``roles.py``). A link is marked current when the
    page sits under it.
    """
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    kwargs = {"school_slug": membership.school.slug}
    items = []
    for label, url_name, roles in _navigation_entries():
        if membership.role not in roles:
            continue
        url = reverse(url_name, kwargs=kwargs)
        items.append({"label": label, "url": url})
    # The longest matching prefix is the current section.
    matches = [item for item in items if request.path.startswith(item["url"])]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True
    return {"school_navigation": items}
