"""The base of every editable admin page: history with revert (django-simple-history),
a 400 with a message for bad input in its URLs, and a refused save when the record
changed since the form was opened."""

from simple_history.admin import SimpleHistoryAdmin

from core.admin_concurrency import StaleEditGuardMixin
from core.admin_input import AdminInputMixin


class TrackedAdmin(StaleEditGuardMixin, AdminInputMixin, SimpleHistoryAdmin):
    pass
