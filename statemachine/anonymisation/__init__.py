"""Anonymisation of decision texts (issue 12, part 3), pure: the case's own parties are found
first, in their Danish inflected forms; then patterns find CPR numbers, e-mail addresses, phone
numbers, account numbers and street addresses; then a recogniser finds the other personal
names. :func:`propose` gives the replacements, :func:`apply` puts the accepted ones in place.
"""

from statemachine.anonymisation.parties import KnownParty, PartyRole, genitive
from statemachine.anonymisation.propose import propose
from statemachine.anonymisation.spans import (
    KIND_LABELS,
    KINDS,
    SOURCE_LABELS,
    Kind,
    Source,
    Span,
    apply,
    choose,
    placeholder,
)

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "SOURCE_LABELS",
    "Kind",
    "KnownParty",
    "PartyRole",
    "Source",
    "Span",
    "apply",
    "choose",
    "genitive",
    "placeholder",
    "propose",
]
