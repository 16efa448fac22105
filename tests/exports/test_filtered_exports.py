"""Every list's CSV export, under every filter of its FilterSet, is well formed and holds
exactly the rows the list shows.

The list pages are found by walking the URLconf (a page whose context carries a
filtered list); the filter values are drawn from the seeded data, so a new filter or a
new list is tested without anyone adding it here.
"""

import csv
import io
import itertools
import re
from importlib import import_module
from pathlib import Path

import django_filters
import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import DateField, DateTimeField, IntegerField
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from agreements.provision_filter import ProvisionFilter
from core.filters import SearchFilter, YearFilter
from provisions.models import AgreementProvision

VALUES_PER_FILTER = 6  # spread over the data; every choice of a choice filter is tried
PAIRS_PER_COMBINATION = 2


def _plain_paths(patterns=None, prefix=""):
    """Paths of the URLconf that take no arguments (lists are among them)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from _plain_paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route.lstrip("^").rstrip("$")


def _export_link(html: str) -> str:
    """The list's own "Download CSV" address, with the list's query string."""
    link = re.search(r'<a href="([^"]*export\.csv[^"]*)"[^>]*download', html)
    assert link, "a list page links to its CSV export"
    return link.group(1).replace("&amp;", "&")


@pytest.fixture(scope="module")
def list_pages(_seeded_module, django_db_blocker):
    """{FilterSet class: (list path, export path)} of every page that renders a filtered list."""
    pages = {}
    with django_db_blocker.unblock():
        client = Client()
        for path in _plain_paths():
            response = client.get(path)
            context = response.context
            if response.status_code == 200 and context is not None and "filtered" in context:
                # the FilterSet's own list comes first; the provisions matrix reuses the agreements'
                pages.setdefault(type(context["filter"]), (path, _export_link(response.text).split("?")[0]))
    return pages


def _years(model) -> list[int]:
    """Every year the model's dates and `*_year` columns hold."""
    years = set()
    for field in model._meta.concrete_fields:
        values = model.objects.exclude(**{field.name: None}).values_list(field.name, flat=True)
        if isinstance(field, DateField) and not isinstance(field, DateTimeField):
            years |= {d.year for d in values}
        elif isinstance(field, IntegerField) and field.name.endswith("year"):
            years |= set(values)
    return sorted(years)


def _spread(values: list, count: int = VALUES_PER_FILTER) -> list:
    """Up to `count` values spread over the list (first, last and evenly between)."""
    values = list(dict.fromkeys(values))
    if len(values) <= count:
        return values
    step = (len(values) - 1) / (count - 1)
    return [values[round(i * step)] for i in range(count)]


def _words(model) -> list[str]:
    """Words from the model's searchable text, and a phrase and an exclusion."""
    fields = [name for name, _ in model.SEARCH_FIELDS]
    texts = [t for row in model.objects.values_list(*fields) for t in row if t]
    words = [w for text in texts for w in re.findall(r"[A-Za-z]{5,}", text)]
    chosen = _spread(sorted(set(words)), 8)
    return [*chosen, f'"{texts[0][:20]}"', f"{chosen[0]} -{chosen[-1]}"] if chosen else []


def _date_column(model) -> str:
    return next(
        f.name for f in model._meta.fields if isinstance(f, DateField) and not isinstance(f, DateTimeField)
    )


