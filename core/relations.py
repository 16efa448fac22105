"""Reach a model of an app above this one through a relation, instead of importing it.

Imports between the apps go one way only (tests/test_layout.py):
core < sources < donors < agreements < pledges < portal. A page of a lower app that
shows rows of a higher one (an agreement's pledges, a party's agreements) gets their
model from the relation the higher app defines, so no import circle forms.
"""


def related_model(model, path: str):
    """The model at the end of a lookup path, e.g. related_model(Agreement, "pledges__programme")."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model
