from django.core.management.base import BaseCommand, CommandError

from sources.verbatim import failing_quotes


class Command(BaseCommand):
    help = (
        "Check every citation's quote against the stored text of its source (where one is "
        "stored): a verbatim quote must be there, modulo whitespace and typographic quotes. "
        "Lists each failing one and fails when there is one."
    )

    def handle(self, *args, **options):
        failing = list(failing_quotes())
        for citation, problem in failing:
            self.stdout.write(
                f"citation {citation.pk}\t{citation.source.url}\t{citation.quote[:80]}\t{problem}"
            )
        if failing:
            raise CommandError(f"{len(failing)} quotes are not in their source's stored text.")
        self.stdout.write("Every verbatim quote is in its source's stored text.")
