"""Two duties with their own procedure: the preventive request and medical force majeure.

The registry of :mod:`.rules` lists the milestones of an absence; the rules here describe
what a procedure asks, step by step, so they live beside it in :data:`DUTY_RULES` (same
:class:`Rule` records, same "te bevestigen" convention).  Pure: callers pass every date.

Sources read for these rules (besides the fact sheet ``wetgeving.md`` §1.7 and §3.2):

* werk.belgie.be, "Bijzondere procedure medische overmacht" (FOD WASO): the two conditions,
  the registered notice to the other party and to the arbeidsarts, and what the employer's
  notice must state (art. 34 Arbeidsovereenkomstenwet, art. I.4-82/1 Codex);
* Mensura, "Hoe verloopt de procedure medische overmacht?": same conditions and notice
  content; examination at the earliest ten days after the request;
* IDEWE (seed 004, 2026): the preventive request — inform the employee as soon as possible.
"""

from __future__ import annotations

from datetime import date, timedelta

from kmo_reintegratie.legal.base import MEDICAL_FORCE_MAJEURE_2022, RIT_2026, format_date_nl
from kmo_reintegratie.legal.records import LegalDate, Rule
from kmo_reintegratie.legal.terms import months_after, non_working_reason

SRC_PREVENTIVE = (
    "Codex welzijn op het werk, boek I titel 4 (RIT 3.0, BS 30 december 2025, in werking "
    "1 januari 2026); feitenblad §3.2 (S9, S12, S13, S31); IDEWE-webpagina re-integratiebeleid "
    "(seed 004)"
)
SRC_FORCE_MAJEURE_PROCEDURE = (
    "Art. 34 Arbeidsovereenkomstenwet; art. I.4-82/1 Codex welzijn op het werk; werk.belgie.be "
    "'Bijzondere procedure medische overmacht'; Mensura 'Procedure medische overmacht'; "
    "feitenblad §1.7 (S7, S41, S42)"
)
SRC_FORCE_MAJEURE_END = (
    "Feitenblad §1.7 (S43 Liantis, S44 Prato): sinds 1 april 2024"
)

REASON_PREVENTIVE_ARTICLE = (
    "Het artikelnummer van de Codex (I.4-36) noemt enkel één bron (NCOI); de regel zelf is "
    "door meerdere bronnen bevestigd."
)
REASON_PREVENTIVE_TERM = (
    "De bronnen noemen geen termijn in dagen: de werkgever informeert de werknemer 'zo snel "
    "mogelijk' over het gevolg dat hij aan de vraag geeft, of waarom hij er niet op ingaat. "
    "Een vaste uiterste datum is er dus niet; de app toont er geen."
)
REASON_PREVENTIVE_ROUTE = (
    "De bronnen beschrijven de vraag als gericht aan de werkgever, die advies kan vragen aan "
    "de arbeidsarts of een andere preventieadviseur (niet verplicht). Of de werknemer zich ook "
    "rechtstreeks tot de arbeidsarts kan wenden in het kader van deze regel, is te bevestigen."
)
REASON_EXAMINATION_START = (
    "Of de 10 dagen en de 3 maanden tellen vanaf de verzending of vanaf de ontvangst van de "
    "aangetekende kennisgeving, zeggen de bronnen niet; de app telt vanaf de verzending."
)
REASON_PARTIAL_RETURN = (
    "Volgens werk.belgie.be onderbreekt ook een gedeeltelijke werkhervatting van 14 dagen of "
    "meer de 9 maanden; de tijdlijn van de app telt een gedeeltelijke hervatting niet als "
    "onderbreking. Kijk na of de gedeeltelijke hervatting korter was dan 14 dagen."
)
REASON_INFORMAL_TRAJECTORY = (
    "Er loopt een informeel traject. De voorwaarde spreekt van een re-integratietraject (het "
    "formele traject van de Codex); of een informeel traject de procedure verhindert, staat in "
    "geen bron. Sluit het informele traject af of vraag raad voor u de procedure start."
)
REASON_SIX_MONTHS = (
    "Aangekondigd maar niet bevestigd: de procedure zou al na 6 maanden kunnen starten "
    "(feitenblad §1.7, S24 'weldra'); de app rekent met 9 maanden."
)


def _r(key: str, title: str, source: str, effective_from: date | None,
       confirmed: bool, note: str = "") -> Rule:
    return Rule(key, title, source, effective_from, confirmed, note)


