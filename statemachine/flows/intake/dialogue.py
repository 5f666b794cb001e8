"""The intake dialogue: the states, what each asks, and where each answer leads. Data only.

The case type's own questions (``questions.py``) are woven in between choosing the case type
and the deadline summary; the chain of transitions between them is generated here from the
question list, so adding a question to the catalog adds it to the dialogue.

Besides answering, a filer may go back, ask for help, save, restart (which asks first, in
``confirm_restart``) and, from the review, change an earlier answer (``edit``), after which
the dialogue returns to the review. The functions named here are in ``hooks.py``.
"""

from __future__ import annotations

from statemachine.catalog.questions import QUESTIONS
from statemachine.catalog.shapes import Question
from statemachine.engine.flow import ActionData, FlowData, StateData, TransitionData
from statemachine.text import N_

SECTIONS = 11
"""The parts of the dialogue, in order: 1 start (language, privacy), 2 you (role, whom you
represent), 3 the home, 4 the case (case type and its questions), 5 deadlines, 6 the parties,
7 your request, 8 documents, 9 contact details, 10 fee and review, 11 submit. Every path to a
filed case passes through every part, so the progress counter never jumps."""

ANSWER = "answer"
"""The trigger an answer fires."""


def _answer(
    source: str,
    dest: str,
    *,
    when: list[str] | None = None,
    unless: list[str] | None = None,
    then: list[str] | None = None,
) -> TransitionData:
    tr: TransitionData = {"trigger": ANSWER, "source": source, "dest": dest}
    if when:
        tr["conditions"] = when
    if unless:
        tr["unless"] = unless
    if then:
        tr["after"] = then
    return tr


def _question_state(q: Question) -> StateData:
    state: StateData = {
        "name": q.state,
        "section": 4,
        "prompt": q.prompt,
        "help": q.help,
        "input": {"kind": q.kind, "required": q.required, "past": q.past},
    }
    return state


