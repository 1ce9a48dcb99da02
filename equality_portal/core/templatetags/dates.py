"""``{% load dates %}`` then ``{{ day|long_date }}``: the one date format of the portal."""

import datetime

from django import template

from equality_portal.core.dates import long_date as format_long_date

register = template.Library()


@register.filter
def long_date(day: datetime.date | datetime.datetime | str | None) -> str:
    return format_long_date(day)
