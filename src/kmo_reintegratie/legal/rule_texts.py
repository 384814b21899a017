"""Source citations and reusable Dutch reasons for "te bevestigen", kept in one place.

Sources are cited as the fact sheet does (``wetgeving.md``, S-numbers) or by the public page
that was read to verify a rule for issue 13.
"""

from __future__ import annotations

SRC_GUARANTEED = (
    "Arbeidsovereenkomstenwet van 3 juli 1978 (gewaarborgd loon, art. 52 en 70); "
    "feitenblad §4.2 (S62, S63, S64)"
)
SRC_ELIGIBILITY = (
    "Arbeidsovereenkomstenwet van 3 juli 1978 (art. 52 en 70); feitenblad §4.2 (S62, S63, S64: "
    "arbeider ≥ 1 maand in dienst, bediende met overeenkomst van onbepaalde duur of ≥ 3 maanden)"
)
SRC_RELAPSE_OLD = (
    "Arbeidsovereenkomstenwet van 3 juli 1978 (herval, art. 52 §1 en 71); feitenblad §4.2 (S66); "
    "UCM 'Maladie et rechute' (14 dagen vanaf de dag na de laatste dag van ongeschiktheid)"
)
SRC_RELAPSE_2026 = (
    "Wet gepubliceerd in het BS van 30 december 2025 (Terug-naar-werk 3.0); "
    "feitenblad §4.2 (S66, S15, S24)"
)
SRC_RELAPSE_CHAIN = (
    "Art. 52 §1 en 71 Arbeidsovereenkomstenwet; Securex lex4you 'Wat gebeurt er in geval van "
    "meerdere keren herval?' (arbeider, 8 kalenderweken, voorbeeld 22/09 – 18/01); UCM "
    "'Maladie et rechute : qu'en est-il du salaire garanti ?'"
)
SRC_KIND_RELAPSE = (
    "Stichting tegen Kanker, allesoverkanker.be 'Houden werknemers bij een tweede langdurige "
    "afwezigheid … alle rechten' (beroepsziekte); Securex lex4you 'Quid en cas de rechute' "
    "(arbeidsongeval, Cass. 4 september 1970)"
)
SRC_REINTEGRATION_WORK = (
    "Arbeidsovereenkomstenwet (gewaarborgd loon bij aangepast of ander werk in een "
    "re-integratietraject); allesoverkanker.be 'Houden werknemers bij een tweede langdurige "
    "afwezigheid … alle rechten'"
)
SRC_OCCUPATIONAL_TRAJECTORY = (
    "Codex welzijn op het werk boek I titel 4 (KB 11 september 2022); Fedris "
    "'Re-integratietraject – nu ook voor werknemers getroffen door een arbeidsongeval of "
    "beroepsziekte'"
)
SRC_RIT_2016 = "KB 28 oktober 2016 (BS 24 november 2016); feitenblad §0 en §1.1 (S27, S35, S3)"
SRC_RIT_2022 = (
    "Codex welzijn op het werk, boek I titel 4 hoofdstuk VI, gewijzigd door het KB van "
    "11 september 2022 (BS 20 september 2022)"
)
SRC_RIT_2026 = (
    "Codex welzijn op het werk, boek I titel 4 hoofdstuk VI, gewijzigd door het KB "
    "gepubliceerd in het BS van 30 december 2025 (RIT 3.0)"
)
SRC_RIT_2026_TERMS = (
    SRC_RIT_2026 + "; IDEWE 'Met een re-integratiebeleid help je werknemers vanuit ziekte weer "
    "aan de slag' (2026, seed 004_be2446a1a74e53ea): 49 kalenderdagen, 63 kalenderdagen, "
    "6 maanden, 14 dagen"
)
SRC_REPORT = (
    "Codex welzijn op het werk, art. I.4-4 §3 (KB 11 september 2022); "
    "feitenblad §3.3 (S5, S53)"
)
SRC_RETURN_EXAMINATION = (
    "Codex welzijn op het werk, boek I titel 4 (gezondheidstoezicht, onderzoek bij "
    "werkhervatting); feitenblad §3.4 (S58, Attentia 'Welke bepalingen gelden er bij een "
    "werkhervattingsonderzoek?')"
)
SRC_FORCE_MAJEURE = (
    "Art. 34 Arbeidsovereenkomstenwet (wet van 30 oktober 2022, BS 18 november 2022); "
    "procedure art. I.4-82 Codex welzijn op het werk; feitenblad §1.7 (S6, S7, S41, S42)"
)

REASON_RIT3_OLD_ABSENCE = (
    "De afwezigheid begon vóór 1 januari 2026. Of deze verplichting van RIT 3.0 ook geldt "
    "voor afwezigheden die vóór 2026 begonnen, is niet bevestigd (enkel een niet-officiële "
    "bron zegt dat ze alleen geldt voor afwezigheden vanaf 1 januari 2026)."
)
REASON_RESUMPTION_ANALOGY = (
    "Het feitenblad zegt niet hoe een werkhervatting deze termijn beïnvloedt. De app past "
    "naar analogie de 14-dagenregel toe: een hervatting van minder dan 14 dagen onderbreekt "
    "niet, een langere hervatting laat de termijn opnieuw beginnen."
)
REASON_SHORT_RESUMPTION_COUNTED = (
    "Een hervatting van minder dan 14 dagen onderbreekt de termijn niet, maar het "
    "feitenblad zegt niet of de gewerkte dagen meetellen. De app telt ze mee "
    "(vroegst mogelijke datum)."
)
REASON_PLAN_B_START = (
    "Het vertrekpunt van de 6 maanden bij beslissing B is niet bevestigd: ontvangst van het "
    "formulier, einde van de beroepstermijn of ontvangst van de beroepsbeslissing."
)
REASON_ASSESSMENT_WORDING = (
    "De bronnen verschillen over de vraag of de werkgever de inschatting na 8 weken moet "
    "vragen: het feitenblad (S9, S24, S25, S26, S36) spreekt van een verplichting, IDEWE "
    "(2026, seed 004) en Mensura beschrijven ze als een mogelijkheid vanaf 8 weken die nodig "
    "is om zonder instemming van de werknemer een traject te starten."
)
