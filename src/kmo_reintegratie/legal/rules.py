"""The rules registry: every rule the app applies, with its source and the date it took effect.

The "Bronnen" view lists :data:`RULES`.  Functions elsewhere in the package build their
results through :func:`make`, which copies the source and effective date of the rule and
turns an unconfirmed rule or any extra doubt into a Dutch ``unconfirmed_reason``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from kmo_reintegratie.legal.base import (
    MEDICAL_FORCE_MAJEURE_2022,
    RETURN_EXAMINATION_REFERENCE,
    RIT_2016,
    RIT_2022,
    RIT_2026,
    UNIFIED_STATUTE_2014,
)
from kmo_reintegratie.legal.records import LegalDate, Rule
from kmo_reintegratie.legal.rule_texts import (
    REASON_ASSESSMENT_WORDING,
    REASON_PLAN_B_START,
    REASON_RESUMPTION_ANALOGY,
    REASON_RIT3_OLD_ABSENCE,
    SRC_ELIGIBILITY,
    SRC_FORCE_MAJEURE,
    SRC_GUARANTEED,
    SRC_KIND_RELAPSE,
    SRC_OCCUPATIONAL_TRAJECTORY,
    SRC_REINTEGRATION_WORK,
    SRC_RELAPSE_CHAIN,
    SRC_RELAPSE_OLD,
    SRC_RELAPSE_2026,
    SRC_REPORT,
    SRC_RETURN_EXAMINATION,
    SRC_RIT_2016,
    SRC_RIT_2022,
    SRC_RIT_2026,
    SRC_RIT_2026_TERMS,
)
from kmo_reintegratie.legal.terms import non_working_reason


def _r(key: str, title: str, source: str, effective_from: date | None,
       confirmed: bool, note: str = "") -> Rule:
    return Rule(key, title, source, effective_from, confirmed, note)


RULES: tuple[Rule, ...] = (
    # --- calculation conventions -----------------------------------------
    _r("termijnen_kalenderdagen",
       "Termijnen in kalenderdagen, te tellen vanaf de dag na ontvangst",
       "KB 11 september 2022; feitenblad §0 (S3, S17, S18)", RIT_2022, True,
       "Vroeger (2016 – 30/9/2022) golden voor een deel van de termijnen werkdagen."),
    _r("termijnen_maanden",
       "Termijnen in maanden aan het einde van een maand: twee lezingen",
       "Rekenconventie van de app; niet in het feitenblad", None, False,
       "Welke rekenwijze de wet volgt als de dag niet bestaat (30 november + 3 maanden), staat "
       "niet in het feitenblad: hetzelfde dagnummer en anders de laatste dag van de maand "
       "(28 februari), of volle maanden (1 maart). Voor een uiterste datum neemt de app de "
       "vroegste lezing, voor een vroegst mogelijke datum de laatste, en vermeldt welke."),
    _r("termijn_weekend_feestdag",
       "Termijn die eindigt op een zaterdag, zondag of feestdag",
       "Gerechtelijk Wetboek art. 53 (proceduretermijnen); toepassing op deze termijnen niet "
       "bevestigd", None, False,
       "Art. 53 Ger.W. verschuift de vervaldag van een proceduretermijn naar de volgende "
       "werkdag; of dat voor de termijnen van de Codex en de Arbeidsovereenkomstenwet geldt, "
       "staat in geen bron. De app toont de berekende dag én de volgende werkdag."),
    _r("hervatting_analogie",
       "Werkhervatting tijdens de termijnen van 4 weken, 8 weken en 6 maanden",
       "Rekenconventie van de app; niet in het feitenblad", None, False,
       REASON_RESUMPTION_ANALOGY),
    # --- guaranteed salary and relapse ------------------------------------
    _r("gewaarborgd_loon_bediende",
       "Gewaarborgd loon bediende: 30 kalenderdagen 100 % door de werkgever",
       SRC_GUARANTEED, UNIFIED_STATUTE_2014, True,
       "Voor bedienden met een overeenkomst van onbepaalde duur of van minstens 3 maanden. "
       "Vanaf dag 31 betaalt het ziekenfonds. Ingangsdatum: het feitenblad geeft geen datum; "
       "1 januari 2014 (eenheidsstatuut) is een referentiedatum, de regeling zelf is ouder."),
    _r("gewaarborgd_loon_arbeider",
       "Gewaarborgd loon arbeider: 30 kalenderdagen (100 %, 85,88 %, 25,88 % + ziekenfonds)",
       SRC_GUARANTEED, UNIFIED_STATUTE_2014, True,
       "Voor arbeiders met minstens 1 maand dienst. Dag 1–7: 100 %; dag 8–14: 85,88 %; "
       "dag 15–30: 25,88 % van het begrensde loon (+ 85,88 % van het deel boven de grens) "
       "door de werkgever, plus 60 % van het begrensde loon door het ziekenfonds. "
       "Ingangsdatum: het feitenblad geeft geen datum; 1 januari 2014 is een referentiedatum."),
    _r("gewaarborgd_loon_voorwaarden",
       "Voorwaarden: arbeider 1 maand in dienst; bediende met overeenkomst < 3 maanden "
       "volgt de arbeidersregeling",
       SRC_ELIGIBILITY, UNIFIED_STATUTE_2014, True,
       "Een arbeider zonder 1 maand ononderbroken dienst heeft geen gewaarborgd loon (het "
       "ziekenfonds komt tussen). Een bediende met een overeenkomst van bepaalde duur van "
       "minder dan 3 maanden valt onder de regeling van de arbeiders."),
    _r("herval_14_dagen",
       "Herval binnen 14 dagen: geen nieuw gewaarborgd loon (tot 31 december 2025)",
       SRC_RELAPSE_OLD, UNIFIED_STATUTE_2014, True,
       "Enkel bij dezelfde ziekte of hetzelfde ongeval; alleen het saldo van het gewaarborgd "
       "loon blijft verschuldigd. De 14 dagen lopen vanaf de dag na de laatste dag van "
       "ongeschiktheid. Ingangsdatum: referentiedatum, niet in het feitenblad."),
    _r("herval_8_weken",
       "Herval binnen 8 weken: geen nieuw gewaarborgd loon (sinds 1 januari 2026)",
       SRC_RELAPSE_2026, RIT_2026, True,
       "Enkel bij dezelfde ziekte of hetzelfde ongeval (medisch attest); alleen het saldo van "
       "het gewaarborgd loon blijft verschuldigd. De 8 kalenderweken lopen vanaf de dag na de "
       "laatste dag van ongeschiktheid (ook een zondag of feestdag)."),
    _r("herval_vertrekpunt",
       "Meerdere hervallen: de termijn loopt vanaf de laatste periode die gewaarborgd loon "
       "deed ontstaan",
       SRC_RELAPSE_CHAIN, UNIFIED_STATUTE_2014, True,
       "Arbeider: vanaf de dag na de laatste periode waarin gewaarborgd loon aan 100 % of "
       "85,88 % (dag 1–14) werd betaald; een periode die enkel het saldo aan 25,88 % betaalde, "
       "telt niet. Bediende: de wet spreekt van een periode die aanleiding gaf tot betaling "
       "van het gewaarborgd maandloon; of een periode die enkel een saldo betaalde meetelt, "
       "is niet bevestigd en wordt getoond als het verschil maakt."),
    _r("herval_beroepsziekte_arbeidsongeval",
       "Beroepsziekte of arbeidsongeval: opnieuw gewaarborgd loon, ook bij herval",
       SRC_KIND_RELAPSE, UNIFIED_STATUTE_2014, True,
       "Bij een beroepsziekte is steeds opnieuw gewaarborgd loon verschuldigd, op voorwaarde "
       "dat de vorige ongeschiktheid beëindigd is; bij een nieuwe ongeschiktheid door "
       "hetzelfde arbeidsongeval ook (Cass. 4 september 1970). Ingangsdatum: referentiedatum."),
    _r("geen_gewaarborgd_loon_reintegratie",
       "Nieuwe ongeschiktheid tijdens aangepast of ander werk in een re-integratietraject: "
       "geen nieuw gewaarborgd loon",
       SRC_REINTEGRATION_WORK, RIT_2016, True,
       "Het ziekenfonds betaalt meteen, tenzij de nieuwe ongeschiktheid het gevolg is van een "
       "beroepsziekte of een arbeidsongeval (of ongeval op weg) tijdens die periode. "
       "Ingangsdatum: referentiedatum (start re-integratietraject), niet in de bron."),
    _r("dag_zonder_attest",
       "Eén dag afwezig zonder ziekteattest, twee keer per kalenderjaar (50 of meer werknemers)",
       "Feitenblad §4.2 (S70, S15)", RIT_2026, True,
       "Was drie keer. Met minder dan 50 werknemers op 1 januari kan de werkgever een attest "
       "vanaf de eerste dag blijven eisen (arbeidsreglement of cao)."),
    # --- absence milestones -----------------------------------------------
    _r("melding_arbeidsarts",
       "Arbeidsongeschiktheid van 4 weken melden aan de arbeidsarts",
       SRC_REPORT, RIT_2022, True,
       "De arbeidsarts (of verpleegkundige) informeert de werknemer daarna over het bezoek "
       "voorafgaand aan de werkhervatting en het re-integratietraject."),
    _r("werkhervattingsonderzoek",
       "Werkhervattingsonderzoek na 4 weken afwezigheid (werknemers onder gezondheidstoezicht)",
       SRC_RETURN_EXAMINATION, RETURN_EXAMINATION_REFERENCE, True,
       "Op de dag van de werkhervatting of uiterlijk binnen 10 werkdagen. Ingangsdatum: "
       "referentiedatum (KB 28 mei 2003, gezondheidstoezicht), niet in het feitenblad."),
    _r("inschatting_arbeidspotentieel",
       "Vanaf 8 weken: de arbeidsarts vragen het arbeidspotentieel in te schatten",
       SRC_RIT_2026 + "; feitenblad §1.1 (S9, S24, S25, S26, S36); IDEWE (seed 004); Mensura",
       RIT_2026, False, REASON_ASSESSMENT_WORDING),
    _r("uiterste_aanvraag_traject",
       "Uiterlijk 6 maanden na het begin: re-integratietraject aanvragen bij arbeidspotentieel",
       SRC_RIT_2026 + "; feitenblad §1.1 (S24, S25, S26, S36)", RIT_2026, True,
       "Enkel als de arbeidsarts arbeidspotentieel vaststelde. Strafsanctie bij niet-opstarten: "
       "principe bevestigd; drempel (minstens 20 of meer dan 20 werknemers) en bedrag te "
       "bevestigen."),
    _r("rit3_oude_afwezigheden",
       "Gelden de 8-weken- en 6-maandenregel ook voor afwezigheden van vóór 2026?",
       "Feitenblad §1.1 (enkel S14, niet-officieel)", RIT_2026, False,
       REASON_RIT3_OLD_ABSENCE),
    _r("traject_beroepsrisico",
       "Arbeidsongeval of beroepsziekte: re-integratietraject pas na het einde van de "
       "tijdelijke ongeschiktheid",
       SRC_OCCUPATIONAL_TRAJECTORY, RIT_2022, True,
       "Sinds 1 oktober 2022 kan ook voor een arbeidsongeval of beroepsziekte een traject "
       "starten, maar pas zodra de tijdelijke arbeidsongeschiktheid in die regeling beëindigd "
       "is; de terugkeerprocedures van de arbeidsongevallenwet en de beroepsziektenwetten "
       "gaan voor."),
    _r("medische_overmacht",
       "Medische overmacht: procedure mogelijk na 9 maanden ononderbroken ongeschiktheid",
       SRC_FORCE_MAJEURE, MEDICAL_FORCE_MAJEURE_2022, True,
       "Een hervatting van minder dan 14 dagen onderbreekt de 9 maanden niet. Enkel als er "
       "geen re-integratietraject loopt."),
    _r("medische_overmacht_6_maanden",
       "Aangekondigd: medische overmacht al na 6 maanden",
       "Feitenblad §1.7 (S24: 'weldra')", None, False,
       "Aangekondigd door de regering, maar niet bevestigd dat het in werking is; latere "
       "bronnen van 2026 vermelden het niet."),
    # --- formal trajectory --------------------------------------------------
    _r("initiatief_werknemer",
       "De werknemer kan een traject starten vanaf dag 1",
       SRC_RIT_2016 + "; feitenblad §1.1 (S19, S20, S21)", RIT_2016, True),
    _r("initiatief_behandelend_arts",
       "De behandelend arts kan een traject starten, met instemming van de werknemer",
       SRC_RIT_2016 + "; feitenblad §1.1 (S19, S20)", RIT_2016, True),
    _r("initiatief_adviserend_arts",
       "De adviserend arts van het ziekenfonds kan geen traject meer starten",
       SRC_RIT_2022 + "; feitenblad §1.1 (S3, S5, S22)", RIT_2022, True,
       "Blijft wel betrokken en kan doorverwijzen of adviseren."),
    _r("werkgever_start_2016",
       "Werkgever start traject na 4 maanden ongeschiktheid (1/12/2016 – 30/9/2022)",
       SRC_RIT_2016, RIT_2016, False,
       "Het feitenblad vermeldt enkel dat de termijn vroeger 4 maanden was; de overige "
       "voorwaarden van de oude regeling zijn niet nagekeken."),
    _r("werkgever_start_2022",
       "Werkgever start traject na 3 maanden ononderbroken ongeschiktheid of bij attest "
       "definitieve ongeschiktheid (1/10/2022 – 31/12/2025)",
       SRC_RIT_2022 + "; feitenblad §1.1 (S3, S19, S20, S23)", RIT_2022, True,
       "Een hervatting van minder dan 14 dagen onderbreekt de 3 maanden niet."),
    _r("werkgever_start_2026",
       "Werkgever start traject vanaf dag 1 met instemming van de werknemer, of na een "
       "inschatting die arbeidspotentieel vaststelt (sinds 1/1/2026)",
       SRC_RIT_2026 + "; feitenblad §0 en §1.1 (S9, S24, S25); IDEWE (seed 004)", RIT_2026, True,
       "RIT 3.0 geldt enkel voor trajecten opgestart vanaf 1 januari 2026."),
    _r("beoordeling_49_dagen",
       "Re-integratiebeoordeling binnen 49 kalenderdagen na ontvangst van het verzoek",
       SRC_RIT_2022 + "; feitenblad §1.2 (S3, S29)", RIT_2022, True,
       "Was 40 werkdagen."),
    _r("beroep_21_dagen",
       "Beroep tegen beslissing B binnen 21 kalenderdagen na ontvangst door de werknemer",
       SRC_RIT_2022 + "; feitenblad §1.4 (S33, S1); Securex lex4you 'Beroep van de werknemer'",
       RIT_2022, True,
       "Was 7 werkdagen. De termijn begint de dag na de dag waarop de werknemer de beslissing "
       "ontving. Eén keer per traject, enkel tegen beslissing B, aangetekend aan de "
       "arts-sociaal inspecteur en aan de werkgever."),
    _r("plan_beslissing_a",
       "Re-integratieplan binnen 63 kalenderdagen na beslissing A",
       SRC_RIT_2022 + "; feitenblad §1.5 (S3, S29)", RIT_2022, True,
       "Was 55 werkdagen."),
    _r("plan_beslissing_b",
       "Re-integratieplan binnen 6 maanden na beslissing B",
       SRC_RIT_2022 + "; feitenblad §1.4 en §1.5 (S3, S34)", RIT_2022, False,
       REASON_PLAN_B_START + " Was 12 maanden."),
    _r("gemotiveerd_verslag",
       "Gemotiveerd verslag als geen plan mogelijk is",
       SRC_RIT_2022 + "; feitenblad §1.5 en §2.2 (S38, S48)", RIT_2022, False,
       "Termijn niet bevestigd (vermoedelijk dezelfde als voor het plan). Te bezorgen aan de "
       "werknemer en de arbeidsarts."),
    _r("instemming_werknemer_14_dagen",
       "Werknemer stemt binnen 14 kalenderdagen in met het plan of weigert met redenen",
       SRC_RIT_2022 + "; feitenblad §1.5 (S3, S18)", RIT_2022, True,
       "Was 5 dagen. Geen reactie: de werkgever contacteert de werknemer; opnieuw geen "
       "reactie geldt als weigering."),
    _r("rit3_termijnen",
       "Termijnen 49 dagen, 63 dagen, 6 maanden en 14 dagen onder RIT 3.0",
       SRC_RIT_2026_TERMS, RIT_2026, True,
       "IDEWE (2026) vermeldt voor trajecten onder de regels van 2026 uitdrukkelijk 49 "
       "kalenderdagen voor de beoordeling, 63 kalenderdagen (A) en 6 maanden (B) voor het plan "
       "en 14 dagen om te ondertekenen."),
    _r("beslissing_c",
       "Beslissing C: beoordeling (voorlopig) niet mogelijk, geen re-integratieplan",
       SRC_RIT_2022 + "; feitenblad §1.3 (S28, S4, S30)", RIT_2022, True),
    _r("nieuw_traject_na_c",
       "Nieuw traject na beslissing C",
       "IDEWE-webpagina (seed 004); feitenblad §1.3 en §6 punt 3: niet bevestigd",
       RIT_2022, False,
       "Opvolging na beslissing C staat niet in de bronnen van het feitenblad. IDEWE vermeldt: "
       "ten vroegste na drie maanden een nieuw traject, tenzij de arbeidsarts goede redenen "
       "heeft om daarvan af te wijken; vertrekpunt niet vermeld."),
    # --- good practice ------------------------------------------------------
    _r("nazorg_helft",
       "Nazorg: vuistregel de helft van de verzuimperiode",
       "Praktijktip (seed 002, Nederlandse bron); geen Belgische wettelijke regel", None, True,
       "Richtlijn, geen wettelijke verplichting."),
)

_RULES_BY_KEY: dict[str, Rule] = {r.key: r for r in RULES}
assert len(_RULES_BY_KEY) == len(RULES), "duplicate rule key"


def rule(key: str) -> Rule:
    """Look up a rule of :data:`RULES` by key (``KeyError`` if unknown)."""
    return _RULES_BY_KEY[key]


def make(key: str, due: date, title: str, explanation: str, rule_key: str,
         reasons: Iterable[str] = (), *, deadline: bool = False, binds_employer: bool = True,
         latest_end: date | None = None, approximate: bool = False, reading: str = "",
         undated: bool = False) -> LegalDate:
    """A :class:`LegalDate` carrying the source and effective date of ``rule_key``.

    ``deadline``: ``due`` is the last day of a term, so a Saturday, Sunday or public holiday
    adds the next working day as the other reading (flagged).  ``binds_employer`` says whose
    term it is, which decides the advice (see :func:`terms.non_working_reason`).
    """
    r = rule(rule_key)
    all_reasons = [] if r.confirmed else [r.note]
    moved: date | None = None
    if deadline:
        moved, weekend = non_working_reason(due, binds_employer=binds_employer)
        reasons = [*reasons, *weekend]
    for reason in reasons:
        if reason and reason not in all_reasons:
            all_reasons.append(reason)
    assert r.effective_from is not None, rule_key
    return LegalDate(
        key=key,
        due=due,
        title=title,
        explanation=explanation,
        source=r.source,
        effective_from=r.effective_from,
        confirmed=not all_reasons,
        unconfirmed_reason=" ".join(all_reasons) or None,
        next_working_day=moved,
        latest_end=latest_end,
        approximate=approximate,
        reading=reading,
        undated=undated,
    )
