from django.db import models
from django.db.models import Exists, OuterRef, Q


class AgreementQuerySet(models.QuerySet):
    def signed(self):
        return self.filter(signed_on__isnull=False)

    def for_party(self, party):
        return self.filter(party_roles__party=party)

    def in_force(self, *, on):
        """Agreements that had entered into force by `on` and had not expired or ended by then."""
        from agreements.models import Milestone, MilestoneKind

        preferred = Milestone.objects.filter(agreement=OuterRef("pk"), is_preferred=True, date__lte=on)
        return self.filter(
            Exists(preferred.filter(kind=MilestoneKind.IN_FORCE)),
            ~Exists(preferred.filter(Q(kind=MilestoneKind.EXPIRED) | Q(kind=MilestoneKind.TERMINATED))),
        )
