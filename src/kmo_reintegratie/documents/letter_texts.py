"""Default wording of the paragraphs an organisation may rewrite once per dossier.

The information letter for a sick employee (checklist 2, section 1.5 of the FOD WASO
instrument) mixes three kinds of text:

* data from the dossier (contact person, frequency, the people on the organisation page);
* fixed sentences the law or the instrument asks for — above all that contact is about
  support, not control (Codex, contact procedure since 1 January 2026) — which an edit
  cannot remove;
* the paragraphs below, stored per dossier with ``dossier.absences.set_document_text(key,
  text)`` and read with ``document_text(key, default)``. An empty stored text leaves the
  paragraph out.

The keys are stored in dossiers: never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class LetterText:
    """One editable paragraph: its storage key, a title for the editor and the default."""

    key: str
    title: str
    default: str
    hint: str = ""


#: Always printed, never editable: the contact procedure may not serve to check whether
#: the absence is justified (fact sheet §3.1).
SUPPORT_NOT_CONTROL = (
    "Dit contact is bedoeld om u te steunen en uw terugkeer voor te bereiden, "
    "niet om te controleren of uw afwezigheid terecht is."
)

#: Always printed: the employee need not give the reason; medical matters stay with the doctors.
NO_MEDICAL_QUESTIONS = (
    "U hoeft ons niet te vertellen waarom u afwezig bent. Medische vragen bespreekt u met uw "
    "eigen arts of met de arbeidsarts; die deelt geen medische informatie met ons."
)

#: Printed when the organisation has 50 or more workers (fact sheet §4.2, S70, S15): below
#: that size the employer may ask for a certificate from the first day, so the sentence
#: would be wrong there. The count on 1 January decides; the profile holds today's count.
ONE_DAY_WITHOUT_CERTIFICATE = (
    "Voor een afwezigheid van één dag hoeft u twee keer per kalenderjaar geen ziekteattest te "
    "bezorgen; vanaf de derde keer in hetzelfde jaar wel. Verwittig ons ook dan meteen dat u "
    "afwezig bent."
)
ONE_DAY_WITHOUT_CERTIFICATE_THRESHOLD = 50
#: "Twice" since 2026 (three times before): an older letter date gets no sentence.
ONE_DAY_WITHOUT_CERTIFICATE_FROM = date(2026, 1, 1)

INFO_LETTER_TEXTS: tuple[LetterText, ...] = (
    LetterText(
        "infobrief.inleiding",
        "Inleiding",
        "We vinden het jammer dat u ziek bent en wensen u een goed herstel. In deze brief vindt "
        "u op één plaats wat u tijdens uw afwezigheid moet weten: wie contact met u houdt, wat u "
        "administratief moet doen en bij wie u terechtkunt. Bewaar hem bij de hand: u hoeft "
        "er het intranet of uw werkmail niet voor te raadplegen.",
        "De eerste alinea na de aanspreking.",
    ),
    LetterText(
        "infobrief.attest",
        "Het ziekteattest",
        "Bezorg het attest van uw arts binnen twee werkdagen aan de personeelsdienst, tenzij "
        "het arbeidsreglement een andere termijn vermeldt. Doe hetzelfde bij elke verlenging. "
        "Laat uw leidinggevende ook zo snel mogelijk weten hoe lang uw afwezigheid vermoedelijk "
        "duurt: dan kunnen we het werk regelen en uw terugkeer voorbereiden.",
        "Aan wie en binnen welke termijn het attest bezorgd wordt (volgens uw arbeidsreglement).",
    ),
    LetterText(
        "infobrief.ziekenfonds",
        "De aangifte bij het ziekenfonds",
        "Geef uw arbeidsongeschiktheid ook aan bij uw ziekenfonds, met het getuigschrift van "
        "arbeidsongeschiktheid voor de adviserend arts. Doe dat op tijd: uw ziekenfonds zegt u "
        "binnen welke termijn. Wij betalen eerst uw gewaarborgd loon. Als bediende krijgt u "
        "daarna, vanaf de 31e dag, een uitkering van het ziekenfonds in plaats van uw loon. Als "
        "arbeider betaalt het ziekenfonds al vanaf de 15e dag een uitkering (60 % van uw loon, tot "
        "een maximum) "
        "en betalen wij tot de 30e dag een aanvulling. Hebt u hulp nodig bij de aangifte of de "
        "formulieren, dan helpt de personeelsdienst u graag.",
        "Wat de werknemer bij het ziekenfonds moet doen en wie daarbij helpt.",
    ),
    LetterText(
        "infobrief.terugkeer",
        "Terugkeren naar het werk",
        "Wilt u (gedeeltelijk) terugkeren, ook als u nog niet helemaal hersteld bent? Laat het "
        "ons weten. Samen met u en de arbeidsarts bekijken we wat mogelijk is: minder uren, "
        "andere taken of een aangepaste werkplek. Voor deeltijds hervatten tijdens uw "
        "arbeidsongeschiktheid is ook de toelating van de adviserend arts van uw ziekenfonds "
        "nodig.",
        "Wat uw organisatie concreet kan aanbieden bij een terugkeer.",
    ),
    LetterText(
        "infobrief.afsluiting",
        "Afsluiting",
        "Hebt u vragen, of wilt u iets veranderen aan de afspraken over het contact? Neem gerust "
        "contact met ons op. We hopen u terug te zien wanneer u er klaar voor bent.",
        "De laatste alinea vóór de groet.",
    ),
)

_BY_KEY = {text.key: text for text in INFO_LETTER_TEXTS}


def default_text(key: str) -> str:
    """The default wording of paragraph ``key``; KeyError for an unknown key."""
    return _BY_KEY[key].default


def letter_text(key: str) -> LetterText:
    return _BY_KEY[key]
