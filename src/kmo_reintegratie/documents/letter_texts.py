"""Wording of the letters to an employee: editable paragraphs, fixed sentences, salutation.

The information letter for an absent employee (checklist 2, section 1.5 of the FOD WASO
instrument) mixes three kinds of text:

* data from the dossier (contact person, frequency, the people on the organisation page);
* fixed sentences the law or the kind of incapacity decides — that contact is about
  support, not control (Codex, contact procedure since 1 January 2026), who pays the
  salary after an illness, an accident at work or an occupational disease — which an
  edit cannot remove or make wrong for one kind;
* the paragraphs in ``INFO_LETTER_TEXTS``, stored per dossier with
  ``dossier.absences.set_document_text(key, text)`` and read with ``document_text(key,
  default)``. They are the same in every letter, so their defaults are written to fit an
  illness as well as an accident. An empty stored text leaves the paragraph out.

The keys are stored in dossiers: never rename one.
"""

from __future__ import annotations

from datetime import date

from kmo_reintegratie.absence import IncapacityKind
from kmo_reintegratie.record import record


@record
class LetterText:
    """One editable paragraph: its storage key, a title for the editor and the default."""

    key: str
    title: str
    default: str
    hint: str = ""
    #: Defaults of earlier versions: a dossier that stored one unchanged gets today's.
    earlier_defaults: tuple[str, ...] = ()


#: Always printed, never editable: the contact procedure may not serve to check whether
#: the absence is justified (fact sheet §3.1).
SUPPORT_NOT_CONTROL = (
    "Dit contact is bedoeld om u te steunen en uw terugkeer voor te bereiden, "
    "niet om te controleren of uw afwezigheid terecht is."
)

#: Instead of SUPPORT_NOT_CONTROL when the employee asked not to be contacted: the same
#: promise, about the contact the employee may still ask for (fact sheet §3.1, [!]).
NO_CONTACT_RESPECTED = (
    "U gaf aan dat u voorlopig niet gecontacteerd wilt worden. Dat respecteren we: we bellen "
    "of mailen u niet, tot u zelf laat weten dat het weer mag. Enkel praktische brieven, "
    "zoals deze, sturen we u nog."
)
NO_CONTACT_LATER = (
    "Wilt u later toch dat iemand u af en toe contacteert, laat het ons dan weten. Dat "
    "contact is er dan om u te steunen en uw terugkeer voor te bereiden, niet om te "
    "controleren of uw afwezigheid terecht is."
)

#: Always printed: the employee need not give the reason; medical matters stay with the doctors.
NO_MEDICAL_QUESTIONS = (
    "U hoeft ons niet te vertellen waarom u afwezig bent. Medische vragen bespreekt u met uw "
    "eigen arts of met de arbeidsarts; die deelt geen medische informatie met ons."
)

#: Printed after an illness when the organisation has 50 or more workers (fact sheet §4.2,
#: S70, S15): below that size the employer may ask for a certificate from the first day, so
#: the sentence would be wrong there. The count on 1 January decides; the profile holds
#: today's count.
ONE_DAY_WITHOUT_CERTIFICATE = (
    "Voor een afwezigheid van één dag hoeft u twee keer per kalenderjaar geen ziekteattest te "
    "bezorgen; vanaf de derde keer in hetzelfde jaar wel. Verwittig ons ook dan meteen dat u "
    "afwezig bent."
)
ONE_DAY_WITHOUT_CERTIFICATE_THRESHOLD = 50
#: "Twice" since 2026 (three times before): an older letter date gets no sentence.
ONE_DAY_WITHOUT_CERTIFICATE_FROM = date(2026, 1, 1)

