"""Advance stored statuses whose milestones' dates have arrived. Run daily (README, Deployment)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from agreements.services import agreements_refresh_statuses


class Command(BaseCommand):
    help = "Store each agreement's status as of today (or --today), so milestones dated ahead take effect."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The date to take as today, YYYY-MM-DD (default: today).")

    def handle(self, *args, today=None, **options):
        try:
            on = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: give a date as YYYY-MM-DD ({error}).") from None
        changed = agreements_refresh_statuses(on=on)
        for agreement in changed:
            self.stdout.write(f"{agreement.slug}: {agreement.get_status_display()}")
        self.stdout.write(f"{len(changed)} agreement(s) changed status as of {on.isoformat()}.")
