from django.db import models
from django.db.models import F, Q

from core.relations import related_model
from core.search import SearchQuerySetMixin


class AgreementQuerySet(SearchQuerySetMixin, models.QuerySet):
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
