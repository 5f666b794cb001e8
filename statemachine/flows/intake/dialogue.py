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

TITLES = [
    N_("Start"),
    N_("About you"),
    N_("The home"),
    N_("The case"),
    N_("Deadlines"),
    N_("The parties"),
    N_("Your request"),
    N_("Documents"),
    N_("Contact details"),
    N_("Fee and review"),
    N_("Submit"),
]
"""The parts' short titles, in order, for the progress line ("Part 4 of 11: The case")."""

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
    if q.label is not None:
        state["label"] = q.label
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
        "name": "show_privacy",
        "section": 1,
        "intro": "privacy_notice",
        "prompt": N_("Press Enter to go on."),
        "help": N_(
            "You can ask the tribunal what information it holds about you, and have "
            "mistakes corrected."
        ),
        "review": False,
        "input": {"kind": "none"},
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
        "name": "ask_landlord_kind",
        "section": 2,
        "prompt": N_("Are you filing as a private person or for a company or organisation?"),
        "help": N_(
            "Choose company or organisation if the home is let by a company, a pension fund, "
            "a housing organisation or an association. You will be asked for its name and CVR "
            "number, and for a contact person."
        ),
        "label": N_("You file as"),
        "input": {"kind": "choice", "options": "landlord_kinds"},
    },
    {
        "name": "ask_representative_kind",
        "section": 2,
        "prompt": N_("What kind of representative are you?"),
        "help": N_(
            "A lawyer or an organisation, such as a tenant organisation or an administrator, "
            "gives the name and CVR number of the firm or organisation, and a contact person. "
            "A private person, for example a relative, needs a power of attorney."
        ),
        "label": N_("Kind of representative"),
        "input": {"kind": "choice", "options": "representative_kinds"},
    },
    {
        "name": "ask_represents",
        "section": 2,
        "prompt": N_("Which side do you represent?"),
        "help": N_("Choose the side of the person or organisation you file for."),
        "label": N_("You represent"),
        "input": {"kind": "choice", "options": "sides"},
    },
    {
        "name": "ask_client_name",
        "section": 2,
        "params": "client",
        "prompt": N_("What is the name of {client}?"),
        "help": N_(
            "Write the person's full name, or the name of the company or organisation, as "
            "it appears in the lease."
        ),
        "label": N_("Client's name"),
        "input": {"kind": "text"},
    },
    {
        "name": "ask_client_kind",
        "section": 2,
        "params": "client",
        "prompt": N_("Is {client} a private person, or a company or organisation?"),
        "help": N_(
            "A company or organisation is, for example, a property company or a housing "
            "organisation. The tribunal then needs its CVR number."
        ),
        "label": N_("Client is"),
        "input": {"kind": "choice", "options": "landlord_kinds"},
    },
    {
        "name": "ask_client_cvr",
        "section": 2,
        "params": "client",
        "prompt": N_("What is the CVR number of {client}?"),
        "help": N_(
            "The CVR number has 8 digits. You find it on the company's letters, or at "
            "datacvr.virk.dk."
        ),
        "label": N_("Client's CVR number"),
        "input": {"kind": "text", "parser": "cvr"},
    },
    {
        "name": "ask_power_of_attorney",
        "section": 2,
        "params": "client",
        "prompt": N_("Do you have a written power of attorney from {client}?"),
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
        "params": "searched",
        "prompt": N_("{searched} Which municipality is the home in?"),
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
            "step. If none fits, choose Something else to see the other topics, and what "
            "the tribunals cannot decide."
        ),
        "label": N_("Main topic"),
        "input": {"kind": "choice", "options": "case_types", "parser": "case_type"},
    },
    {
        # After "Something else" at ask_case_type; the topic chosen here becomes the answer
        # to ask_case_type (action choose_case_type), which the review lists.
        "name": "ask_other_topic",
        "section": 4,
        "intro": "other_topics_intro",
        "prompt": N_("Which of these topics is the disagreement about?"),
        "help": N_(
            "Choose the topic closest to your case, and explain it in your own words later. "
            "To see the first topics again, type back."
        ),
        "label": N_("Main topic"),
        "review": False,
        "input": {"kind": "choice", "options": "other_topics"},
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
        "prompt": N_("Is the landlord a person or a company?"),
        "help": N_(
            "Choose company if the home is let by a company, a pension fund or an "
            "association, for example a housing cooperative."
        ),
        "label": N_("Kind of landlord"),
        "input": {"kind": "choice", "options": "party_kinds"},
    },
    {
        "name": "ask_counterparty_name",
        "section": 6,
        "params": "other_party",
        "prompt": N_("What is the name of {other_party}?"),
        "help": N_(
            "Write the full name of the person, or the name of the company or organisation. "
            "The tribunal needs it to send {other_party} the case."
        ),
        "label": N_("Other party's name"),
        "input": {"kind": "text"},
    },
    {
        "name": "ask_counterparty_address",
        "section": 6,
        "params": "other_party",
        "prompt": N_("What is the postal address of {other_party}, if you know it?"),
        "help": N_(
            "The tribunal sends the case to {other_party} by post. Leave it empty if you do "
            "not know it."
        ),
        "label": N_("Other party's address"),
        "input": {"kind": "text", "required": False},
    },
    {
        "name": "ask_has_co_parties",
        "section": 6,
        "params": "filer",
        "prompt": N_("Is anyone else on the lease {with_filer}, for example a spouse?"),
        "help": N_(
            "Everyone on the lease is a party to the case, and the tribunal needs all of them "
            "to agree to it. If others are on the lease, you will be asked to upload a power "
            "of attorney (fuldmagt) from them: a signed letter that lets you bring the case "
            "for them too."
        ),
        "label": N_("Others on the lease"),
        "input": {"kind": "confirm"},
    },
    {
        "name": "ask_has_co_owners",
        "section": 6,
        "params": "filer",
        "prompt": N_("Does anyone else own or let the home {with_filer}?"),
        "help": N_(
            "For example a spouse or a co-owner. Everyone who lets the home is on the "
            "landlord's side of the case."
        ),
        "label": N_("Co-owners"),
        "input": {"kind": "confirm"},
    },
    {
        "name": "ask_co_parties",
        "section": 6,
        "prompt": N_("What are their names? Write one name per line."),
        "help": N_("Write each person's full name on its own line. End with an empty line."),
        "label": N_("Their names"),
        "input": {"kind": "long_text"},
    },
    {
        "name": "ask_claim",
        "section": 7,
        "intro": "danish_note",
        "prompt": N_("What do you want the tribunal to decide? Describe it in your own words."),
        "help": N_(
            "For example: that the rent increase is not valid, or that the deposit must "
            "be paid back. Say what happened and when. Short sentences are fine."
        ),
        "label": N_("Your request"),
        "input": {"kind": "long_text"},
    },
    {
        "name": "ask_settlement_tried",
        "section": 7,
        "params": "other_party",
        "prompt": N_("Have you tried to solve the disagreement with {other_party} first?"),
        "help": N_(
            "The tribunal expects you to have tried, for example by letter or email. "
            "You can still file if you have not."
        ),
        "label": N_("Tried to settle"),
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
        "label": N_("{attachment}"),
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
        "label": N_("Why missing: {attachment}"),
        "reviewed_with": "ask_attachment",
        "input": {"kind": "text", "limit": 500},
    },
    {
        "name": "ask_organisation_name",
        "section": 9,
        "prompt": N_("What is the name of your company or organisation?"),
        "help": N_(
            "Write the name as it is registered, for example Boligselskabet Nord A/S. For a "
            "lawyer, the name of the law firm."
        ),
        "label": N_("Company or organisation"),
        "input": {"kind": "text"},
    },
    {
        "name": "ask_cvr",
        "section": 9,
        "prompt": N_("What is the CVR number of your company or organisation?"),
        "help": N_(
            "The CVR number has 8 digits. You find it on the organisation's letters and "
            "invoices, or at datacvr.virk.dk."
        ),
        "label": N_("CVR number"),
        "input": {"kind": "text", "parser": "cvr"},
    },
    {
        "name": "ask_contact_name",
        "section": 9,
        "prompt": N_("Who is the contact person for the case? Write their full name."),
        "help": N_("The tribunal writes to this person about the case."),
        "label": N_("Contact person"),
        "input": {"kind": "text"},
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
        "name": "ask_lives_at_home",
        "section": 9,
        "params": "home_address",
        "prompt": N_("Do you still live at {address}?"),
        "help": N_(
            "Answer no if you have moved out. Then you will be asked for the address where "
            "letters reach you now."
        ),
        "label": N_("Lives at the home"),
        "input": {"kind": "confirm"},
    },
    {
        "name": "ask_postal_address",
        "section": 9,
        "prompt": N_("What postal address should the tribunal send letters to?"),
        "help": N_(
            "Write the street, number, floor, postcode and town, for example Nørregade 4, "
            "1. tv., 8000 Aarhus C. For a company, organisation or law firm, write its address. "
            "The tribunal sends letters about the case there."
        ),
        "label": N_("Postal address"),
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
        "prompt": N_("Is everything correct? Choose 1 to go on, or a section to change."),
        "help": N_(
            "Choose a section, such as The home, to change one of its answers or to go "
            "through the whole section again. You come back here afterwards."
        ),
        "review": False,
        "kept": False,
        "input": {"kind": "choice", "options": "review", "parser": "review"},
    },
    {
        "name": "review_section",
        "section": 10,
        "params": "review_section",
        "prompt": N_("{section}: what do you want to change?"),
        "help": N_(
            "Choose one answer to change it, or go through all the questions of this section "
            "again. Pressing Enter at a question keeps your answer. You come back to the "
            "review afterwards."
        ),
        "review": False,
        "kept": False,
        "input": {"kind": "choice", "options": "review_section", "parser": "review"},
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
        "name": "ask_neighbour_go_on",
        "section": 4,
        "intro": "neighbour_rule",
        "prompt": N_(
            "Do you want to go on with the complaint about your neighbour anyway, even though "
            "the tribunal will usually turn it away?"
        ),
        "help": N_(
            "Answer no to stop here; nothing is filed. To keep your answers for later, type "
            "save first. Answer yes to file the case now anyway."
        ),
        "label": N_("Filing despite the warning"),
        "input": {"kind": "confirm"},
    },
    {
        "name": "end_neighbour_rule",
        "section": 4,
        "final": True,
        "prompt": N_(
            "Nothing has been filed. If the housing organisation refuses your complaint, or "
            "does nothing within 4 weeks, you can come back and file the case."
        ),
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
    _answer("ask_language", "show_privacy", then=["set_language"]),
    _answer("show_privacy", "ask_role"),
    _answer("ask_role", "ask_representative_kind", when=["is_representative"]),
    _answer("ask_role", "ask_landlord_kind", when=["is_landlord"]),
    _answer("ask_role", "ask_housing"),
    _answer("ask_landlord_kind", "ask_housing"),
    _answer("ask_representative_kind", "ask_represents"),
    _answer("ask_represents", "ask_client_name"),
    _answer("ask_client_name", "ask_client_kind", when=["represents_landlord"]),
    _answer("ask_client_name", "ask_power_of_attorney"),
    _answer("ask_client_kind", "ask_client_cvr", when=["chose_organisation"]),
    _answer("ask_client_kind", "ask_power_of_attorney"),
    _answer("ask_client_cvr", "ask_power_of_attorney"),
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
    _answer(
        "ask_case_type", "ask_other_topic", when=["chose_other_topic"], then=["ask_other_again"]
    ),
    _answer("ask_case_type", "end_out_of_scope", when=["topic_out_of_scope"]),
    _answer("ask_case_type", "ask_more_topics"),
    _answer(
        "ask_other_topic",
        "end_out_of_scope",
        when=["topic_out_of_scope"],
        then=["choose_case_type"],
    ),
    _answer("ask_other_topic", "ask_more_topics", then=["choose_case_type"]),
    # The beboerklagenævn neighbour rule: a resident who has not complained to the housing
    # organisation, or whose complaint it has neither refused nor left for 4 weeks, is warned.
    _answer("ask_complained_to_org", "ask_neighbour_go_on", unless=["said_yes"]),
    _answer("ask_complaint_to_org", "ask_neighbour_go_on", unless=["said_yes"]),
    _answer("ask_neighbour_go_on", "end_neighbour_rule", unless=["said_yes"]),
    *(
        _answer("ask_neighbour_go_on", dest, when=["is_next_after_org_complaint"])
        for dest in [*_CHAIN[_CHAIN.index("ask_complaint_to_org") + 1 :], "show_deadlines"]
    ),
    *(
        _answer(src, dest, when=["is_next_question"])
        for i, src in enumerate([_CHAIN_START, *_CHAIN])
        for dest in [*_CHAIN[i:], "show_deadlines"]
    ),
    # Only a private landlord may be a person or a company; who else the other party is
    # says which (parties.py).
    _answer("show_deadlines", "ask_counterparty_kind", when=["asks_counterparty_kind"]),
    _answer("show_deadlines", "ask_counterparty_name"),
    _answer("ask_counterparty_kind", "ask_counterparty_name"),
    _answer("ask_counterparty_name", "ask_counterparty_address"),
    # A tenant is asked about others on the lease, a landlord who is a person about others who
    # let the home; a company and a tenant board are one party on their own.
    _answer("ask_counterparty_address", "ask_has_co_parties", when=["asks_co_tenants"]),
    _answer("ask_counterparty_address", "ask_has_co_owners", when=["asks_co_owners"]),
    _answer("ask_counterparty_address", "ask_claim"),
    _answer("ask_has_co_parties", "ask_co_parties", when=["said_yes"]),
    _answer("ask_has_co_parties", "ask_claim"),
    _answer("ask_has_co_owners", "ask_co_parties", when=["said_yes"]),
    _answer("ask_has_co_owners", "ask_claim"),
    _answer("ask_co_parties", "ask_claim"),
    _answer("ask_claim", "ask_settlement_tried"),
    _answer("ask_settlement_tried", "ask_attachment", then=["note_settlement", "first_attachment"]),
    _answer("ask_attachment", "ask_attachment_reason", when=["attachment_missing_required"]),
    _answer(
        "ask_attachment", "ask_attachment", when=["more_attachments"], then=["next_attachment"]
    ),
    _answer(
        "ask_attachment",
        "ask_organisation_name",
        when=["files_as_organisation"],
        then=["end_attachments"],
    ),
    _answer("ask_attachment", "ask_name", then=["end_attachments"]),
    _answer(
        "ask_attachment_reason",
        "ask_attachment",
        when=["more_attachments"],
        then=["next_attachment"],
    ),
    _answer(
        "ask_attachment_reason",
        "ask_organisation_name",
        when=["files_as_organisation"],
        then=["end_attachments"],
    ),
    _answer("ask_attachment_reason", "ask_name", then=["end_attachments"]),
    # Part 9: an organisation gives its name, CVR number and a contact person; everyone
    # gives a current postal address, which for a tenant still living at the home is its own.
    _answer("ask_organisation_name", "ask_cvr"),
    _answer("ask_cvr", "ask_contact_name"),
    _answer("ask_contact_name", "ask_postal_address"),
    _answer("ask_name", "ask_lives_at_home", when=["asks_if_still_at_home"]),
    _answer("ask_name", "ask_postal_address"),
    _answer("ask_lives_at_home", "ask_email", when=["said_yes"]),
    _answer("ask_lives_at_home", "ask_postal_address"),
    _answer("ask_postal_address", "ask_email"),
    _answer("ask_email", "ask_phone"),
    _answer("ask_phone", "show_fee"),
    _answer("show_fee", "review"),
    _answer("review", "review_section", when=["chose_section"]),
    _answer("review", "review_section", when=["chose_section"]),
    _answer("review", "ask_declaration"),
    # Every choice at the section question is an action (edit, or back to the review); this
    # is the way on from it that the flow's graph shows.
    _answer("review_section", "review"),
    # Every choice at the section question is an action (edit, or back to the review); this
    # is the way on from it that the flow's graph shows.
    _answer("review_section", "review"),
    _answer("ask_declaration", "receipt", then=["request_submission"]),
    _answer("confirm_restart", "show_privacy", then=["clear_answers"]),
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
    # Chosen from the review's options (``edit:KEY``, or ``edit:section:NAME`` for a whole
    # section), so not listed with the others.
    {"name": "edit", "rewinds": "change_answer", "returns_to": "review"},
]

INTAKE: FlowData = {
    "name": "intake",
    "initial": "ask_language",
    "sections": SECTIONS,
    "titles": TITLES,
    "answer_trigger": ANSWER,
    "actions": _ACTIONS,
    "no_question": N_(
        "There is no question here to answer. Type back to go back, or restart to start again."
    ),
    "states": _STATES,
    "transitions": _TRANSITIONS,
    # The consent question became the privacy notice: drafts saved there, or after refusing
    # consent, continue at the notice.
    "renamed": {"ask_consent": "show_privacy", "end_no_consent": "show_privacy"},
}
"""The filer's intake dialogue."""
