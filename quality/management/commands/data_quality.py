from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quality.waivers import WAIVERS_FILE, WaiverFileError, build_report, load_waivers


class Command(BaseCommand):
    help = (
        "List data-quality findings: facts without a citation, sources without a URL, offices "
        "still open after a later holder, disputes with no preferred claim, overlapping pledges. "
        f"Fails when one is not waived in {WAIVERS_FILE.name}, or a waiver matches nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--waivers", type=Path, help=f"waivers file (YAML); default {WAIVERS_FILE}")
        parser.add_argument("--show-waived", action="store_true", help="list waived findings too")

    def handle(self, *args, **options):
        try:
            report = build_report(waivers=load_waivers(options["waivers"]))
        except WaiverFileError as error:
            raise CommandError(str(error)) from error
        for finding in report.unwaived:
            self.stdout.write(f"{finding.check}\t{finding.key}\t{finding.problem}\t{finding.admin_url}")
        if options["show_waived"]:
            for finding, waiver in report.waived:
                self.stdout.write(f"waived {finding.check}\t{finding.key}\t{waiver.reason}")
        for waiver in report.stale:
            self.stdout.write(f"stale waiver\t{waiver.check}\t{waiver.record}\tmatches no finding")
        summary = (
            f"{len(report.unwaived)} findings not waived, {len(report.waived)} waived, "
            f"{len(report.stale)} stale waivers."
        )
        if not report.passes:
            raise CommandError(summary)
        self.stdout.write(summary)
