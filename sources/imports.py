"""Bulk import of sources, in the columns of their CSV export."""

from import_export import resources, widgets

from core.imports import SpreadsheetResource
from sources.models import Source


class SourceResource(SpreadsheetResource):
    """Matched by source_id; a new source without an id gets the next free one."""

    id_column = "source_id"
    source_id = resources.Field(attribute="id", column_name="source_id", widget=widgets.IntegerWidget())

    class Meta(SpreadsheetResource.Meta):
        model = Source
        import_id_fields = ("source_id",)
        fields = (
            "source_id",
            "title",
            "publisher",
            "author",
            "kind",
            "published_on",
            "published_precision",
            "url",
            "language",
            "notes",
        )
