"""The matrix as a wide CSV: one row per agreement, one column per provision (the
catalogue is data, so the columns are too; the long form is a Table in exports.py)."""

import csv
import io
from collections.abc import Iterator

from provisions.models import AgreementProvision, Answer, Provision

UNCODED = "uncoded"
WIDE_FILE = "agreement_provisions_wide.csv"
FORMULA_CHARACTERS = "=+-@\t\r"  # a spreadsheet reads a cell starting with one as a formula
CHUNK = 200


def cell_value(cell) -> str:
    """yes / no / not_stated / not_public, or the stated choice or figure; uncoded if none."""
    if cell is None:
        return UNCODED
    if cell.answer != Answer.YES:
        return cell.answer
    if cell.choice:
        return cell.choice
    if cell.number is not None:
        return f"{cell.number.normalize():f}"
    return cell.text or cell.answer


def _safe(text: str) -> str:
    return "'" + text if text[:1] and text[0] in FORMULA_CHARACTERS else text


def wide_csv(agreements) -> Iterator[str]:
    provisions = list(Provision.objects.all())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["agreement_slug", "agreement_title", *[p.slug for p in provisions]])
    agreements = list(agreements.order_by("title", "pk").values_list("pk", "slug", "title"))
    for start in range(0, len(agreements), CHUNK):
        batch = agreements[start : start + CHUNK]
        cells = {
            (c.agreement_id, c.provision_id): c
            for c in AgreementProvision.objects.filter(agreement__in=[pk for pk, _, _ in batch])
        }
        for pk, slug, title in batch:
            values = [cell_value(cells.get((pk, p.pk))) for p in provisions]
            writer.writerow([slug, _safe(title), *values])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
