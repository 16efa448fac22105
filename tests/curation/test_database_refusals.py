"""Values a file may hold that only the database refuses: the load names the file and
loads nothing. Transactional (the two-party check runs at commit), so in a module of its
own, away from the modules that hold the shipped data in an open transaction."""

import pytest
from django.core.management import CommandError, call_command

from agreements.models import Agreement
from curation.files import read_dataset
from tests.curation.test_data_files import NETHERLANDS, _edit, history_count

# Values each file may hold alone that the database refuses: the load names the file and
# loads nothing.
REFUSED_BY_THE_DATABASE = {
    "a currency without an amount": (
        NETHERLANDS,
        lambda d: d["pledges"][0].pop("amount"),
        "pledge_amount_with_currency",
    ),
    "a bilateral agreement with three parties": (
        NETHERLANDS,
        lambda d: d["parties"].append({"party": "latvia", "role": "partner"}),
        "exactly two parties",
    ),
}


@pytest.mark.django_db(transaction=True)  # the two-party check runs at commit
@pytest.mark.parametrize("case", REFUSED_BY_THE_DATABASE)
def test_values_the_database_refuses_load_nothing_and_name_the_file(data, case):
    name, change, message = REFUSED_BY_THE_DATABASE[case]
    _edit(data / name, change)
    assert read_dataset(data).errors == []
    with pytest.raises(CommandError, match=message) as refused:
        call_command("data_load", "--data", str(data), verbosity=0)
    assert "Nothing was loaded" in str(refused.value)
    assert not Agreement.objects.exists() and history_count() == 0
