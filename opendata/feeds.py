"""Atom feeds of new agreements, new milestones and corrections, filtered as the lists are.

Each feed takes its list's query parameters and runs them through the list's own
FilterSet (`core.lists.filter_list`), so `/feeds/agreements/?party=netherlands` holds
the agreements `/agreements/?party=netherlands` shows; a bad parameter answers 400 with
its message, as the CSV export does. "New" is when a row was first recorded (its
history's first record), not the date of the event.
"""

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from agreements.filters import AgreementFilter, MilestoneFilter
from agreements.models import Agreement, Milestone
from core.lists import filter_list
from donors.filters import PartyFilter
from donors.models import Party
from opendata.changelog import IGNORED_FIELDS
from pledges.filters import PledgeFilter, ProgrammeFilter
from pledges.models import Pledge, Programme
from sources.filters import SourceFilter
from sources.models import Source

ITEMS = 50
# The lists whose rows a corrections feed can be narrowed to, by ?table=.
CORRECTABLE = {
    "agreements": (Agreement, AgreementFilter, "agreements:agreement-list"),
    "milestones": (Milestone, MilestoneFilter, "agreements:timeline"),
    "pledges": (Pledge, PledgeFilter, "pledges:pledge-list"),
    "programmes": (Programme, ProgrammeFilter, "pledges:programme-list"),
    "parties": (Party, PartyFilter, "donors:party-list"),
    "sources": (Source, SourceFilter, "sources:source-list"),
}


class BadFilter(Exception):
    pass


def filtered(data, request, model, filterset_class):
    """The rows of a list's FilterSet for the query parameters; BadFilter names a bad one."""
    chosen = filter_list(data, filterset_class=filterset_class, queryset=model.objects.all(), request=request)
    if chosen.errors:
        raise BadFilter("Nothing listed; these filters could not be used:\n" + "\n".join(chosen.errors))
    return chosen.queryset


def first_recorded(model):
    """When each row was first recorded: its history's creation record."""
    records = model.history.model.objects.filter(id=OuterRef("pk"), history_type="+").order_by("history_date")
    return Subquery(records.values("history_date")[:1])


class FilteredFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadFilter as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    def get_object(self, request, *args, **kwargs):
        return request

    def feed_url(self, request):
        return request.get_full_path()


class NewRowsFeed(FilteredFeed):
    model = None
    filterset_class = None
    list_url = ""

    def link(self, request):
        query = request.GET.urlencode()
        return reverse(self.list_url) + (f"?{query}" if query else "")

    def items(self, request):
        rows = filtered(request.GET, request, self.model, self.filterset_class)
        return rows.annotate(added_at=first_recorded(self.model)).order_by("-added_at", "-pk")[:ITEMS]

    def item_pubdate(self, item):
        return item.added_at

    def item_updateddate(self, item):
        return item.updated_at


class NewAgreementsFeed(NewRowsFeed):
    title = "Agreement tracker: new agreements"
    description = "Agreements as they are added to the tracker."
    model, filterset_class, list_url = Agreement, AgreementFilter, "agreements:agreement-list"

    def items(self, request):
        return super().items(request).select_related("framework")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.get_status_display()}. {item.summary}"


class NewMilestonesFeed(NewRowsFeed):
    title = "Agreement tracker: new milestones"
    description = "Events in the agreements' lives (signed, ratified, in force...) as they are recorded."
    model, filterset_class, list_url = Milestone, MilestoneFilter, "agreements:timeline"

    def items(self, request):
        return super().items(request).select_related("agreement")

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.agreement.title}"

    def item_description(self, item):
        place = f", {item.place}" if item.place else ""
        return f"{item.get_kind_display()} on {item.date or 'an unknown date'}{place}."

    def item_link(self, item):
        return item.agreement.get_absolute_url()

    def item_guid(self, item):
        return f"milestone:{item.pk}"  # several milestones share their agreement's page

    item_guid_is_permalink = False


class CorrectionsFeed(FilteredFeed):
    """Changes to rows already recorded (corrected or removed), newest first, each with
    its fields before and after; no editor's name. `?table=agreements&party=...` narrows
    it to the rows that list's filters select."""

    title = "Agreement tracker: corrections"
    description = "Corrections and removals of recorded facts, with the values before and after."

    def link(self, request):
        return reverse("opendata:data")

    def items(self, request):
        table = request.GET.get("table", "")
        if table and table not in CORRECTABLE:
            raise BadFilter(f"table: choose one of {', '.join(CORRECTABLE)}.")
        chosen = [table] if table else list(CORRECTABLE)
        records = []
        for name in chosen:
            model, filterset_class, _ = CORRECTABLE[name]
            history = model.history.model.objects.exclude(history_type="+")
            if table:
                params = request.GET.copy()
                params.pop("table")
                rows = filtered(params, request, model, filterset_class)
                history = history.filter(id__in=rows.values("pk"))
            records += [
                (name, record) for record in history.order_by("-history_date", "-history_id")[: ITEMS * 2]
            ]
        records.sort(key=lambda pair: pair[1].history_date, reverse=True)
        items = []
        for name, record in records:
            changes = _changed_fields(record)
            if changes is None:
                continue
            items.append({"table": name, "record": record, "changes": changes})
            if len(items) == ITEMS:
                break
        return items

    def item_title(self, item):
        record = item["record"]
        verb = "Removed" if record.history_type == "-" else "Corrected"
        return f"{verb}: {item['table']} #{record.id} {record.instance}"

    def item_description(self, item):
        if item["record"].history_type == "-":
            return "Removed from the tracker."
        return "; ".join(f"{field}: {before!r} → {after!r}" for field, before, after in item["changes"])

    def item_link(self, item):
        record = item["record"]
        if record.history_type != "-":
            instance = record.instance
            page = instance if hasattr(instance, "get_absolute_url") else getattr(instance, "agreement", None)
            if page is not None:  # a milestone's page is its agreement's
                return page.get_absolute_url() + f"#change-{record.history_id}"
        return reverse("opendata:data") + f"#{item['table']}-{record.id}-{record.history_id}"

    def item_guid(self, item):
        return f"{item['table']}:{item['record'].id}:{item['record'].history_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item["record"].history_date

    item_updateddate = item_pubdate  # Atom requires an entry's <updated>


def _changed_fields(record):
    """(field, before, after) of a correction; [] for a removal; None when a save changed nothing."""
    if record.history_type == "-":
        return []
    previous = record.prev_record
    if previous is None:
        return None
    delta = record.diff_against(previous, excluded_fields=list(IGNORED_FIELDS))
    changes = [(change.field, change.old, change.new) for change in delta.changes]
    return changes or None
