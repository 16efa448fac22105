"""The one rule that turns milestones into an agreement's status, as of a date.

Each milestone moves the agreement to a status; a later stage outranks an earlier one
whatever the dates say, and an ending outranks everything. Publication of the text
changes nothing. Only preferred milestones count, and only once their date has arrived:
a milestone dated after `on` (a signing planned for next month) changes nothing yet.
A milestone known only to the month or year counts from its stored date, the first day
of that month or year.

The rule is a SQL expression, so that the stored status (services.agreement_refresh_status,
as of today), the list's "status as of" filter and `in_force(on=)` all use it, over any
number of agreements.
"""

from django.db.models import Case, CharField, DateField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from agreements.models import AgreementStatus, Milestone, MilestoneKind

STATUS_BY_MILESTONE = {
    MilestoneKind.TALKS_STARTED: AgreementStatus.NEGOTIATING,
    MilestoneKind.CONCLUDED: AgreementStatus.CONCLUDED,
    MilestoneKind.SIGNED: AgreementStatus.SIGNED,
    MilestoneKind.RATIFIED: AgreementStatus.RATIFIED,
    MilestoneKind.IN_FORCE: AgreementStatus.IN_FORCE,
    MilestoneKind.EXPIRED: AgreementStatus.EXPIRED,
    MilestoneKind.TERMINATED: AgreementStatus.TERMINATED,
}
STATUS_RANK = list(AgreementStatus.values)  # the order of AgreementStatus is the order of stages


def arrived(on):
    """The preferred milestones of the outer agreement that have happened by `on`."""
    return Milestone.objects.filter(agreement=OuterRef("pk"), is_preferred=True, date__lte=on).order_by()


def status_on(on):
    """The agreement's status on date `on` (an expression over its milestones)."""
    rank = Case(
        *(
            When(kind=kind, then=Value(STATUS_RANK.index(status)))
            for kind, status in STATUS_BY_MILESTONE.items()
        )
    )
    reached = Case(*(When(kind=kind, then=Value(status)) for kind, status in STATUS_BY_MILESTONE.items()))
    highest = arrived(on).filter(kind__in=STATUS_BY_MILESTONE).annotate(rank=rank, reached=reached)
    return Coalesce(
        Subquery(highest.order_by("-rank").values("reached")[:1]),
        Value(AgreementStatus.PLANNED),
        output_field=CharField(),
    )


def signing_on(on, field="date"):
    """The date (or `field`) of the agreement's earliest preferred signing that has happened by `on`."""
    signing = arrived(on).filter(kind=MilestoneKind.SIGNED).order_by("date", "pk").values(field)[:1]
    return Subquery(signing, output_field=DateField() if field == "date" else CharField())
