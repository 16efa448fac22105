from django.db import models
from django.db.models import F, Q

from core.relations import related_model
from core.search import SearchQuerySetMixin

# The G7 Joint Declaration of Support for Ukraine (Vilnius, 12 July 2023): the framework of
# the bilateral security agreements of 2024. Its slug is its stable key in data/agreements/.
G7_DECLARATION_SLUG = "g7-joint-declaration-of-support-for-ukraine"


class AgreementQuerySet(SearchQuerySetMixin, models.QuerySet):
    def on_track(self, track):
        """'g7-framework': the G7 declaration and the agreements concluded under it; 'later':
        every other accord. Computed from `framework`, so it is never stored twice."""
        g7 = Q(slug=G7_DECLARATION_SLUG) | Q(framework__slug=G7_DECLARATION_SLUG)
        return self.filter(g7) if track == "g7-framework" else self.exclude(g7)

    def signed(self):
        return self.filter(signed_on__isnull=False)

    def for_party(self, party):
        return self.filter(party_roles__party=party)

    def with_status_on(self, on):
        """Each agreement's status (`status_then`) and signing (`signed_then`, its precision
        `signed_precision_then`) as of date `on`, by the one rule in agreements/status.py."""
        from agreements.status import signing_on, status_on

        return self.annotate(
            status_then=status_on(on),
            signed_then=signing_on(on),
            signed_precision_then=signing_on(on, "date_precision"),
        )

    def with_status(self, status, *, on=None):
        """Agreements with `status` on date `on`; without a date, the stored status (as of
        the last refresh, which runs daily: manage.py refresh_statuses)."""
        from agreements.status import status_on

        if on is None:
            return self.filter(status=status)
        return self.annotate(status_then=status_on(on)).filter(status_then=status)

    def in_force(self, *, on):
        """Agreements that had entered into force by `on` and had not expired or ended by then."""
        from agreements.models import AgreementStatus

        return self.with_status(AgreementStatus.IN_FORCE, on=on)

    def status_outdated(self, *, on):
        """Agreements whose stored status or signing date is not the one they have on `on`."""
        current = Q(status=F("status_then")) & (
            Q(signed_on=F("signed_then")) | Q(signed_on__isnull=True, signed_then__isnull=True)
        )
        return self.with_status_on(on).exclude(current)

    def for_list(self):
        from agreements.models import AgreementParty

        return self.prefetch_related(
            models.Prefetch("party_roles", queryset=AgreementParty.objects.select_related("party"))
        )

    def for_detail(self):
        """Everything the agreement page shows, in a fixed number of queries."""
        from agreements.models import AgreementParty, Milestone, Signatory
        from sources.models import Citation, Claim

        citations = Citation.objects.select_related("source")
        return self.select_related("framework").prefetch_related(
            models.Prefetch("party_roles", queryset=AgreementParty.objects.select_related("party")),
            models.Prefetch(
                "milestones",
                queryset=Milestone.objects.select_related("party").prefetch_related(
                    models.Prefetch("citations", queryset=citations)
                ),
            ),
            models.Prefetch(
                "signatories",
                queryset=Signatory.objects.select_related("person", "party", "office").prefetch_related(
                    models.Prefetch("citations", queryset=citations)
                ),
            ),
            models.Prefetch(
                "pledges",
                queryset=related_model(self.model, "pledges")
                .objects.select_related("donor", "recipient", "programme")
                .prefetch_related(models.Prefetch("citations", queryset=citations)),
            ),
            models.Prefetch("citations", queryset=citations),
            models.Prefetch(
                "disputes__claims",
                queryset=Claim.objects.prefetch_related(models.Prefetch("citations", queryset=citations)),
            ),
            "areas",
        )


def possible_duplicate_milestones(*, agreement, kind, date, exclude_pk=None):
    """Recorded milestones of the agreement of the same kind on the same day (whatever
    the precision or party): likely the same event told again."""
    from agreements.models import Milestone

    if agreement is None or not kind or date is None:
        return []
    same = Milestone.objects.filter(agreement=agreement, kind=kind, date=date).exclude(pk=exclude_pk)
    return list(same.select_related("agreement").order_by("pk"))