def filter_values(filterset_class, name: str, spec) -> list[str]:
    """Query-string values for one filter, drawn from the seeded data."""
    model = filterset_class._meta.model
    if isinstance(spec, ProvisionFilter):  # 'provision:value', from the coded cells
        cells = AgreementProvision.objects.values_list("provision__slug", "answer").distinct()
        values = [f"{slug}:{answer}" for slug, answer in _spread(sorted(cells), 5)]
        return [*values, f"{cells[0][0]}:uncoded,no"] if values else []
    if isinstance(spec, django_filters.OrderingFilter):
        return [value for value, _ in spec.field.choices if value]
    if isinstance(spec, SearchFilter):
        return _words(model)
    if isinstance(spec, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter):
        # The rows the list links to (so the filter selects something), and one it does not.
        key = spec.extra.get("to_field_name") or "pk"
        path = f"{spec.field_name}__{key}"
        linked = model.objects.exclude(**{path: None}).order_by(path).values_list(path, flat=True)
        unlinked = spec.queryset.exclude(**{f"{key}__in": linked}).values_list(key, flat=True)[:1]
        return [str(v) for v in [*_spread(list(linked)), *unlinked]]
    if isinstance(spec, django_filters.ChoiceFilter):
        return [str(value) for value, _ in spec.extra["choices"]]
    if isinstance(spec, django_filters.DateFilter):
        # A date a method reads ("status as of") is not a column: take the model's own dates.
        column = spec.field_name if not spec.method else _date_column(model)
        dates = model.objects.exclude(**{column: None}).values_list(column, flat=True)
        return [d.isoformat() for d in _spread(sorted(dates), 5)]
    if isinstance(spec, YearFilter):
        return [str(y) for y in _spread(_years(model), 6)]
    if isinstance(spec, django_filters.NumberFilter):
        numbers = sorted(v for v in model.objects.values_list(spec.field_name, flat=True) if v is not None)
        return [str(n) for n in _spread(numbers, 5)]
    if isinstance(spec, django_filters.CharFilter):
        texts = model.objects.values_list(spec.field_name, flat=True).order_by(spec.field_name)
        values = _spread([t for t in texts if t], 5)
        return [*values, *(v[1:4].lower() for v in values if spec.lookup_expr == "icontains")]
    raise AssertionError(f"{filterset_class.__name__}.{name}: no values generated for {type(spec).__name__}")


def query_strings(filterset_class) -> list[dict]:
    """Every filter on its own with each generated value, and pairs of filters."""
    filters = filterset_class.base_filters
    values = {name: filter_values(filterset_class, name, spec) for name, spec in filters.items()}
    assert all(values.values()), f"every filter gets values from the seeded data: {values}"
    singles = [{name: value} for name, options in values.items() for value in options]
    pairs = [
        {a: value_a, b: value_b}
        for a, b in itertools.combinations(values, 2)
        for value_a, value_b in list(zip(itertools.cycle(values[a]), values[b][::-1]))[:PAIRS_PER_COMBINATION]
    ]
    return [{}, *singles, *pairs]


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _project_filtersets() -> list:
    """Every FilterSet of the project's apps (their `filters` modules imported first)."""
    names = [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR) and (Path(config.path) / "filters.py").exists()
    ]
    for name in names:
        import_module(f"{name}.filters")
    found = {cls for cls in _subclasses(django_filters.FilterSet) if cls.__module__.split(".")[0] in names}
    return sorted(found, key=lambda cls: cls.__name__)


FILTERSETS = _project_filtersets()


def test_every_filterset_is_a_list_page(list_pages):
    assert set(list_pages) == set(FILTERSETS)


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda cls: cls.__name__)
def test_export_rows_are_well_formed_and_match_the_list(client, list_pages, filterset_class):
    path, export_path = list_pages[filterset_class]
    nonempty, problems = 0, []
    default_order = client.get(path).context["filtered"].queryset.query.order_by
    for params in query_strings(filterset_class):
        cache.clear()  # a page kept whole in the cache has no context to compare with
        page = client.get(path, params)
        if page.status_code != 200:  # a value the filter refuses: the export must refuse it too
            assert client.get(export_path, params).status_code == 400, params
            continue
        export = client.get(_export_link(page.text))
        assert export.status_code == 200, (params, export.content[:300])
        header, *rows = csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8")))
        assert header[0].endswith("_id")
        widths = {len(row) for row in rows}
        if widths - {len(header)}:
            problems.append(f"{params}: header has {len(header)} fields, rows {sorted(widths)}")
            continue
        selected = page.context["filtered"].queryset
        listed, exported = list(selected.values_list("pk", flat=True)), [int(row[0]) for row in rows]
        if sorted(exported) != sorted(listed):
            problems.append(
                f"{params}: exported ids {sorted(exported)[:9]} differ from the list's {sorted(listed)[:9]}"
            )
        order = selected.query.order_by
        if order != default_order and order and order[-1] in ("pk", "-pk") and exported != listed:
            problems.append(f"{params}: the list's order {order} is not the export's")  # e.g. a search's rank
        nonempty += bool(rows)
    assert not problems, "\n".join(problems)
    assert nonempty > len(filterset_class.base_filters), "the generated filters select rows"
