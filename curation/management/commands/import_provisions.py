"""Write the researched provisions coding into data/: the catalogue as data/provisions.yml
and a `provisions:` section in each data/agreements/<slug>.yml.

The research file (given on the command line, never read at run time) codes each
agreement from its own text: yes / no / not_stated / not_public (text unpublished) /
text_missing (text not at hand: left uncoded here), a choice, a number, the article
and the verbatim sentence. Each cell is cited to the agreement's text source already
in data/sources/ (the text-kind source its file cites, in the language of the quotes).
Run data_lint afterwards; data_load puts it in the database.
"""

from decimal import Decimal
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from curation import schema
from curation.dump import _amount
from curation.files import data_dir
from curation.yaml_io import read, write

# The boilerplate the research appends to many guide entries; the coding guide states it once.
GENERIC_RULE = " yes = an operative sentence (commitment, support, engagement, or recall"
NOT_CODED = "text_missing"
BARE_ANSWERS = {"yes", "no", "not_stated", "not_public"}
# Where the research left out what its own guide asks for: "record softeners such as
# 'where possible' in conditions (US)".
# And cells that sources dispute, named by the dispute already in the agreement's file.
CORRECTIONS = {
    ("ukraine-united-states-security-agreement", "consultations-deadline-hours"): {
        "conditions": "where possible"
    },
    ("ukraine-united-states-security-agreement", "legal-nature"): {
        "dispute": "whether-the-agreement-is-legally-binding"
    },
}


def _binds(text: str | None) -> str:
    if not text:
        return ""
    lowered = text.lower()
    if lowered.startswith(("both", "either")):
        return "both"
    return "ukraine" if lowered.startswith("ukraine") else "partner"


def _catalogue(research: dict) -> list[dict]:
    entries = []
    for p in research["catalogue"]:
        guide = research["guide"].get(p["slug"], "")
        entries.append(
            {
                "slug": p["slug"].lower(),  # the research spells one "not-registrable-with-UN"
                "name": p["name"],
                "question": p["question"],
                "value_type": {"yes_no": "yes_no"}.get(p["value_type"], p["value_type"]),
                "unit": p.get("unit", ""),
                "choices": [c for c in p.get("choices", []) if c != "not_stated"],
                "guide": guide.split(GENERIC_RULE)[0].strip().replace("(not found)", "(none so far)"),
            }
        )
    return [{k: v for k, v in e.items() if v not in ("", [])} for e in entries]


def _cell(agreement: str, slug: str, coded: dict, kind: dict, source: str | None, note: str) -> dict | None:
    coded = coded | CORRECTIONS.get((agreement, slug), {})
    value = coded["value"]
    if value == NOT_CODED:
        return None
    answer = value if value in BARE_ANSWERS else "yes"
    cell = {"provision": slug, "answer": answer}
    notes = [note] if answer == "not_public" and note else []
    if answer == "yes":
        if value not in BARE_ANSWERS:
            cell["choice"] = value
        if "number" in coded:
            cell["number"] = _amount(Decimal(str(coded["number"])))
            cell["unit"] = coded.get("currency") or coded.get("unit", "")
        if kind["value_type"] == "text":
            cell["text"] = coded.get("text", "")
    if coded.get("conditions"):
        if answer == "yes":
            cell["conditions"] = coded["conditions"]
        else:
            notes.append(coded["conditions"])
    if _binds(coded.get("binds")):
        cell["binds"] = _binds(coded.get("binds"))
    if coded.get("binds") and _binds(coded["binds"]) == "ukraine" and coded["binds"] != "Ukraine":
        notes.append(f"Binds: {coded['binds']}.")
    if coded.get("quote"):
        if source is None:
            raise CommandError(f"{slug}: a quote but no text source to cite")
        cell["passage"] = coded["quote"]
    if coded.get("dispute"):
        cell["dispute"] = coded["dispute"]
    notes += [f"{field.title()}: {coded[field]}." for field in ("scope", "years") if coded.get(field)]
    if notes:
        cell["note"] = " ".join(notes)
    if coded.get("quote"):
        citation = {"source": source, "quote": coded["quote"]}
        if coded.get("article"):
            citation["locator"] = coded["article"]
        cell["citations"] = [citation]
    return cell


def _text_source(agreement: dict, sources: dict, language: str) -> str | None:
    cited = []

    def walk(node):
        if isinstance(node, dict):
            if "source" in node and "quote" in node and node["source"] not in cited:
                cited.append(node["source"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(agreement)
    texts = [s for s in cited if sources[s].get("kind") == "text"]
    return next((s for s in texts if sources[s].get("language", "en") == language), None)


class Command(BaseCommand):
    help = "Convert a researched provisions coding (YAML) into data/provisions.yml and the agreement files."

    def add_arguments(self, parser):
        parser.add_argument("research", type=Path, help="the research file, e.g. provisions.yml")
        parser.add_argument("--data", type=Path, default=None, help="folder to write (default: data/)")

    def handle(self, *args, research: Path, data: Path | None = None, **options):
        try:
            coded = yaml.safe_load(research.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"cannot read {research}: {error}") from error
        root = data or data_dir()
        catalogue = _catalogue(coded)
        kinds = {p["slug"]: p for p in catalogue}
        research_slugs = {p["slug"].lower(): p["slug"] for p in coded["catalogue"]}
        sources = {path.stem: read(path)[0] for path in (root / "sources").glob("*.yml")}
        written = {}
        for slug, coding in coded["codings"].items():
            path = root / "agreements" / f"{slug}.yml"
            if not path.exists():
                raise CommandError(f"no agreement file {path}")
            agreement, _ = read(path)
            source = _text_source(agreement, sources, coding.get("text_language", "en"))
            note = coding.get("note", "")
            cells = [
                _cell(slug, p, coding[research_slugs[p]], kinds[p], source, note)
                for p in kinds
                if isinstance(coding.get(research_slugs[p]), dict)
            ]
            agreement["provisions"] = [cell for cell in cells if cell]
            if not agreement["provisions"]:
                del agreement["provisions"]
            written[path] = agreement
        write(root / schema.PROVISIONS_FILE, catalogue)
        for path, agreement in written.items():
            write(path, agreement)
        self.stdout.write(f"{len(catalogue)} provisions, {len(written)} agreement files written.")
