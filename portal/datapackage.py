"""The dataset's datapackage.json, its licence and how to cite it.

The tables' schemas come from their export definitions (core/datapackage.py); this
module adds the package around them: the licence, the wide provisions file, the
version and, in a release, its number.
"""

import json
from datetime import date

from core.datapackage import CSV_FORMAT, PROFILE, table_resource
from provisions.models import Answer, Provision
from provisions.wide import UNCODED, WIDE_FILE

SUBJECT = "Ukraine's bilateral security agreements and aid pledges"
TITLE = f"Agreement tracker: {SUBJECT}"
NAME = "agreement-tracker"
# The data are CC BY 4.0; the code is MIT (pyproject.toml): reuse needs only attribution.
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
DESCRIPTION = (
    "Bilateral security agreements, their parties, milestones and signatories, aid pledges "
    "and the programmes they feed, and a coded matrix of the agreements' provisions, "
    "each fact with its source and the sentence quoted."
)


def wide_resource() -> dict:
    """The matrix with one column per provision: its columns are the catalogue's rows."""
    answers = [*Answer.values, UNCODED]
    provision_fields = [
        {
            "name": provision.slug,
            "type": "string",
            "description": f"{provision.question} One of {', '.join(answers)}, or the stated "
            f"choice or figure when the answer is yes.",
            "constraints": {"required": True},
        }
        for provision in Provision.objects.order_by("position", "slug")
    ]
    return {
        "name": WIDE_FILE.removesuffix(".csv"),
        "path": WIDE_FILE,
        "description": "The provisions matrix, one row per agreement and one column per provision.",
        **CSV_FORMAT,
        "schema": {
            "fields": [
                {"name": "agreement_slug", "type": "string", "constraints": {"required": True}},
                {"name": "agreement_title", "type": "string", "constraints": {"required": True}},
                *provision_fields,
            ],
            "primaryKey": ["agreement_slug"],
            "foreignKeys": [
                {"fields": ["agreement_slug"], "reference": {"resource": "agreements", "fields": ["slug"]}}
            ],
        },
    }


def datapackage(tables, *, on: date, data_version: int, release: int | None = None) -> dict:
    """The descriptor of the whole-dataset download made on a day from the data at a data
    version (core/cache.py), and the number of the release it is, if it is one."""
    package = {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": str(release) if release is not None else f"unreleased-{data_version}",
        "created": f"{on.isoformat()}T00:00:00Z",  # a datetime, as the profile asks; the day is what is known
        "licenses": [DATA_LICENCE],
        "keywords": ["Ukraine", "security agreements", "military aid", "pledges"],
        "resources": [
            *(table_resource(table, tables) for table in tables),
            wide_resource(),
        ],
        "dataVersion": data_version,
    }
    if release is not None:
        package["release"] = release
    return package


def datapackage_json(tables, **kwargs) -> str:
    return json.dumps(datapackage(tables, **kwargs), indent=2, ensure_ascii=False) + "\n"


def suggested_citation(*, on: date | None, url: str, release: int | None = None) -> str:
    """How to cite the dataset: a release by its number and date, else the day of download
    (None: the reader's own, for a page that cannot know it)."""
    if release is not None:
        edition, year = f"release {release} of {on}", on.year
    else:
        edition, year = f"downloaded {on or '<date of download>'}", on.year if on else "n.d."
    return f"Agreement tracker ({year}). {SUBJECT}, {edition} [data set]. {DATA_LICENCE['name']}. {url}"
