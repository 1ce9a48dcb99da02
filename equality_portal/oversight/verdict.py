"""The governors' overview in plain words: one verdict on the equality duties, its reasons, and
each item's next step for the reader's role, linking only to pages that role may open."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import Resolver404, resolve

from equality_portal.core.checks import Check, Status
from equality_portal.core.dates import long_date
from equality_portal.schools.roles import Role

MEETS = "Meets the equality duties"


@dataclass(frozen=True)
class Verdict:
    headline: str  # "Meets the equality duties" / "Action needed by 3 March 2027"
    met: bool
    reasons: list[str]


@dataclass(frozen=True)
class NextStep:
    check: Check
    words: str  # what to do, said to the reader
    url: str  # where it is done, or "" when the reader's role may not open it


def verdict(checks: list[Check], today: datetime.date) -> Verdict:
    """One plain verdict on the checks: met, or action needed (now, or by the earliest date a
    check turns), with the checks behind it as reasons."""
    needing = [check for check in checks if check.needs_attention]
    if not needing:
        upcoming = sorted(
            (c for c in checks if c.due is not None and c.due >= today), key=lambda c: str(c.due)
        )
        reasons = [f"All {len(checks)} checks are met."]
        if upcoming:
            first = upcoming[0]
            reasons.append(f"Next due: {first.title.lower()}, {long_date(first.due)}.")
        return Verdict(MEETS, True, reasons)
    late = [c for c in needing if c.status in (Status.OVERDUE, Status.MISSING)]
    if late:
        headline = "Action needed now"
    else:
        dues = [c.due for c in needing if c.due is not None]
        headline = f"Action needed by {long_date(min(dues))}" if dues else "Action needed now"
    return Verdict(headline, False, [f"{check.title}: {check.summary}" for check in needing])


def roles_that_may_open(url: str) -> frozenset[Role]:
    """The roles whose members may open a school page (nobody's, for an unknown address)."""
    try:
        match = resolve(url)
    except Resolver404:
        return frozenset()
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "get_allowed_roles"):
        return frozenset()
    view = view_class()
    view.kwargs = match.kwargs
    request = HttpRequest()
    request.method = "GET"
    return frozenset(view.get_allowed_roles(request))


def _ask(roles: frozenset[Role]) -> str:
    if Role.EQUALITY_LEAD in roles:
        return "Ask the equality lead"
    if Role.LEADERSHIP in roles:
        return "Ask the school's leadership"
    return "Ask the school office"


def next_step(check: Check, role: str) -> NextStep:
    """The check's action for a reader of this role: done here, with a link, when the role may
    open the page; otherwise who to ask, with no link to a page that would refuse them."""
    allowed = roles_that_may_open(check.url)
    if role in allowed:
        return NextStep(check, check.action, check.url)
    action = check.action
    if action.startswith("The "):  # already says who should do it
        return NextStep(check, action, "")
    return NextStep(check, f"{_ask(allowed)} to {action[0].lower()}{action[1:]}", "")