_OLD_INTRODUCTION = (
    "We vinden het jammer dat u ziek bent en wensen u een goed herstel. In deze brief vindt "
    "u op één plaats wat u tijdens uw afwezigheid moet weten: wie contact met u houdt, wat u "
    "administratief moet doen en bij wie u terechtkunt. Bewaar hem bij de hand: u hoeft "
    "er het intranet of uw werkmail niet voor te raadplegen."
)
_OLD_HEALTH_INSURER = (
    "Geef uw arbeidsongeschiktheid ook aan bij uw ziekenfonds, met het getuigschrift van "
    "arbeidsongeschiktheid voor de adviserend arts. Doe dat op tijd: uw ziekenfonds zegt u "
    "binnen welke termijn. Wij betalen eerst uw gewaarborgd loon. Als bediende krijgt u "
    "daarna, vanaf de 31e dag, een uitkering van het ziekenfonds in plaats van uw loon. Als "
    "arbeider betaalt het ziekenfonds al vanaf de 15e dag een uitkering (60 % van uw loon, tot "
    "een maximum) en betalen wij tot de 30e dag een aanvulling. Hebt u hulp nodig bij de "
    "aangifte of de formulieren, dan helpt de personeelsdienst u graag."
)
_OLD_RETURN = (
    "Wilt u (gedeeltelijk) terugkeren, ook als u nog niet helemaal hersteld bent? Laat het "
    "ons weten. Samen met u en de arbeidsarts bekijken we wat mogelijk is: minder uren, "
    "andere taken of een aangepaste werkplek. Voor deeltijds hervatten tijdens uw "
    "arbeidsongeschiktheid is ook de toelating van de adviserend arts van uw ziekenfonds "
    "nodig."
)

_OLD_CLOSING = (
    "Hebt u vragen, of wilt u iets veranderen aan de afspraken over het contact? Neem gerust "
    "contact met ons op. We hopen u terug te zien wanneer u er klaar voor bent."
)

INFO_LETTER_TEXTS: tuple[LetterText, ...] = (
    LetterText(
        "infobrief.inleiding",
        "Inleiding",
        "In deze brief vindt u wat u tijdens uw afwezigheid moet weten: wie contact met u houdt, "
        "wat u administratief moet doen, wie uw loon betaalt en bij wie u terechtkunt. Zo hebt u "
        "alles op papier bij de hand.",
        "Na de aanspreking en een wens die past bij de afwezigheid (ziekte, ongeval …).",
        (_OLD_INTRODUCTION,),
    ),
    LetterText(
        "infobrief.attest",
        "Het medisch attest",
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
        "binnen welke termijn. Hebt u hulp nodig bij de aangifte of de formulieren, dan helpt "
        "de personeelsdienst u graag.",
        "Wat de werknemer bij het ziekenfonds moet doen en wie daarbij helpt. Wie het loon "
        "betaalt, zet de brief er zelf bij (verschilt na een arbeidsongeval).",
        (_OLD_HEALTH_INSURER,),
    ),
    LetterText(
        "infobrief.terugkeer",
        "Terugkeren naar het werk",
        "Wilt u (gedeeltelijk) terugkeren, ook als u nog niet helemaal hersteld bent? Laat het "
        "ons weten. Samen met u en de arbeidsarts bekijken we wat mogelijk is: minder uren, "
        "andere taken of een aangepaste werkplek.",
        "Wat uw organisatie concreet kan aanbieden bij een terugkeer.",
        (_OLD_RETURN,),
    ),
    LetterText(
        "infobrief.afsluiting",
        "Afsluiting",
        "Hebt u nog vragen? Neem gerust contact met ons op. We hopen u terug te zien wanneer u "
        "er klaar voor bent.",
        "De laatste alinea vóór de groet.",
        (_OLD_CLOSING,),
    ),
)

_BY_KEY = {text.key: text for text in INFO_LETTER_TEXTS}


def default_text(key: str) -> str:
    """The default wording of paragraph ``key``; KeyError for an unknown key."""
    return _BY_KEY[key].default


def letter_text(key: str) -> LetterText:
    return _BY_KEY[key]


def stored_or_default(key: str, stored: str) -> str:
    """``stored``, or today's default when it is an unchanged default of an earlier version."""
    text = _BY_KEY[key]
    return text.default if " ".join(stored.split()) in _flat_earlier(text) else stored


def _flat_earlier(text: LetterText) -> set[str]:
    return {" ".join(old.split()) for old in text.earlier_defaults}


