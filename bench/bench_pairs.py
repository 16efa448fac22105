"""The equivalent requests of bench/datasette_bench.py: this project's page and Datasette's.

Each pair rotates through many filter values (so no single cached answer serves the
run) and keeps a few other values for the cold views. Datasette lists sort like the
project's (`_sort_desc=announced_on` for pledges, `_sort=signed_on` for agreements)
and reach deep pages by its own keyset tokens (`_next`), the way it pages.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bench.sqlite_copy import keyset_token, rows

PAGE = 50
HEALTH_RATIO_LISTS = ("agreements list", "pledges list")


@dataclass
class Pair:
    name: str
    ours: list[str]
    theirs: list[str]
    cold_ours: list[str]
    cold_theirs: list[str]
    target: float
    is_list: bool = True


def _split(ours: list[str], theirs: list[str], cold: int = 5) -> tuple:
    """The last `cold` values are kept for the cold views; the others rotate."""
    return ours[:-cold], theirs[:-cold], ours[-cold:], theirs[-cold:]


def pairs(copy: Path) -> list[Pair]:
    db = f"/{copy.stem}"
    donors = [f"generated-party-{n}" for n in range(2, 201)]
    pledges = f"{db}/pledges?_size={PAGE}"
    result = [
        Pair(
            "agreements list",
            *_split(
                [f"/agreements/?page={n}" for n in range(1, 26)],
                [
                    f"{db}/agreements?_size={PAGE}&_sort=signed_on&_next="
                    f"{quote(keyset_token(copy, (n - 1) * PAGE, table='agreements', sort='signed_on ASC'))}"
                    if n > 1
                    else f"{db}/agreements?_size={PAGE}&_sort=signed_on"
                    for n in range(1, 26)
                ],
            ),
            2.0,
        ),
        Pair(
            "pledges list",
            *_split(
                [f"/pledges/?page={n}" for n in range(1, 26)],
                [
                    f"{pledges}&_sort_desc=announced_on&_next={quote(keyset_token(copy, (n - 1) * PAGE))}"
                    if n > 1
                    else f"{pledges}&_sort_desc=announced_on"
                    for n in range(1, 26)
                ],
            ),
            2.0,
        ),
        Pair(
            "pledges of a donor by EUR",
            *_split(
                [f"/pledges/?donor={d}&sort=-amount" for d in donors],
                [f"{pledges}&donor_slug={d}&_sort_desc=amount_eur" for d in donors],
            ),
            2.0,
        ),
    ]
    middle = []
    for donor in donors:
        (count,) = rows(copy, "SELECT count(*) FROM pledges WHERE donor_slug = ?", (donor,))[0]
        page = max(2, -(-count // PAGE) // 2)
        token = keyset_token(copy, (page - 1) * PAGE, where="donor_slug = ?", params=(donor,))
        middle.append(
            (
                f"/pledges/?donor={donor}&page={page}",
                f"{pledges}&donor_slug={donor}&_sort_desc=announced_on&_next={quote(token)}",
            )
        )
    result.append(Pair("a donor's middle page", *_split(*map(list, zip(*middle, strict=True))), 2.0))
    (total,) = rows(copy, "SELECT count(*) FROM pledges")[0]
    deep = range(total // PAGE // 10, total // PAGE, max(1, total // PAGE // 100))
    result.append(
        Pair(
            "an unfiltered deep page",
            *_split(
                [f"/pledges/?page={n}" for n in deep],
                [
                    f"{pledges}&_sort_desc=announced_on&_next={quote(keyset_token(copy, (n - 1) * PAGE))}"
                    for n in deep
                ],
            ),
            2.0,
        )
    )
    combos = [
        (c, y, "")
        for c in ("military", "financial", "humanitarian", "mixed")
        for y in (2022, 2023, 2024, 2025)
    ]
    combos += [
        ("military", 2023, "announced"),
        ("financial", 2024, "committed"),
        ("mixed", 2022, "delivered"),
        ("humanitarian", 2025, "allocated"),
        ("military", 2024, "delivered"),
    ]
    result.append(
        Pair(
            "pledges by category and year",
            *_split(
                [f"/pledges/?category={c}&year={y}" + (f"&status={s}" if s else "") for c, y, s in combos],
                [
                    f"{pledges}&_sort_desc=announced_on&category={c}&period_start_year__lte={y}&period_end_year__gte={y}"
                    + (f"&status={s}" if s else "")
                    for c, y, s in combos
                ],
            ),
            2.0,
        )
    )
    party_agreements = "agreement_id in (select agreement_id from agreement_parties where party_slug = '{}')"
    result.append(
        Pair(
            "agreements of a party",
            *_split(
                [f"/agreements/?party={d}" for d in donors],
                [
                    f"{db}/agreements?_size={PAGE}&_sort=signed_on&_where={quote(party_agreements.format(d))}"
                    for d in donors
                ],
            ),
            2.0,
        )
    )
    numbers = [str(n) for n in range(4242, total, max(1, total // 205))][:205]
    result.append(
        Pair(
            "search: a rare word",
            *_split([f"/pledges/?q={n}" for n in numbers], [f"{pledges}&_search={n}" for n in numbers]),
            2.0,
        )
    )
    common = ["purpose", "generated", "generated+purpose", "purpose+generated"]
    result.append(
        Pair(
            "search: a word in every row",
            [f"/pledges/?q={w}" for w in common],
            [f"{pledges}&_search={w}" for w in common],
            [f"/pledges/?q={w}" for w in ("purposes", "generating", "generate", "purposed")],
            [f"{pledges}&_search={w}" for w in common],
            2.0,
        )
    )
    ids = [
        pk
        for (pk,) in rows(copy, f"SELECT pledge_id FROM pledges WHERE pledge_id % {max(1, total // 205)} = 7")
    ]
    result.append(
        Pair(
            "a pledge's page",
            *_split([f"/pledges/{pk}/" for pk in ids], [f"{db}/pledges/{pk}" for pk in ids]),
            1.0,
            is_list=False,
        )
    )
    agreements = rows(copy, "SELECT slug, agreement_id FROM agreements WHERE agreement_id % 97 = 3 LIMIT 205")
    result.append(
        Pair(
            "an agreement's page",
            *_split(
                [f"/agreements/{slug}/" for slug, _ in agreements],
                [f"{db}/agreements/{pk}" for _, pk in agreements],
            ),
            1.0,
            is_list=False,
        )
    )
    return result
