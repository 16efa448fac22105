import shutil
from pathlib import Path

import pytest

from curation.files import data_dir


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of data/ to edit."""
    return shutil.copytree(data_dir(), tmp_path / "data")