# --------------------------------------------------------------------------- per kind

#: The wish that opens the letter: "ziek" only after an illness.
OPENING_WISH = {
    IncapacityKind.ZIEKTE: "We vinden het jammer dat u ziek bent en wensen u een goed herstel.",
    IncapacityKind.ONGEVAL_PRIVE: "We vinden het erg dat u een ongeval had en wensen u een goed "
    "herstel.",
    IncapacityKind.ARBEIDSONGEVAL: "We vinden het erg dat u een ongeval had en wensen u een goed "
    "herstel.",
    IncapacityKind.BEROEPSZIEKTE: "We vinden het jammer dat u een tijd niet kunt werken en "
    "wensen u een goed herstel.",
    IncapacityKind.ZWANGERSCHAP: "We hopen dat alles goed met u gaat en wensen u het allerbeste.",
    IncapacityKind.ANDERE: "We vinden het jammer dat u een tijd niet kunt werken en wensen u "
    "het allerbeste.",
}

#: The run-in heading of the certificate paragraph.
CERTIFICATE_LEAD = {IncapacityKind.ZIEKTE: "Het ziekteattest."}
CERTIFICATE_LEAD_OTHER = "Het medisch attest."

#: What only a work accident or an occupational disease adds to the paperwork.
KIND_PAPERWORK = {
    IncapacityKind.BEROEPSZIEKTE: (
        "De erkenning als beroepsziekte.",
        "Of uw ziekte als beroepsziekte erkend wordt, beslist Fedris, het federaal agentschap "
        "voor beroepsrisico's. Uw arts of de arbeidsarts helpt u bij die aanvraag.",
    ),
}

PAY_HEADING = "Uw loon tijdens uw afwezigheid"

#: Who pays after the guaranteed salary (fact sheet §4.2; the legal module: a work accident
#: or occupational disease gives guaranteed salary, relapse or not). Percentages of the
#: insurer and Fedris are not in the fact sheet, so none are printed.
PAY_WORK_ACCIDENT = (
    "Wij doen de aangifte van het ongeval bij onze arbeidsongevallenverzekeraar. Wij betalen "
    "eerst uw gewaarborgd loon, zoals bij elke arbeidsongeschiktheid. Daarna betaalt de "
    "verzekeraar u een vergoeding voor het loon dat u misloopt, zodra hij het ongeval erkent; "
    "ook de medische kosten van het ongeval zijn voor hem. De aangifte bij uw ziekenfonds "
    "blijft toch nodig: zolang de verzekeraar niet beslist heeft, of als hij het ongeval niet "
    "erkent, kan het ziekenfonds een uitkering betalen. De personeelsdienst houdt u op de "
    "hoogte van de beslissing van de verzekeraar."
)
PAY_OCCUPATIONAL_DISEASE = (
    "Wij betalen eerst uw gewaarborgd loon, zoals bij elke arbeidsongeschiktheid. Daarna "
    "betaalt uw ziekenfonds een uitkering, tot Fedris over de erkenning beslist. Erkent Fedris "
    "de beroepsziekte, dan betaalt Fedris de vergoeding voor het loon dat u misloopt."
)
PAY_BEDIENDE = (
    "Wij betalen eerst uw gewaarborgd loon: uw gewone loon, tot en met de 30e dag van uw "
    "arbeidsongeschiktheid. Vanaf de 31e dag krijgt u een uitkering van uw ziekenfonds in "
    "plaats van uw loon."
)
PAY_ARBEIDER = (
    "Wij betalen eerst uw gewaarborgd loon: de eerste 7 dagen uw volledige loon, daarna een "
    "deel ervan. Vanaf de 15e dag betaalt ook uw ziekenfonds een uitkering (60 % van uw loon, "
    "tot een maximum) en betalen wij tot en met de 30e dag een aanvulling. Vanaf de 31e dag "
    "betaalt enkel nog het ziekenfonds."
)
#: A letter written after the guaranteed salary ran out ({since}: the 31st day) says so.
PAY_BEDIENDE_ENDED = (
    "Tot en met de 30e dag van uw arbeidsongeschiktheid betaalden wij uw gewaarborgd loon: uw "
    "gewone loon. Sinds {since} krijgt u een uitkering van uw ziekenfonds in plaats van uw loon."
)
PAY_ARBEIDER_ENDED = (
    "Tot en met de 30e dag van uw arbeidsongeschiktheid betaalden wij uw gewaarborgd loon: de "
    "eerste 7 dagen uw volledige loon, daarna een deel ervan, vanaf de 15e dag naast een "
    "uitkering van uw ziekenfonds. Sinds {since} betaalt enkel nog uw ziekenfonds een uitkering."
)
#: A new incapacity within the relapse window (8 weeks since 2026, 14 days before) after
#: the same illness or accident gives no new guaranteed salary, only the balance. The app
#: cannot know whether it is the same, so the letter promises no number of days.
PAY_POSSIBLE_RELAPSE = (
    "U bent kort na uw werkhervatting opnieuw arbeidsongeschikt. Gaat het om dezelfde ziekte "
    "of hetzelfde ongeval als bij uw vorige afwezigheid, dan is het een herval: er begint geen "
    "nieuw gewaarborgd loon, wij betalen enkel wat er van de vorige keer overbleef en uw "
    "ziekenfonds neemt het dus vroeger over. Gaat het om iets anders, dan hebt u opnieuw recht "
    "op gewaarborgd loon. De personeelsdienst laat u weten wat er voor u geldt."
)
PAY_AFTER_REINTEGRATION_WORK = (
    "U werd opnieuw arbeidsongeschikt nadat u aangepast of ander werk hervatte binnen een "
    "re-integratieplan. Dan is er geen nieuw gewaarborgd loon: uw ziekenfonds betaalt meteen "
    "een uitkering. De personeelsdienst laat u weten wat er voor u geldt."
)
PAY_NOT_ENTITLED = (
    "Of u recht hebt op gewaarborgd loon, hangt af van uw arbeidsovereenkomst en van hoe lang "
    "u in dienst bent. De personeelsdienst laat u weten wat er voor u geldt en vanaf wanneer "
    "uw ziekenfonds een uitkering betaalt."
)

