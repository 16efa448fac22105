"""Template filters for the pages: dates at their precision, money, filter URLs."""

from decimal import Decimal

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.partial_dates import format_partial_date
from core.search import MATCH_END, MATCH_START

register = template.Library()


@register.filter
def partial_date(obj, field: str = "date"):
    """`{{ milestone|partial_date }}` or `{{ source|partial_date:"published_on" }}`.

    The precision field is found by the naming rule the models follow.
    """
    precision_field = {
        "date": "date_precision",
        "signed_on": "signed_precision",
        "published_on": "published_precision",
        "announced_on": "announced_precision",
        "started_on": "started_precision",
        "ended_on": "ended_precision",
        "joined_on": "joined_precision",
        "left_on": "left_precision",
    }[field]
    return format_partial_date(getattr(obj, field), getattr(obj, precision_field))


def format_money(amount, currency: str) -> str:
    """'EUR 2,000,000,000' with thousands separators; cents only when there are any."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    digits = f"{amount:,.2f}" if amount != amount.to_integral_value() else f"{amount:,.0f}"
    return f"{currency} {digits}".strip()


@register.filter
def money(amount, currency="EUR"):
    return format_money(amount, currency)


@register.filter
def short_money(amount, currency="EUR"):
    """'EUR 2.0 bn', 'EUR 87.0 m' for tables and charts where space is short."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    for size, suffix in ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(10) ** 3, "k")):
        if abs(amount) >= size:
            return f"{currency} {amount / size:,.1f} {suffix}"
    return format_money(amount, currency)


@register.filter
def chart_data(rows, label: str = ""):
    """(label, value) rows as the JSON the charts script reads: {"label", "labels", "values"}."""
    return {
        "label": label,
        "labels": [str(name) for name, _ in rows],
        "values": [float(value or 0) for _, value in rows],
    }


@register.filter
def highlight(snippet: str):
    """A search snippet as HTML: everything escaped, then the matches marked."""
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


@register.filter
def count_for(counts: dict, key) -> int:
    """`{{ pledge_counts|count_for:party.pk }}`: a count from a {key: count} mapping, 0 if absent."""
    return counts.get(key, 0)


@register.filter
def percent(share) -> str:
    """A share (0.25) as people write it: '25%', '0.4%' below one per cent."""
    if share is None:
        return ""
    value = Decimal(share) * 100
    return f"{value:,.0f}%" if value >= 1 or value == 0 else f"{value:.1f}%"