_STATES: list[StateData] = [
    {
        "name": "ask_language",
        "section": 1,
        "prompt": N_("Which language would you like to use?"),
        "help": N_("Choose Danish or English. You can change it later by going back."),
        "label": N_("Language"),
        "input": {"kind": "choice", "options": "languages"},
    },
    {
        "name": "ask_consent",
        "section": 1,
        "intro": "privacy_notice",
        "prompt": N_(
            "Do you agree that the tribunal stores and uses your answers to handle your case?"
        ),
        "help": N_(
            "Your answers and documents are used only to handle your case. They are "
            "shared with the other party, as the law requires. Answer yes to go on."
        ),
        "review": False,
        "input": {"kind": "confirm"},
    },
    {
        "name": "end_no_consent",
        "section": 1,
        "final": True,
        "prompt": N_(
            "Without your consent we cannot file a case for you. Nothing has been "
            "sent. You can go back if you change your mind."
        ),
    },
    {
        "name": "ask_role",
        "section": 2,
        "prompt": N_("Who are you in this case?"),
        "help": N_(
            "Choose tenant if you rent the home, or rented it before. Choose landlord if "
            "you let it out, also for a housing association. A tenant board is the "
            "elected board or spokesperson of the tenants. Choose representative if you "
            "file for someone else, for example as a lawyer."
        ),
        "label": N_("Your role"),
        "input": {"kind": "choice", "options": "roles"},
    },
    {
        "name": "ask_represents",
        "section": 2,
        "prompt": N_("Which side do you represent?"),
        "help": N_("Choose the side of the person or organisation you file for."),
        "label": N_("The side you represent"),
        "input": {"kind": "choice", "options": "sides"},
    },
    {
        "name": "ask_client_name",
        "section": 2,
        "prompt": N_("What is the name of the person or company you represent?"),
        "help": N_("Write the full name as it appears in the lease."),
        "label": N_("The person or company you represent"),
        "input": {"kind": "text"},
    },
    {
        "name": "ask_power_of_attorney",
        "section": 2,
        "prompt": N_(
            "Do you have a written power of attorney from the person or company you represent?"
        ),
        "help": N_(
            "A power of attorney (fuldmagt) is a signed letter that lets you act for "
            "someone else. You will be asked to upload it with the other documents."
        ),
        "label": N_("Power of attorney"),
        "input": {"kind": "confirm"},
    },
    {
        "name": "ask_housing",
        "section": 3,
        "prompt": N_("What kind of home is the case about?"),
        "help": N_(
            "Private rental homes go to the rent tribunal (huslejenævnet). Social "
            "housing, rented from a housing association, goes to the residents' "
            "complaints board (beboerklagenævnet)."
        ),
        "label": N_("Kind of home"),
        "input": {"kind": "choice", "options": "housing"},
    },
    {
        "name": "ask_housing_help",
        "section": 3,
        "intro": "housing_help",
        "prompt": N_("Which kind of home is it, then?"),
        "help": N_(
            "If you are still unsure, choose private rental. The tribunal will move the "
            "case if it belongs elsewhere."
        ),
        "label": N_("Kind of home"),
        "input": {"kind": "choice", "options": "housing_known"},
    },
    {
        "name": "ask_address",
        "section": 3,
        "prompt": N_("What is the address of the home the case is about?"),
        "help": N_("Write the street, number and floor, for example Vestergade 12, 2. th."),
        "label": N_("Address"),
        "input": {"kind": "text"},
    },
    {
        "name": "ask_municipality",
        "section": 3,
        "prompt": N_("What is the postcode or the municipality of the home?"),
        "help": N_(
            "Write a postcode such as 2300, or a municipality name such as Aarhus. The "
            "case goes to the tribunal of the municipality where the home is."
        ),
        "label": N_("Postcode or municipality"),
        "input": {"kind": "text", "parser": "municipality"},
    },
    {
        "name": "ask_municipality_choice",
        "section": 3,
        "prompt": N_("That fits more than one municipality. Which one is the home in?"),
        "help": N_("Some postcodes cross municipal borders. Choose the municipality of the home."),
        "label": N_("Municipality"),
        "input": {"kind": "choice", "options": "municipality_matches"},
    },
    {
        "name": "ask_case_type",
        "section": 4,
        "intro": "case_type_intro",
        "prompt": N_("What is the disagreement about?"),
        "help": N_(
            "Choose the topic closest to your case. You can add more topics in the next "
            "step. If none fits, choose the one nearest and explain in your own words "
            "later."
        ),
        "label": N_("Main topic"),
        "input": {"kind": "choice", "options": "case_types"},
    },
    {
        "name": "ask_more_topics",
        "section": 4,
        "intro": "case_type_notes",
        "prompt": N_("Is the case also about any of these topics? Choose any that apply, or none."),
        "help": N_(
            "Type the numbers separated by commas, for example 1, 3. Press Enter without "
            "typing anything if there are no more topics."
        ),
        "label": N_("More topics"),
        "input": {"kind": "multi_choice", "options": "extra_topics", "required": False},
    },
    *(_question_state(q) for q in QUESTIONS),
    {
        "name": "show_deadlines",
        "section": 5,
        "intro": "deadline_summary",
        "prompt": N_("Press Enter to go on."),
        "review": False,
        "input": {"kind": "none"},
    },
    {
        "name": "ask_counterparty_kind",
        "section": 6,
        "prompt": N_("Is the other party a person or a company?"),
        "params": "other_party",
        "help": N_(
            "The other party is {other_party}. Choose company for an association, a "
            "housing association or a firm."
        ),
        "label": N_("The other party is"),
        "input": {"kind": "choice", "options": "party_kinds"},
    },
    {
        "name": "ask_counterparty_name",
        "section": 6,
        "params": "other_party",
        "prompt": N_("What is the name of the other party, {other_party}?"),
        "help": N_("Write the full name of the person, or the company's name, as in the lease."),
        "label": N_("Name of the other party"),
        "input": {"kind": "text"},
    },
    {
        "name": "ask_counterparty_address",
        "section": 6,
        "prompt": N_("What is the other party's postal address, if you know it?"),
        "help": N_(
            "The tribunal sends the case to the other party. Leave it empty if you do not know it."
        ),
        "label": N_("Address of the other party"),
        "input": {"kind": "text", "required": False},
    },
    {
        "name": "ask_has_co_parties",
        "section": 6,
        "prompt": N_(
            "Is anyone else on your side of the case, for example another tenant on the lease?"
        ),
        "help": N_(
            "Co-parties are people who share your side, such as a spouse on the same "
            "lease. The tribunal may need their consent."
        ),
        "label": N_("Others on your side"),
        "input": {"kind": "confirm"},
    },
    {
        "name": "ask_co_parties",
        "section": 6,
        "prompt": N_("What are their names? Write one name per line."),
        "help": N_("Write each person's full name on its own line. End with an empty line."),
        "label": N_("Names of others on your side"),
        "input": {"kind": "long_text"},
    },
    {
        "name": "ask_claim",
        "section": 7,
        "prompt": N_("What do you want the tribunal to decide? Describe it in your own words."),
        "help": N_(
            "For example: that the rent increase is not valid, or that the deposit must "
            "be paid back. Say what happened and when. Short sentences are fine."
        ),
        "label": N_("What you ask the tribunal to decide"),
        "input": {"kind": "long_text"},
    },
    {
        "name": "ask_settlement_tried",
        "section": 7,
        "params": "other_party",
        "prompt": N_(
            "Have you tried to solve the disagreement with the other party, {other_party}, first?"
        ),
        "help": N_(
            "The tribunal expects you to have tried, for example by letter or email. "
            "You can still file if you have not."
        ),
        "label": N_("Tried to settle first"),
        "input": {"kind": "confirm"},
    },
    {
        "name": "ask_attachment",
        "section": 8,
        "items": "attachments",
        "intro": "attachment_intro",
        "prompt": N_("Please upload: {attachment}."),
        "params": "attachment",
        "help": N_(
            "{explanation} Give the path to the file, for example "
            "/home/anna/lejekontrakt.pdf. PDF, JPEG, PNG, Word (DOCX) and plain text are "
            "accepted, up to 20 MB each. If you do not have it, choose the option below."
        ),
        "label": N_("Document: {attachment}"),
        "input": {
            "kind": "file",
            "options": "attachment_missing",
            "parser": "attachment",
            "required_when": "attachment_required",
        },
    },
    {
        "name": "ask_attachment_reason",
        "section": 8,
        "items": "attachments",
        "params": "attachment",
        "prompt": N_("Why can you not upload this document: {attachment}?"),
        "help": N_(
            "A short reason is enough, for example: the landlord never gave me one. The "
            "tribunal may ask you for it later."
        ),
        "label": N_("Reason it is missing: {attachment}"),
        "input": {"kind": "text", "limit": 500},
    },
    {
        "name": "ask_name",
        "section": 9,
        "prompt": N_("What is your full name?"),
        "help": N_("The tribunal uses your name in letters about the case."),
        "label": N_("Your name"),
        "input": {"kind": "text"},
    },
    {
        "name": "ask_email",
        "section": 9,
        "prompt": N_("What is your email address?"),
        "help": N_("The tribunal sends a receipt and news about the case there."),
        "label": N_("Your email"),
        "input": {"kind": "email"},
    },
    {
        "name": "ask_phone",
        "section": 9,
        "prompt": N_("What is your phone number? You may leave it empty."),
        "help": N_("A phone number lets the tribunal call you, for example to plan an inspection."),
        "label": N_("Your phone number"),
        "input": {"kind": "phone", "required": False},
    },
    {
        "name": "show_fee",
        "section": 10,
        "intro": "fee_summary",
        "prompt": N_("Press Enter to go on."),
        "review": False,
        "input": {"kind": "none"},
    },
    {
        "name": "review",
        "section": 10,
        "intro": "review_summary",
        "prompt": N_(
            "Is everything correct? Choose 1 to go on, or the number of an answer to change it."
        ),
        "help": N_("Choose the number of an answer to change it. You come back here afterwards."),
        "review": False,
        "input": {"kind": "choice", "options": "review", "parser": "review"},
    },
    {
        "name": "ask_declaration",
        "section": 11,
        "no_means_back": True,
        "prompt": N_(
            "Do you confirm that your answers are correct and complete, and that you "
            "want to file the case now?"
        ),
        "help": N_(
            "Everything you send is shared with the other party. Answer no to go back "
            "to the review."
        ),
        "review": False,
        "input": {"kind": "confirm"},
    },
    {
        "name": "receipt",
        "section": 11,
        "final": True,
        "intro": "receipt",
        "prompt": N_("Thank you. The case is filed, and this chat ends here."),
    },
    {
        "name": "end_out_of_scope",
        "section": 4,
        "final": True,
        "intro": "out_of_scope",
        "prompt": N_("Nothing has been filed. You can go back to choose something else."),
    },
    {
        "name": "confirm_restart",
        "section": 1,
        "no_means_back": True,
        "prompt": N_(
            "Do you want to start again from the beginning? Your answers will be deleted."
        ),
        "help": N_("Answer no to go back to where you were."),
        "review": False,
        "input": {"kind": "confirm"},
    },
]

