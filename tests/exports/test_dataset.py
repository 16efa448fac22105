"""The dataset ZIP holds the whole data model: every citation's fact is a row of it."""

import csv
import io
import json
import zipfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db.models.fields import NOT_PROVIDED
from factory.django import DjangoModelFactory

from portal.datasets import TABLES
from sources.exports import fact_table
from sources.models import Citation
from tests import factories

pytestmark = pytest.mark.usefixtures("seeded")


def cited_fact_types() -> list[str]:
    """The fields the citation's CHECK (exactly one fact) counts: every kind of fact."""
    (check,) = [c for c in Citation._meta.constraints if c.name == "citation_backs_one_fact"]
    return [expression.name for expression in check.condition.lhs.source_expressions]


def data_models() -> list:
    """The project's own models, less django-simple-history's copies."""
    return [
        model
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)  # the apps at the top of the project
        and config.label != "opendata"  # its releases hold copies of the dataset, not more of it
        for model in config.get_models()
        if getattr(model, "instance_type", None) is None and model._meta.managed  # not the data version
    ]


def factory_for(model):
    (found,) = [
        cls
        for cls in vars(factories).values()
        if isinstance(cls, type) and issubclass(cls, DjangoModelFactory) and cls._meta.model is model
    ]
    return found


def cite_every_kind_of_fact() -> None:
    """One factory-made citation per kind of fact, so each occurs beside the seeded ones."""
    for fact_type in cited_fact_types():
        fact_model = Citation._meta.get_field(fact_type).related_model
        factories.CitationFactory(**{"pledge": None, fact_type: factory_for(fact_model)()})


def read_zip(client) -> dict[str, list[dict]]:
    response = client.get("/data/dataset.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {
        name.removesuffix(".csv"): list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
        for name in archive.namelist()
        if name.endswith(".csv")
    }


def id_column(table) -> str:
    (column,) = [c.name for c in table.columns if c.expression == "pk"]
    return column


def test_every_model_of_the_data_is_exported_with_its_last_change():
    # Private models (a source's stored text) are never exported.
    public = {model for model in data_models() if not getattr(model, "PRIVATE", False)}
    assert {table.model for table in TABLES} == public
    assert len(public) < len(data_models())
    for model in data_models():
        assert model._meta.get_field("updated_at").db_default is not NOT_PROVIDED, (
            model
        )  # old fixtures still load


def test_every_citation_resolves_to_an_exported_row(client):
    cite_every_kind_of_fact()
    exported = read_zip(client)
    table_of = {table.model: table for table in TABLES}
    seen, unresolved = set(), []
    for citation in exported["citations"]:
        fact_type, fact_id = citation["fact_type"], citation["fact_id"]
        seen.add(fact_type)
        table = table_of.get(Citation._meta.get_field(fact_type).related_model)
        assert table is None or fact_table(fact_type) == table.name  # as the dictionary and README say
        if table is None or fact_id not in {row[id_column(table)] for row in exported[table.name]}:
            unresolved.append((citation["citation_id"], fact_type, fact_id))
    assert not unresolved, f"{len(unresolved)} of {len(exported['citations'])} citations: {unresolved[:5]}"
    assert seen == set(cited_fact_types())
    assert len(exported["citations"]) == Citation.objects.count()


def test_source_ids_and_urls_list_the_sources_of_the_rows_citations(client):
    cite_every_kind_of_fact()
    factories.CitationFactory(source=factories.SourceFactory(url=""))  # a source without an address
    exported = read_zip(client)
    urls = {row["source_id"]: row["url"] for row in exported["sources"]}
    cited = defaultdict(set)
    for citation in exported["citations"]:
        cited[citation["fact_type"], citation["fact_id"]].add(citation["source_id"])
    table_of = {table.model: table for table in TABLES}
    for fact_type in cited_fact_types():
        table = table_of[Citation._meta.get_field(fact_type).related_model]
        assert table.header[-3:] == ["source_urls", "source_ids", "updated_at"], table.name
        for row in exported[table.name]:
            sources = cited[fact_type, row[id_column(table)]]
            assert row["source_ids"] == "; ".join(sorted(sources, key=int)), (table.name, row)
            assert row["source_urls"] == "; ".join(sorted({urls[s] for s in sources} - {""})), (
                table.name,
                row,
            )


def test_every_row_of_every_table_says_when_it_changed(client):
    cite_every_kind_of_fact()
    for name, rows in read_zip(client).items():
        if name not in {table.name for table in TABLES}:  # the dictionary, the matrix's wide form
            continue
        assert rows, name
        assert all(row["updated_at"].endswith("Z") for row in rows), name


def test_a_fixture_without_updated_at_still_loads(tmp_path):
    """loaddata skips save(), so auto_now never runs: the database default fills the column
    (here over rows already there, as `seed --force` does; the seeded fixture, which has
    no updated_at for most models, is the fresh-database case)."""
    fixture = []
    for model in data_models():
        row = model.objects.order_by("pk").first() or factory_for(model)()
        (serialized,) = json.loads(serializers.serialize("json", [row]))
        del serialized["fields"]["updated_at"]
        fixture.append(serialized)
        model.objects.filter(pk=row.pk).update(updated_at=datetime(2000, 1, 1, tzinfo=UTC))
    path = tmp_path / "old.json"
    path.write_text(json.dumps(fixture))
    call_command("loaddata", path, verbosity=0)
    for entry in fixture:
        model = apps.get_model(entry["model"])
        assert model.objects.get(pk=entry["pk"]).updated_at.year > 2000, entry["model"]
