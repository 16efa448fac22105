"""Writes of the article intake, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from sources.models import Source, SourceText


@transaction.atomic
def record_article(*, url: str, text: str, **fields) -> tuple[Source, bool]:
    """The source of this address (recorded once: an existing one is reused) with its
    text stored; True when the source is new. A stored text is never overwritten: its
    quotes were checked against it."""
    source = Source.objects.select_for_update().filter(url=url).first()
    created = source is None
    if created:
        if not fields.get("published_on"):
            fields["published_precision"] = ""
        source = Source(url=url, **fields)
        source.full_clean()
        source.save()
    if not SourceText.objects.filter(source=source).exists():
        stored = SourceText(source=source, text=text)
        stored.full_clean(exclude=["source"])
        stored.save()
    return source, created


def article_errors(error: ValidationError) -> list[str]:
    return [
        f"{field}: {message}" if field != "__all__" else message
        for field, messages in error.message_dict.items()
        for message in messages
    ]
