import django_filters

from agreements.models import Agreement, AgreementKind, AgreementStatus, Area, Milestone, MilestoneKind
from agreements.provision_filter import ProvisionFilter
from core.filters import SearchFilter, YearFilter, date_filter, slug_filter
from core.relations import related_model
from donors.models import Party


class AgreementFilter(django_filters.FilterSet):
    q = SearchFilter()
    party = slug_filter(Party, "party_roles__party", "Party")
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices)
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices)
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
