"""Filters for showing the school's own text safely in the statement."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def any_actions(general_duty: list[dict]) -> bool:
    """Whether any aim of the composed "general duty" section has an action to show."""
    return any(aim.get("actions") for aim in general_duty or [])


@register.filter
def paragraphs(text: str) -> SafeString:
    """Plain text to paragraphs and bullet lists, escaping everything the school typed.

    A blank line starts a new paragraph; lines starting "- " or "• " are bullets.
    """
    html = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        group_is_list: bool | None = None
        group: list[str] = []
        for line in [*lines, None]:
            is_bullet = line is not None and line[:2] in ("- ", "• ")
            if group and (line is None or is_bullet != group_is_list):
                if group_is_list:
                    items = format_html_join("", "<li>{}</li>", ((item,) for item in group))
                    html.append(format_html("<ul>{}</ul>", items))
                else:
                    html.append(format_html("<p>{}</p>", " ".join(group)))
                group = []
            if line is not None:
                group_is_list = is_bullet
                group.append(line[2:].strip() if is_bullet else line)
    return SafeString("\n".join(html))
