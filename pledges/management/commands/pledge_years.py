from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db.models import Q

from pledges.models import Pledge
from pledges.services import pledge_save


class Command(BaseCommand):
    help = (
        "Give every pledge with a sum but no yearly parts (converted before parts existed) its "
        "parts, each year at its own rate, through the same service as an admin save. Run once "
        "after migrating pledges to 0009; pledges that already have parts are left alone."
    )

    def handle(self, *args, **options):
        done, refused = 0, []
        dated = Q(announced_on__isnull=False) | Q(period_start_year__isnull=False)
        missing = Pledge.objects.filter(dated, amount__isnull=False, years__isnull=True)
        for pledge in missing.order_by("pk").iterator():
            try:
                pledge_save(pledge=pledge)
                done += 1
            except ValidationError as error:
                refused.append(f"pledge {pledge.pk} ({pledge.key}): {'; '.join(error.messages)}")
        self.stdout.write(f"{done} pledges given their yearly parts.")
        for line in refused:
            self.stderr.write(f"refused, left as it was: {line}")
