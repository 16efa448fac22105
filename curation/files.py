"""The data/ folder read and checked: every file against its schema, every reference resolved.

`read_dataset` returns the parsed files and every error found, each naming the file,
the line and the field; nothing is written. Only areas.yml and the folders named in
`schema.FOLDERS` are read: data/quality_waivers.yml and README.md belong to others.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from pydantic import TypeAdapter, ValidationError

from curation import schema
from curation.yaml_io import DataFileError, line_of, read


def data_dir() -> Path:
    return Path(settings.BASE_DIR) / "data"


@dataclass
class DataFile:
    path: Path
    slug: str
    data: object  # the schema model
    lines: dict

    def error(self, loc: tuple, message: str) -> DataFileError:
        return DataFileError(self.path, line_of(self.lines, loc), ".".join(map(str, loc)), message)


@dataclass
class Dataset:
    root: Path
    files: dict = field(default_factory=dict)  # folder -> {slug: DataFile}
    areas: dict = field(default_factory=dict)
    provisions: list = field(default_factory=list)  # the catalogue, in column order
    errors: list = field(default_factory=list)

    def reason(self, data_file: DataFile | Path) -> str:
        path = data_file.path if isinstance(data_file, DataFile) else data_file
        return f"loaded from data/{path.relative_to(self.root)}"

    def pledges(self):
        """Every pledge with the file it is in, its place in it, and its agreement and programme."""
        for folder in ("agreements", "programmes", "parties"):
            for data_file in self.files[folder].values():
                for index, pledge in enumerate(data_file.data.pledges):
                    agreement = data_file.slug if folder == "agreements" else None
                    programme = data_file.slug if folder == "programmes" else pledge.programme
                    yield data_file, ("pledges", index), pledge, agreement, programme

    def disputes(self):
        """Every dispute with its file, its place, its slug and what it is about."""
        for data_file in self.files["agreements"].values():
            for index, dispute in enumerate(data_file.data.disputes):
                yield data_file, ("disputes", index), dispute, dispute.slug, data_file.slug, None
        for data_file, loc, pledge, _, _ in self.pledges():
            for index, dispute in enumerate(pledge.disputes):
                yield data_file, (*loc, "disputes", index), dispute, dispute.slug, None, pledge.key
        for data_file in self.files["disputes"].values():
            yield data_file, (), data_file.data, data_file.slug, None, None


def _schema_errors(path, lines, error: ValidationError) -> list[DataFileError]:
    return [
        DataFileError(path, line_of(lines, e["loc"]), ".".join(map(str, e["loc"])), e["msg"])
        for e in error.errors()
    ]


def _parse(path: Path, model, errors: list):
    try:
        data, lines = read(path)
        return TypeAdapter(model).validate_python(data if data is not None else {}), lines
    except DataFileError as error:
        errors.append(error)
    except ValidationError as error:
        errors.extend(_schema_errors(path, lines, error))
    return None, None


def read_dataset(root: Path | None = None) -> Dataset:
    dataset = Dataset(root=root or data_dir())
    areas_path = dataset.root / schema.AREAS_FILE
    if areas_path.exists():
        dataset.areas, _ = _parse(areas_path, schema.AreasFile, dataset.errors)
        dataset.areas = dataset.areas or {}
    provisions_path = dataset.root / schema.PROVISIONS_FILE
    if provisions_path.exists():
        dataset.provisions, _ = _parse(provisions_path, schema.ProvisionsFile, dataset.errors)
        dataset.provisions = dataset.provisions or []
    for folder, model in schema.FOLDERS.items():
        dataset.files[folder] = {}
        for path in sorted((dataset.root / folder).glob("*")):
            if path.suffix != ".yml" or not schema.SLUG.match(path.stem):
                dataset.errors.append(DataFileError(path, None, "", "a data file is named <slug>.yml"))
                continue
            parsed, lines = _parse(path, model, dataset.errors)
            if parsed is not None:
                dataset.files[folder][path.stem] = DataFile(path, path.stem, parsed, lines)
    if not dataset.errors:
        dataset.errors.extend(check_references(dataset))
    return dataset


def _duplicates(data_file, items, loc, attribute, what):
    seen = Counter(getattr(item, attribute) for item in items)
    return [
        data_file.error((*loc, index, attribute), f"{what} '{getattr(item, attribute)}' appears twice")
        for index, item in enumerate(items)
        if seen[getattr(item, attribute)] > 1
    ]


def check_references(dataset: Dataset) -> list[DataFileError]:
    """Every slug and key a file names exists, and keys that must be unique are."""
    known = {folder: set(files) for folder, files in dataset.files.items()}
    known["areas"] = set(dataset.areas)
    offices = {slug: {o.key for o in f.data.offices} for slug, f in dataset.files["people"].items()}
    pledge_keys = Counter(pledge.key for _, _, pledge, _, _ in dataset.pledges())
    dispute_slugs = Counter(slug for *_, slug, _, _ in dataset.disputes())
    errors = []

    def ref(data_file, loc, folder, value, what=None):
        if value is not None and value not in known[folder]:
            errors.append(data_file.error(loc, f"no {what or folder[:-1]} '{value}' in data/{folder}/"))

    def citations(data_file, loc, fact):
        for index, citation in enumerate(fact.citations):
            ref(data_file, (*loc, "citations", index, "source"), "sources", citation.source)

    for data_file in dataset.files["parties"].values():
        citations(data_file, (), data_file.data)
        errors += _duplicates(
            data_file, data_file.data.memberships, ("memberships",), "organisation", "organisation"
        )
        for index, membership in enumerate(data_file.data.memberships):
            ref(data_file, ("memberships", index, "organisation"), "parties", membership.organisation)
            citations(data_file, ("memberships", index), membership)
    for data_file in dataset.files["people"].values():
        ref(data_file, ("country",), "parties", data_file.data.country)
        errors += _duplicates(data_file, data_file.data.offices, ("offices",), "key", "office key")
        for index, office in enumerate(data_file.data.offices):
            ref(data_file, ("offices", index, "party"), "parties", office.party)
            citations(data_file, ("offices", index), office)
    for data_file in dataset.files["programmes"].values():
        citations(data_file, (), data_file.data)
        errors += _duplicates(data_file, data_file.data.members, ("members",), "party", "member")
        for index, member in enumerate(data_file.data.members):
            ref(data_file, ("members", index, "party"), "parties", member.party)
            citations(data_file, ("members", index), member)
    for data_file in dataset.files["agreements"].values():
        agreement = data_file.data
        citations(data_file, (), agreement)
        ref(data_file, ("framework",), "agreements", agreement.framework)
        for index, area in enumerate(agreement.areas):
            ref(data_file, ("areas", index), "areas", area, "area (data/areas.yml)")
        errors += _duplicates(data_file, agreement.parties, ("parties",), "party", "party")
        for index, party in enumerate(agreement.parties):
            ref(data_file, ("parties", index, "party"), "parties", party.party)
        errors += _duplicates(data_file, agreement.milestones, ("milestones",), "key", "milestone key")
        for index, milestone in enumerate(agreement.milestones):
            ref(data_file, ("milestones", index, "party"), "parties", milestone.party)
            citations(data_file, ("milestones", index), milestone)
        errors += _duplicates(data_file, agreement.signatories, ("signatories",), "person", "signatory")
        for index, signatory in enumerate(agreement.signatories):
            loc = ("signatories", index)
            ref(data_file, (*loc, "person"), "people", signatory.person)
            ref(data_file, (*loc, "party"), "parties", signatory.party)
            if signatory.office and signatory.office not in offices.get(signatory.person, ()):
                errors.append(
                    data_file.error(
                        (*loc, "office"), f"{signatory.person} has no office '{signatory.office}'"
                    )
                )
            citations(data_file, loc, signatory)
        errors += _duplicates(data_file, agreement.provisions, ("provisions",), "provision", "provision")
        errors += provision_errors(data_file, dataset.provisions)
        for index, cell in enumerate(agreement.provisions):
            citations(data_file, ("provisions", index), cell)
    for data_file, loc, pledge, _, programme in dataset.pledges():
        if pledge_keys[pledge.key] > 1:
            errors.append(data_file.error((*loc, "key"), f"pledge key '{pledge.key}' is used twice"))
        if data_file.path.parent.name == "programmes" and pledge.programme:
            errors.append(data_file.error((*loc, "programme"), "a programme file's pledges go through it"))
        ref(data_file, (*loc, "donor"), "parties", pledge.donor)
        ref(data_file, (*loc, "recipient"), "parties", pledge.recipient)
        ref(data_file, (*loc, "programme"), "programmes", programme)
        for link in ("part_of", "fulfils"):
            linked = getattr(pledge, link)
            if linked is not None and linked not in pledge_keys:
                errors.append(data_file.error((*loc, link), f"no pledge with key '{linked}'"))
        citations(data_file, loc, pledge)
    for data_file, loc, dispute, slug, _, _ in dataset.disputes():
        if dispute_slugs[slug] > 1:
            errors.append(data_file.error((*loc, "slug"), f"dispute slug '{slug}' is used twice"))
        for index, claim in enumerate(dispute.claims):
            citations(data_file, (*loc, "claims", index), claim)
    return errors


def provision_errors(data_file: DataFile, catalogue: list) -> list[DataFileError]:
    """The cells of one agreement file against the catalogue: a known provision, a listed
    choice, a dispute of this agreement, and for an answer the text gives (yes, no) a
    citation whose quote is inside the cell's passage."""
    provisions = {p.slug: p for p in catalogue}
    disputes = {d.slug for d in data_file.data.disputes}
    errors = []
    for index, cell in enumerate(data_file.data.provisions):
        loc = ("provisions", index)
        provision = provisions.get(cell.provision)
        if provision is None:
            errors.append(
                data_file.error(
                    (*loc, "provision"), f"no provision '{cell.provision}' in data/provisions.yml"
                )
            )
            continue
        if cell.choice and cell.choice not in provision.choices:
            errors.append(
                data_file.error(
                    (*loc, "choice"), f"'{cell.choice}' is not one of: {', '.join(provision.choices)}"
                )
            )
        if cell.dispute is not None and cell.dispute not in disputes:
            errors.append(data_file.error((*loc, "dispute"), f"no dispute '{cell.dispute}' in this file"))
        if cell.answer in ("yes", "no") and not cell.citations:
            errors.append(
                data_file.error((*loc, "answer"), "an answer the text gives needs a citation of its sentence")
            )
        for number, citation in enumerate(cell.citations):
            if " ".join(citation.quote.split()) not in " ".join(cell.passage.split()):
                errors.append(
                    data_file.error(
                        (*loc, "citations", number, "quote"), "the quote is not in the cell's passage"
                    )
                )
    return errors