RETURN_STEP_BY_STEP = (
    "Terugkeren kan stap voor stap en met aangepast werk, tijdelijk of blijvend."
)
#: Who must allow a part-time return while the incapacity runs (fact sheet §4.3).
PART_TIME_PERMISSION = {
    IncapacityKind.ARBEIDSONGEVAL: (
        "Een gedeeltelijke hervatting na een arbeidsongeval bespreekt de personeelsdienst ook "
        "met de arbeidsongevallenverzekeraar, omdat die uw vergoeding betaalt."
    ),
    IncapacityKind.BEROEPSZIEKTE: (
        "Een gedeeltelijke hervatting bespreekt de personeelsdienst ook met uw ziekenfonds en, "
        "zodra de beroepsziekte erkend is, met Fedris."
    ),
}
PART_TIME_PERMISSION_OTHER = (
    "Wilt u deeltijds hervatten terwijl u nog arbeidsongeschikt bent, dan hebt u ook de "
    "toelating van de adviserend arts van uw ziekenfonds nodig."
)


def visit_text(physician: str) -> str:
    """The visit before the return to work (fact sheet §3.4: any incapacitated employee may
    ask it directly; within 10 working days; the employer is told unless the employee
    refuses; travel costs for the employer; no judgement of fitness)."""
    who = f"de arbeidsarts ({physician})" if physician else "de arbeidsarts"
    return (
        f"U kunt {who} altijd zelf vragen om een bezoek voorafgaand aan de werkhervatting, ook "
        "terwijl u nog arbeidsongeschikt bent. Samen bekijkt u wat u nodig hebt om het werk te "
        "hervatten, zoals een aanpassing van uw werkplek; het is geen onderzoek naar uw "
        "geschiktheid. De arbeidsarts ziet u binnen 10 werkdagen en laat ons weten dat u "
        "langskwam, tenzij u dat niet wilt. De verplaatsingskosten zijn voor ons."
    )


