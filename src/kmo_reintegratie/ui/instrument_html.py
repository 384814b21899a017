"""The instrument as HTML for QTextBrowser (the read-only `Instrument` view)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from kmo_reintegratie.instrument import (
    Checklist,
    Instrument,
    ListBlock,
    Paragraph,
    Section,
)


def blocks_html(blocks: Iterable[object]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{_linkify(block.text)}</p>")
        elif isinstance(block, ListBlock):
            tag = "ol" if block.style == "numbered" else "ul"
            items = "".join(
                f"<li>{_linkify(item.text)}{blocks_html(item.children)}</li>" for item in block.items
            )
            parts.append(f"<{tag}>{items}</{tag}>")
    return "".join(parts)


def _linkify(text: str) -> str:
    words = []
    for word in escape(text).split(" "):
        if word.startswith(("http://", "https://", "www.")):
            target = word.rstrip(".,;)")
            rest = word[len(target):]
            href = target if target.startswith("http") else f"https://{target}"
            words.append(f'<a href="{href}">{target}</a>{rest}')
        else:
            words.append(word)
    return " ".join(words)


def attribution_html(instrument: Instrument) -> str:
    source = instrument.source
    return (
        f"<p class='source'><i>{escape(source.attribution)}</i></p>"
        f"<p class='source'>Uitgever: {escape(source.publisher)}. "
        f"Onderzoek: {escape(source.research)} ({escape(source.period)}).</p>"
    )


def introduction_html(instrument: Instrument) -> str:
    return (
        f"<h1>{escape(instrument.title)}</h1>"
        f"{blocks_html(instrument.introduction)}"
        "<h2>Hoe dit instrument gebruiken?</h2>"
        f"{blocks_html(instrument.usage)}"
        "<h2>Bronvermelding</h2>"
        f"{attribution_html(instrument)}"
    )


def checklist_html(checklist: Checklist) -> str:
    parts = [
        f"<h1>Checklist {checklist.number}: {escape(checklist.title)}</h1>",
        blocks_html(checklist.introduction),
    ]
    for theme in checklist.themes:
        parts.append(f"<h2>{escape(theme.number)}. {escape(theme.title)}</h2>")
        parts.extend(section_html(section, level=3) for section in theme.sections)
    return "".join(parts)


def section_html(section: Section, *, level: int = 1) -> str:
    h = f"h{level}"
    sub = f"h{min(level + 1, 6)}"
    parts = [f"<{h}>{escape(section.number)} {escape(section.title)}</{h}>", f"<{sub}>Vragen</{sub}><ul>"]
    for question in section.questions:
        marker = " <i>(tekst onvolledig in de bron)</i>" if question.truncated_in_source else ""
        parts.append(f"<li>{escape(question.text)}{marker}</li>")
    parts.append("</ul>")
    parts.append(guidance_html(section, level=level + 1))
    return "".join(parts)


def guidance_html(section: Section, *, level: int = 3) -> str:
    """The second and third frame of a section: examples, advice and links."""
    sub = f"h{min(level, 6)}"
    parts: list[str] = []
    if section.examples:
        parts.append(f"<{sub}>Voorbeelden van goede praktijken</{sub}>")
        for example in section.examples:
            sector = f" <i>({escape(example.sector)})</i>" if example.sector else ""
            # The source numbers most examples but labels some just "Voorbeeld.".
            label = "Voorbeeld" if example.number is None else f"Voorbeeld {example.number}"
            parts.append(f"<p><b>{label}.</b> {escape(example.text)}{sector}</p>")
    if section.advice:
        parts.append(f"<{sub}>Advies op basis van goede praktijken</{sub}>")
        parts.append(blocks_html(section.advice))
    if section.links:
        parts.append(f"<{sub}>Meer informatie</{sub}><ul>")
        parts.extend(
            f'<li><a href="{escape(link.url)}">{escape(link.label or link.url)}</a></li>'
            for link in section.links
        )
        parts.append("</ul>")
    return "".join(parts)
