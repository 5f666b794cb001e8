"""What the filer is told about their information, before the first question about them.

A tribunal is a public authority: it handles case data because the law gives it the task
(GDPR art. 6(1)(e)), not because the filer consents, so the dialogue informs and asks nothing.
Consent would have to be free and revocable, and a filer who "refused" could not file at all.

Each line is one short sentence that makes sense read aloud on its own: who gets what, why,
for how long, and the warning about CPR numbers.
"""

from __future__ import annotations

from typing import Final

from statemachine.text import Text, t, tn

DRAFT_DAYS: Final = 90
"""How many days an untouched draft is kept, unless the service is set up otherwise
(``NAEVN_DRAFT_RETENTION_DAYS``); the service builds the engine with its own number."""


def notice(draft_days: int = DRAFT_DAYS) -> list[Text]:
    """The privacy notice, in the order it is read.

    Args:
        draft_days: how many days a draft nobody continues is kept before it is deleted.
    """
    return [
        t(
            "Before we start: this assistant helps you file a case with the rent tribunal "
            "or the residents' complaints board of your municipality."
        ),
        t(
            "We ask one thing at a time. You can type back, help, save or restart at any "
            "question. Save gives you a code to continue later."
        ),
        t("The tribunal gets your answers and documents, and uses them to handle your case."),
        t("The other party in the case gets everything you send. The law requires this."),
        t(
            "The tribunal handles your information because the law gives it this task. "
            "That is why we do not ask for your consent."
        ),
        t("Decisions are published without names in a public register."),
        tn(
            "A draft that nobody continues for {count} day is deleted, together with its files.",
            "A draft that nobody continues for {count} days is deleted, together with its files.",
            draft_days,
        ),
        t("The tribunal keeps a filed case as the rules for public records require."),
        t("Do not write CPR numbers in your answers or documents. We never ask for one."),
    ]
