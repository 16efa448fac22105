import django_filters

from agreements.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    AgreementTrack,
    Area,
    Milestone,
    MilestoneKind,
)
from agreements.provision_filter import ProvisionFilter
from core.filters import DateInput, SearchFilter, YearFilter, date_filter, slug_filter
from core.relations import related_model
from donors.models import Party


class AgreementFilter(django_filters.FilterSet):
    q = SearchFilter()
    party = slug_filter(Party, "party_roles__party", "Party")
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices, method="filter_status")
    status_on = django_filters.DateFilter(
        label="Status as of", method="with_date_of_status", widget=DateInput()
    )
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices)
    track = django_filters.ChoiceFilter(choices=AgreementTrack.choices, method="filter_track", label="Track")
    area = slug_filter(Area, "areas", "Area of cooperation")
    programme = slug_filter(related_model(Agreement, "pledges__programme"), "pledges__programme", "Programme")
    year = YearFilter(field_name="signed_on", lookup_expr="year", label="Signed in year")
    signed_from = date_filter("signed_on", "gte", "Signed on or after")
    signed_to = date_filter("signed_on", "lte", "Signed on or before")
    provision = ProvisionFilter(
        label="Provisions (provision:value)",
        help_text="e.g. termination-possible:no,not_stated; see the provisions matrix for the names.",
    )
    sort = django_filters.OrderingFilter(
        fields=(("signed_on", "signed"), ("title", "title"), ("status", "status"), ("updated_at", "updated")),
        label="Sort by",
    )

    class Meta:
        model = Agreement
        fields = []

    def filter_track(self, queryset, name, value):
        return queryset.on_track(value)

    def filter_status(self, queryset, name, status):
        """The status on the "as of" date (agreements/status.py); without one, the stored status."""
        return queryset.with_status(status, on=self.form.cleaned_data.get("status_on"))

    def with_date_of_status(self, queryset, name, on):
        return queryset  # a date for the status filter, which reads it


class MilestoneFilter(django_filters.FilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(choices=MilestoneKind.choices, label="Event")
    party = slug_filter(Party, "agreement__party_roles__party", "Party")
    year = YearFilter(field_name="date", lookup_expr="year", label="Year")
    date_from = date_filter("date", "gte", "On or after")
    date_to = date_filter("date", "lte", "On or before")
    sort = django_filters.OrderingFilter(fields=(("date", "date"), ("kind", "event")), label="Sort by")

    class Meta:
        model = Milestone
        fields = []