_CHAIN_START = "ask_more_topics"
_CHAIN = [q.state for q in QUESTIONS]

_TRANSITIONS: list[TransitionData] = [
    _answer("ask_language", "ask_consent", then=["set_language"]),
    _answer("ask_consent", "ask_role", when=["said_yes"]),
    _answer("ask_consent", "end_no_consent"),
    _answer("ask_role", "ask_represents", when=["is_representative"]),
    _answer("ask_role", "ask_housing"),
    _answer("ask_represents", "ask_client_name"),
    _answer("ask_client_name", "ask_power_of_attorney"),
    _answer("ask_power_of_attorney", "ask_housing", then=["note_power_of_attorney"]),
    _answer("ask_housing", "ask_housing_help", when=["housing_unknown"]),
    _answer("ask_housing", "end_out_of_scope", when=["housing_commercial"]),
    _answer("ask_housing", "ask_address"),
    _answer("ask_housing_help", "end_out_of_scope", when=["housing_commercial"]),
    _answer("ask_housing_help", "ask_address"),
    _answer("ask_address", "ask_municipality"),
    _answer("ask_municipality", "ask_municipality_choice", when=["municipality_ambiguous"]),
    _answer("ask_municipality", "ask_case_type"),
    _answer("ask_municipality_choice", "ask_case_type"),
    _answer("ask_case_type", "end_out_of_scope", when=["topic_out_of_scope"]),
    _answer("ask_case_type", "ask_more_topics"),
    *(
        _answer(src, dest, when=["is_next_question"])
        for i, src in enumerate([_CHAIN_START, *_CHAIN])
        for dest in [*_CHAIN[i:], "show_deadlines"]
    ),
    _answer("show_deadlines", "ask_counterparty_kind"),
    _answer("ask_counterparty_kind", "ask_counterparty_name"),
    _answer("ask_counterparty_name", "ask_counterparty_address"),
    _answer("ask_counterparty_address", "ask_has_co_parties"),
    _answer("ask_has_co_parties", "ask_co_parties", when=["said_yes"]),
    _answer("ask_has_co_parties", "ask_claim"),
    _answer("ask_co_parties", "ask_claim"),
    _answer("ask_claim", "ask_settlement_tried"),
    _answer("ask_settlement_tried", "ask_attachment", then=["note_settlement", "first_attachment"]),
    _answer("ask_attachment", "ask_attachment_reason", when=["attachment_missing_required"]),
    _answer(
        "ask_attachment", "ask_attachment", when=["more_attachments"], then=["next_attachment"]
    ),
    _answer("ask_attachment", "ask_name", then=["end_attachments"]),
    _answer(
        "ask_attachment_reason",
        "ask_attachment",
        when=["more_attachments"],
        then=["next_attachment"],
    ),
    _answer("ask_attachment_reason", "ask_name", then=["end_attachments"]),
    _answer("ask_name", "ask_email"),
    _answer("ask_email", "ask_phone"),
    _answer("ask_phone", "show_fee"),
    _answer("show_fee", "review"),
    _answer("review", "ask_declaration"),
    _answer("ask_declaration", "receipt", then=["request_submission"]),
    _answer("confirm_restart", "ask_consent", then=["clear_answers"]),
]

_ACTIONS: list[ActionData] = [
    {"name": "back", "offered": "always"},
    {"name": "help", "offered": "at_questions"},
    {"name": "save", "offered": "at_questions"},
    {
        "name": "restart",
        "offered": "always",
        "enters": "confirm_restart",
        "at_start": N_("You are at the first question already."),
    },
    # Chosen from the review's options (``edit:KEY``), so not listed with the others.
    {"name": "edit", "rewinds": "change_answer", "returns_to": "review"},
]

INTAKE: FlowData = {
    "name": "intake",
    "initial": "ask_language",
    "sections": SECTIONS,
    "answer_trigger": ANSWER,
    "actions": _ACTIONS,
    "no_question": N_(
        "There is no question here to answer. Type back to go back, or restart to start again."
    ),
    "states": _STATES,
    "transitions": _TRANSITIONS,
}
"""The filer's intake dialogue."""
