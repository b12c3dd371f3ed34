"""ENGINEERING.md tenancy rules 1–2, checked on every model: a new model that forgets its
pemda, or a unique constraint that forgets it, fails here."""

from django.apps import apps
from django.db import models

from sakip.organisasi.models import Pemda

OUR_APPS = {"organisasi", "perencanaan", "pengukuran", "pelaporan", "demo"}


def tenant_models():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model is Pemda:
            continue
        if model.__name__.startswith("Historical"):
            continue  # django-simple-history copies: they keep pemda_id as a value
        yield model


def test_there_are_tenant_models_to_check():
    assert len(list(tenant_models())) >= 20


def test_every_tenant_row_carries_a_non_null_pemda():
    for model in tenant_models():
        field = model._meta.get_field("pemda")
        assert isinstance(field, models.ForeignKey), model
        assert field.related_model is Pemda, model
        assert not field.null, f"{model.__name__}.pemda must be non-null"


def test_every_unique_constraint_includes_the_pemda():
    for model in tenant_models():
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint):
                assert "pemda" in constraint.fields, f"{model.__name__}: {constraint.name}"
        for field in model._meta.local_fields:
            if field.unique and not field.primary_key:
                assert isinstance(field, models.OneToOneField), f"{model.__name__}.{field.name}"