#: The employee may ask for a formal trajectory from day 1, in writing, to the arbeidsarts;
#: the treating doctor too, with the employee's consent (fact sheet §1.1).
TRAJECTORY_REQUEST = (
    "U kunt de arbeidsarts ook schriftelijk vragen om een re-integratietraject te starten, "
    "vanaf de eerste dag van uw arbeidsongeschiktheid; uw behandelend arts kan dat met uw "
    "akkoord ook doen. In zo'n traject beoordeelt de arbeidsarts welk werk u kunt doen, "
    "eventueel aangepast of ander werk, en zoeken we samen naar een oplossing."
)

#: After a work accident or occupational disease a trajectory can only start once the
#: temporary incapacity under that regime has ended (legal.initiative, Fedris).
TRAJECTORY_AFTER_OCCUPATIONAL = {
    IncapacityKind.ARBEIDSONGEVAL: (
        "Na een arbeidsongeval kan een re-integratietraject pas starten als uw tijdelijke "
        "arbeidsongeschiktheid door het ongeval voorbij is; tot dan gaan de afspraken met de "
        "verzekeraar voor. Daarna kunt u de arbeidsarts schriftelijk om zo'n traject vragen, om "
        "samen te zoeken naar werk dat u kunt doen."
    ),
    IncapacityKind.BEROEPSZIEKTE: (
        "Bij een beroepsziekte kan een re-integratietraject pas starten als uw tijdelijke "
        "arbeidsongeschiktheid in de regeling voor beroepsziekten voorbij is; tot dan gaan de "
        "afspraken met Fedris voor. Daarna kunt u de arbeidsarts schriftelijk om zo'n traject "
        "vragen, om samen te zoeken naar werk dat u kunt doen."
    ),
}


# --------------------------------------------------------------------------- salutation

# Surname particles: "Marc Van Damme" is "heer Van Damme", "Nadia El Idrissi" "mevrouw El
# Idrissi". Only a word after the first name and before the last counts.
_PARTICLES = frozenset(
    ("van", "vande", "vanden", "vander", "de", "der", "den", "d'", "di", "da", "dos", "del",
     "della", "du", "des", "le", "la", "ter", "ten", "te", "op", "in", "'t", "el", "al", "ben",
     "bin", "von", "zu", "mac", "mc")
)
MAX_SALUTATION = 100


def split_name(name: str) -> tuple[str, str]:
    """(first name, surname) of a name typed as "Voornaam Familienaam".

    The surname starts at the first particle after the first name ("Marc Van Damme" →
    "Van Damme"), else it is the last word; "Verhaegen, Koen" is read as surname first.
    A single word is both.
    """
    if "," in name:
        surname, _, first = (part.strip() for part in name.partition(","))
        if surname and first:
            return first.split()[0], " ".join(surname.split())
    words = name.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0], words[0]
    start = next(
        (i for i in range(1, len(words) - 1) if words[i].casefold() in _PARTICLES), len(words) - 1
    )
    return words[0], " ".join(words[start:])


def salutation_choices(name: str) -> tuple[str, str, str]:
    """The three salutations the print dialog offers: informal, formal to a man, to a woman."""
    first, surname = split_name(name)
    return f"Beste {first},", f"Geachte heer {surname},", f"Geachte mevrouw {surname},"


def default_salutation(name: str) -> str:
    """"Beste <voornaam>," — how a Flemish SME writes to its own staff."""
    return salutation_choices(name)[0] if name.split() else "Beste collega,"


def clean_salutation(text: str) -> str:
    """A salutation as typed, tidied: single spaces and a closing comma.

    ValueError (Dutch) for an empty or overlong one.
    """
    tidy = " ".join(text.split())
    if not tidy:
        raise ValueError("De aanspreking is leeg. Geef bijvoorbeeld 'Beste Koen,'.")
    if len(tidy) > MAX_SALUTATION:
        raise ValueError(f"De aanspreking is te lang (hoogstens {MAX_SALUTATION} tekens).")
    return tidy if tidy[-1] in ",!:" else tidy + ","