DUTY_RULES: tuple[Rule, ...] = (
    _r("preventief_verzoek",
       "Preventief verzoek: de werkgever onderzoekt de vraag ernstig en informeert de werknemer "
       "zo snel mogelijk over het gevolg",
       SRC_PREVENTIVE, RIT_2026, True,
       "Een werknemer die dreigt arbeidsongeschikt te worden, kan vragen na te gaan of een "
       "aanpassing van de werkpost en/of aangepast of ander werk mogelijk is. De werkgever is "
       "niet verplicht erop in te gaan, maar moet de vraag ernstig onderzoeken en de werknemer "
       "zo snel mogelijk informeren over het gevolg, of over het feit dat hij er niet op ingaat. "
       "Het advies van de arbeidsarts (of een andere preventieadviseur) gaat over aanpassingen "
       "van het werk, nooit over een diagnose."),
    _r("preventief_verzoek_artikel",
       "Preventief verzoek: artikel I.4-36 van de Codex",
       "Feitenblad §3.2 (enkel S31, NCOI)", RIT_2026, False, REASON_PREVENTIVE_ARTICLE),
    _r("preventief_verzoek_termijn",
       "Preventief verzoek: termijn voor het antwoord van de werkgever",
       SRC_PREVENTIVE, RIT_2026, False, REASON_PREVENTIVE_TERM),
    _r("preventief_verzoek_arbeidsarts",
       "Preventief verzoek: rechtstreeks via de arbeidsarts",
       SRC_PREVENTIVE, RIT_2026, False, REASON_PREVENTIVE_ROUTE),
    _r("medische_overmacht_voorwaarden",
       "Medische overmacht: 9 maanden ononderbroken ongeschikt en geen lopend "
       "re-integratietraject",
       SRC_FORCE_MAJEURE_PROCEDURE, MEDICAL_FORCE_MAJEURE_2022, True,
       "Een (volledige of gedeeltelijke) werkhervatting van minder dan 14 dagen onderbreekt de "
       "9 maanden niet."),
    _r("medische_overmacht_kennisgeving",
       "Medische overmacht: aangetekende kennisgeving aan de werknemer en aan de arbeidsarts",
       SRC_FORCE_MAJEURE_PROCEDURE, MEDICAL_FORCE_MAJEURE_2022, True,
       "De kennisgeving vermeldt de intentie om na te gaan of het voor de werknemer definitief "
       "onmogelijk is het overeengekomen werk uit te oefenen. Die van de werkgever vermeldt ook "
       "het recht van de werknemer om de arbeidsarts te vragen de mogelijkheden voor aangepast "
       "of ander werk te onderzoeken, en het recht zich te laten bijstaan door de "
       "vakbondsafvaardiging."),
    _r("medische_overmacht_onderzoek",
       "Medische overmacht: onderzoek ten vroegste 10 kalenderdagen na de aanvraag, vaststelling "
       "binnen 3 maanden",
       SRC_FORCE_MAJEURE_PROCEDURE, MEDICAL_FORCE_MAJEURE_2022, True,
       "Bij een negatieve vaststelling kan de procedure pas opnieuw na een nieuwe ononderbroken "
       "periode van 9 maanden."),
    _r("medische_overmacht_einde",
       "Medische overmacht: bij eenzijdige beëindiging door de werkgever melding aan het RIZIV "
       "binnen 45 dagen en € 1.800 aan het Terug Naar Werk-fonds",
       SRC_FORCE_MAJEURE_END, date(2024, 4, 1), True,
       "Niet bij beëindiging in onderling akkoord of door de werknemer. Aangekondigd maar niet "
       "bevestigd: ook bij onderling akkoord."),
)

_BY_KEY = {r.key: r for r in DUTY_RULES}
assert len(_BY_KEY) == len(DUTY_RULES), "duplicate duty rule key"


def duty_rule(key: str) -> Rule:
    """A rule of :data:`DUTY_RULES` by key (``KeyError`` if unknown)."""
    return _BY_KEY[key]


def _dated(key: str, due: date, title: str, explanation: str, rule_key: str,
           reasons: list[str], *, undated: bool = False,
           next_working: date | None = None) -> LegalDate:
    r = duty_rule(rule_key)
    all_reasons = ([] if r.confirmed else [r.note]) + [x for x in reasons if x]
    assert r.effective_from is not None
    return LegalDate(key=key, due=due, title=title, explanation=explanation, source=r.source,
                     effective_from=r.effective_from, confirmed=not all_reasons,
                     unconfirmed_reason=" ".join(all_reasons) or None,
                     next_working_day=next_working, undated=undated)


def preventive_answer_due(requested_on: date, advice_received_on: date | None) -> LegalDate:
    """When the employer must answer a preventive request: "zo snel mogelijk", undated.

    ``due`` is the reference day (the advice, else the request); ``undated`` is always True
    and the result is never confirmed, because no source gives a term in days.
    """
    reference = advice_received_on or requested_on
    since = (f"sinds het advies van {format_date_nl(advice_received_on)}" if advice_received_on
             else f"sinds het verzoek van {format_date_nl(requested_on)}")
    return _dated(
        "preventief_antwoord", reference,
        "Antwoord aan de werknemer: zo snel mogelijk",
        f"Onderzoek de vraag en het advies ernstig en laat de werknemer zo snel mogelijk ({since}) "
        "weten welk gevolg u eraan geeft — welke aanpassing, vanaf wanneer — of waarom u er niet "
        "op kunt ingaan. Een termijn in dagen staat in geen bron.",
        "preventief_verzoek_termijn", [], undated=True)


def force_majeure_dates(notice_sent_on: date) -> tuple[LegalDate, LegalDate]:
    """Earliest examination (notice + 10 days) and the latest finding (notice + 3 months)."""
    exam = notice_sent_on + timedelta(days=10)
    finding, month_reasons, _reading = months_after(notice_sent_on, 3, latest=True)
    moved, weekend = non_working_reason(finding, binds_employer=False)
    return (
        _dated("overmacht_onderzoek", exam,
               "Onderzoek door de arbeidsarts: ten vroegste",
               "De arbeidsarts onderzoekt de werknemer ten vroegste 10 kalenderdagen na de "
               "aanvraag. Intussen kan de werknemer vragen dat de mogelijkheden voor aangepast of "
               "ander werk onderzocht worden.",
               "medische_overmacht_onderzoek", [REASON_EXAMINATION_START]),
        _dated("overmacht_vaststelling", finding,
               "Vaststelling door de arbeidsarts: uiterlijk",
               "De arbeidsarts stelt binnen 3 maanden vast of de werknemer definitief ongeschikt "
               "is voor het overeengekomen werk. Pas na een vaststelling van definitieve "
               "ongeschiktheid kan de overeenkomst eindigen wegens medische overmacht; is de "
               "vaststelling negatief, dan kan de procedure pas opnieuw na een nieuwe "
               "ononderbroken periode van 9 maanden.",
               "medische_overmacht_onderzoek",
               [REASON_EXAMINATION_START, *month_reasons, *weekend], next_working=moved),
    )
