"""The three states of a computed figure: computed, missing, not computable.

A figure that is missing ("belum ada data") or cannot be computed ("tidak dapat dihitung")
never carries a value, so it can never quietly turn into 0 or 100 in a table or a total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class FormulaInputError(ValueError):
    """Input a formula cannot accept; the message (Bahasa Indonesia) tells the user what to fix."""


class Status(StrEnum):
    COMPUTED = "dihitung"
    MISSING = "belum_ada_data"
    NOT_COMPUTABLE = "tidak_dapat_dihitung"


@dataclass(frozen=True)
class Result:
    """A figure with its state; `reason` explains a missing or not computable figure.

    A computed result may also carry a short note in `reason` (e.g. that a cap was applied).
    """

    status: Status
    value: Decimal | None
    reason: str = ""

    def __post_init__(self) -> None:
        if self.status is Status.COMPUTED:
            if not isinstance(self.value, Decimal) or not self.value.is_finite():
                raise FormulaInputError("hasil yang dihitung harus berupa angka Decimal yang sah")
        elif self.value is not None:
            raise FormulaInputError(
                "hasil yang belum ada data atau tidak dapat dihitung tidak boleh memiliki nilai"
            )

    @classmethod
    def computed(cls, value: Decimal, reason: str = "") -> Result:
        return cls(Status.COMPUTED, value, reason)

    @classmethod
    def missing(cls, reason: str) -> Result:
        return cls(Status.MISSING, None, reason)

    @classmethod
    def not_computable(cls, reason: str) -> Result:
        return cls(Status.NOT_COMPUTABLE, None, reason)

    @property
    def is_computed(self) -> bool:
        return self.status is Status.COMPUTED
